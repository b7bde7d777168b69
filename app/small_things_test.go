package app

import (
	"fmt"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/test"
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

// TestEnglishPlurals: no "trainee(s)": a count of one takes the singular,
// any other the plural, whether the count comes as a number or as text.
func TestEnglishPlurals(t *testing.T) {
	if err := SetLanguage(LangEnglish); err != nil {
		t.Fatal(err)
	}
	en := readJSON(t, LangEnglish)
	field := regexp.MustCompile(`\.(\w+)`)
	n := 0
	for k, v := range en {
		if strings.Contains(v, "(s)") && strings.Contains(k, ".") && k[0] >= 'a' && k[0] <= 'z' {
			t.Errorf("%s: %q", k, v)
		}
		if !strings.Contains(v, "{{if eq (print") {
			continue
		}
		n++
		for _, count := range []any{1, "1", 3, "1,200"} {
			data := map[string]any{}
			for _, m := range field.FindAllStringSubmatch(v, -1) {
				data[m[1]] = count
			}
			got := T(k, data)
			one := fmt.Sprint(count) == "1"
			if strings.Contains(got, "{{") || strings.Contains(got, "(s)") ||
				one && regexp.MustCompile(`\b1 (trainees|sessions|certificates|rows)\b`).MatchString(got) ||
				!one && regexp.MustCompile(`\b(3|1,200) (trainee|session|certificate|row)\b`).MatchString(got) {
				t.Errorf("%s with %v: %q", k, count, got)
			}
		}
	}
	if n < 10 {
		t.Errorf("only %d texts choose between singular and plural", n)
	}
	if got := T("import.done_trainees", "N", 1); got != "Imported 1 trainee." {
		t.Errorf("one trainee: %q", got)
	}
	if got := T("courses.completion_summary", "N", 34, "Meet", 30, "Fail", 4, "Decided", 0); !strings.HasPrefix(got, "34 trainees hold a place") {
		t.Errorf("34 trainees: %q", got)
	}
}

// TestLanguagesInTheirOwnNames: the language choice reads 中文 and English
// whatever the window's language.
func TestLanguagesInTheirOwnNames(t *testing.T) {
	for _, lang := range []string{LangChinese, LangEnglish} {
		e := newEnv(t, lang, "settings", false)
		s := e.u.built["settings"].(*settingsScreen)
		if got := strings.Join(s.lang.Options, " / "); got != "中文 / English" {
			t.Errorf("%s: the languages offered are %q", lang, got)
		}
	}
}

// TestFyneConfirmSaysCancel: Fyne's own confirm dialog (as its file
// dialog asks before overwriting) offers 取消 and 确定 in Chinese, not
// 不 and 是.
func TestFyneConfirmSaysCancel(t *testing.T) {
	e := newEnv(t, LangChinese, "dashboard", false)
	d := dialog.NewConfirm("覆盖？", "文件已存在。", func(bool) {}, e.u.win)
	d.Show()
	defer d.Hide()
	var got []string
	for _, o := range test.LaidOutObjects(e.u.win.Canvas().Overlays().Top()) {
		if b, ok := o.(*widget.Button); ok {
			got = append(got, b.Text)
		}
	}
	if strings.Join(got, " ") != "取消 确定" {
		t.Errorf("the confirm dialog's buttons read %q", got)
	}
}

// TestEthnicityAndEducationInEnglish: the English window shows them in
// English, as it does the gender; the Chinese one as written.
func TestEthnicityAndEducationInEnglish(t *testing.T) {
	if len(ethnicitiesEnglish) != 56 {
		t.Errorf("%d ethnic groups named in English, not 56", len(ethnicitiesEnglish))
	}
	e := newEnv(t, LangEnglish, "trainees/detail", false)
	d := e.u.trainees.detail
	if d.rec == nil {
		t.Fatal("no trainee shown")
	}
	tr := d.rec.Trainee
	for _, want := range []string{ethnicitiesEnglish[tr.Ethnicity], educationEnglish[tr.Education]} {
		if want == "" || !shows(d.box, want) {
			t.Errorf("the detail of a trainee (%s, %s) does not show %q", tr.Ethnicity, tr.Education, want)
		}
	}
	if shows(d.box, tr.Ethnicity) {
		t.Errorf("the English detail shows %q", tr.Ethnicity)
	}
	if err := SetLanguage(LangChinese); err != nil {
		t.Fatal(err)
	}
	if ethnicityLabel("彝族") != "彝族" || educationLabel("大专") != "大专" {
		t.Error("the Chinese window translates them")
	}
}

// TestFirstStartMessageReads: the first-start offer keeps a number with
// its measure word (no "40630⏎名") and mentions no report it does not
// explain.
func TestFirstStartMessageReads(t *testing.T) {
	for _, lang := range []string{LangChinese, LangEnglish} {
		e := newEnv(t, lang, "dashboard", true)
		top := e.u.win.Canvas().Overlays().Top()
		if top == nil {
			t.Fatalf("%s: no first-start offer", lang)
		}
		var lines []string
		for _, o := range test.LaidOutObjects(top) {
			if tx, ok := o.(*canvas.Text); ok && tx.Text != "" {
				lines = append(lines, tx.Text)
			}
		}
		all := strings.Join(lines, "\n")
		if !strings.Contains(all, "40630名") && !strings.Contains(all, "40,630 made-up") {
			t.Errorf("%s: the figure is broken from its word:\n%s", lang, all)
		}
		for _, w := range []string{"报道", "report", "Chengdu", "成都"} {
			if strings.Contains(all, w) {
				t.Errorf("%s: the offer mentions %q:\n%s", lang, w, all)
			}
		}
	}
}

// TestHomeRegionBoxesLabelled: each of the six boxes of the home region
// has its label, shown also once the box is filled.
func TestHomeRegionBoxesLabelled(t *testing.T) {
	e := newEnv(t, LangChinese, "trainees/edit", false)
	f := e.u.trainees.detail.form
	if f == nil {
		t.Fatal("no trainee form open")
	}
	top := e.u.win.Canvas().Overlays().Top()
	var labels []string
	for _, o := range test.LaidOutObjects(top) {
		if l, ok := o.(*widget.Label); ok {
			labels = append(labels, l.Text)
		}
	}
	for _, p := range regionParts {
		if f.entries[p].Text == "" && p != "town" && p != "village" {
			t.Errorf("the %s box is empty", p)
		}
		want := T("trainee.region." + p)
		found := false
		for _, l := range labels {
			found = found || l == want
		}
		if !found {
			t.Errorf("no label %q over the %s box", want, p)
		}
	}
}

// TestImportShowsColumnsAndTemplate (issue 11, item 9): the import screen
// names the columns each kind of list is read by, and offers the trainee
// list's template workbook, which saves where the user says.
func TestImportShowsColumnsAndTemplate(t *testing.T) {
	e := newEnv(t, LangChinese, "import", false)
	s := e.u.built["import"].(*importExportScreen)
	if !strings.Contains(s.columns.Text, "姓名*") || !strings.Contains(s.columns.Text, "身份证号*") ||
		!strings.Contains(s.columns.Text, "户籍地") || !s.template.Visible() {
		t.Fatalf("trainees: columns %q, template offered %v", s.columns.Text, s.template.Visible())
	}
	e.act(func() { s.kind.SetSelectedIndex(1) }) // a schedule
	if !strings.Contains(s.columns.Text, "日期*") || !strings.Contains(s.columns.Text, "授课教师") || s.template.Visible() {
		t.Errorf("sessions: columns %q, template offered %v", s.columns.Text, s.template.Visible())
	}
	e.act(func() { s.kind.SetSelectedIndex(0) })
	e.act(func() { test.Tap(s.template) })
	d := e.u.saving
	if d == nil {
		t.Fatal("no save dialog")
	}
	dir := t.TempDir()
	e.act(func() { d.setDir(dir); d.dialog.Submit() })
	matches, _ := filepath.Glob(filepath.Join(dir, "*.xlsx"))
	if len(matches) != 1 {
		t.Fatalf("saved %v", matches)
	}
}
