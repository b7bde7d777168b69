package backup

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"time"

	"peiyang/internal/inuse"
	"peiyang/models"
	"peiyang/store"
)

// A restore replaces the live database with a backup and never loses
// data: it ends with the backup in place, or with the database exactly as
// it was, and says which. In order:
//
//  1. Prepare refuses while another process has the database open
//     (naming it), then copies the backup, with its -wal file, beside the
//     database, folds the log into the copy, and checks the copy: SQLite's
//     integrity and foreign key checks, and its schema against the one
//     this program creates for the backup's version. What is checked is
//     what is restored. It records the restore in the copy's audit trail.
//     The live database is not touched; a refusal or a failure here
//     changes nothing.
//  2. The caller closes its own connection to the database (the window
//     has one).
//  3. Commit keeps every other process from opening the database and
//     swaps the copy in: the live file gets a second name (the set-aside
//     file) and the copy is renamed over it, one atomic step, the last.
//
// A kill or power cut at any moment leaves the live file whole, old or
// new; what an interrupted restore leaves beside it is cleaned up the
// next time the database is opened (Recover).
//
// The policy is written against Target, a SQLite file (sqlitefile.go) or
// a PostgreSQL database (postgres.go). A backup is always one portable
// SQLite file, so a restore into PostgreSQL reuses the staging and the
// checks and swaps differently.

// Target is the live database a restore replaces.
type Target interface {
	// Name is the database as users know it: the file's path.
	Name() string
	// StagePath is where the checked copy of a backup is made.
	StagePath() string
	// AsidePath names where the current data will be kept, "" when there
	// are none.
	AsidePath(now time.Time) (string, error)
	// Others lists the Peiyang processes, other than the holds given,
	// that have the database open.
	Others(except ...*inuse.Hold) ([]inuse.Holder, error)
	// Exclude keeps every process from opening the database until
	// unlock; it fails naming those that have it open.
	Exclude(except ...*inuse.Hold) (unlock func(), err error)
	// Swap puts the staged copy in place of the live data and keeps
	// those at aside. Every other process is kept out meanwhile. On an
	// error the live data are as they were.
	Swap(ctx context.Context, staged, aside string) error
	// Discard removes the staged copy and what it left beside it.
	Discard(staged string)
	// Register records the restore as under way, so that no other
	// restore starts; the hold is nil where the target keeps its own
	// record (PostgreSQL: an advisory lock, released by Discard).
	Register() (*inuse.Hold, error)
}

// NotRestored is the error of a restore that did not happen: the database
// is as it was. Err says why.
type NotRestored struct{ Err error }

func (e *NotRestored) Error() string {
	return "the database was not restored and is as it was: " + e.Err.Error()
}

func (e *NotRestored) Unwrap() error { return e.Err }

// notRestored wraps err, unless it is wrapped already.
func notRestored(err error) error {
	var nr *NotRestored
	if err == nil || errors.As(err, &nr) {
		return err
	}
	return &NotRestored{Err: err}
}

// Pending is a checked backup, staged to replace the database.
type Pending struct {
	done    bool // discarded
	target  Target
	reg     *inuse.Hold // the restore's entry in the register
	self    *inuse.Hold
	staged  string
	aside   string
	version int
}

// Restore replaces the database file dbPath with the backup src, which it
// checks first, and returns where the previous data are kept ("" when
// there was no database). The caller must not have the database open.
// Any error is *NotRestored: the database is as it was.
func Restore(ctx context.Context, dbPath, src string, now time.Time) (aside string, err error) {
	p, err := Prepare(ctx, dbPath, src, now, nil)
	if err != nil {
		return "", err
	}
	return p.Commit(ctx)
}

// Prepare stages and checks the backup src for the database file dbPath
// and records the restore in the staged copy's audit trail; the database
// is not touched. self is the caller's own hold on the database, if it
// has it open (the window): every other process must have closed it. Call
// Commit or Discard on the result. Any error is *NotRestored.
func Prepare(ctx context.Context, dbPath, src string, now time.Time, self *inuse.Hold) (*Pending, error) {
	t, err := newTarget(ctx, dbPath)
	if err != nil {
		return nil, notRestored(err)
	}
	p, err := prepare(ctx, t, src, now, self)
	return p, notRestored(err)
}

func prepare(ctx context.Context, t Target, src string, now time.Time, self *inuse.Hold) (*Pending, error) {
	srcAbs, err := filepath.Abs(src)
	if err != nil {
		return nil, fmt.Errorf("restore: %w", err)
	}
	if isSameFile(srcAbs, t.Name()) {
		return nil, models.Errorf(models.EINVALID, "file", "The backup is the database itself.")
	}
	if _, err := os.Stat(srcAbs); err != nil {
		return nil, models.Errorf(models.EINVALID, "file", "The file {{.Path}} cannot be read.", "Path", src)
	}
	reg, err := t.Register()
	if err != nil {
		t.Discard("")
		return nil, err
	}
	p := &Pending{target: t, reg: reg, self: self}
	ok := false
	defer func() {
		if !ok {
			p.Discard()
		}
	}()
	if others, err := t.Others(reg, self); err != nil {
		return nil, err
	} else if len(others) > 0 {
		return nil, inUseError(others)
	}
	p.staged = t.StagePath() // ours from here on: no other restore is under way
	if err := step("stage", func() error { return stage(ctx, srcAbs, p.staged) }); err != nil {
		return nil, err
	}
	if p.version, err = checkStaged(ctx, p.staged, src); err != nil {
		return nil, err
	}
	if p.aside, err = t.AsidePath(now); err != nil {
		return nil, err
	}
	if err := step("audit", func() error { return recordRestore(ctx, p.staged, srcAbs, p.version, p.aside) }); err != nil {
		return nil, err
	}
	ok = true
	return p, nil
}

// Commit swaps the staged backup in and returns where the previous data
// are kept. The caller's own connection must be closed by now (its hold
// released). A cancelled ctx stops it before the swap, not during it.
// Any error is *NotRestored: the database is as it was.
func (p *Pending) Commit(ctx context.Context) (aside string, err error) {
	defer p.Discard()
	if err := ctx.Err(); err != nil {
		return "", notRestored(err)
	}
	unlock, err := p.target.Exclude(p.reg)
	if err != nil {
		return "", notRestored(err)
	}
	defer unlock()
	if err := p.target.Swap(context.WithoutCancel(ctx), p.staged, p.aside); err != nil {
		return "", notRestored(err)
	}
	return p.aside, nil
}

// Discard removes the staged copy and the restore's entry in the
// register; after a Commit there is nothing left to remove. It may be
// called more than once.
func (p *Pending) Discard() {
	if p == nil || p.done {
		return
	}
	p.done = true
	p.target.Discard(p.staged)
	_ = p.reg.Release()
	p.reg = nil
}

// Version is the staged backup's schema version.
func (p *Pending) Version() int { return p.version }

// checkStaged settles and checks the staged copy; messages name the
// backup the user chose, not the copy.
func checkStaged(ctx context.Context, staged, src string) (int, error) {
	err := store.SettleCopy(ctx, staged)
	v := 0
	if err == nil {
		v, err = store.CheckFile(ctx, staged)
	}
	var e *models.Error
	if errors.As(err, &e) && e.Data["Path"] == staged {
		e.Data["Path"] = src
	}
	return v, err
}

// recordRestore writes the restore's audit entry into the staged copy,
// bringing its schema up to date on the way, and leaves the copy closed,
// without a log, on disk.
func recordRestore(ctx context.Context, staged, src string, version int, aside string) error {
	db, err := store.Open(staged)
	if err != nil {
		return err
	}
	err = db.RecordAudit(ctx, "restore", "database", 0, map[string]any{
		"file": filepath.Base(src), "schema": version, "set_aside": filepath.Base(aside)})
	if cerr := db.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return err
	}
	if st, err := os.Stat(staged + "-wal"); err == nil && st.Size() > 0 {
		return fmt.Errorf("restore: the log of %s is still there", filepath.Base(staged))
	}
	return syncFile(staged)
}

// failAt, when set by a test, makes the named step of a restore fail.
var failAt func(step string) error

// step runs one step of a restore, unless a test makes it fail.
func step(name string, fn func() error) error {
	if failAt != nil {
		if err := failAt(name); err != nil {
			return err
		}
	}
	return fn()
}

// isSameFile reports whether the paths name one file.
func isSameFile(a, b string) bool {
	if a == b {
		return true
	}
	sa, err := os.Stat(a)
	if err != nil {
		return false
	}
	sb, err := os.Stat(b)
	return err == nil && os.SameFile(sa, sb)
}
