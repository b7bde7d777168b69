package store

import (
	"context"
	"database/sql/driver"
	"errors"
	"io"
	"math/rand/v2"
	"net"
	"strings"
	"syscall"
	"time"

	"github.com/jackc/pgx/v5/pgconn"

	"peiyang/models"
)

// PostgreSQL's errors as the store sees them: a constraint broken, a
// transaction to run again, a connection lost. Their messages name
// constraints and columns, never values (PgError.Detail, which quotes the
// values, is read only for the column names before ")=(").

// SQLSTATE codes the store tells apart.
const (
	pgUniqueViolation      = "23505"
	pgForeignKeyViolation  = "23503"
	pgCheckViolation       = "23514"
	pgNotNullViolation     = "23502"
	pgRestrictViolation    = "23001"
	pgSerializationFailure = "40001"
	pgDeadlockDetected     = "40P01"
	pgLockNotAvailable     = "55P03"
	pgAdminShutdown        = "57P01"
	pgCrashShutdown        = "57P02"
	pgCannotConnectNow     = "57P03"
	pgReadOnlyTransaction  = "25006"
)

// pgCode returns the SQLSTATE of a server's error, "" for any other.
func pgCode(err error) string {
	var e *pgconn.PgError
	if errors.As(err, &e) {
		return e.Code
	}
	return ""
}

// isRetryable reports whether err is a serialization failure or a
// deadlock, after which PostgreSQL's transaction can be run again.
//
// A statement refused because the transaction had already been aborted
// (25P02) is not: it means the store lost the statement that failed
// first, a defect. Run again it would hide the defect, and a failure that
// is no clash (a broken statement) would come back each time until the
// busy timeout, as "busy". The store returns every statement's failure
// (TestPostgresFailureAfterTheRowIsReturned, TestQueryErrorsNotDiscarded),
// so a serialization failure reaches retry as itself.
func isRetryable(err error) bool {
	switch pgCode(err) {
	case pgSerializationFailure, pgDeadlockDetected:
		return true
	}
	return false
}

// isConnLost reports whether err is the loss of the connection to the
// server, or the server's refusal to connect: it was shut down, restarted,
// or ended the session (pg_terminate_backend).
func isConnLost(err error) bool {
	if err == nil {
		return false
	}
	code := pgCode(err)
	switch {
	case code == pgAdminShutdown, code == pgCrashShutdown, code == pgCannotConnectNow, strings.HasPrefix(code, "08"):
		return true
	case code != "":
		return false
	}
	var ce *pgconn.ConnectError
	var ne net.Error
	switch {
	case errors.As(err, &ce), errors.As(err, &ne), errors.Is(err, driver.ErrBadConn),
		errors.Is(err, io.EOF), errors.Is(err, io.ErrUnexpectedEOF),
		errors.Is(err, syscall.ECONNRESET), errors.Is(err, syscall.ECONNREFUSED), errors.Is(err, syscall.EPIPE):
		return true
	}
	s := err.Error()
	return strings.Contains(s, "conn closed") || strings.Contains(s, "unexpected EOF") ||
		strings.Contains(s, "connection reset")
}

// Messages of a lost connection, by when it was lost.
const (
	msgConnLostRead   = "The connection to the database server {{.Server}} was lost. Try again; Peiyang reconnects by itself."
	msgConnLostWrite  = "The connection to the database server {{.Server}} was lost before the change was saved: nothing of it was saved. Try again; Peiyang reconnects by itself."
	msgConnLostCommit = "The connection to the database server {{.Server}} was lost while the change was being saved: look whether it was saved before trying again."
)

// When a connection was lost: in a read, in a write transaction before
// its commit, or during the commit.
type phase int

const (
	inRead phase = iota
	inWrite
	inCommit
)

// connErr turns the loss of the connection to the PostgreSQL server into
// a domain error that says so and what became of the change (ECONFLICT:
// try again); any other error passes as it is.
func (db *DB) connErr(err error, when phase) error {
	if err == nil || db.dialect != postgresDialect || !isConnLost(err) {
		return err
	}
	var de *models.Error
	if errors.As(err, &de) {
		return err
	}
	msg := map[phase]string{inRead: msgConnLostRead, inWrite: msgConnLostWrite, inCommit: msgConnLostCommit}[when]
	return &connLostError{models.Errorf(models.ECONFLICT, "", msg, "Server", db.name), err}
}

// connLostError is the domain error of a lost connection with the
// driver's error beneath it.
type connLostError struct {
	de    *models.Error
	cause error
}

func (e *connLostError) Error() string   { return e.de.Error() }
func (e *connLostError) Unwrap() []error { return []error{e.de, e.cause} }

// Retrying PostgreSQL's write transactions: at most maxAttempts runs, and
// none begun after busyTimeout, the time SQLite waits for its writer.
const maxAttempts = 30

// retry runs run, a write transaction, again after a serialization
// failure or a deadlock, waiting a little longer each time, with jitter so
// that the transactions that clashed do not clash again; when the attempts
// or the time run out, or ctx ends, it is the "database is busy" ECONFLICT
// error, as a SQLite writer gets after its busy timeout.
func (db *DB) retry(ctx context.Context, run func() error) error {
	deadline := time.Now().Add(busyTimeout)
	wait := 2 * time.Millisecond
	for attempt := 1; ; attempt++ {
		err := run()
		if !isRetryable(err) {
			return err
		}
		db.retries.Add(1)
		if attempt == maxAttempts || time.Now().After(deadline) {
			return models.Errorf(models.ECONFLICT, "", MsgBusy)
		}
		t := time.NewTimer(wait/2 + rand.N(wait))
		select {
		case <-ctx.Done():
			t.Stop()
			return ctx.Err()
		case <-t.C:
		}
		wait = min(2*wait, 200*time.Millisecond)
	}
}

// pgUniqueColumns names the columns of a unique violation as SQLite's
// message does, "table.a, table.b", from the error's table and the column
// list of its detail, "Key (a, b)=(...) already exists.".
func pgUniqueColumns(e *pgconn.PgError) string {
	d, ok := strings.CutPrefix(e.Detail, "Key (")
	if !ok {
		return e.TableName + "."
	}
	cols, _, ok := strings.Cut(d, ")=(")
	if !ok {
		return e.TableName + "."
	}
	parts := strings.Split(cols, ", ")
	for i, c := range parts {
		parts[i] = e.TableName + "." + c
	}
	return strings.Join(parts, ", ")
}
