package training

import (
	"context"

	"peiyang/models"
)

// CheckDuplicateIDNumber refuses t when another trainee (one with a
// different ID) among existing has the same resident ID number. The error
// is ECONFLICT on the field id_number and names the existing trainee, never
// the ID number itself. t's ID number must already be normalised.
func CheckDuplicateIDNumber(t *models.Trainee, existing []*models.Trainee) error {
	for _, o := range existing {
		if o.ID != t.ID && o.IDNumber == t.IDNumber && t.IDNumber != "" {
			return conflict("id_number", "A trainee with this ID number already exists: {{.Name}} (no. {{.ID}}).", "Name", o.Name, "ID", o.ID)
		}
	}
	return nil
}

// CreateTrainee takes a trainee into the programme: it validates the
// trainee against today's date, refuses a second trainee with the same ID
// number and checks that the nominating organisation and the cohort, when
// set, exist.
func (s *Service) CreateTrainee(ctx context.Context, t *models.Trainee) error {
	return s.update(ctx, "create trainee", func(ctx context.Context) error {
		if err := s.checkTrainee(ctx, t); err != nil {
			return err
		}
		return s.store.CreateTrainee(ctx, t)
	})
}

// UpdateTrainee changes a trainee's record under the same rules as
// CreateTrainee.
func (s *Service) UpdateTrainee(ctx context.Context, t *models.Trainee) error {
	return s.update(ctx, "update trainee", func(ctx context.Context) error {
		if _, err := s.store.FindTraineeByID(ctx, t.ID); err != nil {
			return err
		}
		if err := s.checkTrainee(ctx, t); err != nil {
			return err
		}
		return s.store.UpdateTrainee(ctx, t)
	})
}

func (s *Service) checkTrainee(ctx context.Context, t *models.Trainee) error {
	if err := t.Validate(s.today()); err != nil {
		return err
	}
	same, err := s.store.FindTrainees(ctx, models.TraineeFilter{IDNumber: t.IDNumber})
	if err != nil {
		return err
	}
	if err := CheckDuplicateIDNumber(t, same); err != nil {
		return err
	}
	var l models.ErrorList
	if t.NominatedByID != 0 {
		if _, err := s.store.FindOrganisationByID(ctx, t.NominatedByID); err != nil {
			if !models.IsNotFound(err) {
				return err
			}
			l.Add("nominated_by_id", "The nominating organisation no. {{.ID}} does not exist.", "ID", t.NominatedByID)
		}
	}
	if t.CohortID != 0 {
		if _, err := s.store.FindCohortByID(ctx, t.CohortID); err != nil {
			if !models.IsNotFound(err) {
				return err
			}
			l.Add("cohort_id", "The cohort no. {{.ID}} does not exist.", "ID", t.CohortID)
		}
	}
	return l.Err()
}
