package app

import (
	"strings"
	"testing"

	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"peiyang/app/kit"
	"peiyang/models"
	"peiyang/training"
)

// returnsEnv opens the returns screen.
func returnsEnv(t *testing.T, lang string) (*testEnv, *returnsScreen) {
	t.Helper()
	e := newEnv(t, lang, "returns", false)
	s, ok := e.u.built["returns"].(*returnsScreen)
	if !ok {
		t.Fatal("the returns screen is not built")
	}
	return e, s
}

// returnCell is what the table shows in a cell.
func returnCell(s *returnsScreen, row, col int) string {
	return s.table.CellText(row, col)
}

// wantTotals checks the screen's totals against the service's.
func wantTotals(t *testing.T, e *testEnv, s *returnsScreen, q training.ReturnsQuery) *training.ReturnsView {
	t.Helper()
	v, err := e.svc.FollowUp.Returns(ctx, q)
	if err != nil {
		t.Fatal(err)
	}
	if s.rowCount() != len(v.Rows) || s.returned.Text != formatInt(v.Totals.Returned) ||
		s.stood.Text != formatInt(v.Totals.Stood) || s.seated.Text != formatInt(v.Totals.Seated) ||
		s.seatedShare.Text != percent(v.Totals.Seated, v.Totals.Stood)+" of candidates" {
		t.Errorf("%+v: %d rows, totals %q %q %q; want %d rows, %+v", q, s.rowCount(), s.returned.Text, s.stood.Text, s.seated.Text,
			len(v.Rows), v.Totals)
	}
	if s.count.Text != formatInt(len(v.Rows))+" records" {
		t.Errorf("count %q", s.count.Text)
	}
	return v
}

func TestReturnsFiltersAndTotals(t *testing.T) {
	e, s := returnsEnv(t, LangEnglish)
	all := wantTotals(t, e, s, training.ReturnsQuery{})
	if all.Totals.Returned == 0 || all.Totals.Seated == 0 {
		t.Fatalf("the demo data has no returns: %+v", all.Totals)
	}
	r := all.Rows[0]
	if returnCell(s, 0, 0) != r.Trainee.Name || returnCell(s, 0, 3) != r.Return.ReturnDate.String() {
		t.Errorf("first row %q %q", returnCell(s, 0, 0), returnCell(s, 0, 3))
	}
	if len(s.posts.items) != len(models.Posts) || s.posts.items[0].Label != "Secretary" {
		t.Errorf("per post: %+v", s.posts.items)
	}

	// By committee: the totals change.
	e.act(func() { s.committee.SetSelectedIndex(2) }) // villagers' committee
	v := wantTotals(t, e, s, training.ReturnsQuery{Committee: models.CommitteeVillagers})
	if v.Totals.Stood >= all.Totals.Stood || v.Totals.Seated >= all.Totals.Seated || v.Totals.Returned != all.Totals.Returned {
		t.Errorf("villagers' committee %+v, all %+v", v.Totals, all.Totals)
	}
	for i := range v.Rows {
		if !strings.Contains(returnCell(s, i, 4), "Villagers' committee") {
			t.Fatalf("row %d shows %q", i, returnCell(s, i, 4))
		}
	}
	// And post, region and year.
	e.act(func() { s.post.SetSelectedIndex(5) }) // member
	wantTotals(t, e, s, training.ReturnsQuery{Committee: models.CommitteeVillagers, Post: models.PostMember})
	e.act(func() { s.region.SetText("德阳") })
	wantTotals(t, e, s, training.ReturnsQuery{Region: "德阳", Committee: models.CommitteeVillagers, Post: models.PostMember})
	e.act(func() {
		s.committee.SetSelectedIndex(0)
		s.post.SetSelectedIndex(0)
	})
	if len(s.year.Options) < 2 {
		t.Fatalf("year options %v", s.year.Options)
	}
	year := s.years[0]
	e.act(func() { s.year.SetSelectedIndex(1) })
	v = wantTotals(t, e, s, training.ReturnsQuery{Region: "德阳", Year: year})
	for _, r := range v.Rows {
		if r.Return.ReturnDate.Year() != year || !r.Trainee.HomeRegion.Contains("德阳") {
			t.Fatalf("row %+v", r.Return)
		}
	}
}

func TestRecordReturnAndElection(t *testing.T) {
	e, s := returnsEnv(t, LangEnglish)
	// A trainee with no return yet.
	var tr *models.Trainee
	for id := int64(1); id <= 400 && tr == nil; id++ {
		rs, err := e.db.FindReturns(ctx, models.ReturnFilter{TraineeID: id})
		if err != nil {
			t.Fatal(err)
		}
		if len(rs) == 0 {
			tr, _ = e.svc.Trainees.FindTraineeByID(ctx, id)
		}
	}
	before := s.returned.Text
	e.act(func() { s.region.SetText("no such region") })
	e.act(func() { test.Tap(findButton(t, s.box, "Record a return…")) })
	f := s.returnForm
	pickTrainee(t, e, f.picker, tr)
	if len(f.villages) == 0 || len(f.village.Options) != len(f.villages) {
		t.Fatalf("%d villages offered", len(f.villages))
	}
	if v := f.villages[0]; v.Region.County != tr.HomeRegion.County {
		t.Errorf("the first village offered, %s, is not in the home county %s", v.Name, tr.HomeRegion.County)
	}
	e.act(func() {
		f.village.SetSelectedIndex(0)
		f.notes.SetText("任村党支部副书记")
		enter(f.notes)
	})
	rs, _ := e.db.FindReturns(ctx, models.ReturnFilter{TraineeID: tr.ID})
	if len(rs) != 1 || rs[0].VillageID != f.villages[0].ID || !rs[0].ReturnDate.Equal(e.svc.Today()) {
		t.Fatalf("stored returns %+v", rs)
	}
	if s.region.Text != "" || s.returned.Text == before || returnCell(s, 0, 0) != tr.Name || returnCell(s, 0, 4) != "Not stood yet" {
		t.Errorf("after the return: region %q, returned %q (was %q), first row %q %q", s.region.Text, s.returned.Text, before,
			returnCell(s, 0, 0), returnCell(s, 0, 4))
	}

	// The election, from the new return.
	e.act(func() { s.table.Select(widget.TableCellID{Row: 0, Col: 0}) })
	if s.row() == nil || s.row().Return.ID != rs[0].ID || s.electionBtn.Disabled() {
		t.Fatal("the new return is not chosen")
	}
	e.act(func() { test.Tap(s.electionBtn) })
	g := s.electionForm
	want := training.CommitteesFor(f.villages[0].Kind)
	if len(g.committee.Options) != 2 || g.committee.Options[0] != committeeLabel(want[0]) || g.committee.Options[1] != committeeLabel(want[1]) {
		t.Fatalf("committee choices %v for a %s", g.committee.Options, f.villages[0].Kind)
	}
	e.act(func() {
		g.committee.SetSelectedIndex(0)
		g.post.SetSelectedIndex(1) // deputy secretary
		g.result.SetSelectedIndex(0)
		enter(g.term)
	})
	es, _ := e.db.FindElections(ctx, models.ElectionFilter{ReturnID: rs[0].ID})
	if len(es) != 1 || es[0].Committee != want[0] || es[0].Post != models.PostDeputySecretary || es[0].Result != models.Elected || es[0].TermYears != 5 {
		t.Fatalf("stored elections %+v (%q)", es, g.General().Text)
	}
	if s.row() == nil || s.row().Return.ID != rs[0].ID || !strings.Contains(returnCell(s, s.selected, 4), "Deputy secretary, Elected") {
		t.Errorf("the row shows %q", returnCell(s, max(s.selected, 0), 4))
	}
}

func TestElectionRefused(t *testing.T) {
	e, s := returnsEnv(t, LangEnglish)
	r := selectVillageReturn(e, s)
	n := len(r.Elections)
	e.act(func() { test.Tap(s.electionBtn) })
	f := s.electionForm
	checkElectionChoices(t, e, f)
	// The rules refuse what the form would not offer (村民委员会书记, an
	// appointed chair), with the rule's message beside the field.
	e.act(func() {
		f.committee.SetSelectedIndex(1)
		f.posts = []models.Post{models.PostSecretary}
		f.post.Options = []string{"Secretary"}
		f.post.SetSelectedIndex(0)
		f.result.SetSelectedIndex(0)
		f.submit()
	})
	if got := f.errorText("post"); got != "The Villagers' committee has no post of Secretary: choose one of Chair, Deputy chair, Member." {
		t.Errorf("error beside the post: %q", got)
	}
	e.act(func() {
		f.posts = []models.Post{models.PostChair}
		f.post.SetSelectedIndex(0)
		f.results = []models.ElectionResult{models.Appointed}
		f.result.Options = []string{"Appointed"}
		f.result.SetSelectedIndex(0)
		f.submit()
	})
	if got := f.errorText("result"); !strings.HasPrefix(got, "Members of a villagers' or residents' committee are elected") {
		t.Errorf("error beside the result: %q", got)
	}
	e.act(func() { f.committeeChanged() })
	// A committee the village does not have (offered by mistake): the
	// rules refuse it beside the committee.
	e.act(func() {
		f.committees = []models.Committee{models.CommitteeResidents}
		f.committee.Options = []string{committeeLabel(models.CommitteeResidents)}
		f.committee.SetSelectedIndex(0)
		f.posts = []models.Post{models.PostMember}
		f.post.SetSelectedIndex(0) // member
		f.result.SetSelectedIndex(0)
		f.submit()
	})
	if got := f.errorText("committee"); got != r.Village.Name+" has no Residents' committee." {
		t.Errorf("error beside the committee: %q", got)
	}
	if got := f.errorText("post"); got != "" {
		t.Errorf("the post still shows %q", got)
	}
	// A date before the return.
	e.act(func() {
		f.committees = training.CommitteesFor(r.Village.Kind)
		f.committee.Options = labels(f.committees, committeeLabel)
		f.committee.SetSelectedIndex(0)
		f.date.SetText(r.Return.ReturnDate.AddDays(-1).String())
		f.term.SetText("x")
		f.submit()
	})
	if f.errorText("term_years") == "" {
		t.Error("a term that is no number is accepted")
	}
	e.act(func() {
		f.term.SetText("5")
		f.submit()
	})
	if got := f.errorText("date"); !strings.HasPrefix(got, "The election on") {
		t.Errorf("error beside the date: %q", got)
	}
	es, _ := e.db.FindElections(ctx, models.ElectionFilter{ReturnID: r.Return.ID})
	if len(es) != n || e.u.win.Canvas().Overlays().Top() == nil {
		t.Errorf("a refused election was stored (%d, were %d) or the form closed", len(es), n)
	}
}

func TestReturnsPrint(t *testing.T) {
	e, s := returnsEnv(t, LangChinese)
	dir, opened := stubPrint(t)
	e.act(s.print)
	if top := e.u.win.Canvas().Overlays().Top(); top == nil || !shows(top, "请填写流出地") && !shows(top, "德阳市") {
		t.Errorf("printing without a region: no message")
	} else {
		e.act(top.Hide)
	}
	e.act(func() { s.region.SetText("德阳") })
	e.act(s.print)
	waitPDF(t, e, dir, opened, "德阳流出地培养成果报告-")
}

func TestReturnsInChinese(t *testing.T) {
	e, s := returnsEnv(t, LangChinese)
	for i := 0; i < min(s.rowCount(), 50); i++ {
		for c := range returnColumns() {
			if txt := returnCell(s, i, c); englishWord.MatchString(txt) {
				t.Fatalf("cell %d,%d in Chinese: %q", i, c, txt)
			}
		}
	}
	e.act(func() { s.table.Select(widget.TableCellID{Row: 0, Col: 0}) })
	e.act(func() { test.Tap(s.electionBtn) })
	for _, txt := range texts(e.u.win.Canvas().Overlays().Top()) {
		if englishWord.MatchString(allowedLatin.ReplaceAllString(txt, "")) {
			t.Errorf("the election form shows English in Chinese: %q", txt)
		}
	}
}

// The rules' messages name committees and posts in the window's language.
func TestElectionRefusedInChinese(t *testing.T) {
	e, s := returnsEnv(t, LangChinese)
	row := -1
	for i, r := range s.view.Rows {
		if r.Village.Kind == models.OrgVillage {
			row = i
			break
		}
	}
	e.act(func() { s.table.Select(widget.TableCellID{Row: row, Col: 0}) })
	e.act(func() { test.Tap(s.electionBtn) })
	f := s.electionForm
	e.act(func() {
		f.committee.SetSelectedIndex(1) // villagers' committee
		f.posts = []models.Post{models.PostSecretary}
		f.post.Options = []string{"书记"}
		f.post.SetSelectedIndex(0)
		f.result.SetSelectedIndex(0)
		f.submit()
	})
	if got := f.errorText("post"); got != "村民委员会没有书记这一职务，请从主任、副主任、委员中选择。" {
		t.Errorf("error beside the post: %q", got)
	}
}

// selectVillageReturn selects the first return to a village (not a
// community) and returns its row.
func selectVillageReturn(e *testEnv, s *returnsScreen) training.ReturnRow {
	row := -1
	for i, r := range s.view.Rows {
		if r.Village.Kind == models.OrgVillage {
			row = i
			break
		}
	}
	e.act(func() { s.table.Select(widget.TableCellID{Row: row, Col: 0}) })
	return *s.row()
}

// checkElectionChoices checks that the election form offers only the
// posts each committee has, and appointment only where the law allows it.
func checkElectionChoices(t *testing.T, e *testEnv, f *electionForm) {
	t.Helper()
	options := func(sel *kit.Select) string { return strings.Join(sel.Options, "|") }
	if options(f.post) != "" || f.post.PlaceHolder != "Choose the committee first" {
		t.Errorf("posts before a committee: %q (%q)", options(f.post), f.post.PlaceHolder)
	}
	e.act(func() { f.committee.SetSelectedIndex(1) }) // villagers' committee
	if got := options(f.post); got != "Chair|Deputy chair|Member" {
		t.Errorf("posts of the villagers' committee: %q", got)
	}
	e.act(func() { f.post.SetSelectedIndex(2) }) // member
	if got := options(f.result); got != "Elected|Not elected" || !f.resultNote.Visible() {
		t.Errorf("results on the villagers' committee: %q, note shown %v", got, f.resultNote.Visible())
	}
	e.act(func() { f.committee.SetSelectedIndex(0) }) // the party committee
	if got := options(f.post); got != "Secretary|Deputy secretary|Member|Secretary and chair" || f.post.Selected != "Member" {
		t.Errorf("posts of the party committee: %q, chosen %q", got, f.post.Selected)
	}
	if got := options(f.result); got != "Elected|Not elected|Appointed by the higher party organisation" || f.resultNote.Visible() {
		t.Errorf("results of a party committee member: %q", got)
	}
	e.act(func() { f.post.SetSelectedIndex(3) }) // secretary and chair
	if got := options(f.result); got != "Elected|Not elected" || !f.resultNote.Visible() {
		t.Errorf("results of secretary and chair: %q", got)
	}
}
