package backup

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"time"

	"peiyang/internal/inuse"
	"peiyang/internal/private"
	"peiyang/models"
	"peiyang/store"
)

// The SQLite file as a restore's target. Beside the database file DB a
// restore makes DB.restoring (the checked copy, with its -wal, -shm or
// -journal files while it is being settled) and, at the swap, DB's second
// name DB.before-restore-YYYYMMDD-HHMMSS, which keeps the previous data.

// Suffixes of the files a restore makes beside the database.
const (
	stagedSuffix = ".restoring"
	asideInfix   = ".before-restore-"
)

// sideFiles are the files SQLite keeps beside a database file.
var sideFiles = []string{"-wal", "-shm", "-journal"}

// sqliteFile is a database file a restore replaces.
type sqliteFile struct{ path string } // absolute

func newSQLiteFile(path string) (*sqliteFile, error) {
	abs, err := filepath.Abs(path)
	if err != nil {
		return nil, fmt.Errorf("restore: %w", err)
	}
	return &sqliteFile{path: abs}, nil
}

func (f *sqliteFile) Name() string      { return f.path }
func (f *sqliteFile) StagePath() string { return f.path + stagedSuffix }

func (f *sqliteFile) AsidePath(now time.Time) (string, error) {
	if _, err := os.Stat(f.path); errors.Is(err, os.ErrNotExist) {
		return "", nil
	} else if err != nil {
		return "", fmt.Errorf("restore: %w", err)
	}
	base := f.path + asideInfix + now.Format(stampLayout)
	p := base
	for i := 2; ; i++ {
		if _, err := os.Lstat(p); errors.Is(err, os.ErrNotExist) {
			return p, nil
		}
		p = base + "-" + strconv.Itoa(i)
	}
}

func (f *sqliteFile) Others(except ...*inuse.Hold) ([]inuse.Holder, error) {
	hs, err := inuse.Holders(f.path, except...)
	if err != nil {
		return nil, fmt.Errorf("restore: %w", err)
	}
	return hs, nil
}

func (f *sqliteFile) Exclude(except ...*inuse.Hold) (func(), error) {
	unlock, err := inuse.Exclusive(f.path, except...)
	var busy *inuse.Busy
	if errors.As(err, &busy) {
		return nil, inUseError(busy.Holders)
	}
	if err != nil {
		return nil, fmt.Errorf("restore: %w", err)
	}
	return unlock, nil
}

// Swap folds the live file's log into it, gives it its second name aside
// (a hard link, or a copy where the file system has none), and renames
// the staged copy over it. Until that rename the live file is untouched;
// the rename replaces it whole.
func (f *sqliteFile) Swap(ctx context.Context, staged, aside string) error {
	if aside != "" {
		if err := f.settleLive(ctx); err != nil {
			return err
		}
		if err := step("aside", func() error { return linkOrCopy(f.path, aside) }); err != nil {
			return fileError(err, filepath.Dir(aside))
		}
	}
	if err := step("swap", func() error { return os.Rename(staged, f.path) }); err != nil {
		if aside != "" {
			_ = os.Remove(aside) // a second name of the live file, or a copy of it
		}
		return fileError(err, filepath.Dir(f.path))
	}
	_ = syncDir(filepath.Dir(f.path)) // the rename is done; a failed sync cannot undo it
	return nil
}

// settleLive folds the live database's log into the file and removes its
// -wal and -shm files, so that the file alone is the database. SQLite
// removes them when the last connection closes, and Checkpoint's is the
// last unless a program outside the register has the file open.
func (f *sqliteFile) settleLive(ctx context.Context) error {
	if err := step("checkpoint", func() error { return store.Checkpoint(ctx, f.path) }); err != nil {
		return err
	}
	for _, sfx := range []string{"-wal", "-shm"} {
		st, err := os.Stat(f.path + sfx)
		if errors.Is(err, os.ErrNotExist) {
			continue
		}
		if err == nil && sfx == "-wal" && st.Size() > 0 {
			return inUseError(nil)
		}
		if err == nil {
			err = os.Remove(f.path + sfx)
		}
		if err != nil && !errors.Is(err, os.ErrNotExist) {
			return fileError(err, filepath.Dir(f.path))
		}
	}
	return nil
}

func (f *sqliteFile) Register() (*inuse.Hold, error) {
	reg, err := inuse.Register(f.path, inuse.Restore)
	if err != nil {
		return nil, fileError(err, filepath.Dir(f.path))
	}
	return reg, nil
}

func (f *sqliteFile) Discard(staged string) {
	if staged == "" {
		return
	}
	for _, sfx := range append([]string{""}, sideFiles...) {
		_ = os.Remove(staged + sfx)
	}
}

// stage copies the backup src, with its -wal or -journal file if any,
// to staged, replacing what an interrupted restore may have left there;
// on a failure it leaves nothing.
func stage(ctx context.Context, src, staged string) error {
	for _, sfx := range append([]string{""}, sideFiles...) {
		_ = os.Remove(staged + sfx)
	}
	for _, sfx := range []string{"", "-wal", "-journal"} {
		if sfx != "" {
			if _, err := os.Stat(src + sfx); errors.Is(err, os.ErrNotExist) {
				continue
			}
		}
		if err := copyFile(ctx, src+sfx, staged+sfx); err != nil {
			for _, s := range append([]string{""}, sideFiles...) {
				_ = os.Remove(staged + s)
			}
			if ctx.Err() != nil {
				return ctx.Err()
			}
			return fileError(err, filepath.Dir(staged))
		}
	}
	return nil
}

// copyFile copies src to dst, created private to the user (replaced if it
// exists, see internal/private), and syncs it, checking ctx between chunks.
func copyFile(ctx context.Context, src, dst string) error {
	in, err := os.Open(src)
	if err != nil {
		return err
	}
	defer in.Close()
	out, err := os.OpenFile(dst, os.O_WRONLY|os.O_CREATE|os.O_TRUNC, 0o600)
	if err != nil {
		return err
	}
	err = private.Restrict(dst)
	if err == nil {
		_, err = io.Copy(out, &ctxReader{ctx: ctx, r: in})
	}
	if err == nil {
		err = out.Sync()
	}
	if cerr := out.Close(); err == nil {
		err = cerr
	}
	return err
}

// ctxReader stops a copy when its context is done.
type ctxReader struct {
	ctx context.Context
	r   io.Reader
}

func (c *ctxReader) Read(p []byte) (int, error) {
	if err := c.ctx.Err(); err != nil {
		return 0, err
	}
	return c.r.Read(p)
}

// linkOrCopy gives the file src the second name dst: a hard link, or,
// where the file system has none, a copy.
func linkOrCopy(src, dst string) error {
	if err := os.Link(src, dst); err == nil {
		return nil
	}
	return copyFile(context.Background(), src, dst)
}

func syncFile(path string) error {
	f, err := os.OpenFile(path, os.O_RDWR, 0)
	if err != nil {
		return err
	}
	err = f.Sync()
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	return err
}

// Recover cleans up after a restore of the database file dbPath that was
// interrupted (killed, or the power cut): the staged copy and, when the
// kill came just before the swap, the second name of the live file. While
// a restore is under way it leaves everything alone. It returns a message
// for the user when it removed something, else nil.
func Recover(dbPath string) (*models.Error, error) {
	f, err := newSQLiteFile(dbPath)
	if err != nil {
		return nil, err
	}
	staged := f.StagePath()
	var left []string
	for _, sfx := range append([]string{""}, sideFiles...) {
		if _, err := os.Lstat(staged + sfx); err == nil {
			left = append(left, staged+sfx)
		}
	}
	if len(left) == 0 {
		return nil, nil
	}
	hs, err := inuse.Holders(f.path)
	if err != nil {
		return nil, err
	}
	for _, h := range hs {
		if h.What == inuse.Restore {
			return nil, nil // under way
		}
	}
	for _, p := range left {
		if err := os.Remove(p); err != nil && !errors.Is(err, os.ErrNotExist) {
			return nil, fmt.Errorf("remove %s: %w", filepath.Base(p), err)
		}
	}
	removeSecondNames(f.path)
	return models.Errorf(models.EINVALID, "",
		"A restore was interrupted before it replaced the database; its unfinished copy {{.File}} was removed. The database is as it was before that restore.",
		"File", filepath.Base(staged)), nil
}

// removeSecondNames removes the set-aside names that are the live file
// itself: made by a restore killed between giving the file its second
// name and the swap.
func removeSecondNames(path string) {
	live, err := os.Stat(path)
	if err != nil {
		return
	}
	des, err := os.ReadDir(filepath.Dir(path))
	if err != nil {
		return
	}
	prefix := filepath.Base(path) + asideInfix
	for _, de := range des {
		if !strings.HasPrefix(de.Name(), prefix) {
			continue
		}
		p := filepath.Join(filepath.Dir(path), de.Name())
		if st, err := os.Stat(p); err == nil && os.SameFile(st, live) {
			_ = os.Remove(p)
		}
	}
}
