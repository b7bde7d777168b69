package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
)

// querier is what *sql.DB and *sql.Tx have in common.
type querier interface {
	ExecContext(ctx context.Context, query string, args ...any) (sql.Result, error)
	QueryContext(ctx context.Context, query string, args ...any) (*sql.Rows, error)
	QueryRowContext(ctx context.Context, query string, args ...any) *sql.Row
	PrepareContext(ctx context.Context, query string) (*sql.Stmt, error)
}

type txKey struct{}

// txState is the transaction a context carries: q is the transaction as
// the dialect speaks to it.
type txState struct {
	tx       *sql.Tx
	q        querier
	conn     *sql.Conn // PostgreSQL's write transactions: their connection, for COPY
	writable bool
}

func txFrom(ctx context.Context) *txState {
	s, _ := ctx.Value(txKey{}).(*txState)
	return s
}

// errReadOnly is returned by writes made with a View's context.
var errReadOnly = errors.New("store: write attempted inside a read-only View")

// reader returns the querier for a read: the context's transaction, else the
// reader pool.
func (db *DB) reader(ctx context.Context) querier {
	if s := txFrom(ctx); s != nil {
		return s.q
	}
	return db.rq
}

// Update runs fn in one write transaction and passes it a context carrying
// the transaction. The changes are committed when fn returns nil and rolled
// back when it returns an error, which Update returns as it is, or panics,
// which Update passes on after the rollback. Called with a context that
// already carries a write transaction, fn joins that transaction and the
// outermost Update commits or rolls back.
//
// On PostgreSQL the transaction is SERIALIZABLE: whatever other clients do
// at the same time, its outcome is that of some order of the transactions
// one after another, as SQLite's single writer gives. When the server
// cannot promise that (a serialization failure) or finds a deadlock, the
// transaction is rolled back and fn run again, a bounded number of times
// (retry.go); so fn must not keep state of its own across runs, beyond
// what it sets again each time.
func (db *DB) Update(ctx context.Context, fn func(ctx context.Context) error) (err error) {
	if s := txFrom(ctx); s != nil {
		if !s.writable {
			return errReadOnly
		}
		return fn(ctx)
	}
	if db.readOnly {
		return notWritableErr(MsgReadOnly, db.path)
	}
	if db.dialect == postgresDialect {
		return db.forbidden(ctx, db.retry(ctx, func() error { return db.update(ctx, fn) }))
	}
	return db.update(ctx, fn)
}

// update runs fn in one write transaction.
func (db *DB) update(ctx context.Context, fn func(ctx context.Context) error) (err error) {
	opts := (*sql.TxOptions)(nil) // SQLite: BEGIN IMMEDIATE (see dsn)
	if db.dialect == postgresDialect {
		opts = &sql.TxOptions{Isolation: sql.LevelSerializable}
	}
	var conn *sql.Conn
	begin := db.wr.BeginTx
	if db.dialect == postgresDialect {
		if conn, err = db.wr.Conn(ctx); err != nil {
			return db.connErr(fmt.Errorf("store: begin write: %w", err), inWrite)
		}
		defer conn.Close()
		begin = conn.BeginTx
	}
	tx, err := begin(ctx, opts)
	if err != nil {
		if isBusy(err) {
			return busyErr(err)
		}
		return db.connErr(fmt.Errorf("store: begin write: %w", err), inWrite)
	}
	done := false
	defer func() {
		if !done {
			_ = tx.Rollback()
		}
	}()
	if !db.mayCopy() {
		conn = nil // no COPY into tables with row-level security (accounts.go)
	}
	if err := fn(context.WithValue(ctx, txKey{}, &txState{tx: tx, q: db.dialect.querier(tx), conn: conn, writable: true})); err != nil {
		done = true
		if rbErr := tx.Rollback(); rbErr != nil && !errors.Is(rbErr, sql.ErrTxDone) && !isConnLost(rbErr) {
			return errors.Join(err, fmt.Errorf("store: rollback: %w", rbErr))
		}
		return db.connErr(err, inWrite)
	}
	done = true
	if err := tx.Commit(); err != nil {
		if isBusy(err) {
			return busyErr(err)
		}
		return db.connErr(fmt.Errorf("store: commit: %w", err), inCommit)
	}
	return nil
}

// View runs fn in one read transaction, so that all its reads see the same
// committed state, and passes it a context carrying the transaction. Writes
// made with that context fail. Called with a context that already carries
// a transaction, fn joins it.
func (db *DB) View(ctx context.Context, fn func(ctx context.Context) error) error {
	if txFrom(ctx) != nil {
		return fn(ctx)
	}
	opts := &sql.TxOptions{ReadOnly: true}
	if db.dialect == postgresDialect {
		// One snapshot for every read of the transaction.
		opts.Isolation = sql.LevelRepeatableRead
	}
	tx, err := db.rd.BeginTx(ctx, opts)
	if err != nil {
		return db.connErr(fmt.Errorf("store: begin read: %w", err), inRead)
	}
	defer func() { _ = tx.Rollback() }()
	return db.connErr(fn(context.WithValue(ctx, txKey{}, &txState{tx: tx, q: db.dialect.querier(tx)})), inRead)
}
