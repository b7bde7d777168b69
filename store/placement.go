package store

import (
	"context"

	"peiyang/models"
)

const placementCols = `id, trainee_id, village_id, start_date, end_date, supervisor, grade, comment, created_at, updated_at`

func scanPlacement(s scanner) (*models.Placement, error) {
	var p models.Placement
	if err := s.Scan(&p.ID, &p.TraineeID, &p.VillageID, &p.StartDate, &p.EndDate, &p.Supervisor, &p.Grade,
		&p.Comment, timeCol{&p.CreatedAt}, timeCol{&p.UpdatedAt}); err != nil {
		return nil, err
	}
	return &p, nil
}

// FindPlacementByID returns the placement, or ENOTFOUND.
func (db *DB) FindPlacementByID(ctx context.Context, id int64) (*models.Placement, error) {
	return findOne(ctx, db.reader(ctx), "find placement", msgPlacementNotFound, id,
		`SELECT `+placementCols+` FROM placements WHERE id = ?`, []any{id}, scanPlacement)
}

// FindPlacements returns the placements the filter selects, by ID.
func (db *DB) FindPlacements(ctx context.Context, f models.PlacementFilter) ([]*models.Placement, error) {
	var c cond
	if f.TraineeID != 0 {
		c.and("trainee_id = ?", f.TraineeID)
	}
	if f.VillageID != 0 {
		c.and("village_id = ?", f.VillageID)
	}
	if f.ActiveOnly {
		c.and("grade = ''")
	}
	if f.AfterID > 0 {
		c.and("id > ?", f.AfterID)
	}
	return findMany(ctx, db.reader(ctx), "find placements",
		`SELECT `+placementCols+` FROM placements`+c.sql()+` ORDER BY id`+limit(f.Page), c.args, scanPlacement)
}

func placementArgs(p *models.Placement) []any {
	return []any{p.TraineeID, p.VillageID, p.StartDate, p.EndDate, p.Supervisor, p.Grade, p.Comment}
}

// CreatePlacement stores a new placement.
func (db *DB) CreatePlacement(ctx context.Context, p *models.Placement) error {
	now := db.stamp()
	return db.write(ctx, func(w *writeTx) error {
		id, err := w.create("placements", "create placement", `INSERT INTO placements (trainee_id, village_id,
			start_date, end_date, supervisor, grade, comment, created_at, updated_at)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`, append(placementArgs(p), formatTime(now), formatTime(now))...)
		if err != nil {
			return err
		}
		p.ID, p.CreatedAt, p.UpdatedAt = id, now, now
		return nil
	})
}

// UpdatePlacement saves the placement.
func (db *DB) UpdatePlacement(ctx context.Context, p *models.Placement) error {
	now := db.stamp()
	return db.write(ctx, func(w *writeTx) error {
		err := w.update("placements", "update placement", msgPlacementNotFound, byID(p.ID), p.UpdatedAt, `UPDATE placements SET
			trainee_id = ?, village_id = ?, start_date = ?, end_date = ?, supervisor = ?, grade = ?,
			comment = ?, updated_at = ? WHERE id = ?`, append(placementArgs(p), formatTime(now), p.ID)...)
		if err == nil {
			p.UpdatedAt = now
		}
		return err
	})
}

// DeletePlacement deletes a placement.
func (db *DB) DeletePlacement(ctx context.Context, id int64) error {
	return db.deleteByID(ctx, "placements", "delete placement", msgPlacementNotFound, msgRecordInUse, id)
}
