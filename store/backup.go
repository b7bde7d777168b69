package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"os"
	"path/filepath"

	"peiyang/internal/private"
	"peiyang/models"
)

// BackupTo writes a consistent copy of the database to path with VACUUM
// INTO, through the writer connection, while other connections of this or
// another process go on reading and writing. The copy is created private
// and must not exist yet (EEXIST-like ECONFLICT). It must not be called
// inside Update or View.
//
// On PostgreSQL the backup is the same: an ordinary Peiyang SQLite file,
// which either store can restore, copied (Copy) from one read-only
// REPEATABLE READ snapshot while other clients go on working.
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
	if err := db.backupInto(ctx, abs); err != nil {
		for _, sfx := range []string{"", "-wal", "-shm"} {
			os.Remove(abs + sfx)
		}
		return err
	}
	if err := private.Restrict(abs); err != nil {
		return fmt.Errorf("store: backup: %w", err)
	}
	return nil
}

// backupInto writes the copy into the empty file abs.
func (db *DB) backupInto(ctx context.Context, abs string) error {
	if db.dialect != postgresDialect {
		if _, err := db.wr.ExecContext(ctx, `VACUUM INTO ?`, abs); err != nil {
			return fmt.Errorf("store: backup: %w", err)
		}
		return nil
	}
	dst, err := OpenTarget(abs)
	if err != nil {
		return fmt.Errorf("store: backup: %w", err)
	}
	_, err = Copy(ctx, db, dst, "")
	if cerr := dst.Close(); err == nil {
		err = cerr
	}
	if err != nil {
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

// FoldLog folds the write-ahead log into the database file through the
// open database, so that the file alone holds every committed change:
// before closing a database whose file another program replaced, whose
// log SQLite then leaves behind beside the new file.
func (db *DB) FoldLog(ctx context.Context) error {
	if db.dialect == postgresDialect {
		return nil // a server has no file to fold
	}
	var busy, logged, done int
	err := db.wr.QueryRowContext(ctx, `PRAGMA wal_checkpoint(TRUNCATE)`).Scan(&busy, &logged, &done)
	if err != nil {
		return fmt.Errorf("store: checkpoint: %w", err)
	}
	if busy != 0 {
		return models.Errorf(models.ECONFLICT, "", "The database is in use by another program; close Peiyang first.")
	}
	return nil
}
