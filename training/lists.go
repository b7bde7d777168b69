package training

import (
	"context"

	"peiyang/models"
)

// Read-only gathering for the printed lists (package reports/lists): the
// records each document needs, fetched in a few queries. Nothing here
// changes data, and nothing is sorted for print: the documents order
// their rows themselves.

// CourseList is a course with the trainees holding a place on it, for the
// roster (花名册).
type CourseList struct {
	Course *models.Course
	Cohort *models.Cohort // nil when the course belongs to no cohort
	// Trainees hold a place: enrolled, completed or not completed.
	Trainees []*models.Trainee
}

// SessionList is one session with its course, instructor and the
// trainees expected, for the sign-in sheet (签到表).
type SessionList struct {
	Session    *models.Session
	Course     *models.Course
	Instructor *models.Instructor // nil when none is set
	Trainees   []*models.Trainee  // holding a place on the course
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

// VillagePlacements is a key village with the placements it hosts, for
// the placement list (跟班学习安排表).
type VillagePlacements struct {
	Village    *models.Organisation
	Placements []PlacedTrainee
}

// PlacedTrainee is one placement with its trainee.
type PlacedTrainee struct {
	Placement *models.Placement
	Trainee   *models.Trainee
}

// RegionOutcome is what an outflow region's report (流出地培养成果报告)
// shows: the pipeline of the trainees from the region and the members
// seated on a committee.
type RegionOutcome struct {
	Query  string // the region text asked for
	Region string // the most precise region all the trainees share, e.g. 四川省德阳市
	Counts *PipelineCounts
	Seated []SeatedMember
}

// SeatedMember is a returnee elected or appointed to a committee.
type SeatedMember struct {
	Trainee  *models.Trainee
	Village  *models.Organisation
	Return   *models.Return
	Election *models.Election
}

// CourseList gathers the course and the trainees holding a place on it.
func (s *Service) CourseList(ctx context.Context, courseID int64) (*CourseList, error) {
	return read(s, ctx, "course list", func(ctx context.Context) (*CourseList, error) { return s.courseList(ctx, courseID) })
}

func (s *Service) courseList(ctx context.Context, courseID int64) (*CourseList, error) {
	c, err := s.store.FindCourseByID(ctx, courseID)
	if err != nil {
		return nil, err
	}
	l := &CourseList{Course: c}
	if c.CohortID != 0 {
		if l.Cohort, err = s.store.FindCohortByID(ctx, c.CohortID); err != nil {
			return nil, err
		}
	}
	if l.Trainees, err = s.placeHolderTrainees(ctx, courseID); err != nil {
		return nil, err
	}
	return l, nil
}

// SessionList gathers one session's sign-in sheet.
func (s *Service) SessionList(ctx context.Context, sessionID int64) (*SessionList, error) {
	return read(s, ctx, "session list", func(ctx context.Context) (*SessionList, error) { return s.sessionList(ctx, sessionID) })
}

func (s *Service) sessionList(ctx context.Context, sessionID int64) (*SessionList, error) {
	ses, err := s.store.FindSessionByID(ctx, sessionID)
	if err != nil {
		return nil, err
	}
	c, err := s.store.FindCourseByID(ctx, ses.CourseID)
	if err != nil {
		return nil, err
	}
	ts, err := s.placeHolderTrainees(ctx, c.ID)
	if err != nil {
		return nil, err
	}
	l := &SessionList{Session: ses, Course: c, Trainees: ts}
	if l.Instructor, err = s.instructorOf(ctx, ses); err != nil {
		return nil, err
	}
	return l, nil
}

// CourseSessionLists gathers the sign-in sheets of all of a course's
// sessions, in order of date and time. A course without sessions is an
// EINVALID error.
func (s *Service) CourseSessionLists(ctx context.Context, courseID int64) ([]*SessionList, error) {
	return read(s, ctx, "session lists", func(ctx context.Context) ([]*SessionList, error) { return s.courseSessionLists(ctx, courseID) })
}

func (s *Service) courseSessionLists(ctx context.Context, courseID int64) ([]*SessionList, error) {
	c, err := s.store.FindCourseByID(ctx, courseID)
	if err != nil {
		return nil, err
	}
	sessions, err := s.store.FindSessions(ctx, models.SessionFilter{CourseID: courseID})
	if err != nil {
		return nil, err
	}
	if len(sessions) == 0 {
		return nil, invalid("course", "The course {{.Title}} has no sessions yet.", "Title", c.Title)
	}
	ts, err := s.placeHolderTrainees(ctx, courseID)
	if err != nil {
		return nil, err
	}
	out := make([]*SessionList, 0, len(sessions))
	for _, ses := range sessions {
		l := &SessionList{Session: ses, Course: c, Trainees: ts}
		if l.Instructor, err = s.instructorOf(ctx, ses); err != nil {
			return nil, err
		}
		out = append(out, l)
	}
	return out, nil
}

// MentorPairs gathers every mentorship, running or ended, by ID.
func (s *Service) MentorPairs(ctx context.Context) ([]MentorPair, error) {
	return read(s, ctx, "mentor pairs", func(ctx context.Context) ([]MentorPair, error) { return s.mentorPairs(ctx) })
}

func (s *Service) mentorPairs(ctx context.Context) ([]MentorPair, error) {
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
	ids := make([]int64, len(ms))
	for i, m := range ms {
		ids[i] = m.TraineeID
	}
	trainees, err := s.traineesByID(ctx, ids)
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

// VillagePlacements gathers the placements of each village that hosts
// any, or of the one village when villageID is not 0 (which must be a
// village or community; it may have no placements).
func (s *Service) VillagePlacements(ctx context.Context, villageID int64) ([]VillagePlacements, error) {
	return read(s, ctx, "village placements", func(ctx context.Context) ([]VillagePlacements, error) { return s.villagePlacements(ctx, villageID) })
}

func (s *Service) villagePlacements(ctx context.Context, villageID int64) ([]VillagePlacements, error) {
	var out []VillagePlacements
	index := map[int64]int{}
	if villageID != 0 {
		v, err := s.store.FindOrganisationByID(ctx, villageID)
		if err != nil {
			return nil, err
		}
		if !v.Kind.IsVillage() {
			return nil, invalid("village", "{{.Name}} is not a village or community.", "Name", v.Name)
		}
		out, index[villageID] = append(out, VillagePlacements{Village: v, Placements: []PlacedTrainee{}}), 0
	}
	ps, err := s.store.FindPlacements(ctx, models.PlacementFilter{VillageID: villageID})
	if err != nil {
		return nil, err
	}
	ids := make([]int64, len(ps))
	for i, p := range ps {
		ids[i] = p.TraineeID
	}
	trainees, err := s.traineesByID(ctx, ids)
	if err != nil {
		return nil, err
	}
	for _, p := range ps {
		i, ok := index[p.VillageID]
		if !ok {
			v, err := s.store.FindOrganisationByID(ctx, p.VillageID)
			if err != nil {
				return nil, err
			}
			i = len(out)
			index[p.VillageID] = i
			out = append(out, VillagePlacements{Village: v})
		}
		t := trainees[p.TraineeID]
		if t == nil {
			return nil, notFound("Trainee {{.ID}} not found.", "ID", p.TraineeID)
		}
		out[i].Placements = append(out[i].Placements, PlacedTrainee{Placement: p, Trainee: t})
	}
	return out, nil
}

// RegionOutcome gathers the outcome of the trainees whose home region
// contains the text (德阳, 中江县, or a county's code). No such trainee is
// an ENOTFOUND error.
func (s *Service) RegionOutcome(ctx context.Context, region string) (*RegionOutcome, error) {
	return read(s, ctx, "region outcome", func(ctx context.Context) (*RegionOutcome, error) {
		return s.regionOutcome(ctx, models.CleanText(region))
	})
}

func (s *Service) regionOutcome(ctx context.Context, region string) (*RegionOutcome, error) {
	if region == "" {
		return nil, invalid("region", "Give the outflow region, such as 德阳市 or 中江县.")
	}
	facts, err := s.store.FindStageFacts(ctx, models.TraineeFilter{Region: region})
	if err != nil {
		return nil, err
	}
	if len(facts) == 0 {
		return nil, notFound("No trainee comes from a region matching {{.Region}}.", "Region", region)
	}
	o := &RegionOutcome{Query: region, Region: commonRegion(facts), Counts: CountPipeline(facts), Seated: []SeatedMember{}}
	els, err := s.store.FindElections(ctx, models.ElectionFilter{Region: region})
	if err != nil {
		return nil, err
	}
	var ids []int64
	for _, e := range els {
		if e.Result.Seated() {
			ids = append(ids, e.TraineeID)
		}
	}
	trainees, err := s.traineesByID(ctx, ids)
	if err != nil {
		return nil, err
	}
	villages := map[int64]*models.Organisation{}
	for _, e := range els {
		if !e.Result.Seated() {
			continue
		}
		r, err := s.store.FindReturnByID(ctx, e.ReturnID)
		if err != nil {
			return nil, err
		}
		v := villages[r.VillageID]
		if v == nil {
			if v, err = s.store.FindOrganisationByID(ctx, r.VillageID); err != nil {
				return nil, err
			}
			villages[r.VillageID] = v
		}
		t := trainees[e.TraineeID]
		if t == nil {
			return nil, notFound("Trainee {{.ID}} not found.", "ID", e.TraineeID)
		}
		o.Seated = append(o.Seated, SeatedMember{Trainee: t, Village: v, Return: r, Election: e})
	}
	return o, nil
}

// commonRegion returns the most precise region, down to the county, that
// all the trainees share: 四川省德阳市, or 四川省德阳市中江县.
func commonRegion(facts []models.StageFacts) string {
	first := facts[0].HomeRegion
	r := models.Region{Province: first.Province, City: first.City, County: first.County}
	for _, f := range facts[1:] {
		h := f.HomeRegion
		if h.Province != r.Province {
			return ""
		}
		if h.City != r.City {
			r.City, r.County = "", ""
		}
		if h.County != r.County {
			r.County = ""
		}
	}
	if r.City == "" {
		r.County = ""
	}
	return r.String()
}

// placeHolderTrainees returns the trainees holding a place on the course,
// by ID.
func (s *Service) placeHolderTrainees(ctx context.Context, courseID int64) ([]*models.Trainee, error) {
	ids, err := s.placeHolders(ctx, courseID)
	if err != nil {
		return nil, err
	}
	if len(ids) == 0 {
		return []*models.Trainee{}, nil
	}
	return s.store.FindTrainees(ctx, models.TraineeFilter{IDs: ids})
}

// traineesByID fetches the trainees with the IDs (duplicates allowed).
func (s *Service) traineesByID(ctx context.Context, ids []int64) (map[int64]*models.Trainee, error) {
	out := map[int64]*models.Trainee{}
	if len(ids) == 0 {
		return out, nil
	}
	ts, err := s.store.FindTrainees(ctx, models.TraineeFilter{IDs: ids})
	if err != nil {
		return nil, err
	}
	for _, t := range ts {
		out[t.ID] = t
	}
	return out, nil
}

// instructorOf returns the session's instructor, nil when none is set.
func (s *Service) instructorOf(ctx context.Context, ses *models.Session) (*models.Instructor, error) {
	if ses.InstructorID == 0 {
		return nil, nil
	}
	return s.store.FindInstructorByID(ctx, ses.InstructorID)
}
