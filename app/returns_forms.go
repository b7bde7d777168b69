package app

import (
	"context"
	"strconv"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/widget"

	"peiyang/app/kit"
	"peiyang/models"
	"peiyang/training"
)

// returnForm records a trainee's return to the home village or community:
// the trainee, the village (those of the home county first), the date and
// notes.
type returnForm struct {
	*dialogForm
	picker   *traineePicker
	villages []*models.Organisation // the village select's options
	village  *kit.Select
	date     *kit.Entry
	notes    *kit.Entry
	saved    *models.Return
}

// openReturn opens the form that records a return.
func (s *returnsScreen) openReturn() {
	f := &returnForm{dialogForm: newDialogForm(s.u)}
	s.returnForm = f
	f.picker = newTraineePicker(s.u, f.picked)
	f.village = f.choice(nil, nil)
	f.village.PlaceHolder = T("returns.pick_trainee_first")
	f.date = f.entry(s.u.svc.Today().String(), "YYYY-MM-DD")
	f.notes = f.entry("", T("returns.notes_placeholder"))
	f.row("trainee_id", T("returns.trainee"), f.picker)
	f.row("village_id", T("returns.village"), f.village)
	f.row("return_date", T("returns.return_date"), f.date)
	f.row("notes", T("returns.notes"), f.notes)
	f.open(T("returns.return_title"), f.body(), fyne.NewSize(760, 470), f.read, func() {
		s.region.SetText("")
		s.changed()
	})
	s.u.win.Canvas().Focus(f.picker.search)
}

// picked offers the villages the trainee may return to.
func (f *returnForm) picked(t *models.Trainee) {
	id := t.ID
	goLoad(f.u, func(ctx context.Context) ([]*models.Organisation, error) {
		return f.u.svc.FollowUp.HomeVillages(ctx, id)
	}, func(vs []*models.Organisation) {
		if f.picker.traineeID() != id {
			return
		}
		f.villages = vs
		opts := make([]string, len(vs))
		for i, v := range vs {
			opts[i] = T("returns.village_option", "Name", v.Name, "Kind", villageKindLabel(v.Kind))
		}
		f.village.Options = opts
		f.village.PlaceHolder = T("mentors.choose")
		f.village.ClearSelected()
		// The trainee's own village, when it is on record, is the likely
		// one.
		h := t.HomeRegion
		for i, v := range vs {
			if h.Village != "" && v.Region.City == h.City && v.Region.County == h.County && v.Region.Village == h.Village {
				f.village.SetSelectedIndex(i)
				break
			}
		}
		f.village.Refresh()
	})
}

// read returns the work that records the return.
func (f *returnForm) read() (func(ctx context.Context) error, error) {
	var l models.ErrorList
	r := &models.Return{TraineeID: f.picker.traineeID(), ReturnDate: parseDate(&l, "return_date", f.date.Text),
		Notes: strings.TrimSpace(f.notes.Text)}
	if i := f.village.SelectedIndex(); i >= 0 && i < len(f.villages) {
		r.VillageID = f.villages[i].ID
	}
	if err := withChecks(l, func() error { return r.Validate(f.u.svc.Today()) }); err != nil {
		return nil, err
	}
	f.saved = r
	return func(ctx context.Context) error { return f.u.svc.FollowUp.RecordReturn(ctx, r) }, nil
}

// electionForm records an election of the chosen returnee: the date, the
// committee (those the village's kind has), the post (those the committee
// has), the result (appointment by the higher party organisation only
// where the law allows it, see models.ResultsFor) and the term.
type electionForm struct {
	*dialogForm
	rec        training.ReturnRow
	date       *kit.Entry
	committees []models.Committee // the committee select's options
	committee  *kit.Select
	posts      []models.Post // the post select's options
	post       *kit.Select
	results    []models.ElectionResult // the result select's options
	result     *kit.Select
	resultNote *widget.Label // why appointment is not offered
	term       *kit.Entry
}

// electionTerm is the usual term of the two committees, in years.
const electionTerm = 5

// openElection opens the form that records an election of the chosen
// returnee.
func (s *returnsScreen) openElection() {
	r := s.row()
	if r == nil {
		return
	}
	f := &electionForm{dialogForm: newDialogForm(s.u), rec: *r}
	s.electionForm = f
	f.date = f.entry(s.u.svc.Today().String(), "YYYY-MM-DD")
	f.committees = training.CommitteesFor(r.Village.Kind)
	f.committee = f.choice(labels(f.committees, committeeLabel), func(string) { f.committeeChanged() })
	f.post = f.choice(nil, func(string) { f.postChanged() })
	f.post.PlaceHolder = T("returns.committee_first")
	f.result = f.choice(nil, nil)
	f.resultNote = kit.Caption("")
	f.resultNote.Wrapping = fyne.TextWrapWord
	f.resultNote.Hide()
	f.postChanged()
	f.term = f.entry(strconv.Itoa(electionTerm), "")
	about := widget.NewLabel(T("returns.election_about", "Trainee", r.Trainee.Name, "Village", r.Village.Name,
		"Date", r.Return.ReturnDate.String()))
	about.Wrapping = fyne.TextWrapWord
	f.row("date", T("returns.election_date"), f.date)
	f.row("committee", T("returns.committee"), f.committee)
	f.row("post", T("returns.post"), f.post)
	f.row("result", T("returns.result"), container.NewVBox(f.result, f.resultNote), f.result)
	f.row("term_years", T("returns.term"), container.NewBorder(nil, nil, nil, widget.NewLabel(T("returns.years")), f.term), f.term)
	id := r.Return.ID
	f.open(T("returns.election_title"), f.body(about), fyne.NewSize(620, 400), f.read, func() {
		s.keepReturn(id)
		s.changed()
	})
	s.u.win.Canvas().Focus(f.date)
}

// chosenCommittee is the committee chosen, "" for none.
func (f *electionForm) chosenCommittee() models.Committee {
	if i := f.committee.SelectedIndex(); i >= 0 && i < len(f.committees) {
		return f.committees[i]
	}
	return ""
}

// committeeChanged offers the posts the chosen committee has, keeping the
// post chosen when the committee has it too (委员).
func (f *electionForm) committeeChanged() {
	var keep models.Post
	if i := f.post.SelectedIndex(); i >= 0 && i < len(f.posts) {
		keep = f.posts[i]
	}
	f.posts = models.PostsOf(f.chosenCommittee())
	f.post.Options = labels(f.posts, postLabel)
	f.post.PlaceHolder = T("mentors.choose")
	f.post.ClearSelected()
	for i, p := range f.posts {
		if p == keep {
			f.post.SetSelectedIndex(i)
		}
	}
	f.post.Refresh()
	f.postChanged()
}

// postChanged offers the results the law allows for the post on the
// committee, and says why appointment is missing when it is.
func (f *electionForm) postChanged() {
	c := f.chosenCommittee()
	var p models.Post
	if i := f.post.SelectedIndex(); i >= 0 && i < len(f.posts) {
		p = f.posts[i]
	}
	var keep models.ElectionResult
	if i := f.result.SelectedIndex(); i >= 0 && i < len(f.results) {
		keep = f.results[i]
	}
	f.results = models.ResultsFor(c, p)
	f.result.Options = labels(f.results, resultLabel)
	f.result.ClearSelected()
	for i, r := range f.results {
		if r == keep {
			f.result.SetSelectedIndex(i)
		}
	}
	f.result.Refresh()
	switch {
	case c != "" && !c.IsParty():
		f.resultNote.SetText(T("returns.elected_only"))
		f.resultNote.Show()
	case p == models.PostBoth:
		f.resultNote.SetText(T("returns.both_elected"))
		f.resultNote.Show()
	default:
		f.resultNote.Hide()
	}
}

// keepReturn makes the return the chosen row once the records are read
// again.
func (s *returnsScreen) keepReturn(id int64) {
	if s.view == nil {
		return
	}
	for i, r := range s.view.Rows {
		if r.Return.ID == id {
			s.selected = i
		}
	}
}

// read returns the work that records the election.
func (f *electionForm) read() (func(ctx context.Context) error, error) {
	var l models.ErrorList
	e := &models.Election{ReturnID: f.rec.Return.ID, Date: parseDate(&l, "date", f.date.Text)}
	if i := f.committee.SelectedIndex(); i >= 0 && i < len(f.committees) {
		e.Committee = f.committees[i]
	}
	if i := f.post.SelectedIndex(); i >= 0 && i < len(f.posts) {
		e.Post = f.posts[i]
	}
	if i := f.result.SelectedIndex(); i >= 0 && i < len(f.results) {
		e.Result = f.results[i]
	}
	if text := strings.TrimSpace(f.term.Text); text != "" {
		n, err := strconv.Atoi(text)
		if err != nil {
			l.Add("term_years", "The term must be between 0 and 10 years.")
		}
		e.TermYears = n
	}
	if err := withChecks(l, e.Validate); err != nil {
		return nil, err
	}
	return func(ctx context.Context) error { return f.u.svc.FollowUp.RecordElection(ctx, e) }, nil
}
