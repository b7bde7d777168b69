package training

import (
	"context"

	"peiyang/models"
	"peiyang/settings"
)

// The database as a whole: its integrity check, whether it is empty, and
// the load of a whole dataset (demo data) into an empty one.

// IntegrityCheck runs the database's own checks and returns "ok", or the
// problems found one a line, with the schema version.
func (s *Service) IntegrityCheck(ctx context.Context) (result string, version int, err error) {
	if result, err = s.store.IntegrityCheck(ctx); err != nil {
		return "", 0, wrap("integrity check", err)
	}
	version, err = s.store.SchemaVersion(ctx)
	return result, version, wrap("integrity check", err)
}

// IsEmpty reports whether the database holds no records yet.
func (s *Service) IsEmpty(ctx context.Context) (bool, error) {
	empty, err := s.store.IsEmpty(ctx)
	return empty, wrap("is empty", err)
}

// LoadDataset writes a whole dataset (such as demo data) into an empty
// database, in one transaction; a database that holds data already is
// refused with ECONFLICT.
func (s *Service) LoadDataset(ctx context.Context, ds *models.Dataset) error {
	empty, err := s.store.IsEmpty(ctx)
	if err != nil {
		return wrap("load dataset", err)
	}
	if !empty {
		return wrap("load dataset", conflict("", "The database already holds data; demo data goes only into an empty database."))
	}
	c, err := s.settingContext(ctx, ds.Settings)
	if err != nil {
		return wrap("load dataset", err)
	}
	for k, v := range ds.Settings {
		if err := settings.Check(k, v, c); err != nil {
			return wrap("load dataset", err)
		}
	}
	return wrap("load dataset", s.store.LoadDataset(ctx, ds))
}
