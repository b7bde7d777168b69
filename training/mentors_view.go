package training

import (
	"context"
	"sort"

	"peiyang/models"
)

// Mentors for the window and the documents: each mentor's load, a
// mentor's trainees and contacts, the choice for a trainee, the pairing list.

// MentorLoad is a mentor with the trainees mentored today.
type MentorLoad struct {
	Mentor *models.Instructor
	Active int // mentorships running today
	Total  int // mentorships ever, running or ended
}

// Full reports whether the mentor mentors the maximum today.
func (l MentorLoad) Full() bool { return l.Active >= l.Mentor.MaxMentees }

// MentorLoads lists every mentor (MaxMentees above 0) with today's load,
// by ID.
func (s *FollowUpService) MentorLoads(ctx context.Context) ([]MentorLoad, error) {
	return read(s.rules, ctx, "mentor loads", func(ctx context.Context) ([]MentorLoad, error) { return s.mentorLoads(ctx) })
}

func (s *rules) mentorLoads(ctx context.Context) ([]MentorLoad, error) {
	mentors, err := s.store.FindInstructors(ctx, models.InstructorFilter{MentorOnly: true})
	if err != nil {
		return nil, err
	}
	ms, err := s.store.FindMentorships(ctx, models.MentorshipFilter{})
	if err != nil {
		return nil, err
	}
	today := s.today()
	active, total := map[int64]int{}, map[int64]int{}
	for _, m := range ms {
		total[m.MentorID]++
		if m.ActiveOn(today) {
			active[m.MentorID]++
		}
	}
	out := make([]MentorLoad, 0, len(mentors))
	for _, m := range mentors {
		out = append(out, MentorLoad{Mentor: m, Active: active[m.ID], Total: total[m.ID]})
	}
	return out, nil
}

// MentorshipsOf lists a mentor's mentorships with their trainees and
// contact counts: those running today first, then by start date, the
// latest first.
func (s *FollowUpService) MentorshipsOf(ctx context.Context, mentorID int64) ([]MentorPair, error) {
	return read(s.rules, ctx, "mentorships of", func(ctx context.Context) ([]MentorPair, error) { return s.mentorshipsOf(ctx, mentorID) })
}

func (s *rules) mentorshipsOf(ctx context.Context, mentorID int64) ([]MentorPair, error) {
	mentor, err := s.store.FindInstructorByID(ctx, mentorID)
	if err != nil {
		return nil, err
	}
	ms, err := s.store.FindMentorships(ctx, models.MentorshipFilter{MentorID: mentorID})
	if err != nil {
		return nil, err
	}
	trainees, err := s.menteesOf(ctx, ms)
	if err != nil {
		return nil, err
	}
	out := make([]MentorPair, 0, len(ms))
	for _, m := range ms {
		t := trainees[m.TraineeID]
		if t == nil {
			return nil, notFound("Trainee {{.ID}} not found.", "ID", m.TraineeID)
		}
		cs, err := s.store.FindContacts(ctx, models.ContactFilter{MentorshipID: m.ID})
		if err != nil {
			return nil, err
		}
		p := MentorPair{Mentorship: m, Mentor: mentor, Trainee: t, Contacts: len(cs)}
		for _, c := range cs {
			if c.Date.After(p.LastContact) {
				p.LastContact = c.Date
			}
		}
		out = append(out, p)
	}
	today := s.today()
	sort.SliceStable(out, func(i, j int) bool {
		a, b := out[i].Mentorship, out[j].Mentorship
		if x, y := a.ActiveOn(today), b.ActiveOn(today); x != y {
			return x
		}
		if !a.StartDate.Equal(b.StartDate) {
			return a.StartDate.After(b.StartDate)
		}
		return a.ID > b.ID
	})
	return out, nil
}

// MentorContacts returns a mentorship's contact log, the latest entry
// first. A mentorship that does not exist is an ENOTFOUND error.
func (s *FollowUpService) MentorContacts(ctx context.Context, mentorshipID int64) ([]*models.Contact, error) {
	return read(s.rules, ctx, "mentor contacts", func(ctx context.Context) ([]*models.Contact, error) { return s.mentorContacts(ctx, mentorshipID) })
}

func (s *rules) mentorContacts(ctx context.Context, mentorshipID int64) ([]*models.Contact, error) {
	if _, err := s.store.FindMentorshipByID(ctx, mentorshipID); err != nil {
		return nil, err
	}
	cs, err := s.store.FindContacts(ctx, models.ContactFilter{MentorshipID: mentorshipID})
	if err != nil {
		return nil, err
	}
	sort.SliceStable(cs, func(i, j int) bool {
		if !cs[i].Date.Equal(cs[j].Date) {
			return cs[i].Date.After(cs[j].Date)
		}
		return cs[i].ID > cs[j].ID
	})
	return cs, nil
}

// MentorChoice is what choosing a mentor for a trainee needs: the themes
// the suggestions were scored on, the trainee's mentors today and the
// ranked suggestions (see RankMentors).
type MentorChoice struct {
	Trainee     *models.Trainee
	Themes      []models.Theme // of the courses the trainee holds or waits for a place on
	Current     []MentorPair   // mentorships of the trainee running today
	Suggestions []MentorSuggestion
}

// MentorChoiceFor gathers the choice of a mentor for a trainee, with at
// most n suggestions (all when n <= 0).
func (s *FollowUpService) MentorChoiceFor(ctx context.Context, traineeID int64, n int) (*MentorChoice, error) {
	return read(s.rules, ctx, "mentor choice", func(ctx context.Context) (*MentorChoice, error) { return s.mentorChoiceFor(ctx, traineeID, n) })
}

func (s *rules) mentorChoiceFor(ctx context.Context, traineeID int64, n int) (*MentorChoice, error) {
	t, err := s.store.FindTraineeByID(ctx, traineeID)
	if err != nil {
		return nil, err
	}
	c := &MentorChoice{Trainee: t}
	themes, err := s.traineeThemes(ctx, traineeID)
	if err != nil {
		return nil, err
	}
	c.Themes = uniqueThemes(themes)
	ms, err := s.store.FindMentorships(ctx, models.MentorshipFilter{TraineeID: traineeID, ActiveOn: s.today()})
	if err != nil {
		return nil, err
	}
	for _, m := range ms {
		mentor, err := s.store.FindInstructorByID(ctx, m.MentorID)
		if err != nil {
			return nil, err
		}
		c.Current = append(c.Current, MentorPair{Mentorship: m, Mentor: mentor, Trainee: t})
	}
	if c.Suggestions, err = s.suggestMentors(ctx, traineeID, n); err != nil {
		return nil, err
	}
	return c, nil
}

// MentorPair is one mentorship with its mentor, trainee and how often
// they were in contact, for the pairing list (导师帮带结对名单).
type MentorPair struct {
	Mentorship  *models.Mentorship
	Mentor      *models.Instructor
	Trainee     *models.Trainee
	Contacts    int         // contacts logged
	LastContact models.Date // zero when none
}

// MentorPairs gathers every mentorship, running or ended, by ID.
func (s *FollowUpService) MentorPairs(ctx context.Context) ([]MentorPair, error) {
	return read(s.rules, ctx, "mentor pairs", func(ctx context.Context) ([]MentorPair, error) { return s.mentorPairs(ctx) })
}

func (s *rules) mentorPairs(ctx context.Context) ([]MentorPair, error) {
	ms, err := s.store.FindMentorships(ctx, models.MentorshipFilter{})
	if err != nil {
		return nil, err
	}
	mentors, err := s.store.FindInstructors(ctx, models.InstructorFilter{})
	if err != nil {
		return nil, err
	}
	byID := make(map[int64]*models.Instructor, len(mentors))
	for _, m := range mentors {
		byID[m.ID] = m
	}
	contacts, err := s.store.FindContacts(ctx, models.ContactFilter{})
	if err != nil {
		return nil, err
	}
	count := map[int64]int{}
	last := map[int64]models.Date{}
	for _, c := range contacts {
		count[c.MentorshipID]++
		if c.Date.After(last[c.MentorshipID]) {
			last[c.MentorshipID] = c.Date
		}
	}
	trainees, err := s.menteesOf(ctx, ms)
	if err != nil {
		return nil, err
	}
	out := make([]MentorPair, 0, len(ms))
	for _, m := range ms {
		mentor, trainee := byID[m.MentorID], trainees[m.TraineeID]
		if mentor == nil {
			return nil, notFound("Mentor {{.ID}} not found.", "ID", m.MentorID)
		}
		if trainee == nil {
			return nil, notFound("Trainee {{.ID}} not found.", "ID", m.TraineeID)
		}
		out = append(out, MentorPair{Mentorship: m, Mentor: mentor, Trainee: trainee, Contacts: count[m.ID], LastContact: last[m.ID]})
	}
	return out, nil
}

// menteesOf reads the trainees of the mentorships, by ID.
func (s *rules) menteesOf(ctx context.Context, ms []*models.Mentorship) (map[int64]*models.Trainee, error) {
	ids := make([]int64, len(ms))
	for i, m := range ms {
		ids[i] = m.TraineeID
	}
	return s.traineesByID(ctx, ids)
}
