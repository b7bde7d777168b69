package training

import (
	"context"
	"sort"

	"peiyang/models"
)

// Read-only views for the window's follow-up screens (mentors, placements,
// returns and elections): each gathers what one screen shows in a few
// queries. Nothing here changes data; the changes go through the rules
// (AssignMentor, LogContact, PlaceTrainee, EvaluatePlacement,
// RecordReturn, RecordElection).

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
func (s *Service) MentorLoads(ctx context.Context) ([]MentorLoad, error) {
	return read(s, ctx, "mentor loads", func(ctx context.Context) ([]MentorLoad, error) { return s.mentorLoads(ctx) })
}

func (s *Service) mentorLoads(ctx context.Context) ([]MentorLoad, error) {
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
func (s *Service) MentorshipsOf(ctx context.Context, mentorID int64) ([]MentorPair, error) {
	return read(s, ctx, "mentorships of", func(ctx context.Context) ([]MentorPair, error) { return s.mentorshipsOf(ctx, mentorID) })
}

func (s *Service) mentorshipsOf(ctx context.Context, mentorID int64) ([]MentorPair, error) {
	mentor, err := s.store.FindInstructorByID(ctx, mentorID)
	if err != nil {
		return nil, err
	}
	ms, err := s.store.FindMentorships(ctx, models.MentorshipFilter{MentorID: mentorID})
	if err != nil {
		return nil, err
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
func (s *Service) MentorContacts(ctx context.Context, mentorshipID int64) ([]*models.Contact, error) {
	return read(s, ctx, "mentor contacts", func(ctx context.Context) ([]*models.Contact, error) { return s.mentorContacts(ctx, mentorshipID) })
}

func (s *Service) mentorContacts(ctx context.Context, mentorshipID int64) ([]*models.Contact, error) {
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
func (s *Service) MentorChoiceFor(ctx context.Context, traineeID int64, n int) (*MentorChoice, error) {
	return read(s, ctx, "mentor choice", func(ctx context.Context) (*MentorChoice, error) { return s.mentorChoiceFor(ctx, traineeID, n) })
}

func (s *Service) mentorChoiceFor(ctx context.Context, traineeID int64, n int) (*MentorChoice, error) {
	t, err := s.store.FindTraineeByID(ctx, traineeID)
	if err != nil {
		return nil, err
	}
	c := &MentorChoice{Trainee: t}
	es, err := s.store.FindEnrolments(ctx, models.EnrolmentFilter{TraineeID: traineeID})
	if err != nil {
		return nil, err
	}
	var themes []models.Theme
	for _, e := range es {
		if e.Status == models.Withdrawn {
			continue
		}
		course, err := s.store.FindCourseByID(ctx, e.CourseID)
		if err != nil {
			return nil, err
		}
		themes = append(themes, course.Theme)
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

// VillageLoad is a key village with its placements.
type VillageLoad struct {
	Village *models.Organisation
	Today   int // placements whose dates include today
	Active  int // placements not evaluated yet
	Total   int // placements ever
}

// Full reports whether the village hosts as many trainees today as its
// capacity.
func (l VillageLoad) Full() bool { return l.Today >= l.Village.PlacementCapacity }

// KeyVillageLoads lists the key villages (and communities) with today's
// occupancy, by ID.
func (s *Service) KeyVillageLoads(ctx context.Context) ([]VillageLoad, error) {
	return read(s, ctx, "key village loads", func(ctx context.Context) ([]VillageLoad, error) { return s.keyVillageLoads(ctx) })
}

func (s *Service) keyVillageLoads(ctx context.Context) ([]VillageLoad, error) {
	key := true
	vs, err := s.store.FindOrganisations(ctx, models.OrganisationFilter{KeyVillage: &key})
	if err != nil {
		return nil, err
	}
	ps, err := s.store.FindPlacements(ctx, models.PlacementFilter{})
	if err != nil {
		return nil, err
	}
	today := s.today()
	index := make(map[int64]int, len(vs))
	out := make([]VillageLoad, 0, len(vs))
	for _, v := range vs {
		if !v.Kind.IsVillage() {
			continue
		}
		index[v.ID] = len(out)
		out = append(out, VillageLoad{Village: v})
	}
	for _, p := range ps {
		i, ok := index[p.VillageID]
		if !ok {
			continue
		}
		l := &out[i]
		l.Total++
		if p.Active() {
			l.Active++
		}
		if !today.Before(p.StartDate) && !today.After(p.EndDate) {
			l.Today++
		}
	}
	return out, nil
}

// ReturnsQuery selects return records. A zero field does not filter.
type ReturnsQuery struct {
	Region    string           // text found in the trainee's home region, or its code
	Year      int              // the year of the return
	Committee models.Committee // stood for this committee
	Post      models.Post      // stood for this post
}

// electionFilter reports whether the query filters on elections.
func (q ReturnsQuery) electionFilter() bool { return q.Committee != "" || q.Post != "" }

// matches reports whether an election is for the query's committee and
// post.
func (q ReturnsQuery) matches(e *models.Election) bool {
	return (q.Committee == "" || e.Committee == q.Committee) && (q.Post == "" || e.Post == q.Post)
}

// ReturnRow is one return with its trainee, village and the elections the
// returnee stood in (those of the query's committee and post), by date.
type ReturnRow struct {
	Return    *models.Return
	Trainee   *models.Trainee
	Village   *models.Organisation
	Elections []*models.Election
}

// Seated reports whether one of the row's elections put the returnee on a
// committee.
func (r ReturnRow) Seated() bool {
	for _, e := range r.Elections {
		if e.Result.Seated() {
			return true
		}
	}
	return false
}

// PostTotal counts the returnees who stood for a post and those seated
// in it.
type PostTotal struct {
	Post   models.Post
	Stood  int
	Seated int
}

// ReturnTotals are the counts of a selection of returns.
type ReturnTotals struct {
	Returned int // returns in the region and year, whatever the committee and post
	Stood    int // of them, returnees who stood for the committee and post
	Seated   int // of them, returnees elected or appointed
	Posts    []PostTotal
}

// ReturnsView is the returns screen's content.
type ReturnsView struct {
	Rows   []ReturnRow // every filter applied; the latest return first
	Totals ReturnTotals
	Years  []int // the years of the returns in the region, the latest first
}

// Returns gathers the return records the query selects, with their
// totals: how many returned (in the region and year), stood and were
// seated (for the committee and post), and per post. With a committee or
// post, only the returnees who stood for it are rows.
func (s *Service) Returns(ctx context.Context, q ReturnsQuery) (*ReturnsView, error) {
	return read(s, ctx, "returns", func(ctx context.Context) (*ReturnsView, error) { return s.returns(ctx, q) })
}

func (s *Service) returns(ctx context.Context, q ReturnsQuery) (*ReturnsView, error) {
	q.Region = models.CleanText(q.Region)
	rs, err := s.store.FindReturns(ctx, models.ReturnFilter{Region: q.Region})
	if err != nil {
		return nil, err
	}
	els, err := s.store.FindElections(ctx, models.ElectionFilter{Region: q.Region})
	if err != nil {
		return nil, err
	}
	byReturn := map[int64][]*models.Election{}
	for _, e := range els {
		if q.matches(e) {
			byReturn[e.ReturnID] = append(byReturn[e.ReturnID], e)
		}
	}
	v := &ReturnsView{Rows: []ReturnRow{}}
	years := map[int]bool{}
	var kept []*models.Return
	for _, r := range rs {
		years[r.ReturnDate.Year()] = true
		if q.Year == 0 || r.ReturnDate.Year() == q.Year {
			kept = append(kept, r)
		}
	}
	for y := range years {
		v.Years = append(v.Years, y)
	}
	sort.Sort(sort.Reverse(sort.IntSlice(v.Years)))

	ids := make([]int64, len(kept))
	for i, r := range kept {
		ids[i] = r.TraineeID
	}
	trainees, err := s.traineesByID(ctx, ids)
	if err != nil {
		return nil, err
	}
	villages, err := s.villagesByID(ctx)
	if err != nil {
		return nil, err
	}
	posts := map[models.Post]*PostTotal{}
	for _, p := range models.Posts {
		v.Totals.Posts = append(v.Totals.Posts, PostTotal{Post: p})
	}
	for i := range v.Totals.Posts {
		posts[v.Totals.Posts[i].Post] = &v.Totals.Posts[i]
	}
	for _, r := range kept {
		t := trainees[r.TraineeID]
		if t == nil {
			return nil, notFound("Trainee {{.ID}} not found.", "ID", r.TraineeID)
		}
		village := villages[r.VillageID]
		if village == nil {
			if village, err = s.store.FindOrganisationByID(ctx, r.VillageID); err != nil {
				return nil, err
			}
		}
		es := byReturn[r.ID]
		sort.SliceStable(es, func(i, j int) bool { return es[i].Date.Before(es[j].Date) })
		row := ReturnRow{Return: r, Trainee: t, Village: village, Elections: es}
		v.Totals.Returned++
		if len(es) > 0 {
			v.Totals.Stood++
			if row.Seated() {
				v.Totals.Seated++
			}
			stood, seated := map[models.Post]bool{}, map[models.Post]bool{}
			for _, e := range es {
				stood[e.Post] = true
				seated[e.Post] = seated[e.Post] || e.Result.Seated()
			}
			for p := range stood {
				if pt := posts[p]; pt != nil {
					pt.Stood++
					if seated[p] {
						pt.Seated++
					}
				}
			}
		}
		if len(es) > 0 || !q.electionFilter() {
			v.Rows = append(v.Rows, row)
		}
	}
	sort.SliceStable(v.Rows, func(i, j int) bool {
		a, b := v.Rows[i].Return, v.Rows[j].Return
		if !a.ReturnDate.Equal(b.ReturnDate) {
			return a.ReturnDate.After(b.ReturnDate)
		}
		return a.ID > b.ID
	})
	return v, nil
}

// villagesByID returns every village and community.
func (s *Service) villagesByID(ctx context.Context) (map[int64]*models.Organisation, error) {
	out := map[int64]*models.Organisation{}
	for _, k := range []models.OrgKind{models.OrgVillage, models.OrgCommunity} {
		vs, err := s.store.FindOrganisations(ctx, models.OrganisationFilter{Kind: k})
		if err != nil {
			return nil, err
		}
		for _, v := range vs {
			out[v.ID] = v
		}
	}
	return out, nil
}

// HomeVillages lists the villages and communities a trainee may return
// to, those of the trainee's home county first (then city, then the
// rest), each group by ID.
func (s *Service) HomeVillages(ctx context.Context, traineeID int64) ([]*models.Organisation, error) {
	return read(s, ctx, "home villages", func(ctx context.Context) ([]*models.Organisation, error) { return s.homeVillages(ctx, traineeID) })
}

func (s *Service) homeVillages(ctx context.Context, traineeID int64) ([]*models.Organisation, error) {
	t, err := s.store.FindTraineeByID(ctx, traineeID)
	if err != nil {
		return nil, err
	}
	byID, err := s.villagesByID(ctx)
	if err != nil {
		return nil, err
	}
	out := make([]*models.Organisation, 0, len(byID))
	for _, v := range byID {
		out = append(out, v)
	}
	h := t.HomeRegion
	rank := func(v *models.Organisation) int {
		r := v.Region
		switch {
		case h.City != "" && r.City == h.City && h.County != "" && r.County == h.County:
			return 0
		case h.City != "" && r.City == h.City:
			return 1
		}
		return 2
	}
	sort.Slice(out, func(i, j int) bool {
		if a, b := rank(out[i]), rank(out[j]); a != b {
			return a < b
		}
		return out[i].ID < out[j].ID
	})
	return out, nil
}
