package training

import (
	"context"
	"sort"

	"peiyang/models"
)

// ReviewQueries lists the records that schema upgrades found breaking a
// rule and left as they were (see models.ReviewItem).
type ReviewQueries interface {
	FindReviewItems(ctx context.Context) ([]*models.ReviewItem, error)
}

// ElectionReview is an election on record that breaks the election rules
// (models.PostsOf, models.ResultsFor), with what the office needs to
// correct it.
type ElectionReview struct {
	Election *models.Election     `json:"election"`
	Return   *models.Return       `json:"return"`
	Trainee  *models.Trainee      `json:"trainee"`
	Village  *models.Organisation `json:"village"`
	Problems models.ErrorList     `json:"problems"`
	FoundBy  int                  `json:"found_by"` // the schema version whose upgrade found it
}

// ElectionReviews returns the elections that an upgrade found breaking the
// election rules and that still break them, by election ID: a record
// corrected (UpdateElection) or deleted since drops out.
func (s *FollowUpService) ElectionReviews(ctx context.Context) ([]ElectionReview, error) {
	items, err := s.store.FindReviewItems(ctx)
	if err != nil {
		return nil, wrap("find review items", err)
	}
	seen := map[int64]bool{}
	var out []ElectionReview
	for _, it := range items {
		if it.Entity != "elections" || seen[it.EntityID] {
			continue
		}
		seen[it.EntityID] = true
		e, err := s.store.FindElectionByID(ctx, it.EntityID)
		if models.IsNotFound(err) {
			continue
		}
		if err != nil {
			return nil, wrap("find review items", err)
		}
		problems := e.SeatProblems()
		if len(problems) == 0 {
			continue
		}
		r := ElectionReview{Election: e, Problems: problems, FoundBy: it.Version}
		if r.Trainee, err = s.store.FindTraineeByID(ctx, e.TraineeID); err != nil {
			return nil, wrap("find review items", err)
		}
		if r.Return, err = s.store.FindReturnByID(ctx, e.ReturnID); err != nil {
			return nil, wrap("find review items", err)
		}
		if r.Village, err = s.store.FindOrganisationByID(ctx, r.Return.VillageID); err != nil {
			return nil, wrap("find review items", err)
		}
		out = append(out, r)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Election.ID < out[j].Election.ID })
	return out, nil
}
