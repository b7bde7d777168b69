package inuse

import (
	"bufio"
	"context"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"
)

var ctx = context.Background()

func TestGateAndEntries(t *testing.T) {
	db := filepath.Join(t.TempDir(), "peiyang.db")
	SetProgram("import trainees")
	a, err := Open(ctx, db, 0)
	if err != nil {
		t.Fatal(err)
	}
	SetProgram(Window)
	b, err := Open(ctx, db, 0)
	if err != nil {
		t.Fatal(err)
	}
	hs, err := Holders(db)
	if err != nil || len(hs) != 2 {
		t.Fatalf("holders %+v %v", hs, err)
	}
	for _, h := range hs {
		if h.PID != os.Getpid() || h.Since.IsZero() {
			t.Errorf("entry %+v", h)
		}
	}
	if hs, _ := Holders(db, a); len(hs) != 1 || hs[0].What != Window {
		t.Errorf("holders but a: %+v", hs)
	}
	// Others hold the gate: no exclusive lock, and the error names them.
	_, err = Exclusive(db)
	var busy *Busy
	if !errors.As(err, &busy) || len(busy.Holders) != 2 {
		t.Fatalf("exclusive while two hold it: %v", err)
	}
	if err := a.Release(); err != nil {
		t.Fatal(err)
	}
	if err := a.Release(); err != nil {
		t.Fatal("a second release:", err)
	}
	if _, err := Exclusive(db); !errors.As(err, &busy) || len(busy.Holders) != 1 || busy.Holders[0].What != Window {
		t.Fatalf("exclusive while the window holds it: %v", err)
	}
	if err := b.Release(); err != nil {
		t.Fatal(err)
	}
	unlock, err := Exclusive(db)
	if err != nil {
		t.Fatal(err)
	}
	// While a restore holds the gate nobody opens; after it, they do.
	start := time.Now()
	if _, err := Open(ctx, db, 200*time.Millisecond); !errors.Is(err, ErrReplacing) {
		t.Fatalf("open during a restore: %v", err)
	}
	if time.Since(start) < 200*time.Millisecond {
		t.Error("open did not wait for the restore")
	}
	go func() { time.Sleep(100 * time.Millisecond); unlock() }()
	c, err := Open(ctx, db, 5*time.Second)
	if err != nil {
		t.Fatalf("open after the restore: %v", err)
	}
	defer c.Release()
	// A restore's entry holds no gate.
	r, err := Register(db, Restore)
	if err != nil {
		t.Fatal(err)
	}
	defer r.Release()
	if hs, _ := Holders(db, c); len(hs) != 1 || hs[0].What != Restore {
		t.Errorf("holders but c: %+v", hs)
	}
	m, _ := filepath.Glob(db + ".open-*")
	if len(m) != 2 {
		t.Errorf("entries %v", m)
	}
}

func TestStaleEntryRemoved(t *testing.T) {
	db := filepath.Join(t.TempDir(), "peiyang.db")
	stale := db + ".open-99999-1"
	if err := os.WriteFile(stale, []byte(`{"pid":99999,"what":"window"}`), 0o600); err != nil {
		t.Fatal(err)
	}
	fresh := db + ".open-99999-2"
	if err := os.WriteFile(fresh, nil, 0o600); err != nil {
		t.Fatal(err)
	}
	old := time.Now().Add(-time.Minute)
	if err := os.Chtimes(stale, old, old); err != nil {
		t.Fatal(err)
	}
	hs, err := Holders(db)
	if err != nil || len(hs) != 0 {
		t.Fatalf("holders %+v %v", hs, err)
	}
	if _, err := os.Stat(stale); !errors.Is(err, os.ErrNotExist) {
		t.Error("the entry of an ended process is still there")
	}
	if _, err := os.Stat(fresh); err != nil {
		t.Error("an entry being written was removed")
	}
	unlock, err := Exclusive(db)
	if err != nil {
		t.Fatalf("exclusive with only stale entries: %v", err)
	}
	unlock()
}

// TestOtherProcess holds the database in a child process, which the
// parent sees by its process ID until the child is killed.
func TestOtherProcess(t *testing.T) {
	if db := os.Getenv("INUSE_CHILD_DB"); db != "" {
		SetProgram("import trainees")
		if _, err := Open(ctx, db, 0); err != nil {
			os.Exit(3)
		}
		os.Stdout.WriteString("held\n")
		time.Sleep(time.Minute)
		os.Exit(0)
	}
	db := filepath.Join(t.TempDir(), "peiyang.db")
	cmd := exec.Command(os.Args[0], "-test.run=^TestOtherProcess$", "-test.count=1")
	cmd.Env = append(os.Environ(), "INUSE_CHILD_DB="+db)
	out, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	defer cmd.Process.Kill()
	line, err := bufio.NewReader(out).ReadString('\n')
	if err != nil || strings.TrimSpace(line) != "held" {
		t.Fatalf("child: %q %v", line, err)
	}
	_, err = Exclusive(db)
	var busy *Busy
	if !errors.As(err, &busy) || len(busy.Holders) != 1 {
		t.Fatalf("exclusive while the child holds it: %v", err)
	}
	if h := busy.Holders[0]; h.PID != cmd.Process.Pid || h.What != "import trainees" {
		t.Errorf("holder %+v, want the child %d", h, cmd.Process.Pid)
	}
	if err := cmd.Process.Kill(); err != nil {
		t.Fatal(err)
	}
	cmd.Wait()
	// The killed child's locks are gone; its entry reads as stale.
	unlock, err := Exclusive(db)
	if err != nil {
		t.Fatalf("exclusive after the child was killed: %v", err)
	}
	unlock()
	name := db + ".open-" + strconv.Itoa(cmd.Process.Pid) + "-1"
	if _, err := os.Stat(name); err != nil {
		t.Fatalf("the killed child's entry: %v", err)
	}
	old := time.Now().Add(-time.Minute)
	os.Chtimes(name, old, old)
	if hs, _ := Holders(db); len(hs) != 0 {
		t.Errorf("holders after the kill: %+v", hs)
	}
	if _, err := os.Stat(name); !errors.Is(err, os.ErrNotExist) {
		t.Error("the killed child's entry was not removed")
	}
}
