package app

import (
	"testing"

	"fyne.io/fyne/v2/widget"
)

// Issue 11, item 10: the small things a new staff member trips over.

// TestElectionButtonSaysWhyDisabled: while no return is selected the
// disabled "record an election" button has its reason beside it.
func TestElectionButtonSaysWhyDisabled(t *testing.T) {
	e := newEnv(t, LangChinese, "returns", false)
	s := e.u.built["returns"].(*returnsScreen)
	if !s.electionBtn.Disabled() || !s.electionTip.Visible() || !shows(s.box, "先在表中选中一条回引记录") {
		t.Fatalf("no return selected: button disabled %v, reason shown %v", s.electionBtn.Disabled(), s.electionTip.Visible())
	}
	e.act(func() { s.table.Select(widget.TableCellID{Row: 0, Col: 0}) })
	if s.electionBtn.Disabled() || s.electionTip.Visible() {
		t.Errorf("a return selected: button disabled %v, reason shown %v", s.electionBtn.Disabled(), s.electionTip.Visible())
	}
}
