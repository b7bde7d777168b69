package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"strings"

	"peiyang/models"
)

// Copying a whole database into an empty one, between the stores in
// either direction: every table, with the IDs, the audit trail, the
// settings (the certificate signing key among them) and the search index
// as they are. The source is read in one read transaction (one snapshot:
// on PostgreSQL REPEATABLE READ, read-only) and the target written in one
// write transaction: the copy is all there, or none of it.

// copyTables are the tables a copy writes, parents before children, each
// with the columns that order its rows. Copy refuses a source with a table
// not listed here, so that a table a migration adds is never left behind.
var copyTables = []struct{ name, order string }{
	{"organisations", "id"}, {"programmes", "id"}, {"programme_outflow_orgs", "programme_id, org_id"},
	{"cohorts", "id"}, {"instructors", "id"}, {"instructor_themes", "instructor_id, theme"},
	{"trainees", "id"}, {"trainee_search", "key, trainee_id"}, {"trainee_photos", "trainee_id"},
	{"courses", "id"}, {"sessions", "id"}, {"enrolments", "id"}, {"attendance", "session_id, trainee_id"},
	{"placements", "id"}, {"mentorships", "id"}, {"contacts", "id"}, {"returns", "id"}, {"elections", "id"},
	{"certificates", "id"}, {"settings", "key"}, {"setting_files", "key"}, {"review_items", "id"},
	{"accounts", "name"}, {"audit_log", "id"},
}

// TableCount is one table of a copy: the rows read from the source and
// the rows the target holds after the copy.
type TableCount struct {
	Table  string `json:"table"`
	Source int64  `json:"source"`
	Target int64  `json:"target"`
}

// OpenTarget opens (creating the schema) a database to copy into: like
// Open, but writing nothing beyond the schema, not even the search index's
// version, so that an empty database stays empty for Copy.
func OpenTarget(target string) (*DB, error) { return open(target, false) }

// Copy copies the database from into to, which must be empty (no row in
// any table: see OpenTarget), in one transaction, and returns the row
// counts of every table, checked equal. With event, the target's audit
// trail ends with an entry of that action saying where the data came
// from; without, the target is an exact copy (a backup).
func Copy(ctx context.Context, from, to *DB, event string) ([]TableCount, error) {
	if txFrom(ctx) != nil {
		return nil, fmt.Errorf("store: copy: not possible inside a transaction")
	}
	if err := from.checkCopyTables(ctx); err != nil {
		return nil, err
	}
	var counts []TableCount
	run := func(wctx context.Context, q querier) error {
		counts = nil
		if err := to.checkEmpty(wctx, q); err != nil {
			return err
		}
		if err := to.copying(wctx, q, true); err != nil {
			return err
		}
		err := from.View(ctx, func(rctx context.Context) error {
			for _, t := range copyTables {
				n, err := copyTable(rctx, from.reader(rctx), wctx, q, t.name, copySource(t.name, to.IsPostgres()), t.order)
				if err != nil {
					return fmt.Errorf("store: copy %s: %w", t.name, err)
				}
				counts = append(counts, TableCount{Table: t.name, Source: n})
			}
			return nil
		})
		if err != nil {
			return err
		}
		if err := to.copying(wctx, q, false); err != nil {
			return err
		}
		if err := to.syncIDs(wctx, q); err != nil {
			return err
		}
		return verifyCounts(wctx, q, counts)
	}
	var err error
	if event == "" {
		err = to.Update(ctx, func(wctx context.Context) error { return run(wctx, txFrom(wctx).q) })
	} else {
		err = to.write(ctx, func(w *writeTx) error {
			if err := run(w.ctx, w); err != nil {
				return err
			}
			detail, err := json.Marshal(map[string]any{"from": from.Name(), "kind": from.dialect.name, "tables": countMap(counts)})
			if err != nil {
				return err
			}
			return w.event(event, "database", "", string(detail))
		})
	}
	if err != nil {
		return nil, to.redactErr(from.redactErr(err))
	}
	return counts, nil
}

func countMap(counts []TableCount) map[string]int64 {
	m := make(map[string]int64, len(counts))
	for _, c := range counts {
		m[c.Table] = c.Source
	}
	return m
}

// copying tells PostgreSQL's audit trail that the transaction copies a
// whole trail in, whose entries keep their database user and region
// (audit_log_stamp in migrations/postgres/0009_accounts.sql; only for the
// owner of the tables), and then that it no longer does.
func (db *DB) copying(ctx context.Context, q querier, on bool) error {
	if db.dialect != postgresDialect {
		return nil
	}
	v := "off"
	if on {
		v = "on"
	}
	if _, err := q.ExecContext(ctx, `SELECT set_config('peiyang.copying', ?, true)`, v); err != nil {
		return fmt.Errorf("store: copy: %w", err)
	}
	return nil
}

// checkCopyTables refuses a database holding a table Copy does not know.
func (db *DB) checkCopyTables(ctx context.Context) error {
	query := `SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite\_%' ESCAPE '\'`
	if db.dialect == postgresDialect {
		query = `SELECT table_name FROM information_schema.tables WHERE table_schema = current_schema() AND table_type = 'BASE TABLE'`
	}
	known := map[string]bool{"schema_migrations": true}
	for _, t := range copyTables {
		known[t.name] = true
	}
	var unknown []string
	err := queryRows(ctx, db.reader(ctx), query, nil, func(rows *sql.Rows) error {
		var name string
		if err := rows.Scan(&name); err != nil {
			return err
		}
		if !known[name] {
			unknown = append(unknown, name)
		}
		return nil
	})
	if err != nil {
		return fmt.Errorf("store: copy: %w", err)
	}
	if len(unknown) > 0 {
		return fmt.Errorf("store: copy: this program does not copy the table(s) %s", strings.Join(unknown, ", "))
	}
	return nil
}

// checkEmpty refuses a target holding any row.
func (db *DB) checkEmpty(ctx context.Context, q querier) error {
	var held []string
	for _, t := range copyTables {
		var n int
		if err := q.QueryRowContext(ctx, `SELECT COUNT(*) FROM (SELECT 1 FROM `+t.name+` LIMIT 1) AS x`).Scan(&n); err != nil {
			return fmt.Errorf("store: copy: %w", err)
		}
		if n > 0 {
			held = append(held, t.name)
		}
	}
	if len(held) > 0 {
		if len(held) > 3 {
			held = append(held[:3], "…")
		}
		return models.Errorf(models.ECONFLICT, "", "The database {{.Target}} is not empty (it holds rows in {{.Tables}}): a copy goes only into an empty database. Make a new one, or drop and create it again.",
			"Target", db.Name(), "Tables", strings.Join(held, ", "))
	}
	return nil
}

// copySource is the query that reads a table's rows for a copy: all its
// columns as they are, but for the search keys, whose region a copy takes
// from their trainee whatever the source held: the home city for
// PostgreSQL (where a region account reads only its region's keys), ”
// for a SQLite file (which has no use for it). A SQLite file holds none,
// and a key must never reach a region its trainee has left.
func copySource(table string, toPostgres bool) string {
	if table != "trainee_search" {
		return `SELECT * FROM ` + table
	}
	region := `''`
	if toPostgres {
		region = `COALESCE((SELECT t.region_city FROM trainees t WHERE t.id = trainee_search.trainee_id), '')`
	}
	return `SELECT key, trainee_id, ` + region + ` AS region FROM trainee_search`
}

// copyChunkBytes bounds the rows a copy holds in memory at once.
const copyChunkBytes = 16 << 20

// copyTable streams the rows of one table from the source (read with rq
// in rctx) into the target (written with wq in wctx) and returns how many
// it copied; source is the query that reads them (copySource).
func copyTable(rctx context.Context, rq querier, wctx context.Context, wq querier, table, source, order string) (_ int64, err error) {
	rows, err := rq.QueryContext(rctx, source+` ORDER BY `+order)
	if err != nil {
		return 0, err
	}
	defer closeChecked(rows, &err)
	cols, err := rows.Columns()
	if err != nil {
		return 0, err
	}
	insert := `INSERT INTO ` + table + ` (` + strings.Join(cols, ", ") + `) VALUES (` +
		strings.TrimSuffix(strings.Repeat("?, ", len(cols)), ", ") + `)`
	var chunk [][]any
	var size, n int64
	flush := func() error {
		if len(chunk) == 0 {
			return nil
		}
		err := insertRows(wctx, wq, insert, "", len(chunk), func(i int) []any { return chunk[i] })
		n += int64(len(chunk))
		chunk, size = chunk[:0], 0
		return err
	}
	for rows.Next() {
		vals := make([]any, len(cols))
		ptrs := make([]any, len(cols))
		for i := range vals {
			ptrs[i] = &vals[i]
		}
		if err := rows.Scan(ptrs...); err != nil {
			return n, err
		}
		for i, v := range vals {
			switch x := v.(type) {
			case []byte:
				vals[i] = append([]byte(nil), x...)
				size += int64(len(x))
			case string:
				size += int64(len(x))
			}
		}
		chunk = append(chunk, vals)
		if size > copyChunkBytes || len(chunk) >= 20000 {
			if err := flush(); err != nil {
				return n, err
			}
		}
	}
	if err := rows.Err(); err != nil {
		return n, err
	}
	return n, flush()
}

// verifyCounts counts the target's rows of every table and sets them in
// counts; a table holding other than what was read fails the copy.
func verifyCounts(ctx context.Context, q querier, counts []TableCount) error {
	for i := range counts {
		c := &counts[i]
		if err := q.QueryRowContext(ctx, `SELECT COUNT(*) FROM `+c.Table).Scan(&c.Target); err != nil {
			return fmt.Errorf("store: copy: count %s: %w", c.Table, err)
		}
		if c.Target != c.Source {
			return fmt.Errorf("store: copy: %s holds %d rows after the copy, %d were read", c.Table, c.Target, c.Source)
		}
	}
	return nil
}
