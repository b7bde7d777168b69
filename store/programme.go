package store

import (
	"context"
	"database/sql"
	"fmt"

	"peiyang/models"
)

const programmeCols = `id, name, inflow_org_id, signed_on, notes, created_at, updated_at`

func scanProgramme(s scanner) (*models.Programme, error) {
	p := models.Programme{OutflowOrgIDs: []int64{}}
	if err := s.Scan(&p.ID, &p.Name, &p.InflowOrgID, &p.SignedOn, &p.Notes,
		timeCol{&p.CreatedAt}, timeCol{&p.UpdatedAt}); err != nil {
		return nil, err
	}
	return &p, nil
}

// loadOutflowOrgs fills in the programmes' outflow organisations.
func loadOutflowOrgs(ctx context.Context, q querier, ps []*models.Programme) error {
	if len(ps) == 0 {
		return nil
	}
	byID := make(map[int64]*models.Programme, len(ps))
	ids := make([]int64, len(ps))
	for i, p := range ps {
		byID[p.ID], ids[i] = p, p.ID
	}
	return queryRows(ctx, q, `SELECT programme_id, org_id FROM programme_outflow_orgs
		WHERE programme_id IN `+intList(ids)+` ORDER BY programme_id, position`, nil,
		func(rows *sql.Rows) error {
			var pid, oid int64
			if err := rows.Scan(&pid, &oid); err != nil {
				return err
			}
			p := byID[pid]
			p.OutflowOrgIDs = append(p.OutflowOrgIDs, oid)
			return nil
		})
}

// FindProgrammeByID returns the programme, or ENOTFOUND.
func (db *DB) FindProgrammeByID(ctx context.Context, id int64) (*models.Programme, error) {
	q := db.reader(ctx)
	p, err := findOne(ctx, q, "find programme", msgProgrammeNotFound, id,
		`SELECT `+programmeCols+` FROM programmes WHERE id = ?`, []any{id}, scanProgramme)
	if err != nil {
		return nil, err
	}
	if err := loadOutflowOrgs(ctx, q, []*models.Programme{p}); err != nil {
		return nil, fmt.Errorf("store: find programme: %w", err)
	}
	return p, nil
}

// FindProgrammes returns the programmes the filter selects, by ID.
func (db *DB) FindProgrammes(ctx context.Context, f models.ProgrammeFilter) ([]*models.Programme, error) {
	var c cond
	if f.InflowOrgID != 0 {
		c.and("inflow_org_id = ?", f.InflowOrgID)
	}
	if f.AfterID > 0 {
		c.and("id > ?", f.AfterID)
	}
	q := db.reader(ctx)
	ps, err := findMany(ctx, q, "find programmes",
		`SELECT `+programmeCols+` FROM programmes`+c.sql()+` ORDER BY id`+limit(f.Page), c.args, scanProgramme)
	if err != nil {
		return nil, err
	}
	if err := loadOutflowOrgs(ctx, q, ps); err != nil {
		return nil, fmt.Errorf("store: find programmes: %w", err)
	}
	return ps, nil
}

// writeOutflowOrgs replaces the programme's outflow organisations.
func writeOutflowOrgs(ctx context.Context, q querier, op string, p *models.Programme) error {
	if _, err := q.ExecContext(ctx, `DELETE FROM programme_outflow_orgs WHERE programme_id = ?`, p.ID); err != nil {
		return dbErr(op, err)
	}
	for i, oid := range p.OutflowOrgIDs {
		if _, err := q.ExecContext(ctx, `INSERT INTO programme_outflow_orgs (programme_id, org_id, position)
			VALUES (?, ?, ?)`, p.ID, oid, i); err != nil {
			return dbErr(op, err)
		}
	}
	return nil
}

// CreateProgramme stores a new programme with its outflow organisations.
func (db *DB) CreateProgramme(ctx context.Context, p *models.Programme) error {
	now := db.stamp()
	return db.write(ctx, func(w *writeTx) error {
		id, err := w.create("programmes", "create programme", `INSERT INTO programmes
			(name, inflow_org_id, signed_on, notes, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?)`,
			p.Name, p.InflowOrgID, p.SignedOn, p.Notes, formatTime(now), formatTime(now))
		if err != nil {
			return err
		}
		old := p.ID
		p.ID = id
		if err := writeOutflowOrgs(ctx, w, "create programme", p); err != nil {
			p.ID = old
			return err
		}
		p.CreatedAt, p.UpdatedAt = now, now
		return nil
	})
}

// UpdateProgramme saves the programme and its outflow organisations.
func (db *DB) UpdateProgramme(ctx context.Context, p *models.Programme) error {
	now := db.stamp()
	return db.write(ctx, func(w *writeTx) error {
		err := w.update("programmes", "update programme", msgProgrammeNotFound, byID(p.ID), p.UpdatedAt,
			`UPDATE programmes SET name = ?, inflow_org_id = ?, signed_on = ?, notes = ?, updated_at = ?
			WHERE id = ?`, p.Name, p.InflowOrgID, p.SignedOn, p.Notes, formatTime(now), p.ID)
		if err != nil {
			return err
		}
		if err := writeOutflowOrgs(ctx, w, "update programme", p); err != nil {
			return err
		}
		p.UpdatedAt = now
		return nil
	})
}

// DeleteProgramme deletes a programme without cohorts.
func (db *DB) DeleteProgramme(ctx context.Context, id int64) error {
	return db.deleteByID(ctx, "programmes", "delete programme", msgProgrammeNotFound, msgProgrammeInUse, id)
}

const cohortCols = `id, programme_id, year, name, target_trainees, created_at, updated_at`

func scanCohort(s scanner) (*models.Cohort, error) {
	var c models.Cohort
	if err := s.Scan(&c.ID, &c.ProgrammeID, &c.Year, &c.Name, &c.TargetTrainees,
		timeCol{&c.CreatedAt}, timeCol{&c.UpdatedAt}); err != nil {
		return nil, err
	}
	return &c, nil
}

// FindCohortByID returns the cohort, or ENOTFOUND.
func (db *DB) FindCohortByID(ctx context.Context, id int64) (*models.Cohort, error) {
	return findOne(ctx, db.reader(ctx), "find cohort", msgCohortNotFound, id,
		`SELECT `+cohortCols+` FROM cohorts WHERE id = ?`, []any{id}, scanCohort)
}

// FindCohorts returns the cohorts the filter selects, by ID.
func (db *DB) FindCohorts(ctx context.Context, f models.CohortFilter) ([]*models.Cohort, error) {
	var c cond
	if f.ProgrammeID != 0 {
		c.and("programme_id = ?", f.ProgrammeID)
	}
	if f.Year != 0 {
		c.and("year = ?", f.Year)
	}
	if f.AfterID > 0 {
		c.and("id > ?", f.AfterID)
	}
	return findMany(ctx, db.reader(ctx), "find cohorts",
		`SELECT `+cohortCols+` FROM cohorts`+c.sql()+` ORDER BY id`+limit(f.Page), c.args, scanCohort)
}

// CreateCohort stores a new cohort.
func (db *DB) CreateCohort(ctx context.Context, c *models.Cohort) error {
	now := db.stamp()
	return db.write(ctx, func(w *writeTx) error {
		id, err := w.create("cohorts", "create cohort", `INSERT INTO cohorts
			(programme_id, year, name, target_trainees, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?)`,
			c.ProgrammeID, c.Year, c.Name, c.TargetTrainees, formatTime(now), formatTime(now))
		if err != nil {
			return err
		}
		c.ID, c.CreatedAt, c.UpdatedAt = id, now, now
		return nil
	})
}

// UpdateCohort saves the cohort.
func (db *DB) UpdateCohort(ctx context.Context, c *models.Cohort) error {
	now := db.stamp()
	return db.write(ctx, func(w *writeTx) error {
		err := w.update("cohorts", "update cohort", msgCohortNotFound, byID(c.ID), c.UpdatedAt,
			`UPDATE cohorts SET programme_id = ?, year = ?, name = ?, target_trainees = ?, updated_at = ?
			WHERE id = ?`, c.ProgrammeID, c.Year, c.Name, c.TargetTrainees, formatTime(now), c.ID)
		if err == nil {
			c.UpdatedAt = now
		}
		return err
	})
}

// DeleteCohort deletes a cohort without trainees or courses.
func (db *DB) DeleteCohort(ctx context.Context, id int64) error {
	return db.deleteByID(ctx, "cohorts", "delete cohort", msgCohortNotFound, msgCohortInUse, id)
}
