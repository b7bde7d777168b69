package store_test

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"peiyang/internal/pgtest"
	"peiyang/internal/private/privatetest"
	"peiyang/models"
	"peiyang/store"
)

// The busy message, which the window and the command line translate.
const busyMessage = "The database is busy: another Peiyang is writing. Try again in a moment."

// envHolder makes the test binary a second Peiyang: it opens the database
// named by the variable, takes the write lock, says "locked" and holds it
// for envHoldFor, then commits a setting.
const (
	envHolder  = "PEIYANG_TEST_HOLD_DB"
	envHoldFor = "PEIYANG_TEST_HOLD_FOR"
)

func TestMain(m *testing.M) {
	if path := os.Getenv(envHolder); path != "" {
		os.Exit(holdWriteLock(path))
	}
	os.Exit(pgtest.Main(m))
}

func holdWriteLock(path string) int {
	d, err := time.ParseDuration(os.Getenv(envHoldFor))
	if err != nil {
		d = time.Second
	}
	db, err := store.Open(path)
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		return 1
	}
	defer db.Close()
	err = db.Update(context.Background(), func(ctx context.Context) error {
		if err := db.SetSetting(ctx, "holder", "writing"); err != nil {
			return err
		}
		fmt.Println("locked")
		time.Sleep(d)
		return db.SetSetting(ctx, "holder", "done")
	})
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		return 1
	}
	return 0
}

// startHolder starts a second process holding the write lock on the file
// and returns once it has the lock.
func startHolder(t *testing.T, path string, hold time.Duration) *exec.Cmd {
	t.Helper()
	c := exec.Command(os.Args[0], "-test.run=^$")
	c.Env = append(os.Environ(), envHolder+"="+path, envHoldFor+"="+hold.String())
	c.Stderr = os.Stderr
	out, err := c.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := c.Start(); err != nil {
		t.Fatal(err)
	}
	line, err := bufio.NewReader(out).ReadString('\n')
	if err != nil || strings.TrimSpace(line) != "locked" {
		_ = c.Process.Kill()
		_ = c.Wait()
		t.Fatalf("second process: %q, %v", line, err)
	}
	return c
}

func wantBusy(t *testing.T, err error) {
	t.Helper()
	var de *models.Error
	if !errors.As(err, &de) || de.Code != models.ECONFLICT || de.Message != busyMessage {
		t.Fatalf("got %v (%T), want the ECONFLICT busy error", err, err)
	}
}

func integrityOK(t *testing.T, db *store.DB) {
	t.Helper()
	got, err := db.IntegrityCheck(ctx)
	must(t, err)
	if got != "ok" {
		t.Fatalf("integrity check: %s", got)
	}
}

// Two handles on one file, as two windows in one process would hold: the
// second writer waits for the first, and gives up with the busy error when
// the first takes longer than the busy timeout.
func TestTwoHandlesOneFile(t *testing.T) {
	defer store.SetBusyTimeout(300 * time.Millisecond)()
	path := filepath.Join(t.TempDir(), "peiyang.db")
	a, err := store.Open(path)
	must(t, err)
	defer a.Close()
	b, err := store.Open(path)
	must(t, err)
	defer b.Close()

	// b's write waits out a short write of a's.
	release := make(chan struct{})
	locked := make(chan struct{})
	done := make(chan error, 1)
	go func() {
		done <- a.Update(ctx, func(ctx context.Context) error {
			if err := a.SetSetting(ctx, "a", "1"); err != nil {
				return err
			}
			close(locked)
			<-release
			return nil
		})
	}()
	<-locked
	go func() { time.Sleep(100 * time.Millisecond); close(release) }()
	must(t, b.SetSetting(ctx, "b", "1"))
	must(t, <-done)

	// A write held longer than the timeout: b is refused, not corrupted.
	release = make(chan struct{})
	locked = make(chan struct{})
	go func() {
		done <- a.Update(ctx, func(ctx context.Context) error {
			if err := a.SetSetting(ctx, "a", "2"); err != nil {
				return err
			}
			close(locked)
			<-release
			return nil
		})
	}()
	<-locked
	wantBusy(t, b.SetSetting(ctx, "b", "2"))
	wantBusy(t, b.Update(ctx, func(ctx context.Context) error { return nil }))
	close(release)
	must(t, <-done)
	must(t, b.SetSetting(ctx, "b", "3"))
	for k, want := range map[string]string{"a": "2", "b": "3"} {
		if v, err := b.Setting(ctx, k); err != nil || v != want {
			t.Errorf("setting %s = %q, %v; want %q", k, v, err, want)
		}
	}
	integrityOK(t, a)
}

// A real second process writing the same file: this one's write waits
// while the other holds the lock briefly, and is refused with the busy
// error while it holds it past the timeout.
func TestSecondProcessWriting(t *testing.T) {
	if testing.Short() {
		t.Skip("starts a second process")
	}
	path := filepath.Join(t.TempDir(), "peiyang.db")
	db, err := store.Open(path)
	must(t, err)
	must(t, db.SetSetting(ctx, "mine", "0"))
	db.Close()

	// The other process holds the lock for 700 ms; the default timeout waits.
	db, err = store.Open(path)
	must(t, err)
	other := startHolder(t, path, 700*time.Millisecond)
	start := time.Now()
	must(t, db.SetSetting(ctx, "mine", "1"))
	if waited := time.Since(start); waited < 300*time.Millisecond {
		t.Errorf("the write did not wait for the other process (%s)", waited)
	}
	if err := other.Wait(); err != nil {
		t.Fatalf("second process: %v", err)
	}
	if v, _ := db.Setting(ctx, "holder"); v != "done" {
		t.Errorf("the other process's write: %q", v)
	}
	db.Close()

	// It holds it for 1.2 s against a timeout of 300 ms: refused.
	restore := store.SetBusyTimeout(300 * time.Millisecond)
	db, err = store.Open(path)
	restore()
	must(t, err)
	defer db.Close()
	other = startHolder(t, path, 1200*time.Millisecond)
	wantBusy(t, db.SetSetting(ctx, "mine", "2"))
	if err := other.Wait(); err != nil {
		t.Fatalf("second process: %v", err)
	}
	must(t, db.SetSetting(ctx, "mine", "3"))
	if v, _ := db.Setting(ctx, "mine"); v != "3" {
		t.Errorf("mine = %q", v)
	}
	integrityOK(t, db)
}

// Open takes the group's and others' permissions off an existing database
// file and its -wal and -shm files.
func TestOpenTightensMode(t *testing.T) {
	if runtime.GOOS == "windows" {
		t.Skip("no Unix modes")
	}
	path := filepath.Join(t.TempDir(), "peiyang.db")
	db, err := store.Open(path)
	must(t, err)
	must(t, db.SetSetting(ctx, "k", "v"))
	db.Close()
	// World-readable, as a copied-in file or an older version left it.
	must(t, os.Chmod(path, 0o644))
	for _, p := range []string{path + "-wal", path + "-shm"} {
		if _, err := os.Stat(p); err == nil {
			must(t, os.Chmod(p, 0o666))
		}
	}
	db, err = store.Open(path)
	must(t, err)
	defer db.Close()
	for _, p := range []string{path, path + "-wal", path + "-shm"} {
		fi, err := os.Stat(p)
		if errors.Is(err, os.ErrNotExist) {
			continue
		}
		must(t, err)
		if fi.IsDir() {
			t.Errorf("%s is a folder", p)
		}
		privatetest.Assert(t, p)
	}
	if v, err := db.Setting(ctx, "k"); err != nil || v != "v" {
		t.Errorf("setting after reopening: %q, %v", v, err)
	}
}

// On PostgreSQL, writes that clash (8 connections reading and raising one
// counter) are retried and none is lost; once the busy timeout has passed
// a clash is the busy message, as on SQLite, and the write did nothing.
// A lock another client holds past the busy timeout is the busy message
// too.
func TestPostgresClashesRetriedThenBusy(t *testing.T) {
	t.Run(postgresKind, func(t *testing.T) {
		db := newDB(t)
		bump := func() error {
			return db.Update(ctx, func(ctx context.Context) error {
				v, err := db.Setting(ctx, "counter")
				if err != nil {
					return err
				}
				n, _ := strconv.Atoi(v)
				return db.SetSetting(ctx, "counter", strconv.Itoa(n+1))
			})
		}
		bumps := func() (done, busy int) {
			var mu sync.Mutex
			var wg sync.WaitGroup
			for range 8 {
				wg.Add(1)
				go func() {
					defer wg.Done()
					for range 25 {
						err := bump()
						mu.Lock()
						if err == nil {
							done++
						} else {
							wantBusy(t, err)
							busy++
						}
						mu.Unlock()
					}
				}()
			}
			wg.Wait()
			return done, busy
		}
		counter := func() int {
			v, err := db.Setting(ctx, "counter")
			must(t, err)
			n, _ := strconv.Atoi(v)
			return n
		}
		if done, busy := bumps(); done != 200 || busy != 0 || counter() != 200 || db.Retries() == 0 {
			t.Fatalf("%d raises went, %d busy, counter %d, %d retries; want 200, 0, 200 and some", done, busy, counter(), db.Retries())
		}
		restore := store.SetBusyTimeout(0)
		done, busy := bumps()
		restore()
		if busy == 0 || counter() != 200+done {
			t.Fatalf("without retries: %d raises went, %d busy, counter %d", done, busy, counter())
		}

		// Another client locks the row longer than the busy timeout.
		raw := rawSQL(t, db)
		tx, err := raw.Begin()
		must(t, err)
		defer tx.Rollback()
		var v string
		must(t, tx.QueryRow(`SELECT value FROM settings WHERE key = 'counter' FOR UPDATE`).Scan(&v))
		restore = store.SetBusyTimeout(300 * time.Millisecond)
		short, err := store.Open(targetOf(t, db))
		restore()
		must(t, err)
		defer short.Close()
		wantBusy(t, short.SetSetting(ctx, "counter", "0"))
		must(t, tx.Rollback())
		must(t, short.SetSetting(ctx, "counter", "0"))
	})
}
