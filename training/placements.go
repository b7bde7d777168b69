package training

import (
	"context"

	"peiyang/models"
)

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
func (s *Service) PlaceTrainee(ctx context.Context, p *models.Placement) error {
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
func (s *Service) EvaluatePlacement(ctx context.Context, id int64, grade models.Grade, comment string) error {
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
