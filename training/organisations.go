package training

import (
	"context"

	"peiyang/models"
)

// Organisations and cohorts, for choices and filters.

// FindOrganisationByID returns one organisation, or ENOTFOUND.
func (s *TraineeService) FindOrganisationByID(ctx context.Context, id int64) (*models.Organisation, error) {
	o, err := s.store.FindOrganisationByID(ctx, id)
	return o, wrap("find organisation", err)
}

// FindCohortByID returns one cohort, or ENOTFOUND.
func (s *TraineeService) FindCohortByID(ctx context.Context, id int64) (*models.Cohort, error) {
	c, err := s.store.FindCohortByID(ctx, id)
	return c, wrap("find cohort", err)
}

// FindCohorts lists the cohorts the filter selects, by ID.
func (s *TraineeService) FindCohorts(ctx context.Context, f models.CohortFilter) ([]*models.Cohort, error) {
	cs, err := s.store.FindCohorts(ctx, f)
	return cs, wrap("find cohorts", err)
}

// FindOrganisations lists the organisations the filter selects, by ID.
func (s *TraineeService) FindOrganisations(ctx context.Context, f models.OrganisationFilter) ([]*models.Organisation, error) {
	orgs, err := s.store.FindOrganisations(ctx, f)
	return orgs, wrap("find organisations", err)
}
