package app

import (
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"peiyang/models"
	"peiyang/store"
)

// traineesEnv opens the trainee screen.
func traineesEnv(t *testing.T, lang string) (*testEnv, *traineesScreen) {
	e := newEnv(t, lang, "trainees", false)
	return e, e.u.trainees
}

// rowIDs lists the IDs of the table's rows.
func rowIDs(s *traineesScreen) []int64 {
	ids := make([]int64, s.rows.count())
	for i := range ids {
		if t := s.rows.at(i); t != nil {
			ids[i] = t.ID
		}
	}
	return ids
}

func TestTraineeTableAndSearch(t *testing.T) {
	e, s := traineesEnv(t, LangEnglish)
	if s.rows.count() != 400 || s.count.Text != "400 trainees" {
		t.Fatalf("%d rows, count label %q", s.rows.count(), s.count.Text)
	}
	first, err := e.svc.Trainees.FindTraineeByID(ctx, 1)
	if err != nil {
		t.Fatal(err)
	}
	if cellText(s, 0, 0) != first.Name || cellText(s, 0, 3) != models.MaskIDNumber(first.IDNumber) {
		t.Errorf("the table's first row shows %q %q, want %s, masked ID", cellText(s, 0, 0), cellText(s, 0, 3), first.Name)
	}
	if !shows(s.table, "ID number") {
		t.Error("the table has no ID number column")
	}

	pick, err := e.svc.Trainees.FindTraineeByID(ctx, 123)
	if err != nil {
		t.Fatal(err)
	}
	digits := strings.NewReplacer("-", "").Replace(pick.Phone)
	for _, q := range []string{pick.Name, string([]rune(pick.Name)[1:]), pick.IDNumber[10:16], digits[3:8]} {
		e.act(func() {
			s.search.SetText("")
			test.Type(s.search, q)
		})
		want, err := e.svc.Trainees.SearchTrainees(ctx, q, searchLimit)
		if err != nil {
			t.Fatal(err)
		}
		got := rowIDs(s)
		if len(got) != len(want) || len(got) == 0 {
			t.Fatalf("search %q: %d rows, want %d", q, len(got), len(want))
		}
		for i := range want {
			if got[i] != want[i].ID {
				t.Fatalf("search %q: row %d is trainee %d, want %d", q, i, got[i], want[i].ID)
			}
		}
		if !strings.HasSuffix(s.count.Text, "found") {
			t.Errorf("search %q: count label %q", q, s.count.Text)
		}
	}
	e.act(func() { s.search.SetText(pick.Name) })
	if s.rows.at(0).ID != pick.ID || cellText(s, 0, 0) != pick.Name {
		t.Errorf("searching the full name does not put %s first in the table", pick.Name)
	}
	e.act(func() { s.search.SetText("") })
	if s.rows.count() != 400 {
		t.Errorf("cleared search shows %d rows", s.rows.count())
	}
}

func TestTraineeFilters(t *testing.T) {
	e, s := traineesEnv(t, LangEnglish)
	e.act(func() { s.region.SetText("德阳") })
	n, err := e.svc.Trainees.CountTrainees(ctx, models.TraineeFilter{Region: "德阳"})
	if err != nil {
		t.Fatal(err)
	}
	if n == 0 || s.rows.count() != n {
		t.Fatalf("region 德阳: %d rows, want %d", s.rows.count(), n)
	}
	for i := 0; i < n; i++ {
		if tr := s.rows.at(i); tr == nil || !tr.HomeRegion.Contains("德阳") {
			t.Fatalf("row %d is not from 德阳: %v", i, tr)
		}
	}
	cohort := s.cohorts[0]
	e.act(func() { s.cohort.SetSelectedIndex(1) })
	n, _ = e.svc.Trainees.CountTrainees(ctx, models.TraineeFilter{Region: "德阳", CohortID: cohort.ID})
	if s.rows.count() != n {
		t.Errorf("region and cohort: %d rows, want %d", s.rows.count(), n)
	}

	e.act(func() {
		s.region.SetText("")
		s.cohort.SetSelectedIndex(0)
		s.stage.SetSelectedIndex(models.StageElected.Rank() + 1)
	})
	stages, err := e.svc.Trainees.Stages(ctx, models.TraineeFilter{})
	if err != nil {
		t.Fatal(err)
	}
	elected := 0
	for _, st := range stages {
		if st == models.StageElected {
			elected++
		}
	}
	if elected == 0 || s.rows.count() != elected {
		t.Fatalf("stage elected: %d rows, want %d", s.rows.count(), elected)
	}
	for _, id := range rowIDs(s) {
		if stages[id] != models.StageElected {
			t.Fatalf("trainee %d is %s, not elected", id, stages[id])
		}
	}
	if got := cellText(s, 0, len(s.columns())-1); got != "Elected" {
		t.Errorf("the stage column shows %q, not Elected", got)
	}
	// The search keeps the stage filter.
	e.act(func() { test.Type(s.search, "张") })
	for _, id := range rowIDs(s) {
		if stages[id] != models.StageElected {
			t.Fatalf("search with the stage filter shows trainee %d, %s", id, stages[id])
		}
	}
}

// openFirstRow selects the table's first row and waits for its detail.
func openFirstRow(t *testing.T, e *testEnv, s *traineesScreen) *traineeDetail {
	t.Helper()
	e.act(func() { s.table.Select(widget.TableCellID{Row: 0, Col: 0}) })
	d := s.detail
	if d.rec == nil || d.rec.Trainee.ID != s.rows.at(0).ID {
		t.Fatal("the detail does not show the first row")
	}
	return d
}

func TestTraineeDetailReveal(t *testing.T) {
	e, s := traineesEnv(t, LangEnglish)
	e.act(func() { s.stage.SetSelectedIndex(models.StageElected.Rank() + 1) })
	d := openFirstRow(t, e, s)
	tr := d.rec.Trainee
	id, phone, birth := d.values["id_number"], d.values["phone"], d.values["birth_date"]
	if id.Text != models.MaskIDNumber(tr.IDNumber) || phone.Text != models.MaskPhone(tr.Phone) || id.Text == tr.IDNumber ||
		birth.Text != tr.BirthDate.String()[:7] || d.labels["birth_date"].Text != "Month of birth" {
		t.Fatalf("before reveal: %q %q %q under %q", id.Text, phone.Text, birth.Text, d.labels["birth_date"].Text)
	}
	e.act(func() { test.Tap(d.reveal) })
	if id.Text != tr.IDNumber || phone.Text != tr.Phone || birth.Text != tr.BirthDate.String() || d.reveal.Text != "Mask numbers" ||
		d.labels["birth_date"].Text != "Date of birth" {
		t.Fatalf("after reveal: %q %q %q under %q, button %q", id.Text, phone.Text, birth.Text, d.labels["birth_date"].Text, d.reveal.Text)
	}
	e.act(func() { test.Tap(d.reveal) })
	if id.Text != models.MaskIDNumber(tr.IDNumber) || d.labels["birth_date"].Text != "Month of birth" {
		t.Fatalf("after masking again: %q under %q", id.Text, d.labels["birth_date"].Text)
	}
	for _, want := range []string{"Returned to", "Completion certificate", tr.HomeRegion.String()} {
		if !shows(d.box, want) {
			t.Errorf("the detail of an elected trainee lacks %q", want)
		}
	}
	e.act(func() { test.Tap(d.edit) })
	if d.form == nil || e.u.win.Canvas().Overlays().Top() == nil {
		t.Fatal("Edit opened no form")
	}
}

func TestTraineeEditRefusesInvalidInput(t *testing.T) {
	e, s := traineesEnv(t, LangEnglish)
	d := openFirstRow(t, e, s)
	before := *d.rec.Trainee
	e.act(d.openEdit)
	f := d.form
	id := []byte(before.IDNumber)
	id[17] = map[bool]byte{true: '1', false: '2'}[id[17] != '1']
	e.act(func() {
		f.entries["phone"].SetText("12345")
		f.entries["birth_date"].SetText("1983-13-40")
		f.entries["id_number"].SetText(string(id))
		test.Tap(findButton(t, e.u.win.Canvas().Overlays().Top(), "Save"))
	})
	wantErr := map[string]string{
		"phone":      "Not a phone number",
		"birth_date": "Not a date in the form YYYY-MM-DD: 1983-13-40",
	}
	for field, msg := range wantErr {
		if l := f.Message(field); !strings.HasPrefix(l, msg) {
			t.Errorf("%s: error label %q, want %q", field, l, msg)
		}
	}
	if l := f.Message("name"); l != "" {
		t.Errorf("name shows an error: %q", l)
	}
	// Fix the date; the rules then refuse the phone and the ID number.
	e.act(func() {
		f.entries["birth_date"].SetText(dateText(before.BirthDate))
		f.submit()
	})
	if l := f.Message("id_number"); !strings.Contains(l, "check character is wrong") {
		t.Errorf("id_number: %q", l)
	}
	if l := f.Message("phone"); l == "" || f.Message("birth_date") != "" {
		t.Errorf("phone %q, birth date %q", l, f.Message("birth_date"))
	}
	after, err := e.svc.Trainees.FindTraineeByID(ctx, before.ID)
	if err != nil {
		t.Fatal(err)
	}
	if after.Phone != before.Phone || after.IDNumber != before.IDNumber || !after.UpdatedAt.Equal(before.UpdatedAt) {
		t.Error("a refused edit changed the store")
	}
	if e.u.win.Canvas().Overlays().Top() == nil {
		t.Error("the form closed on a refused edit")
	}
}

// A birth date masked to its month is labelled 出生年月, in the table
// and in the detail; revealed in full, 出生日期.
func TestBirthMonthLabelInChinese(t *testing.T) {
	e, s := traineesEnv(t, LangChinese)
	if !shows(s.table, "出生年月") || shows(s.table, "出生日期") {
		t.Error("the table's birth column is not headed 出生年月")
	}
	d := openFirstRow(t, e, s)
	label, value := d.labels["birth_date"], d.values["birth_date"]
	if label.Text != "出生年月" || len(value.Text) != len("1988-02") {
		t.Errorf("masked: %q over %q", label.Text, value.Text)
	}
	e.act(func() { test.Tap(d.reveal) })
	if label.Text != "出生日期" || value.Text != d.rec.Trainee.BirthDate.String() {
		t.Errorf("revealed: %q over %q", label.Text, value.Text)
	}
}

func TestTraineeEditMessagesInChinese(t *testing.T) {
	e, s := traineesEnv(t, LangChinese)
	d := openFirstRow(t, e, s)
	e.act(d.openEdit)
	f := d.form
	e.act(func() {
		f.entries["phone"].SetText("12345")
		f.entries["name"].SetText("")
		f.submit()
	})
	if got := f.Message("phone"); !strings.HasPrefix(got, "电话号码无效") {
		t.Errorf("phone error %q", got)
	}
	if got := f.Message("name"); got != "请填写姓名或名称。" {
		t.Errorf("name error %q", got)
	}
}

func TestTraineeEditSaves(t *testing.T) {
	e, s := traineesEnv(t, LangEnglish)
	d := openFirstRow(t, e, s)
	id := d.rec.Trainee.ID
	before := *d.rec.Trainee
	e.act(d.openEdit)
	f := d.form
	e.act(func() {
		f.entries["phone"].SetText("139 1234 5678")
		f.entries["employer"].SetText("成都市某物流公司")
		f.entries["employer"].TypedKey(&fyne.KeyEvent{Name: fyne.KeyReturn}) // Enter saves
	})
	after, err := e.svc.Trainees.FindTraineeByID(ctx, id)
	if err != nil {
		t.Fatal(err)
	}
	if after.Phone != "13912345678" || after.Employer != "成都市某物流公司" {
		t.Fatalf("saved phone %q, employer %q", after.Phone, after.Employer)
	}
	if after.CohortID != before.CohortID || after.NominatedByID != before.NominatedByID ||
		after.IDNumber != before.IDNumber || after.HomeRegion != before.HomeRegion || after.KeyTarget != before.KeyTarget {
		t.Errorf("saving changed fields the form left alone: %+v, was %+v", after, before)
	}
	if e.u.win.Canvas().Overlays().Top() != nil {
		t.Error("the form stayed open after saving")
	}
	if got := d.values["phone"].Text; got != "139****5678" {
		t.Errorf("the detail shows phone %q", got)
	}
	if got := s.rows.at(0).Employer; got != "成都市某物流公司" {
		t.Errorf("the table row has employer %q", got)
	}
}

// The form follows the keyboard: Tab in its order, Escape to leave (at
// once when nothing changed, after asking when something did).
func TestTraineeFormKeyboard(t *testing.T) {
	e, s := traineesEnv(t, LangEnglish)
	d := openFirstRow(t, e, s)
	e.act(d.openEdit)
	f := d.form
	c := e.u.win.Canvas()
	if c.Focused() != f.entries["name"] {
		t.Fatalf("the form opens with the focus on %v", c.Focused())
	}
	c.FocusNext()
	if c.Focused() != f.gender {
		t.Errorf("Tab from the name goes to %v, not the gender", c.Focused())
	}
	c.FocusNext()
	if c.Focused() != f.entries["ethnicity"] {
		t.Errorf("Tab from the gender goes to %v, not the ethnicity", c.Focused())
	}
	f.entries["ethnicity"].TypedKey(&fyne.KeyEvent{Name: fyne.KeyEscape})
	if c.Overlays().Top() != nil {
		t.Fatal("Escape did not close the unchanged form")
	}
	e.act(d.openEdit)
	f = d.form
	// Escape on changes asks before it discards them.
	f.entries["name"].SetText("改了的名字")
	f.entries["ethnicity"].TypedKey(&fyne.KeyEvent{Name: fyne.KeyEscape})
	ask := c.Overlays().Top()
	if ask == nil || !shows(ask, "Discard the changes?") {
		t.Fatal("Escape on a changed form did not ask before discarding")
	}
	e.act(func() { test.Tap(findButton(t, ask, "Discard changes")) })
	if c.Overlays().Top() != nil {
		t.Fatal("discarding did not close the form")
	}
	after, _ := e.svc.Trainees.FindTraineeByID(ctx, d.rec.Trainee.ID)
	if after.Name == "改了的名字" {
		t.Error("Escape saved the form")
	}
}

// findButton returns the button with the text in the tree.
func findButton(t *testing.T, o fyne.CanvasObject, text string) *widget.Button {
	t.Helper()
	for _, obj := range test.LaidOutObjects(o) {
		if b, ok := obj.(*widget.Button); ok && b.Text == text {
			return b
		}
	}
	t.Fatalf("no button %q", text)
	return nil
}

// cellText is what the table shows in a cell (the table's own update
// function, run on a fresh cell).
func cellText(s *traineesScreen, row, col int) string {
	return s.table.CellText(row, col)
}

// Two windows on one file: while the trainee's form is open here, the
// record is saved from another; this save is refused with a message
// naming who changed it and when, and nothing is overwritten; Reload
// closes the form and shows the other's change.
func TestTraineeEditConflictingSave(t *testing.T) {
	e, s := traineesEnv(t, LangEnglish)
	d := openFirstRow(t, e, s)
	id := d.rec.Trainee.ID
	e.act(d.openEdit)
	f := d.form
	other, err := store.Open(e.db.Path())
	if err != nil {
		t.Fatal(err)
	}
	defer other.Close()
	if err := other.SetSetting(ctx, store.SettingUserName, "李老师"); err != nil {
		t.Fatal(err)
	}
	theirs, err := other.FindTraineeByID(ctx, id)
	if err != nil {
		t.Fatal(err)
	}
	theirs.Employer = "他们的单位"
	if err := other.UpdateTrainee(ctx, theirs); err != nil {
		t.Fatal(err)
	}
	e.act(func() {
		f.entries["employer"].SetText("我的单位")
		f.entries["employer"].TypedKey(&fyne.KeyEvent{Name: fyne.KeyReturn})
	})
	top := e.u.win.Canvas().Overlays().Top()
	if f.dialog == nil || f.stale == nil || top == nil || !shows(top, "李老师") || !shows(top, "Reload") {
		t.Fatalf("the conflicting save shows %q", texts(top))
	}
	if got, _ := e.svc.Trainees.FindTraineeByID(ctx, id); got.Employer != "他们的单位" {
		t.Fatalf("the refused save overwrote the record: %q", got.Employer)
	}
	if got := f.entries["employer"].Text; got != "我的单位" {
		t.Errorf("the form lost what was typed: %q", got)
	}
	e.act(f.stale.Submit)
	if got := d.values["employer"].Text; got != "他们的单位" {
		t.Errorf("after reloading the detail shows employer %q", got)
	}
}
