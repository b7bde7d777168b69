package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"

	"peiyang/models"
)

const traineeCols = `t.id, t.name, t.gender, t.ethnicity, t.birth_date, t.id_number, t.phone,
	t.education, t.joined_party, t.branch, t.direction, t.region_province, t.region_city,
	t.region_county, t.region_town, t.region_village, t.region_code, t.current_district,
	t.employer, t.nominated_by_id, t.cohort_id, t.key_target, t.notes, t.created_at, t.updated_at`

// birthDateCol scans a birth date: a stored date, or the year and month
// alone (2006-01) that trainees_masked gives a viewer.
type birthDateCol struct{ d *models.Date }

func (c birthDateCol) Scan(src any) error {
	if s, ok := src.(string); ok && len(s) == len("2006-01") {
		d, err := models.ParseDate(s + "-01")
		*c.d = d.MonthOnly()
		return err
	}
	return c.d.Scan(src)
}

func scanTrainee(s scanner) (*models.Trainee, error) {
	var t models.Trainee
	dest := []any{&t.ID, &t.Name, &t.Gender, &t.Ethnicity, birthDateCol{&t.BirthDate}, &t.IDNumber, &t.Phone,
		&t.Education, &t.JoinedParty, &t.Branch, &t.Direction}
	dest = append(dest, regionDest(&t.HomeRegion)...)
	dest = append(dest, &t.CurrentDistrict, &t.Employer, idCol{&t.NominatedByID}, idCol{&t.CohortID},
		&t.KeyTarget, &t.Notes, timeCol{&t.CreatedAt}, timeCol{&t.UpdatedAt})
	if err := s.Scan(dest...); err != nil {
		return nil, err
	}
	return &t, nil
}

// traineeCond builds the filter's conditions on the trainees table aliased
// t, without its paging fields.
func traineeCond(f models.TraineeFilter) *cond {
	var c cond
	if len(f.IDs) > 0 {
		c.and("t.id IN " + intList(f.IDs))
	}
	c.region("t.", f.Region)
	if f.CohortID != 0 {
		c.and("t.cohort_id = ?", f.CohortID)
	}
	if f.NominatedByID != 0 {
		c.and("t.nominated_by_id = ?", f.NominatedByID)
	}
	if f.Direction != "" {
		c.and("t.direction = ?", f.Direction)
	}
	if f.KeyTarget != nil {
		c.and("t.key_target = ?", b2i(*f.KeyTarget))
	}
	if f.IDNumber != "" {
		c.and("t.id_number = ?", f.IDNumber)
	}
	if len(f.IDNumbers) > 0 {
		args := make([]any, len(f.IDNumbers))
		for i, n := range f.IDNumbers {
			args[i] = n
		}
		c.and("t.id_number IN ("+strings.TrimSuffix(strings.Repeat("?,", len(args)), ",")+")", args...)
	}
	return &c
}

// FindTraineeByID returns the trainee, or ENOTFOUND.
func (db *DB) FindTraineeByID(ctx context.Context, id int64) (*models.Trainee, error) {
	return findOne(ctx, db.reader(ctx), "find trainee", msgTraineeNotFound, id,
		`SELECT `+traineeCols+` FROM `+db.traineesRead(ctx)+` t WHERE t.id = ?`, []any{id}, scanTrainee)
}

// FindTrainees returns the trainees the filter selects, by ID.
func (db *DB) FindTrainees(ctx context.Context, f models.TraineeFilter) ([]*models.Trainee, error) {
	c := traineeCond(f)
	if f.AfterID > 0 {
		c.and("t.id > ?", f.AfterID)
	}
	return findMany(ctx, db.reader(ctx), "find trainees",
		`SELECT `+traineeCols+` FROM `+db.traineesRead(ctx)+` t`+c.sql()+` ORDER BY t.id`+limit(f.Page), c.args, scanTrainee)
}

// CountTrainees counts the trainees the filter selects, paging aside.
func (db *DB) CountTrainees(ctx context.Context, f models.TraineeFilter) (int, error) {
	c := traineeCond(f)
	var n int
	if err := db.reader(ctx).QueryRowContext(ctx, `SELECT COUNT(*) FROM `+db.traineesRead(ctx)+` t`+c.sql(), c.args...).Scan(&n); err != nil {
		return 0, fmt.Errorf("store: count trainees: %w", err)
	}
	return n, nil
}

// traineeArgs are the values of every column but id and the timestamps, in
// the order of traineeInsert.
func traineeArgs(t *models.Trainee) []any {
	args := []any{t.Name, t.Gender, t.Ethnicity, t.BirthDate, t.IDNumber, t.Phone, t.Education,
		t.JoinedParty, t.Branch, t.Direction}
	args = append(args, regionArgs(t.HomeRegion)...)
	return append(args, t.HomeRegion.String(), t.CurrentDistrict, t.Employer,
		nullID(t.NominatedByID), nullID(t.CohortID), b2i(t.KeyTarget), t.Notes)
}

const traineeInsertCols = `name, gender, ethnicity, birth_date, id_number, phone, education,
	joined_party, branch, direction, ` + regionCols + `, region_text, current_district, employer,
	nominated_by_id, cohort_id, key_target, notes, created_at, updated_at`

const traineeInsert = `INSERT INTO trainees (` + traineeInsertCols + `)
	VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`

// CreateTrainee stores a new trainee and adds it to the search index.
func (db *DB) CreateTrainee(ctx context.Context, t *models.Trainee) error {
	now := db.stamp()
	return db.write(ctx, func(w *writeTx) error {
		args := append(traineeArgs(t), formatTime(now), formatTime(now))
		id, err := w.create("trainees", "create trainee", traineeInsert, args...)
		if err != nil {
			return err
		}
		if err := reindexTrainee(ctx, w, id, nil, searchFieldsOf(t)); err != nil {
			return err
		}
		t.ID, t.CreatedAt, t.UpdatedAt = id, now, now
		return nil
	})
}

// oldSearchFields reads what the search index holds of a stored trainee;
// nil when there is no such trainee.
func oldSearchFields(ctx context.Context, q querier, id int64) (*searchFields, error) {
	var f searchFields
	err := q.QueryRowContext(ctx, `SELECT name, id_number, phone, region_city FROM trainees WHERE id = ?`, id).
		Scan(&f.name, &f.idNumber, &f.phone, &f.region)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	return &f, nil
}

// UpdateTrainee saves the trainee and brings its search keys up to date.
func (db *DB) UpdateTrainee(ctx context.Context, t *models.Trainee) error {
	now := db.stamp()
	return db.write(ctx, func(w *writeTx) error {
		old, err := oldSearchFields(ctx, w, t.ID)
		if err != nil {
			return fmt.Errorf("store: update trainee: %w", err)
		}
		if old == nil {
			return notFound(msgTraineeNotFound, t.ID)
		}
		moved := old.region != t.HomeRegion.City
		if moved { // reindexTrainee moves the keys
			if err := movingKeys(ctx, w, t.ID); err != nil {
				return err
			}
		}
		args := append(traineeArgs(t), formatTime(now), t.ID)
		err = w.update("trainees", "update trainee", msgTraineeNotFound, byID(t.ID), t.UpdatedAt, `UPDATE trainees SET
			name = ?, gender = ?, ethnicity = ?, birth_date = ?, id_number = ?, phone = ?, education = ?,
			joined_party = ?, branch = ?, direction = ?, region_province = ?, region_city = ?,
			region_county = ?, region_town = ?, region_village = ?, region_code = ?, region_text = ?,
			current_district = ?, employer = ?, nominated_by_id = ?, cohort_id = ?, key_target = ?,
			notes = ?, updated_at = ? WHERE id = ?`, args...)
		if err != nil {
			return err
		}
		if moved {
			if err := movingKeys(ctx, w, 0); err != nil {
				return err
			}
		}
		if err := reindexTrainee(ctx, w, t.ID, old, searchFieldsOf(t)); err != nil {
			return err
		}
		t.UpdatedAt = now
		return nil
	})
}

// DeleteTrainee deletes a trainee who has no records in the programme, and
// the trainee's search keys.
func (db *DB) DeleteTrainee(ctx context.Context, id int64) error {
	return db.write(ctx, func(w *writeTx) error {
		old, err := oldSearchFields(ctx, w, id)
		if err != nil {
			return fmt.Errorf("store: delete trainee: %w", err)
		}
		if old == nil {
			return notFound(msgTraineeNotFound, id)
		}
		err = w.remove("trainees", "delete trainee", msgTraineeInUse, byID(id), func() error {
			return notFound(msgTraineeNotFound, id)
		})
		if err != nil {
			return err
		}
		return reindexTrainee(ctx, w, id, old, nil)
	})
}
