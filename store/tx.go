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

// txState is the transaction a context carries.
type txState struct {
	tx       *sql.Tx
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
		return s.tx
	}
	return db.rd
}

// Update runs fn in one write transaction and passes it a context carrying
// the transaction. The changes are committed when fn returns nil and rolled
// back when it returns an error, which Update returns as it is, or panics,
// which Update passes on after the rollback. Called with a context that
// already carries a write transaction, fn joins that transaction and the
// outermost Update commits or rolls back.
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
	tx, err := db.wr.BeginTx(ctx, nil)
	if err != nil {
		if isBusy(err) {
			return busyErr(err)
		}
		return fmt.Errorf("store: begin write: %w", err)
	}
	done := false
	defer func() {
		if !done {
			_ = tx.Rollback()
		}
	}()
	if err := fn(context.WithValue(ctx, txKey{}, &txState{tx: tx, writable: true})); err != nil {
		done = true
		if rbErr := tx.Rollback(); rbErr != nil && !errors.Is(rbErr, sql.ErrTxDone) {
			return errors.Join(err, fmt.Errorf("store: rollback: %w", rbErr))
		}
		return err
	}
	done = true
	if err := tx.Commit(); err != nil {
		if isBusy(err) {
			return busyErr(err)
		}
		return fmt.Errorf("store: commit: %w", err)
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
	tx, err := db.rd.BeginTx(ctx, &sql.TxOptions{ReadOnly: true})
	if err != nil {
		return fmt.Errorf("store: begin read: %w", err)
	}
	defer func() { _ = tx.Rollback() }()
	return fn(context.WithValue(ctx, txKey{}, &txState{tx: tx}))
}
