package app

import (
	"testing"
	"time"

	"fyne.io/fyne/v2/test"
	"github.com/jackc/pgx/v5"

	"peiyang/app/kit"
	"peiyang/store"
	"peiyang/training"
)

// Issue 15, live updates: every screen that shows what others change
// shows their change while it is open, and keeps what the user is doing
// meanwhile: the text typed and the focus and cursor in it, the row
// chosen, the attendance grid's cursor, the form open.

// liveEnv is a window on the throwaway PostgreSQL server with a second
// connection to it: Peiyang's (other) and plain SQL (sql).
type liveEnv struct {
	*testEnv
	other *training.Service
	sql   *pgx.Conn
	state map[string]any // what a case's open kept for its change and checks
}

// liveCase is a screen open as a user has it (open, which returns the
// entry typed in, nil for none), a change through the second connection,
// what shows that it arrived (checked on the window's thread), and what
// must have stayed (kept, nil for nothing more; it acts as the user).
type liveCase struct {
	name, screen string
	open         func(t *testing.T, e *liveEnv) *kit.Entry
	change       func(t *testing.T, e *liveEnv)
	arrived      func(e *liveEnv) bool
	kept         func(t *testing.T, e *liveEnv)
}

// newLiveEnv opens the window on the screen with the second connection.
func newLiveEnv(t *testing.T, screen string) *liveEnv {
	e, target := serverEnv(t, screen, "", "")
	db, err := store.Open(target)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	conn, err := pgx.Connect(ctx, target)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { conn.Close(ctx) })
	return &liveEnv{testEnv: e, other: training.New(db, training.WithClock(func() time.Time { return fixedNow })),
		sql: conn, state: map[string]any{}}
}

// exec runs a statement on the second connection.
func (e *liveEnv) exec(t *testing.T, sql string, args ...any) {
	t.Helper()
	if _, err := e.sql.Exec(ctx, sql, args...); err != nil {
		t.Fatalf("%s: %v", sql, err)
	}
}

// listening waits until the window hears the server's notices (its
// listening connection is made in the background at start).
func (e *liveEnv) listening(t *testing.T) {
	heard := make(chan struct{}, 1)
	e.act(func() {
		e.u.onChange = func([]string) {
			select {
			case heard <- struct{}{}:
			default:
			}
		}
	})
	for deadline := time.Now().Add(time.Minute); ; {
		e.exec(t, `SELECT pg_notify('peiyang_changes', 'test')`)
		select {
		case <-heard:
			return
		case <-time.After(100 * time.Millisecond):
		}
		if time.Now().After(deadline) {
			t.Fatal("the window does not hear the server's notices")
		}
	}
}

// typeIn gives the entry the focus and types the text into it.
func (e *liveEnv) typeIn(en *kit.Entry, text string) {
	e.act(func() {
		e.u.win.Canvas().Focus(en)
		test.Type(en, text)
	})
}

// TestLiveUpdatesReachEveryScreen: for every screen that shows what
// others change, a change made through a second connection reaches the
// open screen, and what the user typed (with the focus and the cursor)
// and chose stays.
func TestLiveUpdatesReachEveryScreen(t *testing.T) {
	for _, c := range liveCases {
		t.Run(c.name, func(t *testing.T) {
			e := newLiveEnv(t, c.screen)
			entry := c.open(t, e)
			var typed string
			var col int
			e.act(func() {
				if entry != nil {
					typed, col = entry.Text, entry.CursorColumn
				}
			})
			e.listening(t)
			start := time.Now()
			c.change(t, e)
			e.eventually(c.name+": the change on screen", func() bool { return c.arrived(e) })
			t.Logf("%s: shown %v after the change", c.name, time.Since(start).Round(time.Millisecond))
			e.act(func() { // on the window's thread, as the refreshes
				if entry != nil && (entry.Text != typed || entry.CursorColumn != col || e.u.win.Canvas().Focused() != entry) {
					t.Errorf("the entry holds %q (cursor %d, focus %v), the user typed %q (cursor %d)",
						entry.Text, entry.CursorColumn, e.u.win.Canvas().Focused() == entry, typed, col)
				}
			})
			if c.kept != nil {
				c.kept(t, e)
			}
		})
	}
}

// firstRunes is the first n characters of s.
func firstRunes(s string, n int) string {
	for i := range s {
		if n == 0 {
			return s[:i]
		}
		n--
	}
	return s
}

// screen is the window's screen of that ID, once built.
func (e *liveEnv) screen(id string) screen { return e.u.built[id] }
