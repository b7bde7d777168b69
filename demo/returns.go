package demo

import (
	"math"
	"math/rand/v2"
	"sort"

	"peiyang/models"
)

// returns brings some of those who completed a course back to their home
// village after their last course or placement, and has most of them stand
// for its two committees.
func (g *gen) returns() {
	r := g.rng(50)
	target := g.scaled(1800, 0)
	type cand struct {
		p    *person
		key  float64
		free models.Date // the first day after the trainee's courses and placements
	}
	var cands []cand
	for _, p := range g.people {
		if p.home == nil || len(p.completed) == 0 {
			continue
		}
		var last models.Date
		for _, b := range p.busy {
			last = maxDate(last, b[1])
		}
		if p.mentor != nil && p.mentor.EndDate.IsZero() {
			continue // still being mentored in Chengdu
		}
		free := last.AddDays(20)
		if free.After(g.today) {
			continue
		}
		w := 1.0
		if hasPassed(p) {
			w *= 2
		}
		if p.mentor != nil {
			w *= 1.5
		}
		// weighted sampling without replacement (Efraimidis–Spirakis)
		cands = append(cands, cand{p: p, key: -math.Log(1-r.Float64()) / w, free: free})
	}
	sort.SliceStable(cands, func(i, j int) bool { return cands[i].key < cands[j].key })
	if len(cands) > target {
		cands = cands[:target]
	}
	sort.SliceStable(cands, func(i, j int) bool { return cands[i].p.t.ID < cands[j].p.t.ID })
	for _, c := range cands {
		p := c.p
		date := between(r, c.free, minDate(c.free.AddDays(540), g.today))
		ret := &models.Return{
			ID: int64(len(g.ds.Returns) + 1), TraineeID: p.t.ID, VillageID: p.home.ID, ReturnDate: date,
			CreatedAt: stampR(r, minDate(g.today, date.AddDays(r.IntN(20)))),
		}
		ret.UpdatedAt = ret.CreatedAt
		if r.Float64() < 0.4 {
			ret.Notes = pickStr(r, returnNotes)
		}
		g.ds.Returns = append(g.ds.Returns, ret)
		g.elections(r, ret, p.home)
	}
}

var (
	partyPosts  = newWeighted([]models.Post{models.PostSecretary, models.PostDeputySecretary, models.PostMember}, []float64{15, 35, 50})
	peoplePosts = newWeighted([]models.Post{models.PostChair, models.PostDeputyChair, models.PostMember}, []float64{15, 35, 50})
)

// elections records a returnee standing for the committees of the home
// village or community: the party committee (sometimes as secretary and
// chair at once), the villagers' or residents' committee, or both.
func (g *gen) elections(r *rand.Rand, ret *models.Return, v *models.Organisation) {
	room := ret.ReturnDate.DaysUntil(g.today)
	if room < 15 || r.Float64() < 0.1 {
		return
	}
	party, people := models.CommitteeVillageParty, models.CommitteeVillagers
	if v.Kind == models.OrgCommunity {
		party, people = models.CommitteeCommunityParty, models.CommitteeResidents
	}
	date := ret.ReturnDate.AddDays(15 + r.IntN(min(room-15, 500)+1))
	add := func(d models.Date, c models.Committee, post models.Post) {
		res := models.Elected
		// Only a party committee's posts are filled by appointment, and
		// never 书记兼主任, whose chair is elected.
		appointed := 0.0
		switch {
		case post == models.PostSecretary:
			appointed = 0.2
		case c.IsParty() && post != models.PostBoth:
			appointed = 0.05
		}
		switch x := r.Float64(); {
		case x < appointed:
			res = models.Appointed
		case x < appointed+0.15:
			res = models.NotElected
		}
		e := &models.Election{
			ID: int64(len(g.ds.Elections) + 1), ReturnID: ret.ID, TraineeID: ret.TraineeID, Date: d,
			Committee: c, Post: post, Result: res, TermYears: 5,
			CreatedAt: stamp(minDate(g.today, d.AddDays(1+r.IntN(5))), 9+r.IntN(8), r.IntN(60)),
		}
		e.UpdatedAt = e.CreatedAt
		g.ds.Elections = append(g.ds.Elections, e)
	}
	switch x := r.Float64(); {
	case x < 0.22:
		add(date, party, models.PostBoth)
	case x < 0.62:
		add(date, party, partyPosts.pick(r))
		if r.Float64() < 0.4 {
			add(minDate(g.today, date.AddDays(10+r.IntN(30))), people, peoplePosts.pick(r))
		}
	default:
		add(date, people, peoplePosts.pick(r))
	}
}
