package store

import (
	"errors"
	"fmt"
	"strings"

	"peiyang/models"

	"github.com/jackc/pgx/v5/pgconn"
	"modernc.org/sqlite"
	sqlite3 "modernc.org/sqlite/lib"
)

// Messages for records that are not there, one per type.
const (
	msgOrganisationNotFound = "Organisation {{.ID}} not found."
	msgProgrammeNotFound    = "Programme {{.ID}} not found."
	msgCohortNotFound       = "Cohort {{.ID}} not found."
	msgInstructorNotFound   = "Instructor {{.ID}} not found."
	msgTraineeNotFound      = "Trainee {{.ID}} not found."
	msgCourseNotFound       = "Course {{.ID}} not found."
	msgSessionNotFound      = "Session {{.ID}} not found."
	msgEnrolmentNotFound    = "Enrolment {{.ID}} not found."
	msgPlacementNotFound    = "Placement {{.ID}} not found."
	msgMentorshipNotFound   = "Mentorship {{.ID}} not found."
	msgContactNotFound      = "Contact log entry {{.ID}} not found."
	msgReturnNotFound       = "Return record {{.ID}} not found."
	msgElectionNotFound     = "Election record {{.ID}} not found."
	msgCertificateNotFound  = "Certificate {{.ID}} not found."
)

// Messages for deleting a record that others still refer to, one per type.
const (
	msgOrganisationInUse = "Organisation {{.ID}} is still referred to by other records and cannot be deleted."
	msgProgrammeInUse    = "Programme {{.ID}} still has cohorts and cannot be deleted."
	msgCohortInUse       = "Cohort {{.ID}} still has trainees or courses and cannot be deleted."
	msgInstructorInUse   = "Instructor {{.ID}} still has sessions or mentorships and cannot be deleted."
	msgTraineeInUse      = "Trainee {{.ID}} has records in the programme and cannot be deleted."
	msgCourseInUse       = "Course {{.ID}} has enrolments, attendance or certificates and cannot be deleted."
	msgSessionInUse      = "Session {{.ID}} has attendance records and cannot be deleted."
	msgMentorshipInUse   = "Mentorship {{.ID}} has contact log entries and cannot be deleted."
	msgReturnInUse       = "Return record {{.ID}} has election records and cannot be deleted."
	msgRecordInUse       = "The record is still referred to by other records and cannot be deleted."
)

// uniqueMessages maps the columns SQLite names in a unique constraint
// failure to the message the user sees.
var uniqueMessages = []struct{ columns, message string }{
	{"trainees.id_number", "A trainee with this ID number is already on record."},
	{"enrolments.course_id, enrolments.trainee_id", "The trainee is already on this course."},
	{"attendance.session_id, attendance.trainee_id", "The trainee's sign-in for this session is already recorded."},
	{"certificates.serial", "The certificate serial is already taken."},
	{"certificates.year, certificates.seq", "The certificate number is already taken for this year."},
	{"programme_outflow_orgs.", "An outflow organisation is listed twice."},
	{"instructor_themes.", "A theme is listed twice."},
	{"settings.key", "The setting already exists."},
	{".id", "A record with the same ID is already on record."},
}

// MsgBusy is the message for a write that waited the whole busy timeout
// for another connection, usually another Peiyang on the same file, to
// finish writing.
const MsgBusy = "The database is busy: another Peiyang is writing. Try again in a moment."

// isBusy reports whether err is SQLite's "database is locked" or "database
// table is locked", with any extended code, or PostgreSQL's lock not
// available (a lock_timeout). PostgreSQL's serialization failures and
// deadlocks are not busy but retried (isRetryable), busy only when the
// retries run out.
func isBusy(err error) bool {
	if err == nil {
		return false
	}
	if c := pgCode(err); c != "" {
		return c == pgLockNotAvailable
	}
	switch sqliteCode(err) & 0xff {
	case sqlite3.SQLITE_BUSY, sqlite3.SQLITE_LOCKED:
		return true
	}
	return strings.Contains(err.Error(), "database is locked")
}

// busyErr turns a busy or locked error into the domain error ECONFLICT and
// returns any other error as it is.
func busyErr(err error) error {
	if !isBusy(err) {
		return err
	}
	var de *models.Error
	if errors.As(err, &de) {
		return err
	}
	return models.Errorf(models.ECONFLICT, "", MsgBusy)
}

func sqliteCode(err error) int {
	var e *sqlite.Error
	if errors.As(err, &e) {
		return e.Code()
	}
	return 0
}

// isForeignKey reports whether err is a foreign key failure. SQLite
// reports an ON DELETE RESTRICT action as a trigger constraint.
func isForeignKey(err error) bool {
	switch pgCode(err) {
	case pgForeignKeyViolation:
		return true
	case "":
	default:
		return false
	}
	switch sqliteCode(err) {
	case sqlite3.SQLITE_CONSTRAINT_FOREIGNKEY:
		return true
	case sqlite3.SQLITE_CONSTRAINT_TRIGGER:
		return strings.Contains(err.Error(), "FOREIGN KEY")
	}
	return false
}

// dbErr turns a driver error from a write into a domain error where it
// breaks a constraint, else wraps it with the operation's name.
func dbErr(op string, err error) error {
	if err == nil {
		return nil
	}
	var de *models.Error
	if errors.As(err, &de) || errors.Is(err, errReadOnly) {
		return err
	}
	if isBusy(err) {
		return busyErr(err)
	}
	if isForeignKey(err) {
		return models.Errorf(models.EINVALID, "", "The record refers to another record that does not exist.")
	}
	switch constraintKind(err) {
	case sqlite3.SQLITE_CONSTRAINT_UNIQUE:
		msg := "The record clashes with one already on record."
		for _, u := range uniqueMessages {
			if strings.Contains(uniqueColumns(err), u.columns) {
				msg = u.message
				break
			}
		}
		return models.Errorf(models.ECONFLICT, "", msg)
	case sqlite3.SQLITE_CONSTRAINT_CHECK:
		return models.Errorf(models.EINVALID, "", "The record has a missing or invalid value and was not saved.")
	}
	return fmt.Errorf("store: %s: %w", op, err)
}

// constraintKind is the constraint err breaks, in SQLite's terms:
// SQLITE_CONSTRAINT_UNIQUE (a primary key too), SQLITE_CONSTRAINT_CHECK (a
// NOT NULL too), or 0 for none of these.
func constraintKind(err error) int {
	switch pgCode(err) {
	case pgUniqueViolation:
		return sqlite3.SQLITE_CONSTRAINT_UNIQUE
	case pgCheckViolation, pgNotNullViolation:
		return sqlite3.SQLITE_CONSTRAINT_CHECK
	case "":
	default:
		return 0
	}
	switch sqliteCode(err) {
	case sqlite3.SQLITE_CONSTRAINT_UNIQUE, sqlite3.SQLITE_CONSTRAINT_PRIMARYKEY:
		return sqlite3.SQLITE_CONSTRAINT_UNIQUE
	case sqlite3.SQLITE_CONSTRAINT_CHECK, sqlite3.SQLITE_CONSTRAINT_NOTNULL:
		return sqlite3.SQLITE_CONSTRAINT_CHECK
	}
	return 0
}

// uniqueColumns names the columns of a unique constraint failure as SQLite
// does: "table.a, table.b".
func uniqueColumns(err error) string {
	var e *pgconn.PgError
	if errors.As(err, &e) {
		return pgUniqueColumns(e)
	}
	return err.Error()
}

// deleteErr is dbErr for a delete, where a foreign key failure means that
// other records still refer to the one being deleted.
func deleteErr(op, inUse string, id any, err error) error {
	if isForeignKey(err) {
		return models.Errorf(models.ECONFLICT, "", inUse, "ID", id)
	}
	return dbErr(op, err)
}

// notFound returns the ENOTFOUND error for a record.
func notFound(msg string, id any) error {
	return models.Errorf(models.ENOTFOUND, "", msg, "ID", id)
}
