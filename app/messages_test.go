package app

import (
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"peiyang/models"
)

// Leaving the trainee form, by Escape or after saving, masks the ID and
// phone numbers again; a save is confirmed beside the name.
func TestTraineeFormRemasksAndConfirms(t *testing.T) {
	e, s := traineesEnv(t, LangEnglish)
	d := openFirstRow(t, e, s)
	full := d.rec.Trainee.IDNumber
	e.act(d.editRevealed)
	if d.form == nil || d.values["id_number"].Text != full {
		t.Fatalf("editing does not show the full number: %q", d.values["id_number"].Text)
	}
	c := e.u.win.Canvas()
	e.act(func() { d.form.entries["ethnicity"].SetText("回族") })
	e.act(func() { d.form.entries["ethnicity"].TypedKey(&fyne.KeyEvent{Name: fyne.KeyEscape}) })
	e.act(func() { test.Tap(findButton(t, c.Overlays().Top(), "Discard changes")) })
	if got := d.values["id_number"].Text; got == full || !strings.Contains(got, "*") {
		t.Errorf("after Escape the detail shows the ID number %q", got)
	}
	if d.saved.Text != "" {
		t.Errorf("a discarded form says %q", d.saved.Text)
	}
	e.act(d.editRevealed)
	e.act(func() {
		d.form.entries["employer"].SetText("成都市某物流公司")
		d.form.submit()
	})
	if c.Overlays().Top() != nil {
		t.Fatal("the form stayed open after saving")
	}
	if got := d.values["id_number"].Text; got == full {
		t.Errorf("after saving the detail shows the full ID number")
	}
	if !strings.HasPrefix(d.saved.Text, "✓ Saved at ") {
		t.Errorf("no confirmation of the save: %q", d.saved.Text)
	}
}

// The score's message has room of its own: choosing a trainee, a wrong
// score and a saved one never move the table; the message goes when the
// score is typed again, and a save is confirmed.
func TestScoreMessagesKeepTheTableStill(t *testing.T) {
	e, s := coursesEnv(t, LangEnglish)
	today := e.svc.Today()
	c, _ := testCourse(t, e, 10, models.CompletionRule{PassScore: 60}, []int64{7, 8}, today.AddDays(-3).String())
	openCourse(t, e, s, c.ID, "completion")
	cp := s.completion
	height := func() float32 { return cp.top.MinSize().Height }
	h0 := height()
	e.act(func() { cp.table.Select(widget.TableCellID{Row: 0, Col: 0}) })
	if h := height(); h != h0 {
		t.Errorf("choosing a trainee moves the table by %v", h-h0)
	}
	e.act(func() {
		cp.score.SetText("八十")
		cp.score.TypedKey(&fyne.KeyEvent{Name: fyne.KeyReturn})
	})
	if !cp.scoreErr.Visible() || cp.scoreErr.Text == "" {
		t.Fatal("a wrong score is not said")
	}
	if h := height(); h != h0 {
		t.Errorf("the score's message moves the table by %v", h-h0)
	}
	e.act(func() { typeKeys(e.u.win.Canvas(), "8") })
	if cp.scoreErr.Visible() {
		t.Errorf("the message stays after the score changed: %q", cp.scoreErr.Text)
	}
	e.act(func() {
		cp.score.SetText("85")
		cp.score.TypedKey(&fyne.KeyEvent{Name: fyne.KeyReturn})
	})
	if !strings.HasPrefix(cp.scoreErr.Text, "Saved: ") || cp.scoreErr.Importance != widget.SuccessImportance {
		t.Errorf("the save is not confirmed: %q", cp.scoreErr.Text)
	}
	if h := height(); h != h0 {
		t.Errorf("the confirmation moves the table by %v", h-h0)
	}
}
