package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"strconv"
	"strings"

	"peiyang/internal/osuser"
	"peiyang/models"
	"peiyang/settings"
)

// The audit trail. Every store method that changes a record records the
// change itself, through the writeTx it runs in (see write.go): the entry is
// appended in the same transaction as the change, so the two commit or roll
// back together. An entry holds the record as it was before and after the
// change, as JSON built by entryJSON, with personal data masked. Bulk writes
// (CreateTrainees, LoadDataset) record one summary entry; events that change
// no record (a print, an export, a reveal, a backup) are recorded by
// RecordAudit.

// Audit actions.
const (
	AuditCreate = "create"
	AuditUpdate = "update"
	AuditDelete = "delete"
)

// SettingUserName names the setting holding the name of the person using
// the program, recorded in the audit trail.
const SettingUserName = settings.UserName

// AuditEntry and AuditFilter are the domain's (models); the names stay
// here for the store's callers.
type (
	AuditEntry  = models.AuditEntry
	AuditFilter = models.AuditFilter
)

// auditRow is one stored row as the audit trail sees it: its columns and
// their values, text as string.
type auditRow struct {
	cols []string
	vals []any
}

// rowKey names one row by the values of its key columns: "id" for most
// tables, (session_id, trainee_id) for attendance, "key" for settings.
type rowKey struct {
	cols []string
	vals []any
}

// byID is the key of a row with an id column.
func byID(id int64) rowKey { return rowKey{cols: []string{"id"}, vals: []any{id}} }

// where returns the key's condition and arguments.
func (k rowKey) where() (string, []any) {
	conds := make([]string, len(k.cols))
	for i, c := range k.cols {
		conds[i] = c + " = ?"
	}
	return strings.Join(conds, " AND "), k.vals
}

// entityID is the entry's name of the row: its key values joined by "/".
func (k rowKey) entityID() string {
	parts := make([]string, len(k.vals))
	for i, v := range k.vals {
		parts[i] = fmt.Sprint(v)
	}
	return strings.Join(parts, "/")
}

// readRow reads the row of table with the key, every column; nil when
// there is none. The SQL is plain, for any dialect.
//
// The statement is read to its end, as sql.Row's Scan does: PostgreSQL
// may fail it after it sent the row (under SERIALIZABLE, when its scan
// meets a newer version of the row a concurrent transaction wrote:
// SQLSTATE 40001). That failure aborts the transaction; left unread, it
// would be lost with the rows, and the transaction's next statement
// refused with 25P02 instead of the transaction being run again.
func readRow(ctx context.Context, q querier, table string, key rowKey) (_ *auditRow, err error) {
	where, args := key.where()
	rows, err := q.QueryContext(ctx, `SELECT * FROM `+table+` WHERE `+where, args...)
	if err != nil {
		return nil, fmt.Errorf("audit: read %s: %w", table, err)
	}
	defer closeChecked(rows, &err)
	cols, err := rows.Columns()
	if err != nil {
		return nil, fmt.Errorf("audit: read %s: %w", table, err)
	}
	if !rows.Next() {
		return nil, rows.Err()
	}
	vals := make([]any, len(cols))
	ptrs := make([]any, len(cols))
	for i := range vals {
		ptrs[i] = &vals[i]
	}
	if err := rows.Scan(ptrs...); err != nil {
		return nil, fmt.Errorf("audit: read %s: %w", table, err)
	}
	for i, v := range vals {
		if b, ok := v.([]byte); ok {
			vals[i] = string(b)
		}
	}
	if err := rows.Close(); err != nil {
		return nil, fmt.Errorf("audit: read %s: %w", table, err)
	}
	return &auditRow{cols: cols, vals: vals}, nil
}

// secretSetting reports whether a setting's value must not be logged: it
// is declared secret, or its name says it is one.
func secretSetting(key string) bool {
	if settings.IsSecret(key) {
		return true
	}
	k := strings.ToLower(key)
	return strings.Contains(k, "key") || strings.Contains(k, "secret") || strings.Contains(k, "password")
}

// entryJSON is the one place an audit entry's before or after is made: the
// row of the entity (a table name) as a JSON object of its columns, with
// its personal values masked by the policy (models.MaskRecord: ID numbers,
// phones, birth dates to the month) and secret settings hidden; "" for no
// row. Every store records through it, so that the append-only trail can
// never give back what de-identification removes.
func entryJSON(entity string, r *auditRow) string {
	if r == nil {
		return ""
	}
	m := make(map[string]any, len(r.cols))
	for i, c := range r.cols {
		m[c] = r.vals[i]
	}
	models.MaskRecord(m)
	if entity == "settings" {
		if k, _ := m["key"].(string); secretSetting(k) {
			m["value"] = "[hidden]"
		}
	}
	b, err := json.Marshal(m)
	if err != nil {
		return "{}"
	}
	return string(b)
}

// appendAudit writes one entry; before and after are JSON text or "".
func (db *DB) appendAudit(ctx context.Context, q querier, action, entity, entityID, before, after string) error {
	var name string
	err := q.QueryRowContext(ctx, `SELECT value FROM settings WHERE key = ?`, SettingUserName).Scan(&name)
	if err != nil && err != sql.ErrNoRows {
		return fmt.Errorf("store: audit: %w", err)
	}
	null := func(s string) any {
		if s == "" {
			return nil
		}
		return s
	}
	_, err = q.ExecContext(ctx, `INSERT INTO audit_log (at, os_user, user_name, action, entity, entity_id, before, after)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?)`, formatTime(db.stamp()), osuser.Name(), name, action, entity, entityID,
		null(before), null(after))
	if err != nil {
		return fmt.Errorf("store: audit: %w", err)
	}
	return nil
}

// detailJSON marshals an event's detail; "" for none.
func detailJSON(detail any) (string, error) {
	if detail == nil {
		return "", nil
	}
	b, err := json.Marshal(detail)
	if err != nil {
		return "", fmt.Errorf("store: audit: %w", err)
	}
	return string(b), nil
}

// RecordAudit records an event that changes no record (a print, an export,
// a reveal of full ID numbers, a backup): the action, the kind of record
// and its ID (0 for none), and a detail marshalled to JSON for the entry's
// after. The detail must hold no personal data.
func (db *DB) RecordAudit(ctx context.Context, action, entity string, id int64, detail any) error {
	if action == "" {
		return models.Errorf(models.EINVALID, "action", "The audit entry needs an action.")
	}
	if db.readOnly {
		return nil // nowhere to write it; OpenReadOnly's callers say so
	}
	d, err := detailJSON(detail)
	if err != nil {
		return err
	}
	var eid string
	if id != 0 {
		eid = strconv.FormatInt(id, 10)
	}
	return db.write(ctx, func(w *writeTx) error {
		return w.event(action, entity, eid, d)
	})
}

// FindAudit returns the audit entries the filter selects, newest first.
func (db *DB) FindAudit(ctx context.Context, f AuditFilter) ([]*AuditEntry, error) {
	var c cond
	if !f.Since.IsZero() {
		c.and("at >= ?", formatTime(f.Since))
	}
	if f.Entity != "" {
		c.and("entity = ?", f.Entity)
	}
	if f.Action != "" {
		c.and("action = ?", f.Action)
	}
	if f.Page.AfterID > 0 {
		c.and("id < ?", f.Page.AfterID)
	}
	return findMany(ctx, db.reader(ctx), "find audit",
		`SELECT id, at, os_user, user_name, db_user, action, entity, entity_id, COALESCE(before, ''), COALESCE(after, '')
		FROM audit_log`+c.sql()+` ORDER BY id DESC`+limit(f.Page), c.args,
		func(s scanner) (*AuditEntry, error) {
			var e AuditEntry
			err := s.Scan(&e.ID, timeCol{&e.At}, &e.OSUser, &e.UserName, &e.DBUser, &e.Action, &e.Entity, &e.EntityID, &e.Before, &e.After)
			return &e, err
		})
}
