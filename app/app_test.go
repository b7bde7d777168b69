package app

import (
	"context"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"peiyang/app/kit"
	"peiyang/demo"
	"peiyang/models"
	"peiyang/store"
	"peiyang/training"
)

// The tests run the window on Fyne's test driver, under the window's own
// theme (so with the embedded font, whatever fonts the machine has), over
// a real store in a temporary folder filled with demo data.

// fixedNow is the tests' clock, the demo data's default day.
var fixedNow = demo.DefaultToday().Time().Add(10 * time.Hour)

var ctx = context.Background()

// testEnv is a window over a demo database.
type testEnv struct {
	t   *testing.T
	db  *store.DB
	svc *training.Service
	u   *ui
	// beforeSwap, when set, runs in withSafetyHooks' restore between the
	// checks and the swap.
	beforeSwap func(ctx context.Context)
}

var (
	demoOnce sync.Once
	demoSet  *models.Dataset
)

// demoData is a small demo dataset, generated once.
func demoData(t *testing.T) *models.Dataset {
	demoOnce.Do(func() {
		ds, err := demo.Generate(demo.Options{Trainees: 400})
		if err != nil {
			t.Fatal(err)
		}
		demoSet = ds
	})
	return demoSet
}

// newEnv opens a window in the language over a fresh database, with demo
// data unless empty, on the screen.
func newEnv(t *testing.T, lang, screen string, empty bool) *testEnv {
	t.Helper()
	a := test.NewTempApp(t)
	db, err := store.Open(filepath.Join(t.TempDir(), "peiyang.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	svc := training.New(db, training.WithClock(func() time.Time { return fixedNow }))
	if !empty {
		if err := svc.LoadDataset(ctx, demoData(t)); err != nil {
			t.Fatal(err)
		}
	}
	u, err := newUI(a, svc, Options{Language: lang, Route: ParseRoute(screen), DBPath: "/data/peiyang.db",
		MakeDemo: func(context.Context) (*models.Dataset, error) { return demoData(t), nil }})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		u.cancel()
		u.waitIdle()
		u.win.Close()
	})
	u.waitIdle()
	return &testEnv{t: t, db: db, svc: svc, u: u}
}

// act does what a user does, then waits for the reads it started. It
// holds the UI lock meanwhile, as Fyne's UI thread would, so that the
// reads' results wait for it.
func (e *testEnv) act(fn func()) {
	func() {
		uiSerial.Lock()
		defer uiSerial.Unlock() // a t.Fatal in fn must not hang the tests after it
		fn()
	}()
	e.u.waitIdle()
}

// texts lists the texts shown in the object tree.
func texts(o fyne.CanvasObject) []string {
	var out []string
	for _, obj := range test.LaidOutObjects(o) {
		if !obj.Visible() {
			continue
		}
		switch v := obj.(type) {
		case *widget.Label:
			out = append(out, v.Text)
		case *widget.Button:
			out = append(out, v.Text)
		case *canvas.Text:
			out = append(out, v.Text)
		case *widget.Select:
			out = append(out, v.Selected)
		case *widget.Entry:
			out = append(out, v.PlaceHolder)
		case *kit.Entry:
			out = append(out, v.PlaceHolder)
		}
	}
	return out
}

// shows reports whether a text in the tree contains s.
func shows(o fyne.CanvasObject, s string) bool {
	for _, t := range texts(o) {
		if strings.Contains(t, s) {
			return true
		}
	}
	return false
}

// englishWord matches a word of Latin letters, the sign of English left
// in the Chinese window.
var englishWord = regexp.MustCompile(`[A-Za-z]{3,}`)

// allowedLatin are Latin texts the Chinese window may show.
// The settings screen shows the serial format's and the wording's
// placeholders, file paths and how to start on another database.
var allowedLatin = regexp.MustCompile(`Ctrl\+F|peiyang\.db|YYYY-MM-DD|\{\{[^}]*\}\}|\{year\}|\{org\}|PNG|JPEG|\{seq(:[N\d])?\}|peiyang --db|PEIYANG_DB|(?:/[^/\s]+)+`)

func TestDashboard(t *testing.T) {
	e := newEnv(t, LangEnglish, "dashboard", false)
	d := e.u.dashboard
	if d == nil || d.data == nil {
		t.Fatal("the dashboard has no data")
	}
	want, err := e.svc.Trainees.Pipeline(ctx, models.TraineeFilter{})
	if err != nil {
		t.Fatal(err)
	}
	if got := d.summary.Text; got != "400 trainees in the programme" {
		t.Errorf("summary %q", got)
	}
	if len(d.funnel.items) != len(models.Stages) {
		t.Fatalf("funnel has %d bars", len(d.funnel.items))
	}
	for i, st := range models.Stages {
		if got := d.funnel.items[i].Value; int(got) != want.Overall.Reached[st] {
			t.Errorf("funnel %s = %v, want %d", st, got, want.Overall.Reached[st])
		}
	}
	if d.funnel.items[0].Label != "Nominated" || d.funnel.items[5].Label != "Elected" {
		t.Errorf("funnel labels %q … %q", d.funnel.items[0].Label, d.funnel.items[5].Label)
	}
	if len(d.regions.items) != len(want.ByCity) || len(d.themes.items) != len(want.ByTheme) {
		t.Errorf("%d region bars for %d cities, %d theme bars for %d themes",
			len(d.regions.items), len(want.ByCity), len(d.themes.items), len(want.ByTheme))
	}
	for i := 1; i < len(d.regions.items); i++ {
		if d.regions.items[i].Value > d.regions.items[i-1].Value {
			t.Errorf("regions not sorted by size at %d", i)
		}
	}
	attn, err := e.svc.Courses.CoursesNeedingAttention(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if d.attention.Length() != len(attn) || !strings.HasSuffix(d.attnTitle.Text, ": "+formatInt(len(attn))) {
		t.Errorf("attention list %d rows, title %q; want %d", d.attention.Length(), d.attnTitle.Text, len(attn))
	}
	mon, sun := training.WeekOf(e.svc.Today())
	week, err := e.svc.Courses.SessionsBetween(ctx, mon, sun, 0)
	if err != nil {
		t.Fatal(err)
	}
	if len(week) > 0 && (d.sessions.Length() != len(week) || d.data.upcoming) {
		t.Errorf("%d sessions listed, %d this week", d.sessions.Length(), len(week))
	}
	if len(week) == 0 && !d.data.upcoming {
		t.Errorf("no sessions this week, yet no upcoming ones listed")
	}
	win := e.u.win.Canvas().Content()
	for _, s := range []string{"Pipeline", "By outflow region", "By theme", "Rural revitalisation"} {
		if !shows(win, s) {
			t.Errorf("the dashboard does not show %q", s)
		}
	}
}

func TestEveryScreenTranslated(t *testing.T) {
	e := newEnv(t, LangChinese, "dashboard", false)
	for _, s := range screens {
		e.act(func() { e.u.showScreen(s.id) })
		if e.u.current != s.id {
			t.Fatalf("showScreen(%s) shows %s", s.id, e.u.current)
		}
		for _, txt := range texts(e.u.win.Canvas().Content()) {
			if englishWord.MatchString(allowedLatin.ReplaceAllString(txt, "")) {
				t.Errorf("screen %s shows English in Chinese: %q", s.id, txt)
			}
		}
	}
	if got := e.u.win.Title(); !strings.Contains(got, "培养") {
		t.Errorf("title %q", got)
	}
}

func TestFirstRunOffersDemoData(t *testing.T) {
	e := newEnv(t, LangEnglish, "dashboard", true)
	top := e.u.win.Canvas().Overlays().Top()
	if top == nil || !shows(top, "The database is empty") {
		t.Fatal("no first-start offer on an empty database")
	}
	var demoBtn *widget.Button
	for _, o := range test.LaidOutObjects(top) {
		if b, ok := o.(*widget.Button); ok && b.Text == "Create demo data" {
			demoBtn = b
		}
	}
	if demoBtn == nil {
		t.Fatal("no demo data button")
	}
	// act waits for the demo task and for the reload its outcome starts.
	e.act(func() { test.Tap(demoBtn) })
	if n, _ := e.svc.Trainees.CountTrainees(ctx, models.TraineeFilter{}); n != 400 {
		t.Errorf("the demo data holds %d trainees", n)
	}
	if got := e.u.dashboard.summary.Text; got != "400 trainees in the programme" {
		t.Errorf("after the demo data the dashboard says %q", got)
	}
}

func TestFindShortcut(t *testing.T) {
	e := newEnv(t, LangEnglish, "dashboard", false)
	sc, ok := e.u.win.Canvas().(fyne.Shortcutable)
	if !ok {
		t.Skip("the test canvas takes no shortcuts")
	}
	e.act(func() { sc.TypedShortcut(findShortcut) })
	if e.u.current != "trainees" || e.u.win.Canvas().Focused() != e.u.trainees.search {
		t.Errorf("Ctrl+F: screen %s, focus %v", e.u.current, e.u.win.Canvas().Focused())
	}
}

func TestSwitchLanguage(t *testing.T) {
	e := newEnv(t, LangEnglish, "trainees", false)
	defer SetLanguage(LangEnglish)
	e.act(func() { e.u.switchLanguage(LangChinese) })
	if e.u.current != "trainees" || e.u.trainees == nil || e.u.trainees.count.Text != "共 400 人" {
		t.Fatalf("after switching: screen %s", e.u.current)
	}
	if got, _ := e.svc.Settings.Setting(ctx, SettingLanguage); got != LangChinese {
		t.Errorf("saved language %q", got)
	}
	if !shows(e.u.win.Canvas().Content(), "工作概览") || e.u.win.Title() != T("app.title") {
		t.Error("the sidebar is not in Chinese")
	}
}
