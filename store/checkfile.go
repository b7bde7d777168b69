package store

import (
	"context"
	"database/sql"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"

	"peiyang/models"
)

// Checking a database file that is not open, such as a backup about to be
// restored. A restore copies the backup (with its -wal file) somewhere
// private, folds the log into the copy with SettleCopy, and checks the
// copy with CheckFile: what is checked is then exactly what is restored.

// badFile is CheckFile's EINVALID error about the file.
func badFile(msg string, kv ...any) error {
	return models.Errorf(models.EINVALID, "file", msg, kv...)
}

// fileURI is the driver's address of a database file with query options.
func fileURI(abs, query string) string {
	p := filepath.ToSlash(abs)
	if !strings.HasPrefix(p, "/") {
		p = "/" + p // C:/... on Windows
	}
	return "file://" + p + "?" + query
}

// SettleCopy folds the write-ahead log of a private copy of a database (a
// -wal file copied beside it) into the file and turns the file to the
// rollback journal, so that the file alone holds every committed change.
// The copy must be one no other process knows of.
func SettleCopy(ctx context.Context, path string) error {
	abs, err := filepath.Abs(path)
	if err != nil {
		return fmt.Errorf("store: settle copy: %w", err)
	}
	c, err := sql.Open("sqlite", fileURI(abs, "_pragma=busy_timeout(1000)"))
	if err != nil {
		return fmt.Errorf("store: settle copy: %w", err)
	}
	c.SetMaxOpenConns(1)
	var mode string
	err = c.QueryRowContext(ctx, `PRAGMA journal_mode=DELETE`).Scan(&mode)
	if cerr := c.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		if ctx.Err() != nil {
			return ctx.Err()
		}
		return badFile("The file {{.Path}} is not a sound SQLite database: {{.Err}}", "Path", path, "Err", err.Error())
	}
	if st, err := os.Stat(abs + "-wal"); err == nil && st.Size() > 0 {
		return fmt.Errorf("store: settle copy: the log %s-wal is still there", filepath.Base(abs))
	}
	return nil
}

// CheckFile checks a database file that is not open, without changing it:
// it must be a SQLite database that passes the integrity check and the
// foreign key check, made by this or an older version of Peiyang, whose
// schema is exactly the one Peiyang creates for that version (tables with
// their columns and constraints, indexes, triggers, views). It returns the
// file's schema version; a problem is EINVALID. A -wal file beside it is
// not read: see SettleCopy.
func CheckFile(ctx context.Context, path string) (int, error) {
	st, err := os.Stat(path)
	if err != nil {
		return 0, badFile("The file {{.Path}} cannot be read.", "Path", path)
	}
	if st.IsDir() || st.Size() == 0 {
		return 0, badFile("The file {{.Path}} is not a Peiyang database.", "Path", path)
	}
	abs, err := filepath.Abs(path)
	if err != nil {
		return 0, fmt.Errorf("store: check file: %w", err)
	}
	// immutable: no locks, no -wal or -shm files created next to the file.
	c, err := sql.Open("sqlite", fileURI(abs, "mode=ro&immutable=1"))
	if err != nil {
		return 0, fmt.Errorf("store: check file: %w", err)
	}
	defer c.Close()
	c.SetMaxOpenConns(1)
	unsound := func(err error) error {
		if ctx.Err() != nil {
			return ctx.Err()
		}
		return badFile("The file {{.Path}} is not a sound SQLite database: {{.Err}}", "Path", path, "Err", err.Error())
	}
	problems, err := pragmaLines(ctx, c, `PRAGMA integrity_check`)
	if err != nil {
		return 0, unsound(err)
	}
	if len(problems) > 0 {
		return 0, badFile("The file {{.Path}} is damaged: {{.Err}}", "Path", path, "Err", firstFew(problems))
	}
	var v sql.NullInt64
	if err := c.QueryRowContext(ctx, `SELECT MAX(version) FROM schema_migrations`).Scan(&v); err != nil || v.Int64 < 1 {
		return 0, badFile("The file {{.Path}} is not a Peiyang database.", "Path", path)
	}
	version := int(v.Int64)
	if latest := LatestSchemaVersion(); version > latest {
		return 0, models.Errorf(models.EINVALID, "file",
			"The backup was made by a newer version of Peiyang (schema {{.V}}; this program knows up to {{.Latest}}). Update Peiyang first.",
			"V", version, "Latest", latest)
	}
	if diffs, err := schemaDiffs(ctx, c, version); err != nil {
		return 0, unsound(err)
	} else if len(diffs) > 0 {
		return 0, badFile("The file {{.Path}} is not a complete Peiyang database: {{.Err}}", "Path", path, "Err", firstFew(diffs))
	}
	broken, err := foreignKeyProblems(ctx, c)
	if err != nil {
		return 0, unsound(err)
	}
	if len(broken) > 0 {
		return 0, badFile("The file {{.Path}} holds records that refer to missing ones: {{.Err}}", "Path", path, "Err", firstFew(broken))
	}
	return version, nil
}

// firstFew joins the first five problems.
func firstFew(problems []string) string {
	if len(problems) > 5 {
		problems = append(problems[:5:5], fmt.Sprintf("… (%d in all)", len(problems)))
	}
	return strings.Join(problems, "; ")
}

// pragmaLines runs a pragma that answers "ok" or lines of problems.
func pragmaLines(ctx context.Context, c querier, pragma string) (_ []string, err error) {
	rows, err := c.QueryContext(ctx, pragma)
	if err != nil {
		return nil, err
	}
	defer closeChecked(rows, &err)
	var out []string
	for rows.Next() {
		var s string
		if err := rows.Scan(&s); err != nil {
			return nil, err
		}
		if s != "ok" {
			out = append(out, s)
		}
	}
	return out, rows.Err()
}

// foreignKeyProblems lists the rows that refer to missing rows.
func foreignKeyProblems(ctx context.Context, c querier) (_ []string, err error) {
	rows, err := c.QueryContext(ctx, `PRAGMA foreign_key_check`)
	if err != nil {
		return nil, err
	}
	defer closeChecked(rows, &err)
	var out []string
	for rows.Next() {
		var table, parent string
		var rowid, fkid sql.NullInt64
		if err := rows.Scan(&table, &rowid, &parent, &fkid); err != nil {
			return nil, err
		}
		out = append(out, fmt.Sprintf("%s row %d refers to a missing %s row", table, rowid.Int64, parent))
	}
	return out, rows.Err()
}

// schemaObject is a table, index, trigger or view of a schema, with its
// CREATE statement, whitespace folded.
type schemaObject struct {
	kind, name, table, sql string
}

// kindOrder puts tables first among the differences.
var kindOrder = map[string]string{"table": "0", "index": "1", "trigger": "2", "view": "3"}

// readSchema returns the schema's objects by kind and name, leaving out
// SQLite's own (sqlite_sequence, automatic indexes).
func readSchema(ctx context.Context, c *sql.DB) (_ map[string]schemaObject, err error) {
	rows, err := c.QueryContext(ctx, `SELECT type, name, tbl_name, sql FROM sqlite_master
		WHERE sql IS NOT NULL AND name NOT LIKE 'sqlite\_%' ESCAPE '\'`)
	if err != nil {
		return nil, err
	}
	defer closeChecked(rows, &err)
	out := map[string]schemaObject{}
	for rows.Next() {
		var o schemaObject
		if err := rows.Scan(&o.kind, &o.name, &o.table, &o.sql); err != nil {
			return nil, err
		}
		o.sql = strings.Join(strings.Fields(o.sql), " ")
		out[kindOrder[o.kind]+" "+o.name] = o
	}
	return out, rows.Err()
}

// referenceSchema returns the schema Peiyang's migrations create up to
// version, built in a database in memory, which it returns open.
func referenceSchema(ctx context.Context, version int) (map[string]schemaObject, *sql.DB, error) {
	ms, err := migrations()
	if err != nil {
		return nil, nil, err
	}
	c, err := sql.Open("sqlite", ":memory:")
	if err != nil {
		return nil, nil, err
	}
	c.SetMaxOpenConns(1) // one connection: one database in memory
	if _, err := c.ExecContext(ctx, migrationsTable); err != nil {
		c.Close()
		return nil, nil, err
	}
	for _, m := range ms {
		if m.version > version {
			break
		}
		if _, err := c.ExecContext(ctx, m.sql); err != nil {
			c.Close()
			return nil, nil, fmt.Errorf("migration %s: %w", m.name, err)
		}
	}
	s, err := readSchema(ctx, c)
	if err != nil {
		c.Close()
		return nil, nil, err
	}
	return s, c, nil
}

// schemaDiffs compares the schema of the file open on c with the one this
// program creates for version, and describes each difference.
func schemaDiffs(ctx context.Context, c *sql.DB, version int) ([]string, error) {
	got, err := readSchema(ctx, c)
	if err != nil {
		return nil, err
	}
	want, ref, err := referenceSchema(ctx, version)
	if err != nil {
		return nil, fmt.Errorf("store: reference schema %d: %w", version, err)
	}
	defer ref.Close()
	var diffs []string
	for _, k := range sortedKeys(want) {
		w := want[k]
		g, ok := got[k]
		switch {
		case !ok && w.kind != "table" && got[kindOrder["table"]+" "+w.table].kind == "":
			// its table is missing, and said so
		case !ok:
			diffs = append(diffs, fmt.Sprintf("%s %s is missing", w.kind, w.name))
		case g.sql != w.sql && w.kind == "table":
			d, err := columnDiffs(ctx, c, ref, w.name)
			if err != nil {
				return nil, err
			}
			if len(d) == 0 {
				d = []string{fmt.Sprintf("table %s has other constraints", w.name)}
			}
			diffs = append(diffs, d...)
		case g.sql != w.sql:
			diffs = append(diffs, fmt.Sprintf("%s %s is not as Peiyang makes it", w.kind, w.name))
		}
	}
	for _, k := range sortedKeys(got) {
		if _, ok := want[k]; !ok {
			diffs = append(diffs, fmt.Sprintf("%s %s is not Peiyang's", got[k].kind, got[k].name))
		}
	}
	return diffs, nil
}

// columnDiffs describes how the columns of a table differ between the
// file (c) and the reference (ref).
func columnDiffs(ctx context.Context, c, ref *sql.DB, table string) ([]string, error) {
	got, err := tableColumns(ctx, c, table)
	if err != nil {
		return nil, err
	}
	want, err := tableColumns(ctx, ref, table)
	if err != nil {
		return nil, err
	}
	var diffs []string
	for _, name := range sortedKeys(want) {
		g, ok := got[name]
		switch {
		case !ok:
			diffs = append(diffs, fmt.Sprintf("column %s.%s is missing", table, name))
		case g != want[name]:
			diffs = append(diffs, fmt.Sprintf("column %s.%s is %s, not %s", table, name, g, want[name]))
		}
	}
	for _, name := range sortedKeys(got) {
		if _, ok := want[name]; !ok {
			diffs = append(diffs, fmt.Sprintf("column %s.%s is not Peiyang's", table, name))
		}
	}
	return diffs, nil
}

// tableColumns describes each column of a table: type, NOT NULL, default
// and place in the primary key.
func tableColumns(ctx context.Context, c *sql.DB, table string) (_ map[string]string, err error) {
	rows, err := c.QueryContext(ctx, `SELECT name, type, "notnull", dflt_value, pk FROM pragma_table_info(?)`, table)
	if err != nil {
		return nil, err
	}
	defer closeChecked(rows, &err)
	out := map[string]string{}
	for rows.Next() {
		var name, typ string
		var notNull, pk int
		var dflt sql.NullString
		if err := rows.Scan(&name, &typ, &notNull, &dflt, &pk); err != nil {
			return nil, err
		}
		d := strings.TrimSpace(typ)
		if notNull != 0 {
			d += " NOT NULL"
		}
		if dflt.Valid {
			d += " DEFAULT " + dflt.String
		}
		if pk > 0 {
			d += fmt.Sprintf(" PRIMARY KEY(%d)", pk)
		}
		out[name] = d
	}
	return out, rows.Err()
}

func sortedKeys[V any](m map[string]V) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}
