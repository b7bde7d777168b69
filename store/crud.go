package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
)

// scanner is a *sql.Row or *sql.Rows.
type scanner interface {
	Scan(dest ...any) error
}

// findOne runs a query for one row; a missing row is ENOTFOUND with the
// message msg about id.
func findOne[T any](ctx context.Context, q querier, op, msg string, id any, query string, args []any, scan func(scanner) (*T, error)) (*T, error) {
	v, err := scan(q.QueryRowContext(ctx, query, args...))
	if errors.Is(err, sql.ErrNoRows) {
		return nil, notFound(msg, id)
	}
	if err != nil {
		return nil, fmt.Errorf("store: %s: %w", op, err)
	}
	return v, nil
}

// findMany runs a query and scans every row.
func findMany[T any](ctx context.Context, q querier, op, query string, args []any, scan func(scanner) (*T, error)) ([]*T, error) {
	out := []*T{}
	err := queryRows(ctx, q, query, args, func(rows *sql.Rows) error {
		v, err := scan(rows)
		if err != nil {
			return err
		}
		out = append(out, v)
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("store: %s: %w", op, err)
	}
	return out, nil
}

// insert runs an INSERT and returns the new row's ID, which both dialects
// give back with RETURNING.
func insert(ctx context.Context, q querier, op, query string, args ...any) (int64, error) {
	var id int64
	if err := q.QueryRowContext(ctx, query+` RETURNING id`, args...).Scan(&id); err != nil {
		return 0, dbErr(op, err)
	}
	return id, nil
}

// execOne runs an UPDATE or DELETE meant to change exactly the row id; no
// row changed is ENOTFOUND with the message msg.
func execOne(ctx context.Context, q querier, op, msg string, id any, query string, args ...any) error {
	res, err := q.ExecContext(ctx, query, args...)
	if err != nil {
		return dbErr(op, err)
	}
	n, err := res.RowsAffected()
	if err != nil {
		return fmt.Errorf("store: %s: %w", op, err)
	}
	if n == 0 {
		return notFound(msg, id)
	}
	return nil
}

// deleteByID deletes the row id of table and records it; a row others
// still refer to is ECONFLICT with the message inUse.
func (db *DB) deleteByID(ctx context.Context, table, op, msgNotFound, msgInUse string, id int64) error {
	return db.write(ctx, func(w *writeTx) error {
		return w.remove(table, op, msgInUse, byID(id), func() error { return notFound(msgNotFound, id) })
	})
}
