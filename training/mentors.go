package training

import (
	"context"
	"sort"
	"strings"

	"peiyang/models"
)

// Mentors: suggestions ranked by expertise, home region and load, the
// mentor's maximum, and the contact log.

// FindMentorships lists the mentorships the filter selects, by ID.
func (s *FollowUpService) FindMentorships(ctx context.Context, f models.MentorshipFilter) ([]*models.Mentorship, error) {
	ms, err := s.store.FindMentorships(ctx, f)
	return ms, wrap("find mentorships", err)
}

// FindContacts lists the contact log entries the filter selects.
func (s *FollowUpService) FindContacts(ctx context.Context, f models.ContactFilter) ([]*models.Contact, error) {
	cs, err := s.store.FindContacts(ctx, f)
	return cs, wrap("find contacts", err)
}

// Weights of the mentor suggestion score, out of 100.
const (
	weightThemes = 50 // share of the trainee's course themes the mentor covers
	weightCounty = 30 // same home city and county
	weightCity   = 15 // same home city, another county
	weightLoad   = 20 // share of the mentor's places still free
)

// MentorSuggestion is a mentor proposed for a trainee, with the score and
// the reasons that make it up.
type MentorSuggestion struct {
	Mentor        *models.Instructor
	Score         float64 // 0 to 100
	Load          int     // active mentorships
	MatchedThemes []models.Theme
	SameCounty    bool
	SameCity      bool
	Reasons       []string
}

// RankMentors scores every mentor for a trainee whose courses have the
// given themes and returns the best n (all when n <= 0), best first. The
// score adds the share of the themes the mentor's expertise covers, the
// same home county (or, less, the same home city), and the share of the
// mentor's places still free; load holds each mentor's active mentorships.
// Instructors who are not mentors (MaxMentees 0) or are at their maximum
// are left out. Ties go to the lighter load, then the lower ID.
func RankMentors(trainee *models.Trainee, themes []models.Theme, mentors []*models.Instructor, load map[int64]int, n int) []MentorSuggestion {
	themes = uniqueThemes(themes)
	var out []MentorSuggestion
	for _, m := range mentors {
		l := load[m.ID]
		if m.MaxMentees <= 0 || l >= m.MaxMentees {
			continue
		}
		sg := MentorSuggestion{Mentor: m, Load: l}
		for _, t := range themes {
			if m.HasTheme(t) {
				sg.MatchedThemes = append(sg.MatchedThemes, t)
			}
		}
		if len(themes) > 0 {
			sg.Score += weightThemes * float64(len(sg.MatchedThemes)) / float64(len(themes))
			if len(sg.MatchedThemes) > 0 {
				sg.Reasons = append(sg.Reasons, models.Render("expertise covers {{.Themes}} ({{.N}} of the {{.Of}} themes of the trainee's courses)",
					map[string]any{"Themes": themeNames(sg.MatchedThemes), "N": len(sg.MatchedThemes), "Of": len(themes)}))
			} else {
				sg.Reasons = append(sg.Reasons, "expertise covers none of the themes of the trainee's courses")
			}
		}
		h, r := trainee.HomeRegion, m.HomeRegion
		switch {
		case h.City != "" && h.City == r.City && h.County != "" && h.County == r.County:
			sg.SameCounty, sg.SameCity = true, true
			sg.Score += weightCounty
			sg.Reasons = append(sg.Reasons, models.Render("same home county: {{.Region}}", map[string]any{"Region": h.Short()}))
		case h.City != "" && h.City == r.City:
			sg.SameCity = true
			sg.Score += weightCity
			sg.Reasons = append(sg.Reasons, models.Render("same home city: {{.City}}", map[string]any{"City": h.City}))
		}
		sg.Score += weightLoad * float64(m.MaxMentees-l) / float64(m.MaxMentees)
		sg.Reasons = append(sg.Reasons, models.Render("mentoring {{.Load}} of at most {{.Max}} trainees",
			map[string]any{"Load": l, "Max": m.MaxMentees}))
		out = append(out, sg)
	}
	sort.SliceStable(out, func(i, j int) bool {
		a, b := out[i], out[j]
		if a.Score != b.Score {
			return a.Score > b.Score
		}
		if a.Load != b.Load {
			return a.Load < b.Load
		}
		return a.Mentor.ID < b.Mentor.ID
	})
	if n > 0 && len(out) > n {
		out = out[:n]
	}
	return out
}

func uniqueThemes(ts []models.Theme) []models.Theme {
	seen := map[models.Theme]bool{}
	var out []models.Theme
	for _, t := range ts {
		if !seen[t] {
			seen[t] = true
			out = append(out, t)
		}
	}
	return out
}

func themeNames(ts []models.Theme) string {
	names := make([]string, len(ts))
	for i, t := range ts {
		names[i] = t.Chinese()
	}
	return strings.Join(names, "、")
}

// CheckAssign refuses a mentorship m when its mentor is no mentor, already
// mentors the same trainee over any part of m's dates, or would mentor more
// than MaxMentees trainees at once on some day of m's dates. existing are
// the mentor's mentorships. Open-ended mentorships run on indefinitely.
func CheckAssign(m *models.Mentorship, mentor *models.Instructor, trainee *models.Trainee, existing []*models.Mentorship) error {
	if mentor.MaxMentees <= 0 {
		return conflict("mentor_id", "{{.Mentor}} is not a mentor.", "Mentor", mentor.Name)
	}
	var ranges [][2]models.Date
	for _, o := range existing {
		if (m.ID != 0 && o.ID == m.ID) || o.MentorID != mentor.ID {
			continue
		}
		if !overlapDays(m.StartDate, m.EndDate, o.StartDate, o.EndDate) {
			continue
		}
		if o.TraineeID == m.TraineeID {
			return conflict("trainee_id", "{{.Mentor}} already mentors {{.Trainee}} (since {{.Since}}).", "Mentor", mentor.Name, "Trainee", trainee.Name, "Since", o.StartDate.String())
		}
		ranges = append(ranges, [2]models.Date{o.StartDate, o.EndDate})
	}
	if peak, day := peakOverlap(m.StartDate, m.EndDate, ranges); peak >= mentor.MaxMentees {
		return conflict("mentor_id", "{{.Mentor}} already mentors {{.Load}} trainees on {{.Date}}, the maximum of {{.Max}}.", "Mentor", mentor.Name, "Load", peak, "Date", day.String(), "Max", mentor.MaxMentees)
	}
	return nil
}

// peakOverlap returns the largest number of the ranges that run on one day
// of [start, end] (end zero: open-ended), and the first such day.
func peakOverlap(start, end models.Date, ranges [][2]models.Date) (int, models.Date) {
	days := []models.Date{start}
	for _, r := range ranges {
		if r[0].After(start) && (end.IsZero() || !r[0].After(end)) {
			days = append(days, r[0])
		}
	}
	sort.Slice(days, func(i, j int) bool { return days[i].Before(days[j]) })
	best, bestDay := 0, start
	for _, d := range days {
		n := 0
		for _, r := range ranges {
			if !d.Before(r[0]) && (r[1].IsZero() || !r[1].Before(d)) {
				n++
			}
		}
		if n > best {
			best, bestDay = n, d
		}
	}
	return best, bestDay
}

// SuggestMentors ranks the mentors for a trainee (see RankMentors), with
// today's active mentorships as the load, leaving out mentors who already
// mentor the trainee. The themes are those of the courses the trainee holds
// or waits for a place on.
func (s *FollowUpService) SuggestMentors(ctx context.Context, traineeID int64, n int) ([]MentorSuggestion, error) {
	return read(s.rules, ctx, "suggest mentors", func(ctx context.Context) ([]MentorSuggestion, error) { return s.suggestMentors(ctx, traineeID, n) })
}

func (s *rules) suggestMentors(ctx context.Context, traineeID int64, n int) ([]MentorSuggestion, error) {
	trainee, err := s.store.FindTraineeByID(ctx, traineeID)
	if err != nil {
		return nil, err
	}
	themes, err := s.traineeThemes(ctx, traineeID)
	if err != nil {
		return nil, err
	}
	mentors, err := s.store.FindInstructors(ctx, models.InstructorFilter{MentorOnly: true})
	if err != nil {
		return nil, err
	}
	active, err := s.store.FindMentorships(ctx, models.MentorshipFilter{ActiveOn: s.today()})
	if err != nil {
		return nil, err
	}
	load := map[int64]int{}
	mine := map[int64]bool{}
	for _, m := range active {
		load[m.MentorID]++
		if m.TraineeID == traineeID {
			mine[m.MentorID] = true
		}
	}
	var candidates []*models.Instructor
	for _, m := range mentors {
		if !mine[m.ID] {
			candidates = append(candidates, m)
		}
	}
	return RankMentors(trainee, themes, candidates, load, n), nil
}

// AssignMentor starts a mentorship under CheckAssign's rules.
func (s *FollowUpService) AssignMentor(ctx context.Context, m *models.Mentorship) error {
	return s.update(ctx, "assign mentor", func(ctx context.Context) error {
		if err := m.Validate(); err != nil {
			return err
		}
		mentor, err := s.store.FindInstructorByID(ctx, m.MentorID)
		if err != nil {
			return refNotFound(err, "mentor_id", "The mentor no. {{.ID}} does not exist.", "ID", m.MentorID)
		}
		trainee, err := s.store.FindTraineeByID(ctx, m.TraineeID)
		if err != nil {
			return refNotFound(err, "trainee_id", "The trainee no. {{.ID}} does not exist.", "ID", m.TraineeID)
		}
		existing, err := s.store.FindMentorships(ctx, models.MentorshipFilter{MentorID: m.MentorID})
		if err != nil {
			return err
		}
		if err := CheckAssign(m, mentor, trainee, existing); err != nil {
			return err
		}
		return s.store.CreateMentorship(ctx, m)
	})
}

// LogContact adds an entry to a mentorship's contact log. The contact's
// date lies within the mentorship's dates and not in the future.
func (s *FollowUpService) LogContact(ctx context.Context, c *models.Contact) error {
	return s.update(ctx, "log contact", func(ctx context.Context) error {
		if err := c.Validate(); err != nil {
			return err
		}
		m, err := s.store.FindMentorshipByID(ctx, c.MentorshipID)
		if err != nil {
			return refNotFound(err, "mentorship_id", "The mentorship no. {{.ID}} does not exist.", "ID", c.MentorshipID)
		}
		if c.Date.After(s.today()) {
			return invalid("date", "The contact's date is in the future.")
		}
		if c.Date.Before(m.StartDate) || (!m.EndDate.IsZero() && c.Date.After(m.EndDate)) {
			return invalid("date", "The contact's date {{.Date}} lies outside the mentorship's dates.", "Date", c.Date.String())
		}
		return s.store.CreateContact(ctx, c)
	})
}

// traineeThemes returns the themes of the courses the trainee enrolled on
// and did not withdraw from, one per course.
func (s *rules) traineeThemes(ctx context.Context, traineeID int64) ([]models.Theme, error) {
	es, err := s.store.FindEnrolments(ctx, models.EnrolmentFilter{TraineeID: traineeID})
	if err != nil {
		return nil, err
	}
	var themes []models.Theme
	for _, e := range es {
		if e.Status == models.Withdrawn {
			continue
		}
		c, err := s.store.FindCourseByID(ctx, e.CourseID)
		if err != nil {
			return nil, err
		}
		themes = append(themes, c.Theme)
	}
	return themes, nil
}
