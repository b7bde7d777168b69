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
}

// open opens the database and the rules over it.
func (e *env) open() error {
	path, err := DatabasePath(e.dbPath)
	if err != nil {
		return err
	}
	db, err := store.Open(path)
	if err != nil {
		return fmt.Errorf("open database %s: %w", path, err)
	}
	e.db = db
	e.svc = training.New(db, training.WithClock(e.now))
	if slices.Contains(db.Migrated(), reviewedSchema) {
		e.upgradeNotice()
	}
	return nil
}

// reviewedSchema is the schema version whose upgrade lists records to
// review (store/migrations/0003_election_rules.sql).
const reviewedSchema = 3

// DatabasePath resolves the database file: the flag, else $PEIYANG_DB,
// else peiyang.db in the user's config folder.
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
