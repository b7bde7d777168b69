package cli

import (
	"context"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"time"

	"peiyang/backup"
	"peiyang/internal/inuse"
	"peiyang/models"
	"peiyang/store"
	"peiyang/training"
)

// This file is the one place the command line names the store: it opens
// the database and puts the rules over it. Every command then works
// through e.svc; only the backups (package backup) take e.db itself.

// env is what a running command gets: its output streams, the chosen
// database and clock, and the flag set it parses its arguments with.
type env struct {
	stdout, stderr io.Writer
	ctx            context.Context
	dbPath         string
	now            func() time.Time
	cmd            *command
	fs             *flag.FlagSet
	json           bool
	db             *store.DB
	svc            *training.Service
	hold           *inuse.Hold // this process's entry in the database's register
	notice         *models.Error
	target         *printTarget // the printer of a print command (withPrinter)
}

// open opens the database and the rules over it, after recording this
// process in the database's register of who has it open (see backup.Hold:
// a restore refuses while others have it open, naming them). What an
// interrupted restore left is cleaned up on the way, with a notice on
// stderr (kept in e.notice for the window).
//
// The file is checked first (store.CheckOpen), before anything is made
// beside it: another program's file is left as it was, and only the
// default database's folder, in the user's config folder, is made when
// missing. A command that only reads opens a database that cannot be
// written for reading, with a notice, and without the register (nobody
// can restore over a read-only file).
func (e *env) open() error {
	path, err := DatabasePath(e.dbPath)
	if err != nil {
		return err
	}
	if store.IsPostgres(path) {
		return e.openServer(path)
	}
	if e.dbPath == "" && os.Getenv(EnvDB) == "" {
		if err := os.MkdirAll(filepath.Dir(path), 0o700); err != nil {
			return fmt.Errorf("create the config folder: %w", err)
		}
	}
	if err := store.CheckOpen(path); err != nil {
		return fmt.Errorf("open database %s: %w", path, err)
	}
	hold, note, err := backup.Hold(e.ctx, path)
	if note != nil {
		e.notice = note
		fmt.Fprintf(e.stderr, "peiyang: %s\n", note.Error())
	}
	var db *store.DB
	if err == nil {
		if db, err = store.Open(path); err != nil {
			hold.Release()
			hold = nil
		}
	}
	if err != nil && e.cmd != nil && e.cmd.reads && store.IsNotWritable(err) {
		if db, err = store.OpenReadOnly(path); err == nil {
			fmt.Fprintf(e.stderr, "peiyang: notice: the database %s cannot be written (the file or its folder is read-only), "+
				"so it is open for reading only: nothing can be changed, and what this command prints or exports is not recorded in the audit trail.\n", path)
		}
	}
	if err != nil {
		return fmt.Errorf("open database %s: %w", path, err)
	}
	e.db, e.hold = db, hold
	e.svc = training.New(db, training.WithClock(e.now))
	if slices.Contains(db.Migrated(), reviewedSchema) {
		e.upgradeNotice()
	}
	return nil
}

// openServer connects to a PostgreSQL database: there is no file, so no
// register of who has it open (the server knows its sessions, which a
// restore asks), and nothing read-only. Messages name the database
// without its password.
func (e *env) openServer(target string) error {
	db, err := store.Open(target)
	if err != nil {
		return fmt.Errorf("open database %s: %w", store.WithoutPassword(target), err)
	}
	e.db = db
	e.svc = training.New(db, training.WithClock(e.now))
	if slices.Contains(db.Migrated(), reviewedSchema) {
		e.upgradeNotice()
	}
	return nil
}

// isServer reports whether target names a PostgreSQL database rather than
// a file.
func isServer(target string) bool { return store.IsPostgres(target) }

// dbName is the chosen database as messages name it: the file, or the
// PostgreSQL database without its password.
func (e *env) dbName() string {
	if e.db != nil {
		return e.db.Name()
	}
	path, _ := DatabasePath(e.dbPath)
	return store.WithoutPassword(path)
}

// reviewedSchema is the schema version whose upgrade lists records to
// review (store/migrations/0003_election_rules.sql).
const reviewedSchema = 3

// close closes the database, if open, and then leaves its register.
func (e *env) close() error {
	var err error
	if e.db != nil {
		err = e.db.Close()
		e.db, e.svc = nil, nil
	}
	if rerr := e.hold.Release(); err == nil {
		err = rerr
	}
	e.hold = nil
	return err
}

// DatabasePath resolves the database: the flag, else $PEIYANG_DB, else
// peiyang.db in the user's config folder. The flag and the variable take
// a file's path or a PostgreSQL connection string (postgres://...).
func DatabasePath(flagValue string) (string, error) {
	if flagValue != "" {
		return flagValue, nil
	}
	if v := os.Getenv(EnvDB); v != "" {
		return v, nil
	}
	dir, err := os.UserConfigDir()
	if err != nil {
		return "", fmt.Errorf("find the config folder: %w (use --db or %s)", err, EnvDB)
	}
	return filepath.Join(dir, "peiyang", "peiyang.db"), nil
}
