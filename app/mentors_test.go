package app

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"peiyang/app/kit"
	"peiyang/internal/poppler"
	"peiyang/internal/private/privatetest"
	"peiyang/models"
	"peiyang/training"
)

// mentorsEnv opens the mentors screen.
func mentorsEnv(t *testing.T, lang string) (*testEnv, *mentorsScreen) {
	t.Helper()
	e := newEnv(t, lang, "mentors", false)
	s, ok := e.u.built["mentors"].(*mentorsScreen)
	if !ok {
		t.Fatal("the mentors screen is not built")
	}
	return e, s
}

// enter presses Enter on a focusable widget.
func enter(o fyne.Focusable) { o.TypedKey(&fyne.KeyEvent{Name: fyne.KeyReturn}) }

// loadRowText is what a row of a load list shows: title, detail, bar.
func loadRowText(update func(widget.ListItemID, fyne.CanvasObject), id int) string {
	o := mentorLoadItem()
	update(id, o)
	box := o.(*fyne.Container)
	lines := box.Objects[0].(*fyne.Container)
	bar := box.Objects[1].(*fyne.Container).Objects[0].(*fyne.Container).Objects[1].(*widget.ProgressBar)
	return lines.Objects[0].(*widget.Label).Text + " | " + lines.Objects[1].(*widget.Label).Text + " | " + bar.TextFormatter()
}

// listRowText is what a two-line row of a list shows.
func listRowText(update func(widget.ListItemID, fyne.CanvasObject), id int) string {
	o := kit.TwoLineItem()
	update(id, o)
	box := o.(*fyne.Container)
	return box.Objects[0].(*widget.Label).Text + " | " + box.Objects[1].(*widget.Label).Text
}

// mentorIndex is the mentor's row in the load list.
func mentorIndex(t *testing.T, s *mentorsScreen, id int64) int {
	t.Helper()
	for i, l := range s.visible {
		if l.Mentor.ID == id {
			return i
		}
	}
	t.Fatalf("mentor %d is not listed", id)
	return -1
}

// pickTrainee types the trainee's name in a picker and chooses them.
func pickTrainee(t *testing.T, e *testEnv, p *traineePicker, tr *models.Trainee) {
	t.Helper()
	e.act(func() { test.Type(p.search, tr.Name) })
	for i, r := range p.results {
		if r.ID == tr.ID {
			e.act(func() { p.list.Select(i) })
			if p.traineeID() != tr.ID {
				t.Fatalf("choosing %s in the picker chose %d", tr.Name, p.traineeID())
			}
			return
		}
	}
	t.Fatalf("searching %s does not find trainee %d", tr.Name, tr.ID)
}

// unmentored finds a trainee with no mentor today and with suggestions.
func unmentored(t *testing.T, e *testEnv, skip map[int64]bool) *models.Trainee {
	t.Helper()
	for id := int64(1); id <= 400; id++ {
		if skip[id] {
			continue
		}
		c, err := e.svc.FollowUp.MentorChoiceFor(ctx, id, mentorSuggestions)
		if err != nil {
			t.Fatal(err)
		}
		if len(c.Current) == 0 && len(c.Suggestions) > 0 && len(c.Themes) > 0 {
			return c.Trainee
		}
	}
	t.Fatal("every trainee has a mentor")
	return nil
}

func TestMentorLoads(t *testing.T) {
	e, s := mentorsEnv(t, LangEnglish)
	want, err := e.svc.FollowUp.MentorLoads(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if len(want) == 0 || s.list.Length() != len(want) {
		t.Fatalf("%d mentors listed, %d in the store", s.list.Length(), len(want))
	}
	if !strings.HasPrefix(s.summary.Text, fmt.Sprintf("%d mentors", len(want))) {
		t.Errorf("summary %q", s.summary.Text)
	}
	l := s.visible[0]
	row := loadRowText(s.updateLoad, 0)
	if !strings.HasPrefix(row, l.Mentor.Name+" | ") || !strings.HasSuffix(row, fmt.Sprintf("%d / %d", l.Active, l.Mentor.MaxMentees)) {
		t.Errorf("first row %q, mentor %s %d/%d", row, l.Mentor.Name, l.Active, l.Mentor.MaxMentees)
	}
	// The first mentor is chosen, with the mentorships and a contact log.
	if s.mentorID != l.Mentor.ID || s.title.Text != l.Mentor.Name {
		t.Fatalf("chosen mentor %d %q", s.mentorID, s.title.Text)
	}
	pairs, _ := e.svc.FollowUp.MentorshipsOf(ctx, l.Mentor.ID)
	if s.pairList.Length() != len(pairs) {
		t.Errorf("%d mentorships listed, %d in the store", s.pairList.Length(), len(pairs))
	}
	// The filter narrows the list.
	e.act(func() { s.filter.SetText(l.Mentor.Name) })
	if s.list.Length() == 0 || s.list.Length() >= len(want) && len(want) > 1 {
		t.Errorf("filtering %s lists %d mentors", l.Mentor.Name, s.list.Length())
	}
}

func TestMentorAssignFromSuggestions(t *testing.T) {
	e, s := mentorsEnv(t, LangEnglish)
	tr := unmentored(t, e, nil)
	e.act(s.openAssign)
	f := s.assign
	if e.u.win.Canvas().Focused() != f.picker.search {
		t.Errorf("the dialog opens with the focus on %v", e.u.win.Canvas().Focused())
	}
	pickTrainee(t, e, f.picker, tr)
	if f.choiceOf == nil || f.sugg.Length() == 0 {
		t.Fatal("no suggestions for the trainee")
	}
	first := listRowText(f.updateSuggestion, 0)
	if !strings.Contains(first, "points") || !strings.Contains(first, "mentoring ") || !strings.Contains(f.about.Text, "Themes of the trainee's courses") {
		t.Errorf("suggestion %q, about %q", first, f.about.Text)
	}
	sg := f.choiceOf.Suggestions[0]
	if len(sg.MatchedThemes) > 0 && !strings.Contains(first, "expertise covers "+themeLabel(sg.MatchedThemes[0])) {
		t.Errorf("the suggestion's reasons lack its themes: %q", first)
	}
	before := *s.load(sg.Mentor.ID)

	e.act(func() { f.sugg.Select(0) })
	if i := f.mentor.SelectedIndex(); i < 0 || f.mentors[i].Mentor.ID != sg.Mentor.ID {
		t.Fatalf("taking the suggestion chose mentor %q", f.mentor.Selected)
	}
	e.act(func() {
		f.goals.SetText("熟悉村级事务")
		enter(f.goals)
	})
	ms, err := e.db.FindMentorships(ctx, models.MentorshipFilter{TraineeID: tr.ID, MentorID: sg.Mentor.ID})
	if err != nil {
		t.Fatal(err)
	}
	if len(ms) != 1 || ms[0].Goals != "熟悉村级事务" || !ms[0].StartDate.Equal(e.svc.Today()) {
		t.Fatalf("stored mentorships %+v", ms)
	}
	if e.u.win.Canvas().Overlays().Top() != nil {
		t.Error("the dialog stayed open")
	}
	if s.mentorID != sg.Mentor.ID {
		t.Fatalf("the screen shows mentor %d, not %d", s.mentorID, sg.Mentor.ID)
	}
	want := fmt.Sprintf("Mentoring %d of at most %d trainees", before.Active+1, sg.Mentor.MaxMentees)
	if !strings.HasPrefix(s.loadLabel.Text, want) {
		t.Errorf("load label %q, want %q", s.loadLabel.Text, want)
	}
	row := loadRowText(s.updateLoad, mentorIndex(t, s, sg.Mentor.ID))
	if !strings.HasSuffix(row, fmt.Sprintf("%d / %d", before.Active+1, sg.Mentor.MaxMentees)) {
		t.Errorf("load row %q", row)
	}
	if s.pair() == nil || s.pair().Trainee.ID != tr.ID {
		t.Error("the new mentorship is not the one chosen")
	}
}

func TestMentorAssignBeyondMaximum(t *testing.T) {
	e, s := mentorsEnv(t, LangEnglish)
	m := s.visible[0].Mentor
	// Fill the mentor up to the maximum.
	mentored := map[int64]bool{}
	for id := int64(1); id <= 400 && !fullMentor(t, e, m.ID); id++ {
		err := e.svc.FollowUp.AssignMentor(ctx, &models.Mentorship{MentorID: m.ID, TraineeID: id, StartDate: e.svc.Today()})
		if err == nil {
			mentored[id] = true
		}
	}
	e.act(s.shown)
	if l := s.load(m.ID); l == nil || !l.Full() || !strings.Contains(loadRowText(s.updateLoad, mentorIndex(t, s, m.ID)), "Full") {
		t.Fatalf("the mentor is not shown full: %+v", l)
	}
	before, _ := e.db.FindMentorships(ctx, models.MentorshipFilter{MentorID: m.ID})

	tr := unmentored(t, e, mentored)
	e.act(s.openAssign)
	f := s.assign
	pickTrainee(t, e, f.picker, tr)
	for _, sg := range f.choiceOf.Suggestions {
		if sg.Mentor.ID == m.ID {
			t.Error("a full mentor is suggested")
		}
	}
	e.act(func() {
		f.setMentor(m.ID)
		enter(f.mentor) // Enter on the select saves
	})
	if !strings.Contains(f.mentor.Selected, "Full") {
		t.Errorf("the select does not say the mentor is full: %q", f.mentor.Selected)
	}
	msg := f.errorText("mentor_id")
	if !strings.Contains(msg, "already mentors") || !strings.Contains(msg, fmt.Sprintf("the maximum of %d", m.MaxMentees)) {
		t.Errorf("error beside the mentor: %q", msg)
	}
	after, _ := e.db.FindMentorships(ctx, models.MentorshipFilter{MentorID: m.ID})
	if len(after) != len(before) {
		t.Errorf("a refused assignment was stored: %d mentorships, were %d", len(after), len(before))
	}
	if e.u.win.Canvas().Overlays().Top() == nil {
		t.Error("the dialog closed on a refused assignment")
	}
	// Without a trainee or mentor, the messages go beside those fields.
	e.act(func() {
		f.picker.chosen = nil
		f.mentor.ClearSelected()
		f.submit()
	})
	if f.errorText("trainee_id") != "Choose the trainee." || f.errorText("mentor_id") != "Choose the mentor." {
		t.Errorf("empty form: %q, %q", f.errorText("trainee_id"), f.errorText("mentor_id"))
	}
}

func fullMentor(t *testing.T, e *testEnv, id int64) bool {
	ls, err := e.svc.FollowUp.MentorLoads(ctx)
	if err != nil {
		t.Fatal(err)
	}
	for _, l := range ls {
		if l.Mentor.ID == id {
			return l.Full()
		}
	}
	return false
}

// chooseActivePair chooses a mentor with a running mentorship, and it.
func chooseActivePair(t *testing.T, e *testEnv, s *mentorsScreen) training.MentorPair {
	t.Helper()
	for i, l := range s.visible {
		if l.Active == 0 {
			continue
		}
		e.act(func() { s.list.Select(i) })
		for j, p := range s.pairs {
			if p.Mentorship.ActiveOn(e.svc.Today()) {
				e.act(func() { s.pairList.Select(j) })
				return p
			}
		}
	}
	t.Fatal("no running mentorship")
	return training.MentorPair{}
}

func TestMentorLogContact(t *testing.T) {
	e, s := mentorsEnv(t, LangEnglish)
	p := chooseActivePair(t, e, s)
	if s.pairID != p.Mentorship.ID || s.logBtn.Disabled() {
		t.Fatal("the running mentorship is not chosen")
	}
	n := len(s.contacts)
	e.act(func() { test.Tap(s.logBtn) })
	f := s.contactForm
	if e.u.win.Canvas().Focused() != f.date || f.date.Text != e.svc.Today().String() {
		t.Errorf("the form opens on %v with the date %q", e.u.win.Canvas().Focused(), f.date.Text)
	}
	// A date that is no date, then one in the future: the messages go
	// beside the date, and nothing is logged.
	e.act(func() {
		f.date.SetText("2025-13-01")
		f.mode.SetSelectedIndex(1)
		f.summary.SetText("电话了解学习情况")
		enter(f.summary)
	})
	if got := f.errorText("date"); got != "Not a date in the form YYYY-MM-DD: 2025-13-01" {
		t.Errorf("bad date: %q", got)
	}
	e.act(func() {
		f.date.SetText(e.svc.Today().AddDays(1).String())
		enter(f.date)
	})
	if got := f.errorText("date"); got != "The contact's date is in the future." {
		t.Errorf("future date: %q", got)
	}
	e.act(func() {
		f.date.SetText(e.svc.Today().String())
		enter(f.summary)
	})
	if e.u.win.Canvas().Overlays().Top() != nil {
		t.Fatalf("the form stayed open: %q", f.General().Text)
	}
	cs, _ := e.svc.FollowUp.MentorContacts(ctx, p.Mentorship.ID)
	if len(cs) != n+1 || cs[0].Summary != "电话了解学习情况" || cs[0].Mode != models.ContactPhone {
		t.Fatalf("stored contacts: %d, latest %+v", len(cs), cs[0])
	}
	if s.contactList.Length() != n+1 || listRowText(s.updateContact, 0) != e.svc.Today().String()+" · Phone | 电话了解学习情况" {
		t.Errorf("the log shows %d entries, the first %q", s.contactList.Length(), listRowText(s.updateContact, 0))
	}
	if !strings.HasSuffix(s.contactTitle.Text, fmt.Sprint(n+1)) {
		t.Errorf("log title %q", s.contactTitle.Text)
	}
}

func TestMentorFormKeyboard(t *testing.T) {
	e, s := mentorsEnv(t, LangEnglish)
	chooseActivePair(t, e, s)
	e.act(func() { test.Tap(s.logBtn) })
	f := s.contactForm
	c := e.u.win.Canvas()
	c.FocusNext()
	if c.Focused() != f.mode {
		t.Errorf("Tab from the date goes to %v, not the mode", c.Focused())
	}
	c.FocusNext()
	if c.Focused() != f.summary {
		t.Errorf("Tab from the mode goes to %v, not the summary", c.Focused())
	}
	f.mode.TypedKey(&fyne.KeyEvent{Name: fyne.KeyEscape})
	if c.Overlays().Top() != nil {
		t.Error("Escape on the select did not close the form")
	}

	e.act(s.openAssign)
	a := s.assign
	c.FocusNext()
	if c.Focused() != a.picker.list {
		t.Errorf("Tab from the search goes to %v, not the matches", c.Focused())
	}
	a.picker.list.TypedKey(&fyne.KeyEvent{Name: fyne.KeyEscape})
	if c.Overlays().Top() != nil {
		t.Error("Escape on the list did not close the dialog")
	}
}

func TestMentorsInChinese(t *testing.T) {
	e, s := mentorsEnv(t, LangChinese)
	tr := unmentored(t, e, nil)
	e.act(s.openAssign)
	f := s.assign
	pickTrainee(t, e, f.picker, tr)
	for i := 0; i < f.sugg.Length(); i++ {
		row := listRowText(f.updateSuggestion, i)
		if englishWord.MatchString(row) || !strings.Contains(row, "分") || !strings.Contains(row, "上限") {
			t.Errorf("suggestion in Chinese: %q", row)
		}
	}
	if englishWord.MatchString(f.about.Text) {
		t.Errorf("about in Chinese: %q", f.about.Text)
	}
	for _, txt := range texts(e.u.win.Canvas().Overlays().Top()) {
		if englishWord.MatchString(allowedLatin.ReplaceAllString(txt, "")) {
			t.Errorf("the dialog shows English in Chinese: %q", txt)
		}
	}
}

// stubPrint records what would have opened; it returns a folder to save
// into and the files opened.
func stubPrint(t *testing.T) (string, *[]string) {
	return t.TempDir(), recordOpened(t)
}

// waitPDF answers the save dialog of a print with the folder, opens what
// was saved, and checks it is a private PDF named with the prefix, and
// that the print is in the audit trail.
func waitPDF(t *testing.T, e *testEnv, dir string, opened *[]string, prefix string) string {
	t.Helper()
	path := saveInto(t, e, dir)
	if got := tapOpen(t, e, opened); got != path {
		t.Fatalf("Open opened %q, not %q", got, path)
	}
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(string(data), "%PDF") || !strings.HasPrefix(filepath.Base(path), prefix) {
		t.Errorf("printed %s: not a PDF", path)
	}
	poppler.Check(t, path)
	privatetest.Assert(t, path)
	wantAudit(t, e, "print", filepath.Base(path))
	return path
}

func TestMentorsPrint(t *testing.T) {
	e, s := mentorsEnv(t, LangEnglish)
	dir, opened := stubPrint(t)
	e.act(s.print)
	waitPDF(t, e, dir, opened, "导师帮带结对名单-"+e.svc.Today().String())
}
