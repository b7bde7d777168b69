package app

import (
	"context"
	"fmt"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/widget"

	"peiyang/app/kit"
	"peiyang/models"
	"peiyang/training"
)

// mentorSuggestions is the most suggestions listed.
const mentorSuggestions = 8

// mentorAssign is the dialog that assigns a mentor to a trainee: find the
// trainee, see the mentors ranked for them with the score and its reasons,
// take one (or choose any mentor), and save through the rules, which
// refuse a mentor at the maximum.
type mentorAssign struct {
	*dialogForm
	s        *mentorsScreen
	picker   *traineePicker
	about    *widget.Label // the trainee's course themes and mentors today
	choiceOf *training.MentorChoice
	saved    *models.Mentorship // the mentorship being saved
	sugg     *kit.List
	mentors  []training.MentorLoad // the mentor select's options
	mentor   *kit.Select
	start    *kit.Entry
	end      *kit.Entry
	goals    *kit.Entry
}

// openAssign opens the assign dialog.
func (s *mentorsScreen) openAssign() {
	f := &mentorAssign{dialogForm: newDialogForm(s.u), s: s}
	s.assign = f
	f.picker = newTraineePicker(s.u, f.picked)
	f.about = widget.NewLabel(T("mentors.pick_first"))
	f.about.Wrapping = fyne.TextWrapWord
	f.sugg = kit.NewList(func() int { return f.suggCount() }, kit.TwoLineItem, f.updateSuggestion)
	f.sugg.OnSelected = func(id widget.ListItemID) {
		if f.choiceOf != nil && id < len(f.choiceOf.Suggestions) {
			f.setMentor(f.choiceOf.Suggestions[id].Mentor.ID)
		}
	}
	f.mentors = append([]training.MentorLoad(nil), s.loads...)
	opts := make([]string, len(f.mentors))
	for i, l := range f.mentors {
		opts[i] = mentorOption(l)
	}
	f.mentor = f.choice(opts, nil)
	f.start = f.entry(s.u.svc.Today().String(), "YYYY-MM-DD")
	f.end = f.entry("", T("mentors.end_placeholder"))
	f.goals = f.entry("", T("mentors.goals_placeholder"))

	f.row("trainee_id", T("mentors.trainee"), f.picker)
	f.row("suggestions", T("mentors.suggestions"), container.NewBorder(f.about, nil, nil, nil, kit.AtLeast(0, 196, f.sugg)))
	f.row("mentor_id", T("mentors.mentor"), f.mentor)
	f.row("start_date", T("mentors.start_date"), f.start)
	f.row("end_date", T("mentors.end_date"), f.end)
	f.row("goals", T("mentors.goals"), f.goals)
	f.open(T("mentors.assign_title"), container.NewVScroll(f.body()), fyne.NewSize(900, 700), f.read, func() { s.assigned(f) })
	s.u.win.Canvas().Focus(f.picker.search)
}

// mentorOption is a mentor in the select: name and load.
func mentorOption(l training.MentorLoad) string {
	o := fmt.Sprintf("%s (%d/%d)", l.Mentor.Name, l.Active, l.Mentor.MaxMentees)
	if l.Full() {
		o += T("list.separator") + T("mentors.full")
	}
	return o
}

// picked reads the suggestions for the trainee chosen.
func (f *mentorAssign) picked(t *models.Trainee) {
	f.choiceOf = nil
	f.sugg.UnselectAll()
	f.sugg.Refresh()
	f.about.SetText(T("dashboard.loading"))
	id := t.ID
	goLoad(f.u, func(ctx context.Context) (*training.MentorChoice, error) {
		return f.u.svc.FollowUp.MentorChoiceFor(ctx, id, mentorSuggestions)
	}, func(c *training.MentorChoice) {
		if f.picker.traineeID() != id {
			return
		}
		f.choiceOf = c
		f.about.SetText(mentorChoiceAbout(c))
		f.sugg.UnselectAll()
		f.sugg.Refresh()
	})
}

// mentorChoiceAbout says what the suggestions were scored on: the
// themes of the trainee's courses, and the trainee's mentors today.
func mentorChoiceAbout(c *training.MentorChoice) string {
	themes := make([]string, len(c.Themes))
	for i, t := range c.Themes {
		themes[i] = themeLabel(t)
	}
	var parts []string
	if len(themes) > 0 {
		parts = append(parts, T("mentors.course_themes", "Themes", strings.Join(themes, T("mentors.and"))))
	} else {
		parts = append(parts, T("mentors.no_course_themes"))
	}
	for _, p := range c.Current {
		parts = append(parts, T("mentors.mentored_by", "Mentor", p.Mentor.Name, "Date", p.Mentorship.StartDate.String()))
	}
	if len(c.Suggestions) == 0 {
		parts = append(parts, T("mentors.no_suggestions"))
	}
	return strings.Join(parts, T("list.separator"))
}

func (f *mentorAssign) suggCount() int {
	if f.choiceOf == nil {
		return 0
	}
	return len(f.choiceOf.Suggestions)
}

func (f *mentorAssign) updateSuggestion(id widget.ListItemID, o fyne.CanvasObject) {
	if f.choiceOf == nil || id >= len(f.choiceOf.Suggestions) {
		return
	}
	sg := f.choiceOf.Suggestions[id]
	title := T("mentors.suggestion", "Mentor", sg.Mentor.Name, "Score", fmt.Sprintf("%.0f", sg.Score))
	kit.SetTwoLines(o, title, strings.Join(mentorReasons(f.choiceOf, sg), T("list.separator")))
}

// mentorReasons are the reasons of a suggestion's score, in the
// window's language (training.RankMentors gives them in English).
func mentorReasons(c *training.MentorChoice, sg training.MentorSuggestion) []string {
	var out []string
	if len(c.Themes) > 0 {
		if len(sg.MatchedThemes) > 0 {
			names := make([]string, len(sg.MatchedThemes))
			for i, t := range sg.MatchedThemes {
				names[i] = themeLabel(t)
			}
			out = append(out, T("mentors.reason_themes", "Themes", strings.Join(names, T("mentors.and")),
				"N", len(sg.MatchedThemes), "Of", len(c.Themes)))
		} else {
			out = append(out, T("mentors.reason_no_themes"))
		}
	}
	switch {
	case sg.SameCounty:
		out = append(out, T("mentors.reason_county", "Region", c.Trainee.HomeRegion.Short()))
	case sg.SameCity:
		out = append(out, T("mentors.reason_city", "City", c.Trainee.HomeRegion.City))
	}
	return append(out, T("mentors.reason_load", "Load", sg.Load, "Max", sg.Mentor.MaxMentees))
}

// setMentor chooses the mentor in the select.
func (f *mentorAssign) setMentor(id int64) {
	for i, l := range f.mentors {
		if l.Mentor.ID == id {
			f.mentor.SetSelectedIndex(i)
			return
		}
	}
}

// read returns the work that assigns the mentor.
func (f *mentorAssign) read() (func(ctx context.Context) error, error) {
	var l models.ErrorList
	m := &models.Mentorship{TraineeID: f.picker.traineeID(), StartDate: parseDate(&l, "start_date", f.start.Text),
		EndDate: parseDate(&l, "end_date", f.end.Text), Goals: strings.TrimSpace(f.goals.Text)}
	if i := f.mentor.SelectedIndex(); i >= 0 && i < len(f.mentors) {
		m.MentorID = f.mentors[i].Mentor.ID
	}
	if err := withChecks(l, m.Validate); err != nil {
		return nil, err
	}
	f.saved = m
	return func(ctx context.Context) error { return f.u.svc.FollowUp.AssignMentor(ctx, m) }, nil
}

// assigned shows the new mentorship under its mentor.
func (s *mentorsScreen) assigned(f *mentorAssign) {
	if f.saved == nil {
		return
	}
	s.filter.SetText("")
	s.pairID = f.saved.ID
	if s.mentorID != f.saved.MentorID {
		s.mentorID = f.saved.MentorID
		s.pairs, s.contacts = nil, nil
	}
	s.changed()
}
