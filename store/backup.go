package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"peiyang/internal/private"
	"peiyang/models"
)

// BackupTo writes a consistent copy of the database to path with VACUUM
// INTO, through the writer connection, while other connections of this or
// another process go on reading and writing. The copy is created private
// and must not exist yet (EEXIST-like ECONFLICT). It must not be called
// inside Update or View.
func (db *DB) BackupTo(ctx context.Context, path string) error {
	if txFrom(ctx) != nil {
		return errors.New("store: backup: not possible inside a transaction")
	}
	abs, err := filepath.Abs(path)
	if err != nil {
		return fmt.Errorf("store: backup: %w", err)
	}
	if abs == db.path {
		return models.Errorf(models.EINVALID, "file", "The backup cannot replace the database itself.")
	}
	// Create the file empty and private (mode 0600; on Windows an access
	// list for the user alone), so that the copy is never readable by
	// others; VACUUM INTO accepts an empty file and keeps both.
	f, err := os.OpenFile(abs, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o600)
	if errors.Is(err, os.ErrExist) {
		return models.Errorf(models.ECONFLICT, "file", "The file {{.Path}} exists already.", "Path", abs)
	}
	if err != nil {
		return fmt.Errorf("store: backup: %w", err)
	}
	if err := f.Close(); err != nil {
		return fmt.Errorf("store: backup: %w", err)
	}
	if err := private.Restrict(abs); err != nil {
		os.Remove(abs)
		return fmt.Errorf("store: backup: %w", err)
	}
	if _, err := db.wr.ExecContext(ctx, `VACUUM INTO ?`, abs); err != nil {
		os.Remove(abs)
		return fmt.Errorf("store: backup: %w", err)
	}
	if err := private.Restrict(abs); err != nil {
		return fmt.Errorf("store: backup: %w", err)
	}
	return nil
}

// LatestSchemaVersion is the number of this program's last migration.
func LatestSchemaVersion() int {
	ms, err := migrations()
	if err != nil || len(ms) == 0 {
		return 0
	}
	return ms[len(ms)-1].version
}

// CheckFile checks a database file that is not open, such as a backup,
// without changing it: it must be a SQLite database that passes the
// integrity check, with a Peiyang schema. It returns the file's schema
// version; a problem is EINVALID.
func CheckFile(ctx context.Context, path string) (int, error) {
	badFile := func(msg string, kv ...any) error {
		return models.Errorf(models.EINVALID, "file", msg, kv...)
	}
	st, err := os.Stat(path)
	if err != nil {
		return 0, badFile("The file {{.Path}} cannot be read.", "Path", path)
	}
	if st.IsDir() || st.Size() == 0 {
		return 0, badFile("The file {{.Path}} is not a Peiyang database.", "Path", path)
	}
	abs, err := filepath.Abs(path)
	if err != nil {
		return 0, fmt.Errorf("store: check file: %w", err)
	}
	p := filepath.ToSlash(abs)
	if !strings.HasPrefix(p, "/") {
		p = "/" + p
	}
	// immutable: no locks, no -wal or -shm files created next to the copy.
	c, err := sql.Open("sqlite", "file://"+p+"?mode=ro&immutable=1")
	if err != nil {
		return 0, fmt.Errorf("store: check file: %w", err)
	}
	defer c.Close()
	rows, err := c.QueryContext(ctx, `PRAGMA integrity_check`)
	if err != nil {
		return 0, badFile("The file {{.Path}} is not a sound SQLite database: {{.Err}}", "Path", path, "Err", err.Error())
	}
	var problems []string
	for rows.Next() {
		var s string
		if err := rows.Scan(&s); err != nil {
			rows.Close()
			return 0, badFile("The file {{.Path}} is not a sound SQLite database: {{.Err}}", "Path", path, "Err", err.Error())
		}
		if s != "ok" {
			problems = append(problems, s)
		}
	}
	err = rows.Err()
	rows.Close()
	if err != nil {
		return 0, badFile("The file {{.Path}} is not a sound SQLite database: {{.Err}}", "Path", path, "Err", err.Error())
	}
	if len(problems) > 0 {
		if len(problems) > 5 {
			problems = problems[:5]
		}
		return 0, badFile("The file {{.Path}} is damaged: {{.Err}}", "Path", path, "Err", strings.Join(problems, "; "))
	}
	var v sql.NullInt64
	if err := c.QueryRowContext(ctx, `SELECT MAX(version) FROM schema_migrations`).Scan(&v); err != nil || v.Int64 < 1 {
		return 0, badFile("The file {{.Path}} is not a Peiyang database.", "Path", path)
	}
	return int(v.Int64), nil
}

// Checkpoint folds the write-ahead log of the database file at path, which
// this process must not hold open, into the file, so that the file alone
// holds every committed change; SQLite removes the -wal and -shm files when
// the last connection closes. A missing file is not an error.
func Checkpoint(ctx context.Context, path string) error {
	if _, err := os.Stat(path); errors.Is(err, os.ErrNotExist) {
		return nil
	}
	abs, err := filepath.Abs(path)
	if err != nil {
		return fmt.Errorf("store: checkpoint: %w", err)
	}
	c, err := sql.Open("sqlite", dsn(abs, true))
	if err != nil {
		return fmt.Errorf("store: checkpoint: %w", err)
	}
	c.SetMaxOpenConns(1)
	var busy, logged, done int
	err = c.QueryRowContext(ctx, `PRAGMA wal_checkpoint(TRUNCATE)`).Scan(&busy, &logged, &done)
	if cerr := c.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return fmt.Errorf("store: checkpoint: %w", err)
	}
	if busy != 0 {
		return models.Errorf(models.ECONFLICT, "", "The database is in use by another program; close Peiyang first.")
	}
	return nil
}
