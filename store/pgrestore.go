package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"

	"github.com/jackc/pgx/v5"
)

// Restoring a backup (a Peiyang SQLite file) into a PostgreSQL database.
// The backup is copied into a schema of its own, peiyang_restoring, which
// nobody uses; then one short transaction renames the live schema (public,
// or whichever the connection's is) to the set-aside name and the restored
// one to the live name. Until that rename the live data are untouched; the
// rename is all or nothing; the previous data stay in the set-aside schema
// for the DBA to keep or drop. Package backup decides when (nobody else
// connected) and checks the file first.

// restoringSchema is where a restore builds the new data.
const restoringSchema = "peiyang_restoring"

// Session is another client connected to the same PostgreSQL database.
type Session struct {
	PID    int
	User   string    // the database role
	App    string    // application_name: another Peiyang names its user, computer and process
	Client string    // the client's address, "local" for the socket, "" when the server does not say
	Since  time.Time // when it connected
}

// OtherSessions lists the clients connected to the database other than
// this process's own connections.
func (db *DB) OtherSessions(ctx context.Context) ([]Session, error) {
	if db.dialect != postgresDialect {
		return nil, errors.New("store: sessions: not a PostgreSQL database")
	}
	var out []Session
	err := queryRows(ctx, db.rq, `SELECT pid, COALESCE(usename, ''), COALESCE(application_name, ''),
			CASE WHEN client_addr IS NULL AND client_port = -1 THEN 'local' ELSE COALESCE(host(client_addr), '') END,
			backend_start
		FROM pg_stat_activity
		WHERE datname = current_database() AND pid <> pg_backend_pid() AND backend_type = 'client backend'
			AND COALESCE(application_name, '') <> ?
		ORDER BY backend_start`, []any{db.pgConfig.RuntimeParams["application_name"]}, func(rows *sql.Rows) error {
		var s Session
		if err := rows.Scan(&s.PID, &s.User, &s.App, &s.Client, &s.Since); err != nil {
			return err
		}
		out = append(out, s)
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("store: sessions: %w", db.redactErr(err))
	}
	return out, nil
}

// RestoreFrom replaces the data of the database with those of the
// Peiyang SQLite file at path, which must have been checked (CheckFile)
// and be at this program's schema version, keeping the previous data in
// the schema aside, which must not exist. On an error the database is as
// it was.
func (db *DB) RestoreFrom(ctx context.Context, path, aside string) error {
	if db.dialect != postgresDialect {
		return errors.New("store: restore: not a PostgreSQL database")
	}
	var live string
	if err := db.rq.QueryRowContext(ctx, `SELECT current_schema()`).Scan(&live); err != nil {
		return fmt.Errorf("store: restore: %w", db.redactErr(err))
	}
	if err := db.buildRestoring(ctx, path); err != nil {
		db.DropRestoring(context.WithoutCancel(ctx))
		return err
	}
	// One simple query of three statements: one transaction.
	_, err := db.wr.ExecContext(ctx, `ALTER SCHEMA `+pgx.Identifier{live}.Sanitize()+` RENAME TO `+pgx.Identifier{aside}.Sanitize()+
		`; ALTER SCHEMA `+restoringSchema+` RENAME TO `+pgx.Identifier{live}.Sanitize()+
		// The functions that run as the owner search the schema by its
		// name (migrations/postgres/0009_accounts.sql).
		`; SELECT `+pgx.Identifier{live}.Sanitize()+`.peiyang_pin_search_path()`)
	if err != nil {
		db.DropRestoring(context.WithoutCancel(ctx))
		return fmt.Errorf("store: restore: swap the schemas: %w", db.redactErr(err))
	}
	return nil
}

// buildRestoring makes the schema peiyang_restoring anew and copies the
// file into it.
func (db *DB) buildRestoring(ctx context.Context, path string) error {
	if _, err := db.wr.ExecContext(ctx, `DROP SCHEMA IF EXISTS `+restoringSchema+` CASCADE; CREATE SCHEMA `+restoringSchema); err != nil {
		return fmt.Errorf("store: restore: %w", db.redactErr(err))
	}
	cfg := db.pgConfig.Copy()
	cfg.RuntimeParams["search_path"] = restoringSchema
	dst, err := openPostgresConfig(cfg, false)
	if err != nil {
		return err
	}
	defer dst.Close()
	src, err := Open(path)
	if err != nil {
		return err
	}
	defer src.Close()
	if _, err := Copy(ctx, src, dst, ""); err != nil {
		return err
	}
	return nil
}

// DropRestoring removes what a restore that did not finish left.
func (db *DB) DropRestoring(ctx context.Context) {
	if db.dialect == postgresDialect {
		_, _ = db.wr.ExecContext(ctx, `DROP SCHEMA IF EXISTS `+restoringSchema+` CASCADE`)
	}
}

// dropStaleRestoring removes the schema a restore killed half-way left
// (the backup's data, partly or wholly copied, where nobody looks), as
// opening a SQLite file removes the file a restore staged beside it; but
// not while a restore holds LockRestore, whose schema it is. A role that
// may not drop it leaves it to the next restore, which drops it first.
func (db *DB) dropStaleRestoring(ctx context.Context) {
	if ok, err := db.SchemaExists(ctx, restoringSchema); err != nil || !ok {
		return
	}
	unlock, ok, err := db.TryAdvisoryLock(ctx, LockRestore)
	if err != nil || !ok {
		return
	}
	defer unlock()
	db.DropRestoring(ctx)
}

// SchemaExists reports whether the PostgreSQL database has a schema of
// that name.
func (db *DB) SchemaExists(ctx context.Context, name string) (bool, error) {
	var ok bool
	err := db.rq.QueryRowContext(ctx, `SELECT EXISTS (SELECT 1 FROM pg_namespace WHERE nspname = ?)`, name).Scan(&ok)
	if err != nil {
		return false, fmt.Errorf("store: %w", db.redactErr(err))
	}
	return ok, nil
}
