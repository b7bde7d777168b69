package app

import (
	"context"
	"slices"
	"strconv"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/widget"

	"peiyang/app/kit"
	"peiyang/models"
	"peiyang/training"
)

// electionForm records an election of the chosen returnee: the date, the
// committee (those the village's kind has), the post (those the committee
// has), the result (appointment by the higher party organisation only
// where the law allows it, see models.ResultsFor) and the term.
type electionForm struct {
	*dialogForm
	rec        training.ReturnRow
	existing   *models.Election // the election corrected, nil when recording one
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
	id := r.Return.ID
	s.electionForm = openElectionForm(s.u, *r, nil, func() {
		s.keepReturn(id)
		s.changed()
	})
}

// openElectionForm opens the form that records an election of a
// returnee, or, given one on record, corrects it under the same rules;
// done runs once it is saved.
func openElectionForm(u *ui, r training.ReturnRow, existing *models.Election, done func()) *electionForm {
	f := &electionForm{dialogForm: newDialogForm(u), rec: r, existing: existing}
	f.date = f.entry(u.svc.Today().String(), "YYYY-MM-DD")
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
	title := T("returns.election_title")
	if existing != nil {
		title = T("returns.election_edit_title")
		f.fill(existing)
	}
	f.open(title, f.body(about), fyne.NewSize(620, 400), f.read, done)
	u.win.Canvas().Focus(f.date)
	return f
}

// fill shows an election on record in the form: the committee, post and
// result chosen when the form offers them (a record that breaks the rules
// leaves the offending choice open).
func (f *electionForm) fill(e *models.Election) {
	f.date.SetText(e.Date.String())
	f.term.SetText(strconv.Itoa(e.TermYears))
	if i := slices.Index(f.committees, e.Committee); i >= 0 {
		f.committee.SetSelectedIndex(i)
	}
	if i := slices.Index(f.posts, e.Post); i >= 0 {
		f.post.SetSelectedIndex(i)
	}
	if i := slices.Index(f.results, e.Result); i >= 0 {
		f.result.SetSelectedIndex(i)
	}
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
	if f.existing != nil {
		e.ID = f.existing.ID
		return func(ctx context.Context) error { return f.u.svc.FollowUp.UpdateElection(ctx, e) }, nil
	}
	return func(ctx context.Context) error { return f.u.svc.FollowUp.RecordElection(ctx, e) }, nil
}
