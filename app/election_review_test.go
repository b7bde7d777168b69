package app

import (
	"database/sql"
	"strings"
	"testing"

	"fyne.io/fyne/v2/test"

	"peiyang/models"
)

// badElections writes, past every rule, an appointment to a villagers'
// committee and a secretary of one, as an older version could, listed as
// an upgrade lists them; it returns their IDs.
func badElections(t *testing.T, e *testEnv) (appointed, secretary int64) {
	t.Helper()
	var ret *models.Return
	rs, err := e.db.FindReturns(ctx, models.ReturnFilter{})
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range rs {
		if v, err := e.db.FindOrganisationByID(ctx, r.VillageID); err == nil && v.Kind == models.OrgVillage {
			ret = r
			break
		}
	}
	if ret == nil {
		t.Fatal("the demo data has no return to a village")
	}
	raw, err := sql.Open("sqlite", e.db.Path())
	if err != nil {
		t.Fatal(err)
	}
	defer raw.Close()
	insert := func(post, result string) int64 {
		res, err := raw.Exec(`INSERT INTO elections (return_id, trainee_id, date, committee, post, result, term_years, created_at, updated_at)
			VALUES (?, ?, ?, 'villagers', ?, ?, 5, '2025-01-02T09:00:00.000000Z', '2025-01-02T09:00:00.000000Z')`,
			ret.ID, ret.TraineeID, ret.ReturnDate.String(), post, result)
		if err != nil {
			t.Fatal(err)
		}
		id, _ := res.LastInsertId()
		if _, err := raw.Exec(`INSERT INTO review_items (version, found_at, entity, entity_id, rule) VALUES (3, '2025-01-03T09:00:00.000000Z', 'elections', ?, 'x')`, id); err != nil {
			t.Fatal(err)
		}
		return id
	}
	return insert("chair", "appointed"), insert("secretary", "elected")
}

// The elections an upgrade left to review reach the window's user: a
// notice on the overview, a list saying what is wrong with each, the
// election form to correct one under the same rules, and deletion of one
// entered in error; the notice goes when none is left.
func TestElectionReviewNotice(t *testing.T) {
	e := newEnv(t, LangEnglish, "dashboard", false)
	d := e.u.dashboard
	if d.review.box.Visible() {
		t.Fatal("a notice without anything to review")
	}
	appointed, secretary := badElections(t, e)
	e.act(d.shown)
	n := d.review
	if !n.box.Visible() || !strings.Contains(n.text.Text, "found 2 election records") {
		t.Fatalf("notice %v %q", n.box.Visible(), n.text.Text)
	}
	e.act(func() { test.Tap(findButton(t, n.box, "Review…")) })
	top := e.u.win.Canvas().Overlays().Top()
	if top == nil || !shows(top, "nobody can be appointed to the Villagers' committee") ||
		!shows(top, "The Villagers' committee has no post of Secretary: choose one of Chair, Deputy chair, Member.") {
		t.Fatalf("the list shows %q", texts(top))
	}

	// Correct the appointment: the form offers the villagers' committee's
	// posts and no appointment; the result chosen now is the election.
	e.act(func() { test.Tap(findButton(t, top, "Correct…")) })
	f := n.form
	if f == nil || f.existing.ID != appointed || f.committee.Selected != "Villagers' committee" || f.post.Selected != "Chair" ||
		f.result.Selected != "" || strings.Join(f.result.Options, "|") != "Elected|Not elected" {
		t.Fatalf("the form: %+v", f)
	}
	e.act(func() {
		f.result.SetSelectedIndex(0)
		f.submit()
	})
	got, err := e.db.FindElectionByID(ctx, appointed)
	if err != nil || got.Result != models.Elected || got.Post != models.PostChair {
		t.Fatalf("corrected election %+v %v", got, err)
	}
	if !strings.Contains(n.text.Text, "found 1 election record that") {
		t.Errorf("after the correction the notice says %q", n.text.Text)
	}

	// Delete the other, entered in error.
	e.act(n.open)
	e.act(func() { test.Tap(findButton(t, e.u.win.Canvas().Overlays().Top(), "Delete")) })
	e.act(func() { test.Tap(findButton(t, e.u.win.Canvas().Overlays().Top(), "Delete")) })
	if _, err := e.db.FindElectionByID(ctx, secretary); !models.IsNotFound(err) {
		t.Errorf("the deleted election: %v", err)
	}
	if n.box.Visible() {
		t.Errorf("the notice stays with nothing to review: %q", n.text.Text)
	}
}
