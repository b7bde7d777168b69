// Package store keeps Peiyang's records in a SQLite database file, through
// the pure-Go driver modernc.org/sqlite, or on a PostgreSQL server, through
// github.com/jackc/pgx/v5, for several staff at once: one DB type, one
// text of SQL with a few differences of dialect (dialect.go), two sets of
// migrations with the same versions and constraints.
//
// On SQLite a DB holds two connection pools on the same file: a writer with one
// connection, whose transactions begin IMMEDIATE so that writers queue
// instead of failing to upgrade a read lock, and a pool of read-only
// connections. The file runs in WAL mode, so readers see the last committed
// state while a write is under way. Every connection has foreign keys on and
// a busy timeout.
//
// Transactions travel in the context: Update runs a function in one write
// transaction and gives it a context carrying that transaction; every store
// method called with that context joins it and sees its uncommitted
// changes. Called with any other context, a read runs on the reader pool and
// a write in a transaction of its own. Inside Update, always pass the
// callback's context on: a write made with another context waits for the
// single writer connection that the transaction holds.
//
// Every write method runs through db.write, which hands it a writeTx
// (write.go): its create, update, upsert and remove methods change one row
// and append that change's audit entry in the same transaction, the row
// read before and after by its key with plain SQL and turned into the
// entry by entryJSON (audit.go), the one place the masking policy of the
// audit trail is applied. A write that records no entry is refused, so an
// unaudited write cannot be committed. store/audit_write_test.go calls
// every write method and checks it leaves exactly one entry.
//
// On PostgreSQL (postgres.go) a DB holds one pool of connections to the
// server; write transactions are SERIALIZABLE and retried on a
// serialization failure, read transactions REPEATABLE READ and read-only.
//
// The SQL is kept plain (TEXT, INTEGER and REAL columns, no JSON or
// full-text features, ? placeholders, ON CONFLICT upserts) and is shared
// by both stores, with the few differences of dialect in dialect.go. What
// is SQLite's own is kept apart: opening the file and its pools (this
// file), the error codes (errors.go; PostgreSQL's in pgerrors.go), and
// file backups (backup.go).
package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"sync/atomic"
	"time"

	"github.com/jackc/pgx/v5"

	"peiyang/internal/private"
	"peiyang/models"
	"peiyang/training"

	_ "modernc.org/sqlite" // registers the "sqlite" driver
)

// readers is the size of the reader pool.
const readers = 4

// busyTimeout is how long a connection waits for another one, in this
// process or another, to finish writing before it gives up with the
// ECONFLICT error "The database is busy". Tests shorten it.
var busyTimeout = 10 * time.Second

// DB is the store, on a SQLite file or a PostgreSQL server. It is safe
// for concurrent use.
type DB struct {
	dialect *dialect
	wr      *sql.DB // SQLite: one connection, for write transactions; PostgreSQL: the pool
	rd      *sql.DB // SQLite: read-only connections; PostgreSQL: the pool
	rq      querier // rd as the dialect speaks to it
	path    string  // SQLite: the file
	name    string  // PostgreSQL: user@host:port/database
	// password is PostgreSQL's, kept only to strip it from errors.
	password string
	pgConfig *pgx.ConnConfig // PostgreSQL: how the pool connects
	now      func() time.Time
	// migrated lists the schema versions this Open applied.
	migrated []int
	// readOnly is set by OpenReadOnly: there is no writer then.
	readOnly bool
	// retries counts the write transactions run again (PostgreSQL).
	retries atomic.Int64
	// account is the session's account, read once (accounts.go).
	account atomic.Pointer[models.Account]
}

// Open opens the database: a PostgreSQL connection string (see
// IsPostgres) connects to the server; anything else is the path of a
// database file, created (private: internal/private) when missing. Either
// way the schema is brought up to date. The folder must exist, and a file
// already there must be Peiyang's database (or empty): another program's
// file is refused and left unchanged (checkFile). A file or folder that
// cannot be written is refused with an error holding ErrNotWritable;
// OpenReadOnly then opens it for reading.
func Open(path string) (*DB, error) { return open(path, true) }

// open opens the database; without index it leaves the search index as
// it is and writes nothing beyond the schema (a copy's target).
func open(path string, index bool) (*DB, error) {
	if path == "" {
		return nil, errors.New("store: open: no database path")
	}
	if IsPostgres(path) {
		return openPostgres(path, index)
	}
	abs, err := filepath.Abs(path)
	if err != nil {
		return nil, fmt.Errorf("store: open: %w", err)
	}
	if err := prepareFile(abs); err != nil {
		return nil, err
	}
	db := &DB{dialect: sqliteDialect, path: abs, now: func() time.Time { return time.Now() }}
	db.wr, err = sql.Open("sqlite", dsn(abs, true))
	if err != nil {
		return nil, fmt.Errorf("store: open: %w", err)
	}
	db.wr.SetMaxOpenConns(1)
	db.wr.SetMaxIdleConns(1)
	db.wr.SetConnMaxLifetime(0)
	db.wr.SetConnMaxIdleTime(0)

	ctx := context.Background()
	// The writer connects first: it turns the file to WAL mode before a
	// read-only connection could need it.
	if err := db.wr.PingContext(ctx); err != nil {
		db.wr.Close()
		if isNotWritable(err) && !folderWritable(filepath.Dir(abs)) {
			return nil, notWritableErr(MsgNotWritable, abs)
		}
		return nil, fmt.Errorf("store: open %s: %w", filepath.Base(abs), err)
	}
	if err := db.migrate(ctx); err != nil {
		db.wr.Close()
		return nil, err
	}
	db.rd, err = sql.Open("sqlite", dsn(abs, false))
	if err != nil {
		db.wr.Close()
		return nil, fmt.Errorf("store: open: %w", err)
	}
	db.rd.SetMaxOpenConns(readers)
	db.rd.SetMaxIdleConns(readers)
	db.rq = db.rd
	if err := db.rd.PingContext(ctx); err != nil {
		db.Close()
		return nil, fmt.Errorf("store: open %s: %w", filepath.Base(abs), err)
	}
	if index {
		if err := db.checkSearchIndex(ctx); err != nil {
			db.Close()
			return nil, err
		}
	}
	// SQLite may have made the -wal and -shm files just now.
	if err := tightenMode(abs); err != nil {
		db.Close()
		return nil, fmt.Errorf("store: open: %w", err)
	}
	return db, nil
}

// prepareFile makes sure the file at abs can be opened as the database:
// Peiyang's or empty (checkFile), created when missing, private.
func prepareFile(abs string) error {
	exists, err := checkFile(abs)
	if err != nil {
		return err
	}
	f, err := os.OpenFile(abs, os.O_RDWR|os.O_CREATE, 0o600)
	if err != nil {
		if isNotWritable(err) {
			return notWritableErr(MsgNotWritable, abs)
		}
		return fmt.Errorf("store: open: %w", err)
	}
	if err := f.Close(); err != nil {
		return fmt.Errorf("store: open: %w", err)
	}
	// A file made by an older version, copied in, or restored may be
	// readable by others: it holds ID numbers, so tighten it.
	if err := tightenMode(abs); err != nil {
		if exists && isNotWritable(err) {
			return notWritableErr(MsgNotWritable, abs)
		}
		return fmt.Errorf("store: open: %w", err)
	}
	return nil
}

// tightenMode makes the database file and its -wal and -shm files, where
// they exist, private where they are not (internal/private: mode 0600, or
// on Windows an access list for the user alone).
func tightenMode(path string) error {
	for _, p := range []string{path, path + "-wal", path + "-shm"} {
		if _, err := os.Stat(p); errors.Is(err, os.ErrNotExist) {
			continue
		} else if err != nil {
			return err
		}
		if private.Check(p) != nil {
			if err := private.Restrict(p); err != nil {
				return err
			}
		}
	}
	return nil
}

// dsn builds the driver's connection string. The _pragma parameters run on
// every new connection of the pool.
func dsn(path string, writer bool) string {
	p := filepath.ToSlash(path)
	if !strings.HasPrefix(p, "/") {
		p = "/" + p // C:/... on Windows
	}
	u := url.URL{Path: p}
	q := []string{
		fmt.Sprintf("_pragma=busy_timeout(%d)", busyTimeout.Milliseconds()),
		"_pragma=foreign_keys(1)",
		"_pragma=journal_mode(WAL)",
		"_pragma=journal_size_limit(67108864)", // trim the WAL file to 64 MB after a checkpoint
	}
	if writer {
		// secure_delete: what a write deletes or overwrites is zeroed, not
		// left readable in free pages; de-identification relies on it.
		q = append(q, "_pragma=cache_size(-65536)", "_pragma=secure_delete(1)", "_txlock=immediate")
	} else {
		// 4 MB a reader: the four readers' caches are held for as long as
		// the window is open, and the file's pages stay in the system's
		// cache anyway (bench/search is as fast as with 16 MB).
		q = append(q, "_pragma=cache_size(-4096)", "_pragma=query_only(1)")
	}
	return "file://" + u.EscapedPath() + "?" + strings.Join(q, "&")
}

// Close closes the pools.
func (db *DB) Close() error {
	var errs []error
	if db.rd != nil {
		errs = append(errs, db.rd.Close())
	}
	if db.wr != nil && db.wr != db.rd {
		errs = append(errs, db.wr.Close())
	}
	if err := errors.Join(errs...); err != nil {
		return fmt.Errorf("store: close: %w", err)
	}
	return nil
}

// Path returns the database file's absolute path; "" on PostgreSQL.
func (db *DB) Path() string { return db.path }

// Retries returns how many write transactions were run again after a
// serialization failure or a deadlock (PostgreSQL), since Open.
func (db *DB) Retries() int64 { return db.retries.Load() }

// Migrated returns the schema versions that opening the database applied,
// in order: empty unless the file was new or made by an older version.
// Some upgrades leave records to review (training.ElectionReviews).
func (db *DB) Migrated() []int { return append([]int(nil), db.migrated...) }

// SchemaVersion returns the number of the last migration applied.
func (db *DB) SchemaVersion(ctx context.Context) (int, error) {
	var v sql.NullInt64
	if err := db.reader(ctx).QueryRowContext(ctx, `SELECT MAX(version) FROM schema_migrations`).Scan(&v); err != nil {
		return 0, fmt.Errorf("store: schema version: %w", err)
	}
	return int(v.Int64), nil
}

// IntegrityCheck runs SQLite's integrity and foreign key checks and returns
// "ok" when both pass, else the problems found, one a line. On PostgreSQL,
// which checks every constraint as it writes, it checks that none has been
// left unchecked (NOT VALID) and that the triggers keeping the audit trail
// append-only are there and enabled.
func (db *DB) IntegrityCheck(ctx context.Context) (string, error) {
	if db.dialect == postgresDialect {
		return db.pgIntegrityCheck(ctx)
	}
	q := db.reader(ctx)
	problems, err := pragmaLines(ctx, q, `PRAGMA integrity_check`)
	if err != nil {
		return "", fmt.Errorf("store: integrity check: %w", err)
	}
	refs, err := foreignKeyProblems(ctx, q)
	if err != nil {
		return "", fmt.Errorf("store: foreign key check: %w", err)
	}
	problems = append(problems, refs...)
	if len(problems) == 0 {
		return "ok", nil
	}
	return strings.Join(problems, "\n"), nil
}

// dataTables are the tables that hold records, as opposed to settings and
// bookkeeping.
var dataTables = []string{
	"organisations", "programmes", "cohorts", "instructors", "trainees",
	"courses", "sessions", "enrolments", "attendance", "placements",
	"mentorships", "contacts", "returns", "elections", "certificates",
}

// IsEmpty reports whether the database holds no records (settings aside).
func (db *DB) IsEmpty(ctx context.Context) (bool, error) {
	q := db.reader(ctx)
	for _, t := range dataTables {
		var n int
		err := q.QueryRowContext(ctx, `SELECT COUNT(*) FROM (SELECT 1 FROM `+t+` LIMIT 1) AS x`).Scan(&n)
		if err != nil {
			return false, fmt.Errorf("store: is empty: %w", err)
		}
		if n > 0 {
			return false, nil
		}
	}
	return true, nil
}

// The compiler checks that DB is everything the rules need of a store.
var _ training.Store = (*DB)(nil)
