package app

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"fyne.io/fyne/v2/test"

	"peiyang/internal/poppler"
	"peiyang/models"
)

// recordOpened makes opening files, and showing them in their folder,
// record their paths instead.
func recordOpened(t *testing.T) *[]string {
	var opened []string
	oldOpen, oldReveal := openFile, revealFile
	openFile = func(path string) error {
		opened = append(opened, path)
		return nil
	}
	revealFile = openFile
	t.Cleanup(func() { openFile, revealFile = oldOpen, oldReveal })
	return &opened
}

// saveInto answers the save dialog on top: into dir, under the name
// offered. act waits until the file is written; it returns its path.
func saveInto(t *testing.T, e *testEnv, dir string) string {
	t.Helper()
	d := e.u.saving
	if d == nil || e.u.win.Canvas().Overlays().Top() == nil {
		t.Fatal("no save dialog")
	}
	var path string
	e.act(func() {
		d.setDir(dir)
		path = d.path()
		d.dialog.Submit()
	})
	return path
}

// tapOpen taps Open in the dialog that says where a file was saved and
// returns what it opened.
func tapOpen(t *testing.T, e *testEnv, opened *[]string) string {
	t.Helper()
	top := e.u.win.Canvas().Overlays().Top()
	if top == nil || !shows(top, "Saved to") && !shows(top, "已保存到") {
		t.Fatalf("no notice of the file saved: %q", texts(top))
	}
	n := len(*opened)
	open := findButton(t, top, T("files.open_file"))
	e.act(func() { test.Tap(open) })
	if len(*opened) != n+1 {
		t.Fatal("Open opened nothing")
	}
	return (*opened)[n]
}

// wantAudit checks that the audit trail holds an entry of the action
// naming the file.
func wantAudit(t *testing.T, e *testEnv, action, file string) {
	t.Helper()
	entries, err := e.svc.Audit.FindAudit(ctx, models.AuditFilter{Action: action})
	if err != nil {
		t.Fatal(err)
	}
	for _, en := range entries {
		if strings.Contains(en.After, file) && strings.Contains(en.After, `"source":"window"`) {
			return
		}
	}
	t.Errorf("no %s of %s from the window in the audit trail", action, file)
}

// The save dialog opens in the kind's last folder, never replaces a file
// without asking, and says where the file went, with Open and Show in
// folder that tell when nothing could open it.
func TestSaveAsksAndNeverOverwritesSilently(t *testing.T) {
	e, s := mentorsEnv(t, LangEnglish)
	dir := t.TempDir()
	opened := recordOpened(t)
	e.act(s.print)
	first := waitPDF(t, e, dir, opened, "导师帮带结对名单-")

	// Again: the dialog opens where the last list went, and the same name
	// asks before replacing the file.
	if err := os.WriteFile(first, []byte("an earlier print"), 0o600); err != nil {
		t.Fatal(err)
	}
	e.act(s.print)
	d := e.u.saving
	if d.dir != dir {
		t.Errorf("the dialog opens in %s, not the last folder %s", d.dir, dir)
	}
	e.act(d.dialog.Submit)
	ask := e.u.win.Canvas().Overlays().Top()
	if ask == nil || !shows(ask, "Replace the file?") {
		t.Fatalf("saving over a file did not ask: %q", texts(ask))
	}
	e.act(func() { test.Tap(findButton(t, ask, "Cancel")) })
	if b, _ := os.ReadFile(first); string(b) != "an earlier print" {
		t.Error("the file was replaced without the user's consent")
	}
	e.act(d.dialog.Submit)
	e.act(func() { test.Tap(findButton(t, e.u.win.Canvas().Overlays().Top(), "Replace")) })
	if b, _ := os.ReadFile(first); !strings.HasPrefix(string(b), "%PDF") {
		t.Error("Replace did not replace the file")
	}
	poppler.Check(t, first)

	// No program to open it: said, not swallowed.
	openFile = func(string) error {
		return models.Errorf(models.EINVALID, "file", "No program on this computer opened {{.File}}. It is saved in {{.Dir}}: open it from there.",
			"File", filepath.Base(first), "Dir", dir)
	}
	e.act(func() { test.Tap(findButton(t, e.u.win.Canvas().Overlays().Top(), "Open")) })
	if top := e.u.win.Canvas().Overlays().Top(); top == nil || !shows(top, "No program on this computer opened") {
		t.Errorf("a failed open is not said: %q", texts(top))
	}
}
