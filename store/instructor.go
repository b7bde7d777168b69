package store

import (
	"context"
	"database/sql"
	"fmt"

	"peiyang/models"
)

const instructorCols = `id, name, position, organisation, phone, ` + regionCols + `, max_mentees, created_at, updated_at`

func scanInstructor(s scanner) (*models.Instructor, error) {
	i := models.Instructor{Themes: []models.Theme{}}
	dest := []any{&i.ID, &i.Name, &i.Position, &i.Organisation, &i.Phone}
	dest = append(dest, regionDest(&i.HomeRegion)...)
	dest = append(dest, &i.MaxMentees, timeCol{&i.CreatedAt}, timeCol{&i.UpdatedAt})
	if err := s.Scan(dest...); err != nil {
		return nil, err
	}
	return &i, nil
}

// loadThemes fills in the instructors' themes.
func loadThemes(ctx context.Context, q querier, is []*models.Instructor) error {
	if len(is) == 0 {
		return nil
	}
	byID := make(map[int64]*models.Instructor, len(is))
	ids := make([]int64, len(is))
	for n, i := range is {
		byID[i.ID], ids[n] = i, i.ID
	}
	return queryRows(ctx, q, `SELECT instructor_id, theme FROM instructor_themes
		WHERE instructor_id IN `+intList(ids)+` ORDER BY instructor_id, position`, nil,
		func(rows *sql.Rows) error {
			var id int64
			var t models.Theme
			if err := rows.Scan(&id, &t); err != nil {
				return err
			}
			byID[id].Themes = append(byID[id].Themes, t)
			return nil
		})
}

// FindInstructorByID returns the instructor, or ENOTFOUND.
func (db *DB) FindInstructorByID(ctx context.Context, id int64) (*models.Instructor, error) {
	q := db.reader(ctx)
	i, err := findOne(ctx, q, "find instructor", msgInstructorNotFound, id,
		`SELECT `+instructorCols+` FROM instructors WHERE id = ?`, []any{id}, scanInstructor)
	if err != nil {
		return nil, err
	}
	if err := loadThemes(ctx, q, []*models.Instructor{i}); err != nil {
		return nil, fmt.Errorf("store: find instructor: %w", err)
	}
	return i, nil
}

// FindInstructors returns the instructors the filter selects, by ID. Name
// matches any part of the name.
func (db *DB) FindInstructors(ctx context.Context, f models.InstructorFilter) ([]*models.Instructor, error) {
	var c cond
	if f.Theme != "" {
		c.and("EXISTS (SELECT 1 FROM instructor_themes t WHERE t.instructor_id = instructors.id AND t.theme = ?)", f.Theme)
	}
	if f.MentorOnly {
		c.and("max_mentees > 0")
	}
	if f.Name != "" {
		c.and(containsCond("name"), likeContains(f.Name))
	}
	if f.AfterID > 0 {
		c.and("id > ?", f.AfterID)
	}
	q := db.reader(ctx)
	is, err := findMany(ctx, q, "find instructors",
		`SELECT `+instructorCols+` FROM instructors`+c.sql()+` ORDER BY id`+limit(f.Page), c.args, scanInstructor)
	if err != nil {
		return nil, err
	}
	if err := loadThemes(ctx, q, is); err != nil {
		return nil, fmt.Errorf("store: find instructors: %w", err)
	}
	return is, nil
}

func instructorArgs(i *models.Instructor) []any {
	args := []any{i.Name, i.Position, i.Organisation, i.Phone}
	args = append(args, regionArgs(i.HomeRegion)...)
	return append(args, i.MaxMentees)
}

// writeThemes replaces the instructor's themes.
func writeThemes(ctx context.Context, q querier, op string, id int64, themes []models.Theme) error {
	if _, err := q.ExecContext(ctx, `DELETE FROM instructor_themes WHERE instructor_id = ?`, id); err != nil {
		return dbErr(op, err)
	}
	for n, t := range themes {
		if _, err := q.ExecContext(ctx, `INSERT INTO instructor_themes (instructor_id, theme, position)
			VALUES (?, ?, ?)`, id, t, n); err != nil {
			return dbErr(op, err)
		}
	}
	return nil
}

// CreateInstructor stores a new instructor with the themes.
func (db *DB) CreateInstructor(ctx context.Context, i *models.Instructor) error {
	now := db.stamp()
	return db.write(ctx, func(w *writeTx) error {
		args := append(instructorArgs(i), formatTime(now), formatTime(now))
		id, err := w.create("instructors", "create instructor", `INSERT INTO instructors
			(name, position, organisation, phone, `+regionCols+`, max_mentees, created_at, updated_at)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`, args...)
		if err != nil {
			return err
		}
		if err := writeThemes(ctx, w, "create instructor", id, i.Themes); err != nil {
			return err
		}
		i.ID, i.CreatedAt, i.UpdatedAt = id, now, now
		return nil
	})
}

// UpdateInstructor saves the instructor and the themes.
func (db *DB) UpdateInstructor(ctx context.Context, i *models.Instructor) error {
	now := db.stamp()
	return db.write(ctx, func(w *writeTx) error {
		args := append(instructorArgs(i), formatTime(now), i.ID)
		err := w.update("instructors", "update instructor", msgInstructorNotFound, byID(i.ID), i.UpdatedAt,
			`UPDATE instructors SET name = ?, position = ?, organisation = ?, phone = ?,
			region_province = ?, region_city = ?, region_county = ?, region_town = ?, region_village = ?,
			region_code = ?, max_mentees = ?, updated_at = ? WHERE id = ?`, args...)
		if err != nil {
			return err
		}
		if err := writeThemes(ctx, w, "update instructor", i.ID, i.Themes); err != nil {
			return err
		}
		i.UpdatedAt = now
		return nil
	})
}

// DeleteInstructor deletes an instructor without sessions or mentorships.
func (db *DB) DeleteInstructor(ctx context.Context, id int64) error {
	return db.deleteByID(ctx, "instructors", "delete instructor", msgInstructorNotFound, msgInstructorInUse, id)
}
