package training

import (
	"context"

	"peiyang/models"
)

// Shadow-study placements at key villages: a village's capacity on its
// busiest day, the host's evaluation, and the villages' loads and lists.

// FindPlacements lists the placements the filter selects, by ID.
func (s *FollowUpService) FindPlacements(ctx context.Context, f models.PlacementFilter) ([]*models.Placement, error) {
	ps, err := s.store.FindPlacements(ctx, f)
	return ps, wrap("find placements", err)
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
func (s *FollowUpService) KeyVillageLoads(ctx context.Context) ([]VillageLoad, error) {
	return read(s.rules, ctx, "key village loads", func(ctx context.Context) ([]VillageLoad, error) { return s.keyVillageLoads(ctx) })
}

func (s *rules) keyVillageLoads(ctx context.Context) ([]VillageLoad, error) {
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

// VillagePlacements gathers the placements of each village that hosts
// any, or of the one village when villageID is not 0 (which must be a
// village or community; it may have no placements).
func (s *FollowUpService) VillagePlacements(ctx context.Context, villageID int64) ([]VillagePlacements, error) {
	return read(s.rules, ctx, "village placements", func(ctx context.Context) ([]VillagePlacements, error) { return s.villagePlacements(ctx, villageID) })
}

func (s *rules) villagePlacements(ctx context.Context, villageID int64) ([]VillagePlacements, error) {
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

// CheckPlacement refuses a shadow-study placement p when the village is no
// key village, when the trainee already has an active (not yet evaluated)
// placement, or when the village would host more trainees than its
// PlacementCapacity on some day of p's dates.
//
// Capacity counts every other placement at the village whose dates overlap
// p's, evaluated or not (an early evaluation does not free the booked
// days), and looks at the busiest day: placements that overlap p but not
// each other do not add up. Dates are inclusive, so a placement ending on
// the day another starts overlaps it.
//
// mine are the trainee's placements; atVillage are the village's.
func CheckPlacement(p *models.Placement, village *models.Organisation, trainee *models.Trainee, mine, atVillage []*models.Placement) error {
	if !village.Kind.IsVillage() || !village.KeyVillage {
		return invalid("village_id", "{{.Village}} is not a key village and cannot host placements.", "Village", village.Name)
	}
	for _, o := range mine {
		if o.ID != p.ID && o.TraineeID == p.TraineeID && o.Active() {
			return conflict("trainee_id", "{{.Name}} already has a placement that has not been evaluated yet ({{.Start}} to {{.End}}).",
				"Name", trainee.Name, "Start", o.StartDate.String(), "End", o.EndDate.String())
		}
	}
	var ranges [][2]models.Date
	for _, o := range atVillage {
		if (p.ID != 0 && o.ID == p.ID) || o.VillageID != village.ID {
			continue
		}
		if overlapDays(p.StartDate, p.EndDate, o.StartDate, o.EndDate) {
			ranges = append(ranges, [2]models.Date{o.StartDate, o.EndDate})
		}
	}
	if peak, day := peakOverlap(p.StartDate, p.EndDate, ranges); peak >= village.PlacementCapacity {
		return conflict("village_id", "{{.Village}} already hosts {{.Load}} trainees on {{.Date}}, its capacity of {{.Capacity}}.",
			"Village", village.Name, "Load", peak, "Date", day.String(), "Capacity", village.PlacementCapacity)
	}
	return nil
}

// PlaceTrainee places a trainee at a key village for shadow study under
// CheckPlacement's rules. The placement starts unevaluated.
func (s *FollowUpService) PlaceTrainee(ctx context.Context, p *models.Placement) error {
	return s.update(ctx, "place trainee", func(ctx context.Context) error {
		p.Grade, p.Comment = models.GradeNone, ""
		if err := p.Validate(); err != nil {
			return err
		}
		trainee, err := s.store.FindTraineeByID(ctx, p.TraineeID)
		if err != nil {
			return refNotFound(err, "trainee_id", "The trainee no. {{.ID}} does not exist.", "ID", p.TraineeID)
		}
		village, err := s.store.FindOrganisationByID(ctx, p.VillageID)
		if err != nil {
			return refNotFound(err, "village_id", "The village no. {{.ID}} does not exist.", "ID", p.VillageID)
		}
		mine, err := s.store.FindPlacements(ctx, models.PlacementFilter{TraineeID: p.TraineeID})
		if err != nil {
			return err
		}
		there, err := s.store.FindPlacements(ctx, models.PlacementFilter{VillageID: p.VillageID})
		if err != nil {
			return err
		}
		if err := CheckPlacement(p, village, trainee, mine, there); err != nil {
			return err
		}
		return s.store.CreatePlacement(ctx, p)
	})
}

// EvaluatePlacement records the host village's grade (excellent, good,
// pass or fail) and comment on a placement that has started. A grade may
// be corrected later.
func (s *FollowUpService) EvaluatePlacement(ctx context.Context, id int64, grade models.Grade, comment string) error {
	return s.update(ctx, "evaluate placement", func(ctx context.Context) error {
		p, err := s.store.FindPlacementByID(ctx, id)
		if err != nil {
			return err
		}
		if grade == models.GradeNone {
			return invalid("grade", "The grade must be excellent, good, pass or fail.")
		}
		if p.StartDate.After(s.today()) {
			return invalid("grade", "The placement starts on {{.Date}} and cannot be evaluated before then.", "Date", p.StartDate.String())
		}
		p.Grade, p.Comment = grade, models.CleanText(comment)
		if err := p.Validate(); err != nil {
			return err
		}
		return s.store.UpdatePlacement(ctx, p)
	})
}
