package store

import (
	"context"
	"database/sql"
	"fmt"
	"regexp"
	"strings"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/stdlib"
)

// batchParams is the most parameters one statement of a batched insert
// binds: far below both dialects' limits (SQLite 32,766, PostgreSQL
// 65,535), and enough rows a statement that a round trip to a PostgreSQL
// server is paid once for many rows.
const batchParams = 4000

// insertRows writes n rows with INSERT statements of many rows each, in
// the order given; on PostgreSQL many rows without a tail go by COPY. insert is the statement for one row, "INSERT INTO t
// (a, b) VALUES (?, ?)", whose last parenthesised tuple is repeated; tail
// follows the rows (" ON CONFLICT DO NOTHING" or ""). args returns the
// values of row i. A full batch's statement is prepared once.
func insertRows(ctx context.Context, q querier, insert, tail string, n int, args func(i int) []any) (err error) {
	if n == 0 {
		return nil
	}
	if s := txFrom(ctx); s != nil && s.conn != nil && tail == "" && n >= copyMin {
		return copyRows(ctx, s.conn, insert, n, args)
	}
	at := strings.LastIndex(insert, "(")
	head, tuple := insert[:at], strings.TrimSpace(insert[at:])
	cols := strings.Count(tuple, "?")
	batch := max(1, min(250, batchParams/max(cols, 1)))
	stmt := func(rows int) string {
		return head + strings.TrimSuffix(strings.Repeat(tuple+", ", rows), ", ") + tail
	}
	var full *sql.Stmt
	if n >= batch {
		if full, err = q.PrepareContext(ctx, stmt(batch)); err != nil {
			return err
		}
		defer closeChecked(full, &err)
	}
	vals := make([]any, 0, batch*cols)
	for from := 0; from < n; from += batch {
		rows := min(batch, n-from)
		vals = vals[:0]
		for i := from; i < from+rows; i++ {
			a := args(i)
			if len(a) != cols {
				return fmt.Errorf("store: insert rows: %d values for %d columns", len(a), cols)
			}
			vals = append(vals, a...)
		}
		var err error
		if rows == batch {
			_, err = full.ExecContext(ctx, vals...)
		} else {
			_, err = q.ExecContext(ctx, stmt(rows), vals...)
		}
		if err != nil {
			return err
		}
	}
	return nil
}

// copyMin is the fewest rows PostgreSQL's store writes with COPY.
const copyMin = 500

// insertTarget reads the table and columns of an INSERT statement.
var insertTarget = regexp.MustCompile(`(?s)^\s*INSERT INTO (\w+)\s*\(([^)]*)\)`)

// copyRows writes n rows with PostgreSQL's COPY, on the connection of the
// context's transaction: the table and columns are insert's.
func copyRows(ctx context.Context, conn *sql.Conn, insert string, n int, args func(i int) []any) error {
	m := insertTarget.FindStringSubmatch(insert)
	if m == nil {
		return fmt.Errorf("store: copy rows: cannot read the table of %.40q", insert)
	}
	cols := strings.Split(m[2], ",")
	for i, c := range cols {
		cols[i] = strings.TrimSpace(c)
	}
	return conn.Raw(func(dc any) error {
		c, ok := dc.(*stdlib.Conn)
		if !ok {
			return fmt.Errorf("store: copy rows: the connection is a %T", dc)
		}
		_, err := c.Conn().CopyFrom(ctx, pgx.Identifier{m[1]}, cols, pgx.CopyFromSlice(n, func(i int) ([]any, error) {
			return args(i), nil
		}))
		return err
	})
}
