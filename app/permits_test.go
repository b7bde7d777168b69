package app

import (
	"context"
	"fmt"
	"net/url"
	"slices"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"
	"github.com/jackc/pgx/v5"

	"peiyang/app/kit"
	"peiyang/internal/pgtest"
	"peiyang/models"
	"peiyang/store"
	"peiyang/training"
)

// everyRoute is every route of the window (route.go): each screen, each
// tab and each form a route opens.
var everyRoute = []string{"dashboard", "firstrun", "trainees", "trainees/detail", "trainees/edit",
	"courses", "courses/overview", "courses/sessions", "courses/enrolment", "courses/attendance", "courses/completion",
	"courses/session", "courses/newsession", "courses/edit", "courses/new", "schedule",
	"mentors", "mentors/assign", "mentors/contact", "placements", "placements/place", "placements/evaluate",
	"returns", "returns/return", "returns/election", "returns/committee", "certificates", "import", "settings", "audit"}

// writeButtons are the buttons that change records (or print what
// writes, certificates), by their label's key, with the permission each
// needs.
var writeButtons = map[string]models.Permission{
	"button.edit": models.PermEdit, "trainee.reveal": models.PermReveal,
	"courses.new": models.PermEdit, "courses.add_session": models.PermEdit, "courses.enrol": models.PermEdit,
	"courses.withdraw": models.PermEdit, "courses.rest_present": models.PermEdit, "courses.decide": models.PermEdit,
	"courses.save_score": models.PermEdit, "courses.print_certificates": models.PermIssue,
	"certificates.issue": models.PermIssue, "certificates.print": models.PermIssue,
	"certificates.void": models.PermVoid, "certificates.reissue": models.PermVoid,
	"mentors.assign": models.PermEdit, "mentors.log_contact": models.PermEdit,
	"placements.place": models.PermEdit, "placements.evaluate": models.PermEdit,
	"returns.record_return": models.PermFollowUp, "returns.record_election": models.PermFollowUp,
	"review.edit": models.PermFollowUp, "review.delete": models.PermFollowUp,
	"import.choose_file": models.PermImportNominees, "import.import": models.PermImportNominees,
	"import.import_valid": models.PermImportNominees,
	"button.save":         models.PermSettings, "settings.choose_folder": models.PermSettings, "settings.choose_file": models.PermSettings,
	"accounts.add": models.PermAccounts,
}

// readingInputs are the inputs that change nothing stored, by their
// placeholder's or label's key: searches, filters and what to export.
var readingInputs = []string{"trainees.search_placeholder", "trainees.region_placeholder", "courses.search_placeholder",
	"mentors.filter_placeholder", "placements.filter_placeholder", "audit.since_placeholder", "import.key_targets_only"}

// accountDB makes a database on the throwaway server with the demo data
// and an account of the role (with its region; none, the owner, when role
// is ""), and returns the store and the service connected as that
// account, and the owner's connection string.
func accountDB(t *testing.T, role models.Role, region string) (*store.DB, *training.Service, string) {
	t.Helper()
	target := pgtest.NewDatabase(t, "")
	owner, err := store.Open(target)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { owner.Close() })
	if err := training.New(owner).LoadDataset(ctx, demoData(t)); err != nil {
		t.Fatal(err)
	}
	if role == "" {
		return owner, training.New(owner, training.WithClock(func() time.Time { return fixedNow })), target
	}
	u, _ := url.Parse(target)
	name := strings.TrimPrefix(u.Path, "/") + "." + string(role)
	if err := owner.CreateAccount(ctx, &models.Account{Name: name, Role: role, Region: region}, "a long password"); err != nil {
		t.Fatal(err)
	}
	u.User = url.User(name)
	db, err := store.Open(u.String())
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	return db, training.New(db, training.WithClock(func() time.Time { return fixedNow })), target
}

// openWindow opens a window over the service on the route, closed when
// close is called.
func openWindow(t *testing.T, db *store.DB, svc *training.Service, route string) (e *testEnv, close func()) {
	t.Helper()
	u, err := newUI(test.NewTempApp(t), svc, Options{Language: LangEnglish, Route: ParseRoute(route), DBPath: "server"})
	if err != nil {
		t.Fatal(err)
	}
	u.waitIdle()
	return &testEnv{t: t, db: db, svc: svc, u: u}, func() {
		u.cancel()
		u.waitIdle()
		u.win.Close()
	}
}

// walk calls fn on every object of the tree, with whether it is shown
// (it and every object it is in are visible).
func walk(o fyne.CanvasObject, shown bool, fn func(o fyne.CanvasObject, shown bool)) {
	if o == nil {
		return
	}
	shown = shown && o.Visible()
	fn(o, shown)
	switch c := o.(type) {
	case *fyne.Container:
		for _, ch := range c.Objects {
			walk(ch, shown, fn)
		}
	case fyne.Widget:
		for _, ch := range test.WidgetRenderer(c).Objects() {
			walk(ch, shown, fn)
		}
	}
}

// labelKeys maps the labels (in the window's language) of writeButtons
// back to their keys (two may read the same).
func labelKeys() map[string][]string {
	out := map[string][]string{}
	for k := range writeButtons {
		out[T(k)] = append(out[T(k)], k)
	}
	return out
}

// fingerprint reads every record the window could change, as the owner
// with plain SQL, as one text: equal texts, nothing changed.
func fingerprint(t *testing.T, target string) string {
	t.Helper()
	conn, err := pgx.Connect(ctx, target)
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close(ctx)
	var b strings.Builder
	for _, table := range []string{"trainees", "courses", "sessions", "enrolments", "attendance", "certificates",
		"mentorships", "contacts", "placements", "returns", "elections", "settings", "audit_log"} {
		var sum string
		q := fmt.Sprintf("SELECT count(*) || ':' || coalesce(md5(string_agg(x::text, '|' ORDER BY x::text)), '') FROM %s x", table)
		if err := conn.QueryRow(ctx, q).Scan(&sum); err != nil {
			t.Fatal(err)
		}
		fmt.Fprintf(&b, "%s=%s\n", table, sum)
	}
	return b.String()
}

// permitCheck is what one route's window showed the account: the write
// buttons shown (enabled or not) and hidden, and the editable inputs
// shown.
type permitCheck struct {
	shown, hidden map[string][]*widget.Button
	editable      []string
}

// checkWindow lists the write buttons and editable inputs of the
// window's screen (a dialog open is a form the account was let open).
func checkWindow(u *ui) permitCheck {
	keys := labelKeys()
	c := permitCheck{shown: map[string][]*widget.Button{}, hidden: map[string][]*widget.Button{}}
	reading := map[string]bool{}
	for _, k := range readingInputs {
		reading[T(k)] = true
	}
	walk(u.win.Canvas().Content(), true, func(o fyne.CanvasObject, shown bool) {
		switch v := o.(type) {
		case *widget.Button:
			for _, k := range keys[v.Text] {
				if shown {
					c.shown[k] = append(c.shown[k], v)
				} else {
					c.hidden[k] = append(c.hidden[k], v)
				}
			}
		case *kit.Entry:
			if shown && !v.Disabled() && !reading[v.PlaceHolder] {
				c.editable = append(c.editable, fmt.Sprintf("entry %q (%q)", v.PlaceHolder, v.Text))
			}
		case *widget.Entry:
			if shown && !v.Disabled() && !reading[v.PlaceHolder] {
				c.editable = append(c.editable, fmt.Sprintf("entry %q (%q)", v.PlaceHolder, v.Text))
			}
		case *widget.Check:
			if shown && !v.Disabled() && !reading[v.Text] {
				c.editable = append(c.editable, "check "+v.Text)
			}
		}
	})
	return c
}

// refused reports whether the window shows the refusal of an action the
// account may not take, and closes it.
func refused(e *testEnv) bool {
	d := e.u.refusal
	e.u.refusal = nil
	top := e.u.win.Canvas().Overlays().Top()
	if d == nil || top == nil || !shows(top, T("account.refused_title")) {
		return false
	}
	e.act(d.Hide)
	return true
}

// attemptHidden taps every hidden write button the account may not use,
// as if it had been reached anyway: each must say it refuses.
func attemptHidden(t *testing.T, e *testEnv, route string, c permitCheck) {
	t.Helper()
	for k, bs := range c.hidden {
		if e.u.may(writeButtons[k]) {
			continue
		}
		for _, b := range bs {
			e.act(b.OnTapped)
			if !refused(e) {
				t.Errorf("%s: %s tapped anyway: no refusal shown (%q)", route, k, texts(e.u.win.Canvas().Overlays().Top()))
			}
		}
	}
}

// attemptAttendance clicks a status of the attendance grid, as a user
// would to record it, on the first session held of a course with places
// taken.
func attemptAttendance(t *testing.T, e *testEnv) {
	t.Helper()
	s := e.u.built["courses"].(*coursesScreen)
	cs, err := e.svc.Courses.FindCourses(ctx, models.CourseFilter{})
	if err != nil {
		t.Fatal(err)
	}
	a := s.attendance
	for _, c := range cs {
		if rows, err := e.svc.Enrolment.CourseEnrolments(ctx, c.ID); err != nil || len(rows) == 0 {
			continue
		}
		e.act(func() { s.openCourse(c.ID, "attendance") })
		for i := range a.list {
			if a.sheet != nil && a.sheet.Held && len(a.sheet.Trainees) > 0 {
				break
			}
			e.act(func() { a.session.SetSelectedIndex(i) })
		}
		if a.sheet != nil && a.sheet.Held && len(a.sheet.Trainees) > 0 {
			break
		}
	}
	if a.sheet == nil || !a.sheet.Held || len(a.sheet.Trainees) == 0 {
		t.Fatal("courses/attendance: no session held with trainees to try the grid on")
	}
	before := a.sheet.Status[a.sheet.Trainees[0].ID]
	e.act(func() { a.grid.OnSelected(widget.TableCellID{Row: 0, Col: attendanceFirstStatus + 3}) })
	if !refused(e) {
		t.Error("courses/attendance: a status clicked in the grid: no refusal shown")
	}
	if got := a.sheet.Status[a.sheet.Trainees[0].ID]; got != before {
		t.Errorf("courses/attendance: the grid shows %q after the refusal, want %q", got, before)
	}
}

// A viewer's window, on every route: no write button shown, no editable
// input; every hidden write button and the attendance grid refuse with
// a translated message when reached anyway, and the database is as it
// was. The same routes as admin show every write button (so that the
// test finds them when they are there).
func TestViewerSeesNoEditButtons(t *testing.T) {
	for _, s := range screens {
		if !slices.ContainsFunc(everyRoute, func(r string) bool { return ParseRoute(r).Screen == s.id }) {
			t.Errorf("no route of everyRoute shows the screen %s", s.id)
		}
	}
	db, svc, target := accountDB(t, models.RoleViewer, "")
	before := fingerprint(t, target)
	for _, route := range everyRoute {
		e, close := openWindow(t, db, svc, route)
		c := checkRoute(t, e, route)
		for _, in := range c.editable {
			t.Errorf("%s: the viewer may type in %s", route, in)
		}
		if route == "courses/attendance" {
			attemptAttendance(t, e)
		}
		close()
	}
	if after := fingerprint(t, target); after != before {
		t.Errorf("the viewer's attempts changed the database:\nbefore %s\nafter  %s", before, after)
	}
	adminSeesAll(t, target)
}

// checkRoute checks the window just opened on the route as an account:
// a form of the route it may not use refused; no write button shown that
// it may not use; those hidden refuse when tapped anyway.
func checkRoute(t *testing.T, e *testEnv, route string) permitCheck {
	t.Helper()
	if need := showNeeds[ParseRoute(route).Show]; need != "" && !e.u.may(need) && !refused(e) {
		t.Errorf("%s: the route's form opened for a %s without a refusal", route, e.u.account.Role)
	}
	c := checkWindow(e.u)
	for k := range c.shown {
		if !e.u.may(writeButtons[k]) {
			t.Errorf("%s: the %s sees %s (%q)", route, e.u.account.Role, k, T(k))
		}
	}
	attemptHidden(t, e, route, c)
	return c
}

// adminSeesAll opens every route as the database's owner (an admin) and
// checks that the write buttons of writeButtons are all found there.
func adminSeesAll(t *testing.T, target string) {
	db, err := store.Open(target)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	svc := training.New(db, training.WithClock(func() time.Time { return fixedNow }))
	found := map[string]bool{}
	for _, route := range everyRoute {
		e, close := openWindow(t, db, svc, route)
		for k := range checkWindow(e.u).shown {
			found[k] = true
		}
		close()
	}
	for k := range writeButtons {
		if !found[k] && !notOnRoutes[k] {
			t.Errorf("the admin's window shows %s (%q) on no route: is writeButtons stale?", k, T(k))
		}
	}
}

// notOnRoutes are write buttons no route shows by itself: they appear
// after a search or in the list of elections to review.
var notOnRoutes = map[string]bool{"courses.enrol": true, "review.edit": true, "review.delete": true}

// The window's automatic backup on closing is made by the accounts that
// run the programme (staff, admin), never by a region account or a viewer,
// which read part of the database and cannot record the day's backup.
func TestAutoBackupOnlyByStaff(t *testing.T) {
	for _, c := range []struct {
		role   models.Role
		region string
		made   bool
	}{{models.RoleStaff, "", true}, {models.RoleRegion, "德阳市", false}, {models.RoleViewer, "", false}} {
		e, _ := serverEnv(t, "dashboard", c.role, c.region)
		made := false
		e.u.opts.AutoBackup = func(context.Context, time.Time) (string, error) {
			made = true
			return "", nil
		}
		e.act(func() { e.u.autoBackup(ctx, fixedNow) })
		if made != c.made {
			t.Errorf("a %s's window made the automatic backup: %v, want %v", c.role, made, c.made)
		}
	}
}

// Staff run the programme but not its settings, accounts or restore: the
// settings screen shows them no certificate or overlay card, no Save, no
// accounts; the File menu no restore; every other write button is there.
func TestStaffSeesNoAdminActions(t *testing.T) {
	db, svc, _ := accountDB(t, models.RoleStaff, "")
	for _, route := range []string{"settings", "certificates", "courses/enrolment"} {
		e, close := openWindow(t, db, svc, route)
		c := checkRoute(t, e, route)
		if route == "certificates" && len(c.shown["certificates.issue"]) == 0 {
			t.Error("certificates: staff do not see Issue certificates")
		}
		if route == "settings" && slices.Contains(visibleTexts(e.u.win.Canvas().Content(), nil), T("settings.certificate_title")) {
			t.Error("settings: staff see the certificate settings")
		}
		close()
	}
	opts := Options{Language: LangEnglish, DBPath: "server",
		Restore: func(context.Context, string) (Restored, error) { return Restored{}, nil }}
	u, err := newUI(test.NewTempApp(t), svc, opts)
	if err != nil {
		t.Fatal(err)
	}
	defer func() { u.cancel(); u.waitIdle(); u.win.Close() }()
	for _, m := range u.win.MainMenu().Items {
		for _, it := range m.Items {
			if it.Label == T("safety.menu_restore") {
				t.Error("the File menu offers staff to restore a backup")
			}
		}
	}
}
