package store

import (
	"context"
	"database/sql"
	"strconv"
	"strings"
)

// The two stores share their SQL. It is written once, for both, with
// these differences, which are the dialects' and kept here in sight:
//
//   - placeholders: the SQL is written with ?, which the PostgreSQL store
//     numbers $1, $2 ... (rebind) on its way to the driver;
//   - the greatest of several values: MAX(a, b) on SQLite, GREATEST(a, b)
//     on PostgreSQL;
//   - the migrations: migrations/*.sql and migrations/postgres/*.sql, with
//     the same versions and constraints (schema_test.go compares them);
//   - transactions: SQLite has one writer, whose transactions queue;
//     PostgreSQL's write transactions are SERIALIZABLE and retried a
//     bounded number of times when the server reports a serialization
//     failure or a deadlock (tx.go);
//   - the file-level work: SQLite's integrity check, VACUUM INTO backups
//     and scrubbing are of a file; PostgreSQL's are of a server.
//
// New IDs come back with RETURNING id on both, upserts are INSERT ... ON
// CONFLICT on both, dates and timestamps are TEXT on both.

// dialect is one store's SQL dialect.
type dialect struct {
	name string // "sqlite" or "postgres"
	// greatest is the function giving the greatest of its arguments.
	greatest string
	// migrations is the folder of the dialect's migrations in
	// migrationFiles.
	migrations string
}

var (
	sqliteDialect   = &dialect{name: "sqlite", greatest: "MAX", migrations: "migrations"}
	postgresDialect = &dialect{name: "postgres", greatest: "GREATEST", migrations: "migrations/postgres"}
)

// rebind numbers the ? placeholders of a query $1, $2 ..., leaving alone a
// ? inside a quoted string, a quoted name or a comment.
func rebind(query string) string {
	if !strings.Contains(query, "?") {
		return query
	}
	var b strings.Builder
	b.Grow(len(query) + 16)
	n := 0
	for i := 0; i < len(query); i++ {
		c := query[i]
		switch c {
		case '\'', '"':
			j := strings.IndexByte(query[i+1:], c)
			if j < 0 {
				b.WriteString(query[i:])
				return b.String()
			}
			b.WriteString(query[i : i+j+2])
			i += j + 1
		case '-':
			if strings.HasPrefix(query[i:], "--") {
				j := strings.IndexByte(query[i:], '\n')
				if j < 0 {
					b.WriteString(query[i:])
					return b.String()
				}
				b.WriteString(query[i : i+j])
				i += j - 1
				continue
			}
			b.WriteByte(c)
		case '?':
			n++
			b.WriteByte('$')
			b.WriteString(strconv.Itoa(n))
		default:
			b.WriteByte(c)
		}
	}
	return b.String()
}

// pgQuerier passes queries written with ? to PostgreSQL, numbered.
type pgQuerier struct{ q querier }

func (p pgQuerier) ExecContext(ctx context.Context, query string, args ...any) (sql.Result, error) {
	return p.q.ExecContext(ctx, rebind(query), args...)
}

func (p pgQuerier) QueryContext(ctx context.Context, query string, args ...any) (*sql.Rows, error) {
	return p.q.QueryContext(ctx, rebind(query), args...)
}

func (p pgQuerier) QueryRowContext(ctx context.Context, query string, args ...any) *sql.Row {
	return p.q.QueryRowContext(ctx, rebind(query), args...)
}

func (p pgQuerier) PrepareContext(ctx context.Context, query string) (*sql.Stmt, error) {
	return p.q.PrepareContext(ctx, rebind(query))
}

// pgPoolReader is pgQuerier on the pool, for reads outside a
// transaction: a read that finds its connection lost (the server
// restarted, or ended the session) is run once more, on a new one. A read
// changes nothing, so running it again is safe; a write is not retried
// here (Update says what became of it).
type pgPoolReader struct{ pgQuerier }

func (p pgPoolReader) QueryContext(ctx context.Context, query string, args ...any) (*sql.Rows, error) {
	rows, err := p.pgQuerier.QueryContext(ctx, query, args...)
	if isConnLost(err) && ctx.Err() == nil {
		return p.pgQuerier.QueryContext(ctx, query, args...)
	}
	return rows, err
}

func (p pgPoolReader) QueryRowContext(ctx context.Context, query string, args ...any) *sql.Row {
	row := p.pgQuerier.QueryRowContext(ctx, query, args...)
	if isConnLost(row.Err()) && ctx.Err() == nil {
		return p.pgQuerier.QueryRowContext(ctx, query, args...)
	}
	return row
}

// querier returns q as the dialect speaks to it.
func (d *dialect) querier(q querier) querier {
	if d == postgresDialect {
		return pgQuerier{q}
	}
	return q
}
