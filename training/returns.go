package training

import (
	"context"

	"peiyang/models"
)

// Returns to the home village and elections to its two committees.

// FindReturnByID returns one return record, or ENOTFOUND.
func (s *FollowUpService) FindReturnByID(ctx context.Context, id int64) (*models.Return, error) {
	r, err := s.store.FindReturnByID(ctx, id)
	return r, wrap("find return", err)
}

// FindReturns lists the return records the filter selects, by ID.
func (s *FollowUpService) FindReturns(ctx context.Context, f models.ReturnFilter) ([]*models.Return, error) {
	rs, err := s.store.FindReturns(ctx, f)
	return rs, wrap("find returns", err)
}

// FindElections lists the election records the filter selects, by ID.
func (s *FollowUpService) FindElections(ctx context.Context, f models.ElectionFilter) ([]*models.Election, error) {
	es, err := s.store.FindElections(ctx, f)
	return es, wrap("find elections", err)
}

// CheckReturn refuses a return to an organisation that is not a village or
// community.
func CheckReturn(r *models.Return, village *models.Organisation) error {
	if !village.Kind.IsVillage() {
		return invalid("village_id", "{{.Village}} is not a village or community; a trainee returns to a home village or community.", "Village", village.Name)
	}
	return nil
}

// CommitteesFor returns the two committees of a village (party
// organisation and villagers' committee) or of a community (party
// organisation and residents' committee); nil for any other kind.
func CommitteesFor(kind models.OrgKind) []models.Committee {
	switch kind {
	case models.OrgVillage:
		return []models.Committee{models.CommitteeVillageParty, models.CommitteeVillagers}
	case models.OrgCommunity:
		return []models.Committee{models.CommitteeCommunityParty, models.CommitteeResidents}
	}
	return nil
}

// CheckElection refuses an election that is for another trainee than its
// return, is dated before the return or after today, or is for a committee
// the village's kind does not have.
func CheckElection(e *models.Election, r *models.Return, village *models.Organisation, today models.Date) error {
	var l models.ErrorList
	if e.TraineeID != 0 && e.TraineeID != r.TraineeID {
		l.Add("trainee_id", "The election's trainee is not the one of its return record.")
	}
	if !e.Date.IsZero() && e.Date.Before(r.ReturnDate) {
		l.Add("date", "The election on {{.Date}} is before the return on {{.Return}}.", "Date", e.Date.String(), "Return", r.ReturnDate.String())
	}
	if !e.Date.IsZero() && !today.IsZero() && e.Date.After(today) {
		l.Add("date", "The election date is in the future.")
	}
	ok := false
	for _, c := range CommitteesFor(village.Kind) {
		ok = ok || c == e.Committee
	}
	if !ok {
		l.Add("committee", "{{.Village}} has no {{.Committee}}.", "Village", village.Name, "Committee", e.Committee.Label())
	}
	return l.Err()
}

// RecordReturn records a trainee's return to the home village or
// community.
func (s *FollowUpService) RecordReturn(ctx context.Context, r *models.Return) error {
	return s.update(ctx, "record return", func(ctx context.Context) error {
		if err := r.Validate(s.today()); err != nil {
			return err
		}
		if _, err := s.store.FindTraineeByID(ctx, r.TraineeID); err != nil {
			return refNotFound(err, "trainee_id", "The trainee no. {{.ID}} does not exist.", "ID", r.TraineeID)
		}
		village, err := s.store.FindOrganisationByID(ctx, r.VillageID)
		if err != nil {
			return refNotFound(err, "village_id", "The village no. {{.ID}} does not exist.", "ID", r.VillageID)
		}
		if err := CheckReturn(r, village); err != nil {
			return err
		}
		return s.store.CreateReturn(ctx, r)
	})
}

// RecordElection records a returnee standing for a committee of the
// village returned to. The trainee is taken from the return record.
func (s *FollowUpService) RecordElection(ctx context.Context, e *models.Election) error {
	return s.update(ctx, "record election", func(ctx context.Context) error {
		if err := e.Validate(); err != nil {
			return err
		}
		r, err := s.store.FindReturnByID(ctx, e.ReturnID)
		if err != nil {
			return refNotFound(err, "return_id", "The return record no. {{.ID}} does not exist.", "ID", e.ReturnID)
		}
		village, err := s.store.FindOrganisationByID(ctx, r.VillageID)
		if err != nil {
			return err
		}
		if err := CheckElection(e, r, village, s.today()); err != nil {
			return err
		}
		e.TraineeID = r.TraineeID
		return s.store.CreateElection(ctx, e)
	})
}

// UpdateElection corrects an election record under the same rules as
// RecordElection; its return and trainee stay.
func (s *FollowUpService) UpdateElection(ctx context.Context, e *models.Election) error {
	return s.update(ctx, "update election", func(ctx context.Context) error {
		old, err := s.store.FindElectionByID(ctx, e.ID)
		if err != nil {
			return err
		}
		e.ReturnID, e.TraineeID, e.CreatedAt = old.ReturnID, old.TraineeID, old.CreatedAt
		if err := e.Validate(); err != nil {
			return err
		}
		r, err := s.store.FindReturnByID(ctx, e.ReturnID)
		if err != nil {
			return err
		}
		village, err := s.store.FindOrganisationByID(ctx, r.VillageID)
		if err != nil {
			return err
		}
		if err := CheckElection(e, r, village, s.today()); err != nil {
			return err
		}
		return s.store.UpdateElection(ctx, e)
	})
}

// DeleteElection deletes an election record entered in error.
func (s *FollowUpService) DeleteElection(ctx context.Context, id int64) error {
	return s.update(ctx, "delete election", func(ctx context.Context) error {
		return s.store.DeleteElection(ctx, id)
	})
}

// FindElectionByID returns an election record.
func (s *FollowUpService) FindElectionByID(ctx context.Context, id int64) (*models.Election, error) {
	e, err := s.store.FindElectionByID(ctx, id)
	return e, wrap("find election", err)
}

// ReturnVillage returns the village or community of a return record, whose
// kind decides the committees an election there is for.
func (s *FollowUpService) ReturnVillage(ctx context.Context, returnID int64) (*models.Organisation, error) {
	r, err := s.store.FindReturnByID(ctx, returnID)
	if err != nil {
		return nil, wrap("find return", err)
	}
	v, err := s.store.FindOrganisationByID(ctx, r.VillageID)
	return v, wrap("find return", err)
}
