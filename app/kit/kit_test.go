package kit

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	_ "peiyang/app/internal/localeenv" // quiets Fyne on the C locale
)

// A form shows each message beside its field and the others below it, in
// the order given; a change of a field takes its message away; Dirty
// follows the inputs from Mark.
func TestFormMessages(t *testing.T) {
	test.NewTempApp(t)
	f := NewForm()
	name, phone := NewEntry(), NewEntry()
	gender := widget.NewSelect([]string{"男", "女"}, nil)
	changes := 0
	phone.OnChanged = func(string) { changes++ }
	f.Grid(f.Row("name", "Name", name), f.Row("phone", "Phone", phone), f.Row("gender", "Gender", gender))
	f.Also("mobile", "phone")
	name.SetText("张三")
	f.Mark()
	if f.Dirty() {
		t.Error("dirty right after Mark")
	}
	var msgs []Message
	var rest []string
	for i := range 8 {
		msgs = append(msgs, Message{Field: fmt.Sprintf("other_%d", i), Text: fmt.Sprintf("rule %d", i)})
		rest = append(rest, fmt.Sprintf("rule %d", i))
	}
	msgs = append(msgs, Message{Field: "phone", Text: "not a phone"}, Message{Field: "mobile", Text: "not a mobile"},
		Message{Text: "no field"})
	rest = append(rest, "no field")
	for range 5 {
		f.Show(msgs)
		if got := f.General().Text; got != strings.Join(rest, "\n") {
			t.Fatalf("below the form:\n%s", got)
		}
		if got := f.Message("phone"); got != "not a phone\nnot a mobile" {
			t.Fatalf("beside the phone: %q", got)
		}
	}
	if f.Message("name") != "" || len(f.Messages()) != 1 {
		t.Errorf("messages %v", f.Messages())
	}
	test.Type(phone, "1")
	if f.Message("phone") != "" || f.General().Visible() || changes != 1 {
		t.Errorf("after a change: %q, general shown %v, OnChanged ran %d times", f.Message("phone"), f.General().Visible(), changes)
	}
	if !f.Dirty() {
		t.Error("not dirty after typing")
	}
	phone.SetText("")
	gender.SetSelected("女")
	if !f.Dirty() {
		t.Error("not dirty after choosing")
	}
	f.Mark()
	if f.Dirty() {
		t.Error("dirty after marking again")
	}
}

// ShowForm asks before Escape throws changes away, and closes at once
// when there are none.
func TestShowFormAsksBeforeDiscarding(t *testing.T) {
	test.NewTempApp(t)
	w := test.NewWindow(widget.NewLabel("window"))
	w.Resize(fyne.NewSize(800, 600))
	f := NewForm()
	e := NewEntry()
	saved := 0
	d := ShowForm(w, "Edit", f.Grid(f.Row("name", "Name", e)), fyne.Size{}, f, func() bool { saved++; return true })
	_ = d
	f.Mark()
	escape := &fyne.KeyEvent{Name: fyne.KeyEscape}
	w.Canvas().OnTypedKey()(escape)
	if w.Canvas().Overlays().Top() != nil {
		t.Fatal("Escape did not close an unchanged form")
	}
	f = NewForm()
	e = NewEntry()
	ShowForm(w, "Edit", f.Grid(f.Row("name", "Name", e)), fyne.Size{}, f, func() bool { saved++; return true })
	f.Mark()
	test.Type(e, "李四")
	e.TypedKey(escape)
	if w.Canvas().Overlays().Top() == nil || len(w.Canvas().Overlays().List()) != 2 {
		t.Fatal("Escape on a changed form did not ask")
	}
	w.Canvas().OnTypedKey()(escape) // no: back to the form
	if len(w.Canvas().Overlays().List()) != 1 {
		t.Fatal("Escape on the question did not go back to the form")
	}
	e.TypedKey(&fyne.KeyEvent{Name: fyne.KeyReturn})
	if saved != 1 || w.Canvas().Overlays().Top() != nil {
		t.Errorf("Enter saved %d times, dialog open %v", saved, w.Canvas().Overlays().Top() != nil)
	}
}

func TestLatest(t *testing.T) {
	var l Latest
	a := l.Next()
	b := l.Next()
	if a.Current() || !b.Current() {
		t.Error("only the latest ticket is current")
	}
	l.Drop()
	if b.Current() {
		t.Error("a dropped load is current")
	}
	if (Ticket{}).Current() {
		t.Error("the zero ticket is current")
	}
}

// A table clips what its cells show to their width, and keeps the whole
// text.
func TestTable(t *testing.T) {
	test.NewTempApp(t)
	rows := []string{"短", strings.Repeat("很长的培训班名称", 10)}
	tb := NewTable([]Column[string]{
		{Title: "Name", Width: 120, Text: func(s string) string { return s }},
		{Title: "Length", Width: 60, Flex: true, Text: func(s string) string { return fmt.Sprint(len([]rune(s))) },
			Importance: func(string) widget.Importance { return widget.DangerImportance }},
	}, func() int { return len(rows) + 1 }, func(i int) (string, bool) {
		if i >= len(rows) {
			return "", false
		}
		return rows[i], true
	})
	w := test.NewWindow(tb.Object())
	w.Resize(fyne.NewSize(400, 300))
	if got := tb.CellText(0, 0); got != "短" {
		t.Errorf("cell %q", got)
	}
	if got := tb.CellText(1, 0); !strings.HasSuffix(got, "…") || len([]rune(got)) > 10 {
		t.Errorf("long cell %q", got)
	}
	if tb.Text(1, 0) != rows[1] {
		t.Error("Text clipped the whole text")
	}
	if got := tb.CellText(2, 0); got != "…" {
		t.Errorf("a row still loading shows %q", got)
	}
}

func TestClipText(t *testing.T) {
	for _, c := range []struct {
		in   string
		room float32
		want string
	}{
		{"1983-10-21", 6, "1983-10-21"},
		{"德阳市中江县", 6, "德阳市中江县"},
		{"阿坝藏族羌族自治州九寨沟县", 8, "阿坝藏族羌族自…"},
		{"Female", 3.5, "Female"},
		{"Female", 2.5, "Fe…"},
		{"", 3, ""},
	} {
		if got := Clip(c.in, c.room); got != c.want {
			t.Errorf("Clip(%q, %v) = %q, want %q", c.in, c.room, got, c.want)
		}
	}
}

// The file dialogs list a folder's subfolders (and the files asked for),
// go into a folder when it is chosen, and hand back the folder or file.
func TestChoosers(t *testing.T) {
	test.NewTempApp(t)
	w := test.NewWindow(widget.NewLabel("window"))
	w.Resize(fyne.NewSize(1000, 700))
	dir := t.TempDir()
	for _, d := range []string{"名单", ".hidden"} {
		if err := os.Mkdir(filepath.Join(dir, d), 0o700); err != nil {
			t.Fatal(err)
		}
	}
	for _, f := range []string{"名单/学员.xlsx", "名单/说明.txt", "a.csv"} {
		if err := os.WriteFile(filepath.Join(dir, f), nil, 0o600); err != nil {
			t.Fatal(err)
		}
	}
	var folder string
	ChooseFolder(w, "Folder", dir, func(d string) { folder = d })
	c := w.Canvas().Overlays().Top()
	list := findList(t, c)
	if list.Length() != 1 {
		t.Fatalf("a folder dialog lists %d entries in %s", list.Length(), dir)
	}
	list.Select(0)
	findButtonIn(t, c, "files.choose_folder").OnTapped()
	if folder != filepath.Join(dir, "名单") {
		t.Errorf("chose %q", folder)
	}
	var file string
	ChooseFile(w, "File", dir, []string{".xlsx", ".csv"}, func(p string) { file = p })
	c = w.Canvas().Overlays().Top()
	list = findList(t, c)
	if list.Length() != 2 {
		t.Fatalf("the file dialog lists %d entries, want the folder and a.csv", list.Length())
	}
	list.Select(0) // into 名单: its spreadsheet, not the text file
	if list.Length() != 1 {
		t.Fatalf("%d entries in the subfolder", list.Length())
	}
	list.Select(0)
	findButtonIn(t, c, "files.open").OnTapped()
	if file != filepath.Join(dir, "名单", "学员.xlsx") {
		t.Errorf("chose %q", file)
	}
}

func findList(t *testing.T, o fyne.CanvasObject) *List {
	t.Helper()
	for _, obj := range test.LaidOutObjects(o) {
		if l, ok := obj.(*List); ok {
			return l
		}
	}
	t.Fatal("no list")
	return nil
}

func findButtonIn(t *testing.T, o fyne.CanvasObject, text string) *widget.Button {
	t.Helper()
	for _, obj := range test.LaidOutObjects(o) {
		if b, ok := obj.(*widget.Button); ok && b.Text == text {
			return b
		}
	}
	t.Fatalf("no button %q", text)
	return nil
}

// A button inserted into a dialog (Print beside Save) takes its place in
// the row and does its own action; the last button stays the main one,
// which Submit (Enter) runs.
func TestDialogInsert(t *testing.T) {
	test.NewTempApp(t)
	w := test.NewWindow(widget.NewLabel("window"))
	w.Resize(fyne.NewSize(800, 600))
	var did []string
	d := Show(w, "Save", widget.NewLabel("file"), fyne.Size{}, Cancel(),
		Action{Label: "Save", Do: func() bool { did = append(did, "save"); return true }})
	d.Insert(1, Action{Label: "Print", Then: func() { did = append(did, "print") }})
	if d.Button(0).Text != Translate("button.cancel") || d.Button(1).Text != "Print" || d.Button(2).Text != "Save" {
		t.Fatalf("buttons %q %q %q", d.Button(0).Text, d.Button(1).Text, d.Button(2).Text)
	}
	d.Submit()
	if strings.Join(did, ",") != "save" || w.Canvas().Overlays().Top() != nil {
		t.Fatalf("Submit did %v", did)
	}
	d = Show(w, "Save", widget.NewLabel("file"), fyne.Size{}, Cancel(),
		Action{Label: "Save", Do: func() bool { did = append(did, "save"); return true }})
	d.Insert(1, Action{Label: "Print", Then: func() { did = append(did, "print") }})
	test.Tap(d.Button(1))
	if strings.Join(did, ",") != "save,print" || w.Canvas().Overlays().Top() != nil {
		t.Errorf("Print did %v and left the dialog open: %v", did, w.Canvas().Overlays().Top() != nil)
	}
}
