package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"
)

// writeTx is the transaction one write method works in. Its record methods
// (create, update, remove, upsert, event) make a change and append its
// audit entry in the same transaction; ExecContext and PrepareContext
// change rows that belong to a record whose own entry covers them (search
// keys, an instructor's themes, a programme's outflow organisations).
// db.write refuses to commit a change that recorded no entry, so an
// unaudited write cannot be made.
type writeTx struct {
	db      *DB
	ctx     context.Context
	q       querier // the transaction
	changed bool    // a row was written
	entries int     // audit entries appended
}

// write runs fn in the context's write transaction, or in a write
// transaction of its own when the context carries none, and fails when fn
// changed rows without recording an audit entry.
func (db *DB) write(ctx context.Context, fn func(w *writeTx) error) error {
	run := func(ctx context.Context) error {
		s := txFrom(ctx)
		if !s.writable {
			return errReadOnly
		}
		w := &writeTx{db: db, ctx: ctx, q: s.q}
		if err := fn(w); err != nil {
			return err
		}
		if w.changed && w.entries == 0 {
			return errors.New("store: a change without an audit entry was refused")
		}
		return nil
	}
	if txFrom(ctx) != nil {
		return run(ctx)
	}
	return db.Update(ctx, run)
}

// ExecContext runs a statement on rows that belong to a record.
func (w *writeTx) ExecContext(ctx context.Context, query string, args ...any) (sql.Result, error) {
	w.changed = true
	return w.q.ExecContext(ctx, query, args...)
}

// PrepareContext prepares a statement for a bulk write; the caller records
// the summary entry.
func (w *writeTx) PrepareContext(ctx context.Context, query string) (*sql.Stmt, error) {
	w.changed = true
	return w.q.PrepareContext(ctx, query)
}

// QueryContext reads inside the transaction.
func (w *writeTx) QueryContext(ctx context.Context, query string, args ...any) (*sql.Rows, error) {
	return w.q.QueryContext(ctx, query, args...)
}

// QueryRowContext reads one row inside the transaction.
func (w *writeTx) QueryRowContext(ctx context.Context, query string, args ...any) *sql.Row {
	return w.q.QueryRowContext(ctx, query, args...)
}

// record appends the entry of one change of a row of table.
func (w *writeTx) record(action, table string, key rowKey, before, after *auditRow) error {
	w.entries++
	return w.db.appendAudit(w.ctx, w.q, action, table, key.entityID(), entryJSON(table, before), entryJSON(table, after))
}

// event appends an entry that is not the change of one row: a bulk write's
// summary or an event such as a print; detail is JSON text or "".
func (w *writeTx) event(action, entity, entityID, detail string) error {
	w.entries++
	return w.db.appendAudit(w.ctx, w.q, action, entity, entityID, "", detail)
}

// create runs an INSERT into table and records the new row; it returns
// the row's ID.
func (w *writeTx) create(table, op, query string, args ...any) (int64, error) {
	id, err := insert(w.ctx, w.q, op, query, args...)
	if err != nil {
		return 0, err
	}
	w.changed = true
	after, err := readRow(w.ctx, w.q, table, byID(id))
	if err != nil {
		return 0, fmt.Errorf("store: %s: %w", op, err)
	}
	return id, w.record(AuditCreate, table, byID(id), nil, after)
}

// update runs an UPDATE of the row of table with the key and records the
// row before and after; no such row is ENOTFOUND with the message msg. seen
// is the updated_at the caller read the record with: a row changed since
// is ESTALE (checkSeen); zero does not check.
func (w *writeTx) update(table, op, msg string, key rowKey, seen time.Time, query string, args ...any) error {
	before, err := readRow(w.ctx, w.q, table, key)
	if err != nil {
		return fmt.Errorf("store: %s: %w", op, err)
	}
	if before == nil {
		return notFound(msg, key.vals[0])
	}
	if err := w.checkSeen(table, key, before, seen); err != nil {
		return err
	}
	if err := execOne(w.ctx, w.q, op, msg, key.vals[0], query, args...); err != nil {
		return err
	}
	w.changed = true
	after, err := readRow(w.ctx, w.q, table, key)
	if err != nil {
		return fmt.Errorf("store: %s: %w", op, err)
	}
	return w.record(AuditUpdate, table, key, before, after)
}

// upsert runs an INSERT ... ON CONFLICT of the row of table with the key
// and records it as created or updated.
func (w *writeTx) upsert(table, op string, key rowKey, query string, args ...any) error {
	before, err := readRow(w.ctx, w.q, table, key)
	if err != nil {
		return fmt.Errorf("store: %s: %w", op, err)
	}
	if _, err := w.q.ExecContext(w.ctx, query, args...); err != nil {
		return dbErr(op, err)
	}
	w.changed = true
	after, err := readRow(w.ctx, w.q, table, key)
	if err != nil {
		return fmt.Errorf("store: %s: %w", op, err)
	}
	action := AuditCreate
	if before != nil {
		action = AuditUpdate
	}
	return w.record(action, table, key, before, after)
}

// remove deletes the row of table with the key and records it; no such
// row is ENOTFOUND (notFound's error), a row others still refer to is
// ECONFLICT with the message inUse.
func (w *writeTx) remove(table, op, inUse string, key rowKey, notFound func() error) error {
	before, err := readRow(w.ctx, w.q, table, key)
	if err != nil {
		return fmt.Errorf("store: %s: %w", op, err)
	}
	if before == nil {
		return notFound()
	}
	where, args := key.where()
	if _, err := w.q.ExecContext(w.ctx, `DELETE FROM `+table+` WHERE `+where, args...); err != nil {
		return deleteErr(op, inUse, key.vals[0], err)
	}
	w.changed = true
	return w.record(AuditDelete, table, key, before, nil)
}
