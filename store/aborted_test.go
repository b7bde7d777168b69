package store_test

import (
	"errors"
	"testing"

	"github.com/jackc/pgx/v5/pgconn"

	"peiyang/models"
)

// On PostgreSQL a statement that fails aborts the whole transaction: every
// later statement is refused with 25P02 ("current transaction is
// aborted"). The store must return the first failure, which says what went
// wrong and, for a serialization failure, has the transaction run again;
// one it drops surfaces as the next statement's 25P02. These tests make a
// statement of a write fail where the store used to drop the failure, and
// want that failure back.

// pgErrCode is the SQLSTATE of the server's error in err, "" for none.
func pgErrCode(err error) string {
	var e *pgconn.PgError
	if errors.As(err, &e) {
		return e.Code
	}
	return ""
}

// divisionByZero is the SQLSTATE of the failures the tests provoke.
const divisionByZero = "22012"

// A write reads the row it changes before and after, for the audit trail.
// The server may fail that read after it sent the row: under SERIALIZABLE,
// when its scan meets a newer version of the row a concurrent transaction
// wrote (40001), which is how TestConcurrentEnrolWithdrawKeepsCapacity on
// PostgreSQL came to 25P02. Here settings becomes a view whose second part
// divides by zero once the stored row has been sent.
func TestPostgresFailureAfterTheRowIsReturned(t *testing.T) {
	t.Run(postgresKind, func(t *testing.T) {
		db := newDB(t)
		must(t, db.SetSetting(ctx, "probe", "1"))
		raw := rawSQL(t, db)
		_, err := raw.Exec(`ALTER TABLE settings RENAME TO settings_stored;
			CREATE VIEW settings AS SELECT * FROM settings_stored
			UNION ALL SELECT * FROM settings_stored WHERE 1 / (length(key) - length(key)) = 1`)
		must(t, err)
		err = db.SetSetting(ctx, "probe", "2")
		if got := pgErrCode(err); got != divisionByZero {
			t.Fatalf("the write whose read of the row failed: %v (SQLSTATE %q), want the read's failure, %s", err, got, divisionByZero)
		}
	})
}

// A save over someone else's change looks up in the audit trail who made
// it. A failure of that lookup is the transaction's failure, not a refusal
// naming nobody (ESTALE): it aborted the transaction, and a serialization
// failure there must have the save run again. Here the audit trail becomes
// a view that divides by zero.
func TestPostgresStaleLookupFailureIsReturned(t *testing.T) {
	t.Run(postgresKind, func(t *testing.T) {
		f := newFixture(t)
		mine, err := f.db.FindCourseByID(ctx, f.course.ID)
		must(t, err)
		theirs, err := f.db.FindCourseByID(ctx, f.course.ID)
		must(t, err)
		theirs.Venue = "第二教室"
		must(t, f.db.UpdateCourse(ctx, theirs))
		raw := rawSQL(t, f.db)
		_, err = raw.Exec(`ALTER TABLE audit_log RENAME TO audit_stored;
			CREATE VIEW audit_log AS SELECT * FROM audit_stored WHERE 1 / (id - id) = 1`)
		must(t, err)
		mine.Venue = "第三教室"
		err = f.db.UpdateCourse(ctx, mine)
		if got := pgErrCode(err); got != divisionByZero || models.ErrorCode(err) == models.ESTALE {
			t.Fatalf("the stale save whose lookup failed: %v (SQLSTATE %q, code %q), want the lookup's failure, %s",
				err, got, models.ErrorCode(err), divisionByZero)
		}
	})
}
