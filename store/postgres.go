package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"net/url"
	"os"
	"strconv"
	"strings"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/stdlib"

	"peiyang/internal/osuser"
	"peiyang/models"
	"peiyang/training"
)

// The PostgreSQL store: the same DB over a pool of connections to a
// server, for several staff at once. A connection string is PostgreSQL's
// own, postgres://user@host:5432/peiyang?sslmode=verify-full or
// postgres:///peiyang (the local socket), and what it leaves out comes
// from the PG* variables (PGHOST, PGPORT, PGUSER, PGDATABASE, PGPASSWORD,
// PGSSLMODE ...), the password file (~/.pgpass, or
// %APPDATA%\postgresql\pgpass.conf on Windows) and libpq's defaults, as
// psql does. A password is never kept beyond the pool's configuration:
// the database's Name leaves it out, and every error of the store is
// stripped of it.

// pgPoolSize is the most connections one Peiyang opens to the server.
const pgPoolSize = 16

// pgMinVersion is the oldest server the migrations run on (identity
// columns, EXECUTE FUNCTION in triggers).
const pgMinVersion = 110000

// IsPostgres reports whether a database named on the command line or in
// PEIYANG_DB is a PostgreSQL connection string rather than a file.
func IsPostgres(target string) bool {
	t := strings.ToLower(strings.TrimSpace(target))
	return strings.HasPrefix(t, "postgres://") || strings.HasPrefix(t, "postgresql://")
}

// WithoutPassword returns a PostgreSQL connection string without the
// password it may hold (in its user part or a password parameter), to be
// shown or remembered; anything else is returned as it is.
func WithoutPassword(target string) string {
	if !IsPostgres(target) {
		return target
	}
	u, err := url.Parse(strings.TrimSpace(target))
	if err != nil {
		return "postgres://"
	}
	if u.User != nil {
		u.User = url.User(u.User.Username())
	}
	q := u.Query()
	if q.Has("password") {
		q.Del("password")
		u.RawQuery = q.Encode()
	}
	return u.String()
}

// WithPassword returns the PostgreSQL connection string target with the
// password in it ("" leaves it as it is), for a password typed in the
// window; the result must never be shown or saved (WithoutPassword). Any
// other target is refused (EINVALID).
func WithPassword(target, password string) (string, error) {
	if !IsPostgres(target) {
		return "", models.Errorf(models.EINVALID, "target", "Give a PostgreSQL connection string, such as postgres://user@host:5432/peiyang.")
	}
	if password == "" {
		return target, nil
	}
	u, err := url.Parse(strings.TrimSpace(target))
	if err != nil {
		return "", models.Errorf(models.EINVALID, "db", "The connection string {{.Target}} cannot be read: {{.Err}}",
			"Target", WithoutPassword(target), "Err", redact(err.Error(), password))
	}
	name := ""
	if u.User != nil {
		name = u.User.Username()
	}
	u.User = url.UserPassword(name, password)
	return u.String(), nil
}

// openPostgres connects to the server and brings the database's schema up
// to date.
func openPostgres(target string, index bool) (*DB, error) {
	cfg, err := pgx.ParseConfig(strings.TrimSpace(target))
	if err != nil {
		return nil, models.Errorf(models.EINVALID, "db", "The connection string {{.Target}} cannot be read: {{.Err}}",
			"Target", WithoutPassword(target), "Err", redact(err.Error(), ""))
	}
	if cfg.ConnectTimeout == 0 {
		cfg.ConnectTimeout = 15 * time.Second
	}
	if _, ok := cfg.RuntimeParams["application_name"]; !ok {
		cfg.RuntimeParams["application_name"] = applicationName()
	}
	// A write waits for another client's locks as long as a SQLite writer
	// waits for the file's, then gets the same busy message (isBusy).
	if _, ok := cfg.RuntimeParams["lock_timeout"]; !ok {
		cfg.RuntimeParams["lock_timeout"] = strconv.FormatInt(busyTimeout.Milliseconds(), 10)
	}
	return openPostgresConfig(cfg, index)
}

// openPostgresConfig opens the pool of the connection configuration.
func openPostgresConfig(cfg *pgx.ConnConfig, index bool) (*DB, error) {
	db := &DB{dialect: postgresDialect, name: pgName(cfg), password: cfg.Password, pgConfig: cfg,
		now: func() time.Time { return time.Now() }}
	pool := stdlib.OpenDB(*cfg)
	pool.SetMaxOpenConns(pgPoolSize)
	pool.SetMaxIdleConns(4)
	pool.SetConnMaxIdleTime(5 * time.Minute)
	db.wr, db.rd, db.rq = pool, pool, pgPoolReader{pgQuerier{pool}}
	ctx := context.Background()
	if err := db.checkServer(ctx); err != nil {
		pool.Close()
		return nil, err
	}
	if err := db.checkForeign(ctx); err != nil {
		pool.Close()
		return nil, err
	}
	if err := db.migrate(ctx); err != nil {
		pool.Close()
		return nil, db.redactErr(err)
	}
	if index {
		if err := db.checkSearchIndex(ctx); err != nil {
			pool.Close()
			return nil, db.redactErr(err)
		}
		db.dropStaleRestoring(ctx)
	}
	if _, err := db.Account(ctx); err != nil { // a user with no account goes no further
		pool.Close()
		return nil, err
	}
	return db, nil
}

// checkServer connects and checks the server's version.
func (db *DB) checkServer(ctx context.Context) error {
	var v string
	if err := db.rd.QueryRowContext(ctx, `SHOW server_version_num`).Scan(&v); err != nil {
		return models.Errorf(models.EINVALID, "db", "Cannot connect to the database server {{.Server}}: {{.Err}}",
			"Server", db.name, "Err", redact(connectReason(err), db.password))
	}
	if n, _ := strconv.Atoi(v); n < pgMinVersion {
		return models.Errorf(models.EINVALID, "db", "The database server {{.Server}} runs PostgreSQL {{.Version}}; Peiyang needs 11 or newer.",
			"Server", db.name, "Version", v)
	}
	return nil
}

// connectReason is the gist of a connection failure: pgx's message names
// the user and database, then the reason after the last ": ".
func connectReason(err error) string {
	s := err.Error()
	var ce interface{ Unwrap() error }
	if errors.As(err, &ce) {
		if inner := ce.Unwrap(); inner != nil {
			s = inner.Error()
		}
	}
	return s
}

// pgName is the database as users know it: user@host:port/database,
// without the password.
func pgName(cfg *pgx.ConnConfig) string {
	host := cfg.Host
	if !strings.HasPrefix(host, "/") {
		host += ":" + strconv.Itoa(int(cfg.Port))
	}
	return cfg.User + "@" + host + "/" + cfg.Database
}

// applicationName names this Peiyang to the server (pg_stat_activity), so
// that a restore can say who else is connected: the program, the system
// user, the computer and the process.
func applicationName() string {
	who := osuser.Name()
	if who == "" {
		who = "?"
	}
	host, _ := os.Hostname()
	name := fmt.Sprintf("peiyang %s@%s pid %d", who, host, os.Getpid())
	if len(name) > 63 {
		name = name[:63]
	}
	return name
}

// redact removes the password from a text.
func redact(s, password string) string {
	if password == "" {
		return s
	}
	return strings.ReplaceAll(s, password, "********")
}

// redactErr strips the password from an error that is not a domain error
// (whose messages the store writes itself).
func (db *DB) redactErr(err error) error {
	if err == nil || db.password == "" || !strings.Contains(err.Error(), db.password) {
		return err
	}
	return &redactedError{msg: redact(err.Error(), db.password), err: err}
}

// redactedError is an error whose text has had the password removed.
type redactedError struct {
	msg string
	err error
}

func (e *redactedError) Error() string { return e.msg }
func (e *redactedError) Unwrap() error { return e.err }

// Name is the database as users know it: the file's path, or for
// PostgreSQL user@host:port/database, without the password.
func (db *DB) Name() string {
	if db.dialect == postgresDialect {
		return db.name
	}
	return db.path
}

// IsPostgres reports whether the database is on a PostgreSQL server.
func (db *DB) IsPostgres() bool { return db.dialect == postgresDialect }

// User is the database user for PostgreSQL (the session's role), "" for a
// SQLite file.
func (db *DB) User(ctx context.Context) (string, error) {
	if db.dialect != postgresDialect {
		return "", nil
	}
	var u string
	if err := db.rq.QueryRowContext(ctx, `SELECT session_user`).Scan(&u); err != nil {
		return "", fmt.Errorf("store: database user: %w", db.redactErr(err))
	}
	return u, nil
}

// pgLockMigrations keeps two Peiyang from migrating one database at
// once: an advisory lock for the transaction, the first statement of
// each migration's.
func pgLockMigrations(ctx context.Context, q querier) error {
	_, err := q.ExecContext(ctx, `SELECT pg_advisory_xact_lock(?)`, advisoryMigrate)
	return err
}

// Advisory lock keys, in Peiyang's own range ("peiy" and a number).
const (
	advisoryMigrate int64 = 0x7065_6979_0001
	// LockRestore is held by a restore under way.
	LockRestore int64 = 0x7065_6979_0002
)

// TryAdvisoryLock takes PostgreSQL's session advisory lock key on a
// connection of its own, without waiting: ok is false when another
// session holds it. unlock releases it.
func (db *DB) TryAdvisoryLock(ctx context.Context, key int64) (unlock func(), ok bool, err error) {
	c, err := db.wr.Conn(ctx)
	if err != nil {
		return nil, false, db.connErr(fmt.Errorf("store: lock: %w", err), inRead)
	}
	if err := c.QueryRowContext(ctx, `SELECT pg_try_advisory_lock($1)`, key).Scan(&ok); err != nil || !ok {
		c.Close()
		if err != nil {
			return nil, false, fmt.Errorf("store: lock: %w", db.redactErr(err))
		}
		return nil, false, nil
	}
	return func() {
		_, _ = c.ExecContext(context.Background(), `SELECT pg_advisory_unlock($1)`, key)
		c.Close()
	}, true, nil
}

// pgIntegrityCheck is IntegrityCheck on PostgreSQL.
func (db *DB) pgIntegrityCheck(ctx context.Context) (string, error) {
	q := db.reader(ctx)
	var problems []string
	err := queryRows(ctx, q, `SELECT conrelid::regclass::text, conname FROM pg_constraint
		WHERE NOT convalidated AND connamespace = current_schema()::regnamespace ORDER BY 1, 2`, nil,
		func(rows *sql.Rows) error {
			var table, name string
			if err := rows.Scan(&table, &name); err != nil {
				return err
			}
			problems = append(problems, fmt.Sprintf("constraint %s of %s is not checked (NOT VALID)", name, table))
			return nil
		})
	if err != nil {
		return "", fmt.Errorf("store: integrity check: %w", db.redactErr(err))
	}
	enabled := map[string]bool{}
	err = queryRows(ctx, q, `SELECT tgname, tgenabled <> 'D' FROM pg_trigger
		WHERE tgrelid = to_regclass('audit_log') AND NOT tgisinternal`, nil, func(rows *sql.Rows) error {
		var name string
		var on bool
		if err := rows.Scan(&name, &on); err != nil {
			return err
		}
		enabled[name] = on
		return nil
	})
	if err != nil {
		return "", fmt.Errorf("store: integrity check: %w", db.redactErr(err))
	}
	for _, t := range []string{"audit_log_no_update", "audit_log_no_delete", "audit_log_no_truncate"} {
		if !enabled[t] {
			problems = append(problems, fmt.Sprintf("trigger %s, which keeps the audit trail append-only, is missing or disabled", t))
		}
	}
	if len(problems) == 0 {
		return "ok", nil
	}
	return strings.Join(problems, "\n"), nil
}

// syncIDs sets each table's ID sequence past the highest ID in it, after
// rows were written with their IDs (a dataset, a copy), so that the next
// record created gets a new ID; SQLite's AUTOINCREMENT does so by itself.
func (db *DB) syncIDs(ctx context.Context, q querier) error {
	if db.dialect != postgresDialect {
		return nil
	}
	var tables []string
	err := queryRows(ctx, q, `SELECT table_name FROM information_schema.columns
		WHERE table_schema = current_schema() AND column_name = 'id' AND is_identity = 'YES'
		ORDER BY table_name`, nil, func(rows *sql.Rows) error {
		var t string
		tables = append(tables, t)
		return rows.Scan(&tables[len(tables)-1])
	})
	if err != nil {
		return fmt.Errorf("store: id sequences: %w", err)
	}
	for _, t := range tables {
		_, err := q.ExecContext(ctx, `SELECT setval(pg_get_serial_sequence(?, 'id'), COALESCE(MAX(id), 0) + 1, false) FROM `+
			pgx.Identifier{t}.Sanitize(), t)
		if err != nil {
			return fmt.Errorf("store: id sequence of %s: %w", t, err)
		}
	}
	return nil
}

// pgScrub rewrites the tables that held the removed personal data
// (VACUUM FULL), so that no older version of their rows stays in the
// database's files. It waits lockWait for the tables; when other sessions
// keep them that long, the change stands and the error is ECONFLICT
// MsgRetentionIncomplete, as on SQLite. The server's write-ahead log and
// its backups keep older copies until they expire: the DBA's retention.
func (db *DB) pgScrub(ctx context.Context) error {
	c, err := db.wr.Conn(ctx)
	if err != nil {
		return db.connErr(fmt.Errorf("store: scrub: %w", err), inWrite)
	}
	defer c.Close()
	if _, err := c.ExecContext(ctx, `SET lock_timeout = '5s'`); err != nil {
		return fmt.Errorf("store: scrub: %w", err)
	}
	_, err = c.ExecContext(ctx, `VACUUM FULL trainees, trainee_search, audit_log`)
	if _, rerr := c.ExecContext(context.WithoutCancel(ctx), `RESET lock_timeout`); rerr != nil && err == nil {
		err = rerr
	}
	switch {
	case pgCode(err) == pgLockNotAvailable:
		return models.Errorf(models.ECONFLICT, "", training.MsgRetentionIncomplete)
	case err != nil:
		return db.connErr(fmt.Errorf("store: scrub: %w", err), inWrite)
	}
	return nil
}

// checkForeign refuses a database whose schema holds tables but not
// Peiyang's: another program's data, which the migrations must not
// change (as Open refuses another program's file).
func (db *DB) checkForeign(ctx context.Context) error {
	var tables int
	var ours bool
	err := db.rq.QueryRowContext(ctx, `SELECT COUNT(*), COALESCE(BOOL_OR(table_name = 'schema_migrations'), false)
		FROM information_schema.tables WHERE table_schema = current_schema()`).Scan(&tables, &ours)
	if err != nil {
		return fmt.Errorf("store: open %s: %w", db.name, db.redactErr(err))
	}
	if tables > 0 && !ours {
		return models.Errorf(models.EINVALID, "db", "The database {{.Server}} holds tables of another program; Peiyang needs a database of its own (an empty one to begin with).",
			"Server", db.name)
	}
	return nil
}
