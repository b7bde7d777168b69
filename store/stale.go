package store

import (
	"database/sql"
	"errors"
	"fmt"
	"time"

	"peiyang/models"
)

// Optimistic concurrency. A record read, changed in a form and saved
// carries the updated_at it was read with; the update refuses it, with
// ESTALE naming who changed the record since and when, when the stored
// updated_at is no longer that one: someone else (another window, another
// account on the shared database) saved it in between, and their change
// would be overwritten silently. The check runs inside the write
// transaction, on both stores.

// msgStale is the refusal of a save over someone else's change.
const msgStale = "{{.Who}} changed this record at {{.When}}, after you opened it. Reload it to see their change, then make yours again."

// msgStaleUnknown is the refusal when the audit trail does not say who.
const msgStaleUnknown = "This record was changed at {{.When}}, after you opened it. Reload it to see the change, then make yours again."

// checkSeen refuses the update of a row whose stored updated_at (in
// before) is not seen, the updated_at the caller read; a zero seen (a
// record not read from the store) or a table without updated_at is not
// checked.
func (w *writeTx) checkSeen(table string, key rowKey, before *auditRow, seen time.Time) error {
	if seen.IsZero() {
		return nil
	}
	var stored string
	for i, c := range before.cols {
		if c == "updated_at" {
			stored, _ = before.vals[i].(string)
		}
	}
	if stored == "" || stored == formatTime(seen) {
		return nil
	}
	who, at := "", stored
	var dbUser, userName, osUser, entryAt string
	// The lookup's failure is the transaction's: on PostgreSQL it aborts
	// the transaction, and a serialization failure here must be run
	// again, not reported as a change of someone else's.
	err := w.q.QueryRowContext(w.ctx, `SELECT db_user, user_name, os_user, at FROM audit_log
		WHERE entity = ? AND entity_id = ? ORDER BY id DESC LIMIT 1`, table, key.entityID()).
		Scan(&dbUser, &userName, &osUser, &entryAt)
	switch {
	case errors.Is(err, sql.ErrNoRows):
	case err != nil:
		return fmt.Errorf("store: who changed %s %s: %w", table, key.entityID(), err)
	default:
		for _, n := range []string{dbUser, userName, osUser} {
			if n != "" {
				who = n
				break
			}
		}
		if entryAt != "" {
			at = entryAt
		}
	}
	when := at
	if t, err := time.Parse(time.RFC3339Nano, at); err == nil {
		when = t.Local().Format("2006-01-02 15:04:05")
	}
	if who == "" {
		return models.Errorf(models.ESTALE, "", msgStaleUnknown, "When", when)
	}
	return models.Errorf(models.ESTALE, "", msgStale, "Who", who, "When", when)
}

// unchecked is the seen of an update that is not checked: a record without
// updated_at, or a change the program makes itself (de-identification).
var unchecked time.Time
