package app

import (
	"net/url"
	"os"
	"strings"
	"testing"
	"time"

	"peiyang/internal/pgtest"
	"peiyang/models"
	"peiyang/store"
)

func TestMain(m *testing.M) { os.Exit(pgtest.Main(m)) }

// serverEnv opens a window on a new database on the throwaway PostgreSQL
// server, with the demo data, as the account (made with the role and
// region; the owner when role is ""), on the screen. It returns the env
// and the owner's connection string.
func serverEnv(t *testing.T, screen string, role models.Role, region string) (*testEnv, string) {
	t.Helper()
	db, svc, target := accountDB(t, role, region)
	e, close := openWindow(t, db, svc, screen)
	t.Cleanup(close)
	return e, target
}

// eventually waits until ok holds, checked on the UI thread after the
// window's loads; it fails after a minute (a bound, not a timing).
func (e *testEnv) eventually(what string, ok func() bool) {
	e.t.Helper()
	for deadline := time.Now().Add(time.Minute); ; {
		e.u.waitIdle()
		var done bool
		e.act(func() { done = ok() })
		if done {
			return
		}
		if time.Now().After(deadline) {
			e.t.Fatalf("%s: not within a minute", what)
		}
		time.Sleep(20 * time.Millisecond)
	}
}

// A change made through another connection reaches the open trainee
// table (LISTEN/NOTIFY), and the form open meanwhile keeps what was typed.
func TestLiveUpdateReachesTraineeTable(t *testing.T) {
	e, target := serverEnv(t, "trainees", "", "")
	s := e.u.trainees
	first := s.rows.at(0)
	d := openFirstRow(t, e, s)
	e.act(d.openEdit)
	e.act(func() { d.form.entries["employer"].SetText("正在输入") })
	other, err := store.Open(target)
	if err != nil {
		t.Fatal(err)
	}
	defer other.Close()
	// The window listens once its connection is made: change until seen.
	renamed := first.Name + "改"
	e.eventually("the renamed trainee in the table", func() bool {
		if s.rows.at(0) != nil && s.rows.at(0).Name == renamed {
			return true
		}
		tr, err := other.FindTraineeByID(ctx, first.ID)
		if err != nil {
			t.Fatal(err)
		}
		if tr.Name != renamed {
			tr.Name = renamed
			if err := other.UpdateTrainee(ctx, tr); err != nil {
				t.Fatal(err)
			}
		}
		return false
	})
	if got := d.form.entries["employer"].Text; got != "正在输入" {
		t.Errorf("the open form lost what was typed: %q", got)
	}
}

// A region account's window shows its own members alone: the dashboard
// counts them only, its regions chart holds its city alone, and the
// trainee table lists them only (row-level security in the database).
func TestRegionAccountWindow(t *testing.T) {
	counts := map[string]int{}
	for _, tr := range demoData(t).Trainees {
		counts[tr.HomeRegion.City]++
	}
	city, n := "", 0
	for c, k := range counts {
		if k > n && c != "" {
			city, n = c, k
		}
	}
	if n == len(demoData(t).Trainees) {
		t.Fatal("the demo data has one region only")
	}
	e, _ := serverEnv(t, "dashboard", models.RoleRegion, city)
	var total int
	var cities []string
	e.act(func() {
		p := e.u.dashboard.data.pipeline
		total = p.Overall.Total
		for _, g := range p.ByCity {
			cities = append(cities, g.Key)
		}
	})
	if total != n || len(cities) != 1 || cities[0] != city {
		t.Errorf("the region account's dashboard counts %d trainees in %v, want %d in %s", total, cities, n, city)
	}
	if !shows(e.u.dashboard.box, formatInt(n)) {
		t.Errorf("the dashboard does not show %d", n)
	}
	e.act(func() { e.u.showScreen("trainees") })
	s := e.u.trainees
	e.eventually("the trainee table", func() bool { return s.rows.count() == n })
	for i := range n {
		if tr := s.rows.at(i); tr != nil && tr.HomeRegion.City != city {
			t.Fatalf("the region account's table lists a trainee of %s", tr.HomeRegion.City)
		}
	}
}

// A viewer's window has no buttons that change records, and a form
// saved anyway is refused with a message that says why.
func TestViewerWindow(t *testing.T) {
	e, _ := serverEnv(t, "trainees", models.RoleViewer, "")
	s := e.u.trainees
	d := openFirstRow(t, e, s)
	if d.edit.Visible() || d.reveal.Visible() {
		t.Error("the viewer's trainee detail has Edit or Reveal")
	}
	if !strings.Contains(d.values["id_number"].Text, "*") {
		t.Errorf("the viewer reads the ID number %q", d.values["id_number"].Text)
	}
	e.act(func() { e.u.showScreen("certificates") })
	if c := e.u.built["certificates"].(*certificatesScreen); c.issueBtn.Visible() || c.voidBtn.Visible() || c.reissue.Visible() {
		t.Error("the viewer's certificates screen has Issue, Void or Reissue")
	}
	e.act(func() { e.u.showScreen("trainees") })
	e.act(d.openEdit)
	e.act(func() { d.form.entries["employer"].SetText("x") })
	e.act(d.form.submit)
	top := e.u.win.Canvas().Overlays().Top()
	if !shows(top, "changes nothing") {
		t.Errorf("the viewer's save shows %q", texts(top))
	}
}

// Settings → Accounts: an admin lists the accounts and adds one (the
// password typed twice); the card is not there for other accounts, nor
// on a database file.
func TestAccountsCard(t *testing.T) {
	e, target := serverEnv(t, "settings", models.RoleAdmin, "")
	c := e.u.built["settings"].(*settingsScreen).accounts
	e.eventually("the accounts listed", func() bool { return c.card.Visible() && len(c.shown) == 1 })
	u, _ := url.Parse(target)
	name := strings.TrimPrefix(u.Path, "/") + ".new"
	e.act(c.add.OnTapped)
	f := c.form
	e.act(func() {
		f.name.SetText(name)
		f.role.SetSelectedIndex(roleIndex(models.RoleRegion))
		f.pass1.SetText("a long password")
		f.pass2.SetText("another password")
		f.submit()
	})
	if f.Message("password2") == "" {
		t.Error("two different passwords were taken")
	}
	if f.Message("region") == "" {
		t.Error("a region account without its region was taken")
	}
	e.act(func() {
		f.region.SetText("德阳市")
		f.pass2.SetText("a long password")
		f.submit()
	})
	e.eventually("the new account listed", func() bool { return len(c.shown) == 2 })
	if !shows(c.card, name) || !shows(c.card, "Region (德阳市)") {
		t.Errorf("the card shows %q", texts(c.card))
	}
	as, err := e.svc.Accounts.FindAccounts(ctx)
	if err != nil || len(as) != 2 {
		t.Fatalf("accounts %v, %v", as, err)
	}
	staff, _ := serverEnv(t, "settings", models.RoleStaff, "")
	if staff.u.built["settings"].(*settingsScreen).accounts.card.Visible() {
		t.Error("the accounts card is there for staff")
	}
	file := newEnv(t, LangEnglish, "settings", true)
	if file.u.built["settings"].(*settingsScreen).accounts.card.Visible() {
		t.Error("the accounts card is there on a database file")
	}
}
