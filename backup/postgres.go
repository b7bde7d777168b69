package backup

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"time"

	"peiyang/internal/inuse"
	"peiyang/models"
	"peiyang/store"
)

// A PostgreSQL database as a restore's target. The backup is staged and
// checked in a private temporary folder of this computer, as for a file;
// the swap builds the restored data in a schema of their own and renames
// them into place (store.RestoreFrom), keeping the previous data in the
// schema before_restore_YYYYMMDD_HHMMSS. Other clients connected to the
// database keep a restore from starting, and are named; another restore
// under way is kept out by an advisory lock.

// pgTarget is a PostgreSQL database a restore replaces.
type pgTarget struct {
	ctx    context.Context
	db     *store.DB
	dir    string      // the staging folder
	stay   *inuse.Hold // the staging folder's entry: this process uses it
	unlock func()      // ends the restore's advisory lock
}

// The staging folders are stagingPrefix* in the temporary folder, each
// with its process's entry (package inuse) beside the staged copy. A
// folder whose process ended without removing it (a kill: the copy of the
// backup is still inside) is removed by the next restore into PostgreSQL
// on this computer; one without an entry (a process between making it and
// writing its entry, or a Peiyang of before the entries) only once it is
// staleStaging old.
const (
	stagingPrefix = "peiyang-restore-"
	staleStaging  = 24 * time.Hour
)

// newTarget is the database dbPath names as a restore's target: a
// PostgreSQL connection string, or a file.
func newTarget(ctx context.Context, dbPath string) (Target, error) {
	if !store.IsPostgres(dbPath) {
		return newSQLiteFile(dbPath)
	}
	db, err := store.Open(dbPath)
	if err != nil {
		return nil, err
	}
	removeStaleStaging()
	dir, err := os.MkdirTemp("", stagingPrefix)
	if err != nil {
		db.Close()
		return nil, fmt.Errorf("restore: %w", err)
	}
	t := &pgTarget{ctx: ctx, db: db, dir: dir}
	if t.stay, err = inuse.Register(t.StagePath(), "restore"); err != nil {
		t.Discard("")
		return nil, fmt.Errorf("restore: %w", err)
	}
	return t, nil
}

// removeStaleStaging removes the staging folders of restores that ended
// without removing them.
func removeStaleStaging() {
	dirs, _ := filepath.Glob(filepath.Join(os.TempDir(), stagingPrefix+"*"))
	for _, d := range dirs {
		staged := filepath.Join(d, "restoring.db")
		entries, _ := filepath.Glob(staged + ".open-*")
		st, err := os.Stat(d)
		if err != nil || (len(entries) == 0 && time.Since(st.ModTime()) < staleStaging) {
			continue
		}
		if live, err := inuse.Holders(staged); err == nil && len(live) == 0 {
			_ = os.RemoveAll(d)
		}
	}
}

func (t *pgTarget) Name() string      { return t.db.Name() }
func (t *pgTarget) StagePath() string { return filepath.Join(t.dir, "restoring.db") }

// AsidePath is the name of the schema that will keep the current data.
func (t *pgTarget) AsidePath(now time.Time) (string, error) {
	base := "before_restore_" + now.Format("20060102_150405")
	name := base
	for i := 2; ; i++ {
		ok, err := t.db.SchemaExists(t.ctx, name)
		if err != nil {
			return "", err
		}
		if !ok {
			return name, nil
		}
		name = fmt.Sprintf("%s_%d", base, i)
	}
}

// Register takes the advisory lock that one restore at a time holds.
func (t *pgTarget) Register() (*inuse.Hold, error) {
	unlock, ok, err := t.db.TryAdvisoryLock(t.ctx, store.LockRestore)
	if err != nil {
		return nil, err
	}
	if !ok {
		return nil, models.Errorf(models.ECONFLICT, "", "Another restore of the database {{.Name}} is under way; wait for it to finish.", "Name", t.Name())
	}
	t.unlock = unlock
	return nil, nil
}

// Others refuses while other clients are connected to the database,
// naming them; it returns no holders.
func (t *pgTarget) Others(...*inuse.Hold) ([]inuse.Holder, error) {
	ss, err := t.db.OtherSessions(t.ctx)
	if err != nil {
		return nil, err
	}
	if len(ss) == 0 {
		return nil, nil
	}
	var who []string
	for _, s := range ss {
		w := s.User
		if s.Client != "" {
			w += "@" + s.Client
		}
		if s.App != "" {
			w += " (" + s.App + ")"
		}
		w += ", since " + s.Since.Local().Format("2006-01-02 15:04")
		who = append(who, w)
	}
	if len(who) > 3 {
		who = append(who[:3], "…")
	}
	return nil, models.Errorf(models.ECONFLICT, "",
		"{{.N}} other connection(s) to the database {{.Name}} are open: {{.Who}}. They must close before a restore.",
		"N", len(ss), "Name", t.Name(), "Who", strings.Join(who, "; "))
}

// Exclude checks once more that nobody else is connected; the swap
// itself is one transaction.
func (t *pgTarget) Exclude(except ...*inuse.Hold) (func(), error) {
	if _, err := t.Others(except...); err != nil {
		return nil, err
	}
	return func() {}, nil
}

// Swap copies the staged backup into a schema of its own and renames it
// into place, the current data to aside.
func (t *pgTarget) Swap(ctx context.Context, staged, aside string) error {
	return step("swap", func() error { return t.db.RestoreFrom(ctx, staged, aside) })
}

// Discard removes the staging folder (its entry first), ends the
// advisory lock and closes the connection.
func (t *pgTarget) Discard(string) {
	_ = t.stay.Release()
	_ = os.RemoveAll(t.dir)
	if t.unlock != nil {
		t.unlock()
		t.unlock = nil
	}
	_ = t.db.Close()
}
