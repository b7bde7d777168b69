package store

import (
	"context"
	"database/sql"
	"fmt"
	"strconv"
	"strings"

	"peiyang/models"
	"peiyang/training"
)

// DeidentifiedPrefix starts the placeholder that replaces a de-identified
// trainee's ID number: DEID-<trainee id>. It is unique, as the trainee's
// ID is, and can never be a real ID number, which has 18 characters of
// digits and X.
const DeidentifiedPrefix = "DEID-"

// IsDeidentified reports whether an ID number is the placeholder of a
// de-identified trainee.
func IsDeidentified(idNumber string) bool {
	return strings.HasPrefix(idNumber, DeidentifiedPrefix)
}

// lastActivity is a trainee's (alias t) last activity date, 'YYYY-MM-DD':
// the latest of the trainee's last change and the dates of the
// enrolments, attendance, placements, mentorships (an open one counts as
// ongoing), returns and elections.
func (db *DB) lastActivity() string {
	return db.dialect.greatest + `(
	substr(t.updated_at, 1, 10),
	COALESCE((SELECT MAX(substr(e.updated_at, 1, 10)) FROM enrolments e WHERE e.trainee_id = t.id), ''),
	COALESCE((SELECT MAX(s.date) FROM attendance a JOIN sessions s ON s.id = a.session_id WHERE a.trainee_id = t.id), ''),
	COALESCE((SELECT MAX(p.end_date) FROM placements p WHERE p.trainee_id = t.id), ''),
	COALESCE((SELECT MAX(COALESCE(m.end_date, '9999-12-31')) FROM mentorships m WHERE m.trainee_id = t.id), ''),
	COALESCE((SELECT MAX(r.return_date) FROM returns r WHERE r.trainee_id = t.id), ''),
	COALESCE((SELECT MAX(el.date) FROM elections el WHERE el.trainee_id = t.id), ''))`
}

// Inactive returns the IDs of the trainees not yet de-identified whose last
// activity is before the date.
func (db *DB) Inactive(ctx context.Context, before models.Date) ([]int64, error) {
	out := []int64{}
	err := queryRows(ctx, db.reader(ctx), `SELECT t.id FROM trainees t
		WHERE t.id_number NOT LIKE 'DEID-%' AND `+db.lastActivity()+` < ? ORDER BY t.id`,
		[]any{before.String()}, func(rows *sql.Rows) error {
			var id int64
			if err := rows.Scan(&id); err != nil {
				return err
			}
			out = append(out, id)
			return nil
		})
	if err != nil {
		return nil, fmt.Errorf("store: inactive trainees: %w", err)
	}
	return out, nil
}

// Deidentify removes the personal data of the trainees, in one
// transaction: the ID number becomes the placeholder DEID-<id>, the phone
// and the birth date are cleared, the photo is deleted, and their search
// keys go; the name, region, courses and outcomes stay. Each change is in the audit trail,
// masked by the policy as every entry is. Trainees de-identified already
// are left alone.
//
// The removed values must not stay readable in the file either: the
// writer deletes securely (secure_delete, see dsn), overwriting what it
// frees with zeros, and once the change has committed (called outside a
// transaction) scrub rewrites the file and empties the -wal file, which
// may hold older copies of the pages; with no trainees it only scrubs, so
// that running retention again finishes a scrub a reader kept from
// finishing.
func (db *DB) Deidentify(ctx context.Context, ids []int64) error {
	if err := db.deidentify(ctx, ids); err != nil {
		return err
	}
	if txFrom(ctx) != nil {
		return nil
	}
	return db.scrub(ctx)
}

// scrub rewrites the database file without its free pages (VACUUM), so
// that nothing deleted before secure deletion was on (a database made by
// an older version) stays in them, and checkpoints the -wal file and
// truncates it to nothing. A reader in another process that keeps the
// -wal file from being emptied makes it an ECONFLICT error.
func (db *DB) scrub(ctx context.Context) error {
	if db.dialect == postgresDialect {
		return db.pgScrub(ctx)
	}
	if _, err := db.wr.ExecContext(ctx, `VACUUM`); err != nil {
		return fmt.Errorf("store: scrub: %w", err)
	}
	var busy, logFrames, done int
	err := db.wr.QueryRowContext(ctx, `PRAGMA wal_checkpoint(TRUNCATE)`).Scan(&busy, &logFrames, &done)
	if err != nil {
		return fmt.Errorf("store: scrub: %w", err)
	}
	if busy != 0 {
		return models.Errorf(models.ECONFLICT, "", training.MsgRetentionIncomplete)
	}
	return nil
}

func (db *DB) deidentify(ctx context.Context, ids []int64) error {
	now := db.stamp()
	return db.write(ctx, func(w *writeTx) error {
		for _, id := range ids {
			old, err := oldSearchFields(ctx, w, id)
			if err != nil {
				return fmt.Errorf("store: de-identify: %w", err)
			}
			if old == nil {
				return notFound(msgTraineeNotFound, id)
			}
			if IsDeidentified(old.idNumber) {
				continue
			}
			err = w.update("trainees", "de-identify", msgTraineeNotFound, byID(id), unchecked, `UPDATE trainees SET
				id_number = ?, phone = '', birth_date = NULL, updated_at = ? WHERE id = ?`,
				DeidentifiedPrefix+strconv.FormatInt(id, 10), formatTime(now), id)
			if err != nil {
				return err
			}
			if err := reindexTrainee(ctx, w, id, old, &searchFields{name: old.name, region: old.region}); err != nil {
				return err
			}
			if _, err := deletePhoto(ctx, w, id); err != nil {
				return err
			}
		}
		return nil
	})
}
