package app

import (
	"fmt"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"peiyang/app/kit"
	"peiyang/internal/pgtest"
	"peiyang/store"
	"peiyang/training"
)

// storeService opens a new database of the kind (a file in a temporary
// folder, or a database on the throwaway PostgreSQL server) with the
// tests' demo data.
func storeService(t *testing.T, kind string) *training.Service {
	t.Helper()
	target := filepath.Join(t.TempDir(), "peiyang.db")
	if kind == pgtest.Postgres {
		target = pgtest.NewDatabase(t, "")
	}
	db, err := store.Open(target)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	svc := training.New(db, training.WithClock(func() time.Time { return fixedNow }))
	if err := svc.LoadDataset(ctx, demoData(t)); err != nil {
		t.Fatal(err)
	}
	return svc
}

// routeView opens the window on the route over svc, waits for its data
// and returns what it shows: the screen's texts, the size of every table
// and list, and the texts of the dialogs over it (a route's form, or an
// error). The sidebar, with the database's name, is left out.
func routeView(t *testing.T, svc *training.Service, route string) (view []string, errShown string) {
	t.Helper()
	u, err := newUI(test.NewTempApp(t), svc, Options{Language: LangEnglish, Route: ParseRoute(route), DBPath: "db"})
	if err != nil {
		t.Fatal(err)
	}
	defer func() {
		u.cancel()
		u.waitIdle()
		u.win.Close()
	}()
	u.waitIdle()
	uiSerial.Lock()
	defer uiSerial.Unlock()
	// The accounts card is for a shared database only.
	var skip fyne.CanvasObject
	if st, ok := u.built["settings"].(*settingsScreen); ok {
		skip = st.accounts.card
	}
	view = append(view, visibleTexts(u.content, skip)...)
	view = append(view, tableSizes(u.content)...)
	for i, o := range u.win.Canvas().Overlays().List() {
		if shows(o, T("error.title")) {
			errShown = strings.Join(texts(o), " | ")
		}
		for _, s := range visibleTexts(o, nil) {
			view = append(view, fmt.Sprintf("dialog %d: %s", i, s))
		}
		view = append(view, tableSizes(o)...)
	}
	return view, errShown
}

// visibleTexts lists the texts shown in the tree, as texts does, but for
// those of hidden objects and of skip.
func visibleTexts(o, skip fyne.CanvasObject) []string {
	if o == nil || !o.Visible() || o == skip {
		return nil
	}
	var out []string
	switch v := o.(type) {
	case *widget.Label:
		out = append(out, v.Text)
	case *widget.Button:
		out = append(out, v.Text)
	case *canvas.Text:
		out = append(out, v.Text)
	case *widget.Select:
		out = append(out, v.Selected)
	case *widget.Entry:
		out = append(out, v.Text, v.PlaceHolder)
	case *kit.Entry:
		out = append(out, v.Text, v.PlaceHolder)
	}
	var children []fyne.CanvasObject
	switch v := o.(type) {
	case *fyne.Container:
		children = v.Objects
	case fyne.Widget:
		children = test.WidgetRenderer(v).Objects()
	}
	for _, c := range children {
		out = append(out, visibleTexts(c, skip)...)
	}
	return out
}

// tableSizes lists the rows (and columns) of every table and list in the
// tree.
func tableSizes(o fyne.CanvasObject) []string {
	var out []string
	for _, obj := range test.LaidOutObjects(o) {
		switch v := obj.(type) {
		case *widget.Table:
			if v.Length != nil {
				r, c := v.Length()
				out = append(out, fmt.Sprintf("table %d×%d", r, c))
			}
		case *widget.List:
			if v.Length != nil {
				out = append(out, fmt.Sprintf("list %d", v.Length()))
			}
		}
	}
	return out
}

// Every route of the window (everyRoute) shows the same on PostgreSQL as on SQLite over
// the same demo data: the same texts (figures, rows in the same order,
// dates and times), tables and lists of the same sizes, and no error.
func TestEveryRouteSameOnBothStores(t *testing.T) {
	defer SetLanguage(LangEnglish)
	views := map[string]map[string][]string{}
	for _, kind := range []string{pgtest.SQLite, pgtest.Postgres} {
		svc := storeService(t, kind)
		views[kind] = map[string][]string{}
		for _, route := range everyRoute {
			view, errShown := routeView(t, svc, route)
			if errShown != "" {
				t.Errorf("%s, %s: an error is shown: %s", kind, route, errShown)
			}
			if route == "audit" {
				view = auditTimes(t, kind, view)
			}
			views[kind][route] = view
		}
	}
	for _, route := range everyRoute {
		lite, pg := views[pgtest.SQLite][route], views[pgtest.Postgres][route]
		if dataScreens[route] && !hasTable(lite) {
			t.Errorf("%s: no table or list with rows on SQLite", route)
		}
		if d := firstDifference(lite, pg); d != "" {
			t.Errorf("%s differs on PostgreSQL: %s", route, d)
		}
	}
}

// stampRE is a time the audit trail shows.
var stampRE = regexp.MustCompile(`^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d$`)

// auditTimes checks that the audit trail's times, the moments the test
// wrote the entries, are shown as local times of today (a server's UTC
// shown as is would be hours off in China), and blanks them, for the two
// stores were filled at two moments.
func auditTimes(t *testing.T, kind string, view []string) []string {
	t.Helper()
	out := make([]string, len(view))
	for i, s := range view {
		out[i] = s
		if !stampRE.MatchString(s) {
			continue
		}
		at, err := time.ParseInLocation("2006-01-02 15:04:05", s, time.Local)
		if err != nil || time.Since(at).Abs() > 30*time.Minute {
			t.Errorf("%s: the audit trail shows %q, now is %s", kind, s, time.Now().Format(time.DateTime))
		}
		out[i] = "(time)"
	}
	return out
}

// dataScreens are the screens that list the demo data in a table or list.
var dataScreens = map[string]bool{"trainees": true, "courses": true, "courses/enrolment": true, "courses/attendance": true,
	"courses/sessions": true, "mentors": true, "placements": true, "returns": true, "certificates": true, "audit": true}

func hasTable(view []string) bool {
	for _, s := range view {
		if (strings.HasPrefix(s, "table ") || strings.HasPrefix(s, "list ")) && !strings.HasPrefix(s, "table 0×") && s != "list 0" {
			return true
		}
	}
	return false
}

// firstDifference describes where two views part, "" when they are the
// same.
func firstDifference(a, b []string) string {
	for i := 0; i < min(len(a), len(b)); i++ {
		if a[i] != b[i] {
			return fmt.Sprintf("item %d: SQLite %q, PostgreSQL %q", i, a[i], b[i])
		}
	}
	if len(a) != len(b) {
		return fmt.Sprintf("SQLite shows %d items, PostgreSQL %d", len(a), len(b))
	}
	return ""
}
