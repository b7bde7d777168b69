package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"os/user"
	"strconv"
	"strings"
	"sync"

	"peiyang/models"
)

// The audit trail. Every INSERT, UPDATE and DELETE a store method makes
// through db.write goes through an auditQuerier, which reads the rows the
// statement touches before and after it and appends one audit_log entry a
// row, in the same transaction as the change: the change and its entry
// commit or roll back together. Bulk writes through prepared statements
// (LoadDataset, CreateTrainees) record one summary entry instead.

// Audit actions.
const (
	AuditCreate = "create"
	AuditUpdate = "update"
	AuditDelete = "delete"
)

// SettingUserName names the setting holding the name of the person using
// the program, recorded in the audit trail.
const SettingUserName = "user.name"

// AuditEntry and AuditFilter are the domain's (models); the names stay
// here for the store's callers.
type (
	AuditEntry  = models.AuditEntry
	AuditFilter = models.AuditFilter
)

// notAudited are the tables whose writes are not recorded one by one: the
// bookkeeping, the search index, and lists that belong to a record.
var notAudited = map[string]bool{
	"audit_log": true, "schema_migrations": true, "trainee_search": true,
	"instructor_themes": true, "programme_outflow_orgs": true,
}

// osUser is the operating system's user name, looked up once.
var osUser = sync.OnceValue(func() string {
	u, err := user.Current()
	if err != nil {
		return ""
	}
	return u.Username
})

// auditQuerier records in the audit trail the writes made through it.
type auditQuerier struct {
	querier
	db *DB
}

// audited wraps a write transaction's querier so that its writes are
// recorded.
func (db *DB) audited(q querier) querier {
	if _, ok := q.(*auditQuerier); ok {
		return q
	}
	return &auditQuerier{querier: q, db: db}
}

// rawQuerier unwraps an auditQuerier.
func rawQuerier(q querier) querier {
	if a, ok := q.(*auditQuerier); ok {
		return a.querier
	}
	return q
}

// stmtInfo is what the audit needs of a write statement.
type stmtInfo struct {
	kind      string   // INSERT, UPDATE or DELETE
	table     string   //
	where     string   // the WHERE clause's condition, for UPDATE and DELETE
	whereArgs int      // how many of the last arguments are the condition's
	cols      []string // an INSERT's columns
	conflict  []string // an upsert's conflict target
}

// upperASCII upper-cases ASCII letters only, keeping byte offsets.
func upperASCII(s string) string {
	b := []byte(s)
	for i, c := range b {
		if c >= 'a' && c <= 'z' {
			b[i] = c - 'a' + 'A'
		}
	}
	return string(b)
}

// parenList returns the comma-separated names inside the first
// parentheses of s.
func parenList(s string) []string {
	i := strings.IndexByte(s, '(')
	j := strings.IndexByte(s, ')')
	if i < 0 || j < i {
		return nil
	}
	var out []string
	for _, c := range strings.Split(s[i+1:j], ",") {
		out = append(out, strings.TrimSpace(c))
	}
	return out
}

// parseStmt reads a plain write statement of the store; ok is false for
// anything else.
func parseStmt(query string) (stmtInfo, bool) {
	s := strings.Join(strings.Fields(query), " ")
	u := upperASCII(s)
	var st stmtInfo
	var rest string
	switch {
	case strings.HasPrefix(u, "INSERT INTO "):
		st.kind, rest = "INSERT", s[len("INSERT INTO "):]
	case strings.HasPrefix(u, "UPDATE "):
		st.kind, rest = "UPDATE", s[len("UPDATE "):]
	case strings.HasPrefix(u, "DELETE FROM "):
		st.kind, rest = "DELETE", s[len("DELETE FROM "):]
	default:
		return st, false
	}
	end := strings.IndexAny(rest, " (")
	if end < 0 {
		end = len(rest)
	}
	st.table = rest[:end]
	if st.table == "" {
		return st, false
	}
	if st.kind == "INSERT" {
		st.cols = parenList(rest[end:])
		if i := strings.Index(u, " ON CONFLICT "); i >= 0 {
			st.conflict = parenList(s[i:])
		}
		return st, true
	}
	if i := strings.Index(u, " WHERE "); i >= 0 {
		st.where = s[i+len(" WHERE "):]
		st.whereArgs = strings.Count(st.where, "?")
	} else {
		st.where = "1 = 1"
	}
	return st, true
}

// auditRow is one row as read for the audit: its rowid and its columns.
type auditRow struct {
	rowid int64
	cols  []string
	vals  []any
}

// readRows reads the rows of table that the condition selects.
func readRows(ctx context.Context, q querier, table, where string, args []any) ([]auditRow, error) {
	rows, err := q.QueryContext(ctx, `SELECT rowid AS audit_rowid_, * FROM `+table+` WHERE `+where, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	cols, err := rows.Columns()
	if err != nil {
		return nil, err
	}
	var out []auditRow
	for rows.Next() {
		vals := make([]any, len(cols))
		ptrs := make([]any, len(cols))
		for i := range vals {
			ptrs[i] = &vals[i]
		}
		if err := rows.Scan(ptrs...); err != nil {
			return nil, err
		}
		r := auditRow{cols: cols[1:], vals: vals[1:]}
		switch v := vals[0].(type) {
		case int64:
			r.rowid = v
		}
		for i, v := range r.vals {
			if b, ok := v.([]byte); ok {
				r.vals[i] = string(b)
			}
		}
		out = append(out, r)
	}
	return out, rows.Err()
}

// entityID names the row: its id column, else its other key columns.
func (r auditRow) entityID(table string) string {
	get := func(name string) (any, bool) {
		for i, c := range r.cols {
			if c == name {
				return r.vals[i], true
			}
		}
		return nil, false
	}
	if v, ok := get("id"); ok {
		return fmt.Sprint(v)
	}
	var keys []string
	switch table {
	case "attendance":
		keys = []string{"session_id", "trainee_id"}
	case "settings":
		keys = []string{"key"}
	}
	var parts []string
	for _, k := range keys {
		if v, ok := get(k); ok {
			parts = append(parts, fmt.Sprint(v))
		}
	}
	if len(parts) == 0 {
		return strconv.FormatInt(r.rowid, 10)
	}
	return strings.Join(parts, "/")
}

// secretSetting reports whether a setting's value must not be logged.
func secretSetting(key string) bool {
	k := strings.ToLower(key)
	return strings.Contains(k, "key") || strings.Contains(k, "secret") || strings.Contains(k, "password")
}

// json returns the row as a JSON object with ID numbers, phone numbers and
// secret settings masked.
func (r auditRow) json(table string) string {
	m := make(map[string]any, len(r.cols))
	for i, c := range r.cols {
		m[c] = r.vals[i]
	}
	for c, v := range m {
		s, ok := v.(string)
		if !ok {
			continue
		}
		switch {
		case c == "id_number":
			m[c] = models.MaskIDNumber(s)
		case c == "phone" || strings.HasSuffix(c, "_phone"):
			m[c] = models.MaskPhone(s)
		}
	}
	if table == "settings" {
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

// ExecContext runs a write and records it.
func (a *auditQuerier) ExecContext(ctx context.Context, query string, args ...any) (sql.Result, error) {
	st, ok := parseStmt(query)
	if !ok || notAudited[st.table] {
		return a.querier.ExecContext(ctx, query, args...)
	}
	q := a.querier
	var before []auditRow
	switch {
	case st.kind != "INSERT" && st.whereArgs <= len(args):
		var err error
		if before, err = readRows(ctx, q, st.table, st.where, args[len(args)-st.whereArgs:]); err != nil {
			return nil, fmt.Errorf("audit: %w", err)
		}
	case st.kind == "INSERT" && len(st.conflict) > 0 && len(st.cols) == len(args):
		var conds []string
		var keyArgs []any
		for _, k := range st.conflict {
			for i, c := range st.cols {
				if c == k {
					conds = append(conds, c+" = ?")
					keyArgs = append(keyArgs, args[i])
				}
			}
		}
		if len(conds) == len(st.conflict) {
			var err error
			if before, err = readRows(ctx, q, st.table, strings.Join(conds, " AND "), keyArgs); err != nil {
				return nil, fmt.Errorf("audit: %w", err)
			}
		}
	}
	res, err := q.ExecContext(ctx, query, args...)
	if err != nil {
		return res, err
	}
	n, err := res.RowsAffected()
	if err != nil || n == 0 {
		return res, err
	}
	var entries []auditPair
	switch st.kind {
	case "DELETE":
		for _, b := range before {
			entries = append(entries, auditPair{action: AuditDelete, before: &b})
		}
	case "UPDATE":
		for _, b := range before {
			after, err := readRows(ctx, q, st.table, "rowid = ?", []any{b.rowid})
			if err != nil {
				return nil, fmt.Errorf("audit: %w", err)
			}
			p := auditPair{action: AuditUpdate, before: &b}
			if len(after) == 1 {
				p.after = &after[0]
			}
			entries = append(entries, p)
		}
	case "INSERT":
		var after []auditRow
		if len(before) == 1 {
			after, err = readRows(ctx, q, st.table, "rowid = ?", []any{before[0].rowid})
		} else {
			var id int64
			if id, err = res.LastInsertId(); err == nil {
				after, err = readRows(ctx, q, st.table, "rowid = ?", []any{id})
			}
		}
		if err != nil {
			return nil, fmt.Errorf("audit: %w", err)
		}
		for _, r := range after {
			p := auditPair{action: AuditCreate, after: &r}
			if len(before) == 1 {
				p.action, p.before = AuditUpdate, &before[0]
			}
			entries = append(entries, p)
		}
	}
	for _, p := range entries {
		var id, b, af string
		if p.before != nil {
			id, b = p.before.entityID(st.table), p.before.json(st.table)
		}
		if p.after != nil {
			id, af = p.after.entityID(st.table), p.after.json(st.table)
		}
		if err := a.db.appendAudit(ctx, q, p.action, st.table, id, b, af); err != nil {
			return nil, err
		}
	}
	return res, nil
}

type auditPair struct {
	action        string
	before, after *auditRow
}

// appendAudit writes one entry; before and after are JSON text or "".
func (db *DB) appendAudit(ctx context.Context, q querier, action, entity, entityID, before, after string) error {
	q = rawQuerier(q)
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
		VALUES (?, ?, ?, ?, ?, ?, ?, ?)`, formatTime(db.stamp()), osUser(), name, action, entity, entityID,
		null(before), null(after))
	if err != nil {
		return fmt.Errorf("store: audit: %w", err)
	}
	return nil
}

// RecordAudit records an event that changes no record (a print, an export,
// a reveal of full ID numbers, a backup): the action, the kind of record
// and its ID (0 for none), and a detail marshalled to JSON for the entry's
// after. The detail must hold no personal data.
func (db *DB) RecordAudit(ctx context.Context, action, entity string, id int64, detail any) error {
	if action == "" {
		return models.Errorf(models.EINVALID, "action", "The audit entry needs an action.")
	}
	var d string
	if detail != nil {
		b, err := json.Marshal(detail)
		if err != nil {
			return fmt.Errorf("store: audit: %w", err)
		}
		d = string(b)
	}
	var eid string
	if id != 0 {
		eid = strconv.FormatInt(id, 10)
	}
	return db.write(ctx, func(q querier) error {
		return db.appendAudit(ctx, q, action, entity, eid, "", d)
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
		`SELECT id, at, os_user, user_name, action, entity, entity_id, COALESCE(before, ''), COALESCE(after, '')
		FROM audit_log`+c.sql()+` ORDER BY id DESC`+limit(f.Page), c.args,
		func(s scanner) (*AuditEntry, error) {
			var e AuditEntry
			err := s.Scan(&e.ID, timeCol{&e.At}, &e.OSUser, &e.UserName, &e.Action, &e.Entity, &e.EntityID, &e.Before, &e.After)
			return &e, err
		})
}
