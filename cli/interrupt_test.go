package cli

import (
	"context"
	"os"
	"strings"
	"testing"
	"time"

	"peiyang/store"
)

// fakeSignals makes the next commands receive a signal after delay, as
// Ctrl+C would send it.
func fakeSignals(t *testing.T, delay time.Duration) {
	t.Helper()
	old := interruptSignals
	t.Cleanup(func() { interruptSignals = old })
	interruptSignals = func() (<-chan os.Signal, func()) {
		c := make(chan os.Signal, 1)
		timer := time.AfterFunc(delay, func() { c <- os.Interrupt })
		return c, func() { timer.Stop() }
	}
}

// TestCtrlCStopsTheDemoLoad interrupts `demo` while it generates or loads
// 20,000 trainees: the command exits 130 and the database stays empty.
func TestCtrlCStopsTheDemoLoad(t *testing.T) {
	if bothStores(t, TestCtrlCStopsTheDemoLoad) {
		return
	}
	db := tempDB(t)
	fakeSignals(t, 300*time.Millisecond)
	r := cmd(t, db, "demo", "--trainees", "20000")
	if r.code != exitInterrupted || !strings.Contains(r.stderr, "interrupted") {
		t.Fatalf("exit %d, stderr %q; want %d", r.code, r.stderr, exitInterrupted)
	}
	d, err := store.Open(db)
	if err != nil {
		t.Fatal(err)
	}
	defer d.Close()
	if empty, err := d.IsEmpty(context.Background()); err != nil || !empty {
		t.Errorf("the interrupted demo left data behind (empty %v, %v)", empty, err)
	}
	if ok, err := d.IntegrityCheck(context.Background()); err != nil || ok != "ok" {
		t.Errorf("integrity: %s %v", ok, err)
	}
}

// TestCtrlCAfterTheWork: a signal that comes after the command finished
// changes nothing: exit 0.
func TestCtrlCAfterTheWork(t *testing.T) {
	if bothStores(t, TestCtrlCAfterTheWork) {
		return
	}
	db := tempDB(t)
	fakeSignals(t, time.Hour)
	cmd(t, db, "settings", "set", "org.name", "基层党务学院").want(t, 0)
}
