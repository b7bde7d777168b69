package cli

import (
	"context"
	"errors"
	"os"
	"strings"
	"sync"
	"time"

	"peiyang/app"
	"peiyang/backup"
	"peiyang/store"
	"peiyang/training"
)

// windowDB is the window's hold on the database: it hands the window the
// backup and restore of the database, which the window cannot reach
// itself, and reopens the database after a restore or when another
// program replaced the file.
type windowDB struct {
	e    *env
	mu   sync.Mutex  // held while the database is closed and reopened
	file os.FileInfo // the file opened, to tell when another replaces it
}

// errClosed is a backup's error once the database could not be reopened.
var errClosed = errors.New("backup: the database is closed")

// withSafety fills in the window's backup, restore and reopen hooks over
// the open database (e.db).
func withSafety(e *env, opts app.Options) app.Options {
	w := &windowDB{e: e}
	w.file, _ = os.Stat(e.db.Path())
	opts.Backup = func(ctx context.Context, path string) error {
		w.mu.Lock()
		defer w.mu.Unlock()
		if e.db == nil {
			return errClosed
		}
		return backup.Backup(ctx, e.db, path)
	}
	opts.AutoBackup = func(ctx context.Context, now time.Time) (string, error) {
		w.mu.Lock()
		defer w.mu.Unlock()
		if e.db == nil {
			return "", errClosed
		}
		return backup.Auto(ctx, e.db, now)
	}
	opts.Restore = w.restore
	opts.Replaced = w.replaced
	opts.Reopen = w.reopen
	opts.Notice = e.notice
	opts.OpenShared = w.openShared
	return opts
}

// restore checks the backup src while the database stays open (a refusal
// leaves the window as it was), then closes the database, swaps the
// backup in and reopens whatever is in place: the backup, or the original
// when the swap was refused, failed or was cancelled.
func (w *windowDB) restore(ctx context.Context, src string) (app.Restored, error) {
	w.mu.Lock()
	defer w.mu.Unlock()
	e := w.e
	path := e.db.Path()
	if e.db.IsPostgres() {
		path, _ = DatabasePath(e.dbPath)
	}
	p, err := backup.Prepare(ctx, path, src, e.now(), e.hold)
	if err != nil {
		return app.Restored{}, err
	}
	defer p.Discard()
	closeErr := e.close()
	aside, err := p.Commit(ctx)
	out := app.Restored{Done: err == nil, Aside: aside, Closed: true}
	if closeErr != nil && err == nil {
		err = closeErr // restored, but the old connection did not close cleanly
	}
	svc, oerr := w.openAgain()
	if oerr != nil {
		return out, errors.Join(err, oerr)
	}
	out.Service = svc
	return out, err
}

// replaced reports whether another file now sits at the database's path.
// It says no while the window itself reopens the database.
func (w *windowDB) replaced() bool {
	if !w.mu.TryLock() {
		return false
	}
	defer w.mu.Unlock()
	if w.e.db == nil || w.file == nil {
		return false
	}
	st, err := os.Stat(w.e.db.Path())
	return err == nil && !os.SameFile(st, w.file)
}

// reopen closes the database and opens the file at its path again. The
// log is folded into the old file first: SQLite leaves the log of a file
// that was replaced beside the new one, which must not read it.
func (w *windowDB) reopen(ctx context.Context) (*training.Service, error) {
	w.mu.Lock()
	defer w.mu.Unlock()
	if w.e.db == nil {
		return nil, errClosed
	}
	if err := w.e.db.FoldLog(ctx); err != nil {
		return nil, err
	}
	if err := w.e.close(); err != nil {
		return nil, err
	}
	return w.openAgain()
}

// openAgain opens the database at its path after a close, noting which
// file it is.
func (w *windowDB) openAgain() (*training.Service, error) {
	if err := w.e.open(); err != nil {
		return nil, err
	}
	w.file, _ = os.Stat(w.e.db.Path())
	return w.e.svc, nil
}

// openShared switches the window to the PostgreSQL database target, with
// the password given ("" for none: then ~/.pgpass or PGPASSWORD, as psql).
// It connects first, so that a refusal leaves the window on its database;
// the password stays in this process's memory only.
func (w *windowDB) openShared(ctx context.Context, target, password string) (app.Shared, error) {
	target = strings.TrimSpace(target)
	full, err := store.WithPassword(target, password)
	if err != nil {
		return app.Shared{}, err
	}
	probe, err := store.Open(full)
	if err != nil {
		return app.Shared{}, err
	}
	_ = probe.Close()
	w.mu.Lock()
	defer w.mu.Unlock()
	e := w.e
	old := e.dbPath
	_ = e.close() // a connection that does not close cleanly leaves nothing behind
	e.dbPath = full
	svc, err := w.openAgain()
	if err != nil {
		e.dbPath = old
		if _, rerr := w.openAgain(); rerr != nil {
			return app.Shared{}, errors.Join(err, rerr)
		}
		return app.Shared{}, err
	}
	user, err := e.db.User(ctx)
	if err != nil {
		return app.Shared{}, err
	}
	return app.Shared{Service: svc, Name: e.db.Name(), User: user, Remember: store.WithoutPassword(target)}, nil
}
