package app

import (
	"path/filepath"
	"strings"
	"testing"

	"fyne.io/fyne/v2/test"

	"peiyang/models"
)

// The two sign-in buttons say which sessions they print: this session
// (the one the attendance tab shows, else the last held by today) or all
// of them, with how many.
func TestSignInButtonsSayWhichSessions(t *testing.T) {
	dir := t.TempDir()
	opened := recordOpened(t)
	e, s := coursesEnv(t, LangEnglish)
	today := e.svc.Today()
	early, held, later := today.AddDays(-10).String(), today.AddDays(-3).String(), today.AddDays(5).String()
	c, _ := testCourse(t, e, 10, models.CompletionRule{}, []int64{7, 8}, early, held, later)
	openCourse(t, e, s, c.ID, "overview")
	if got := s.signInAll.Text; got != "Sign-in: all 3 sessions" {
		t.Errorf("the button for every session reads %q", got)
	}
	if got := s.signInOne.Text; got != "Sign-in: this session" {
		t.Errorf("the button for one session reads %q", got)
	}
	printed := func(b func()) string {
		t.Helper()
		e.act(b)
		path := saveInto(t, e, dir)
		if got := tapOpen(t, e, opened); got != path {
			t.Errorf("Open opened %s, not %s", got, path)
		}
		return filepath.Base(path)
	}
	// Not on the attendance tab: the last session held.
	if name := printed(func() { test.Tap(s.signInOne) }); !strings.Contains(name, held) {
		t.Errorf("this session's sheet went to %s, not the session of %s", name, held)
	}
	// The attendance tab's session.
	openCourse(t, e, s, c.ID, "attendance")
	e.act(func() { s.attendance.session.SetSelectedIndex(2) })
	if name := printed(func() { test.Tap(s.signInOne) }); !strings.Contains(name, later) {
		t.Errorf("this session's sheet went to %s, not the session shown (%s)", name, later)
	}
	if name := printed(func() { test.Tap(s.signInAll) }); strings.Contains(name, held) || !strings.HasPrefix(name, "Sign-in sheets") {
		t.Errorf("every session's sheets went to %s", name)
	}
	es, err := e.svc.Audit.FindAudit(ctx, models.AuditFilter{Action: "print", Entity: "courses"})
	if err != nil || len(es) < 3 || !strings.Contains(es[0].After, "sign-in sheets of 3 session(s)") ||
		!strings.Contains(es[1].After, "sign-in sheets of 1 session(s)") {
		t.Errorf("the audit trail: %v %v", es, err)
	}
}
