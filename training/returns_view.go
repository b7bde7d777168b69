package training

import (
	"context"
	"sort"

	"peiyang/models"
)

// Returns and elections for the window and the documents: the list with its
// totals, the villages of a trainee's home region, and an outflow region's
// outcome report.

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
func (s *FollowUpService) Returns(ctx context.Context, q ReturnsQuery) (*ReturnsView, error) {
	return read(s.rules, ctx, "returns", func(ctx context.Context) (*ReturnsView, error) { return s.returns(ctx, q) })
}

func (s *rules) returns(ctx context.Context, q ReturnsQuery) (*ReturnsView, error) {
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
	v := newReturnsView()
	kept := v.keepYear(rs, q.Year)
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
		v.count(row)
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

// newReturnsView returns an empty view with a total for every post.
func newReturnsView() *ReturnsView {
	v := &ReturnsView{Rows: []ReturnRow{}}
	for _, p := range models.Posts {
		v.Totals.Posts = append(v.Totals.Posts, PostTotal{Post: p})
	}
	return v
}

// keepYear notes the years of all the returns, latest first, and returns
// those of the year (all of them for 0).
func (v *ReturnsView) keepYear(rs []*models.Return, year int) []*models.Return {
	years := map[int]bool{}
	var kept []*models.Return
	for _, r := range rs {
		years[r.ReturnDate.Year()] = true
		if year == 0 || r.ReturnDate.Year() == year {
			kept = append(kept, r)
		}
	}
	for y := range years {
		v.Years = append(v.Years, y)
	}
	sort.Sort(sort.Reverse(sort.IntSlice(v.Years)))
	return kept
}

// count adds a returnee to the totals: returned, stood and seated, and per
// post stood for.
func (v *ReturnsView) count(row ReturnRow) {
	v.Totals.Returned++
	if len(row.Elections) == 0 {
		return
	}
	v.Totals.Stood++
	if row.Seated() {
		v.Totals.Seated++
	}
	stood, seated := map[models.Post]bool{}, map[models.Post]bool{}
	for _, e := range row.Elections {
		stood[e.Post] = true
		seated[e.Post] = seated[e.Post] || e.Result.Seated()
	}
	for i := range v.Totals.Posts {
		pt := &v.Totals.Posts[i]
		if stood[pt.Post] {
			pt.Stood++
			if seated[pt.Post] {
				pt.Seated++
			}
		}
	}
}

// villagesByID returns every village and community.
func (s *rules) villagesByID(ctx context.Context) (map[int64]*models.Organisation, error) {
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
func (s *FollowUpService) HomeVillages(ctx context.Context, traineeID int64) ([]*models.Organisation, error) {
	return read(s.rules, ctx, "home villages", func(ctx context.Context) ([]*models.Organisation, error) { return s.homeVillages(ctx, traineeID) })
}

func (s *rules) homeVillages(ctx context.Context, traineeID int64) ([]*models.Organisation, error) {
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

// RegionOutcome gathers the outcome of the trainees whose home region
// contains the text (德阳, 中江县, or a county's code). No such trainee is
// an ENOTFOUND error.
func (s *FollowUpService) RegionOutcome(ctx context.Context, region string) (*RegionOutcome, error) {
	return read(s.rules, ctx, "region outcome", func(ctx context.Context) (*RegionOutcome, error) {
		return s.regionOutcome(ctx, models.CleanText(region))
	})
}

func (s *rules) regionOutcome(ctx context.Context, region string) (*RegionOutcome, error) {
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
