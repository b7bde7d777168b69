package store

import (
	"context"

	"peiyang/models"
)

const courseCols = `id, theme, title, cohort_id, start_date, end_date, venue, capacity, required_hours,
	min_attendance_rate, min_hours, pass_score, require_placement, status, created_at, updated_at`

func scanCourse(s scanner) (*models.Course, error) {
	var c models.Course
	if err := s.Scan(&c.ID, &c.Theme, &c.Title, idCol{&c.CohortID}, &c.StartDate, &c.EndDate, &c.Venue,
		&c.Capacity, &c.RequiredHours, &c.Rule.MinAttendanceRate, &c.Rule.MinHours, &c.Rule.PassScore,
		&c.Rule.RequirePlacement, &c.Status, timeCol{&c.CreatedAt}, timeCol{&c.UpdatedAt}); err != nil {
		return nil, err
	}
	return &c, nil
}

// FindCourseByID returns the course, or ENOTFOUND.
func (db *DB) FindCourseByID(ctx context.Context, id int64) (*models.Course, error) {
	return findOne(ctx, db.reader(ctx), "find course", msgCourseNotFound, id,
		`SELECT `+courseCols+` FROM courses WHERE id = ?`, []any{id}, scanCourse)
}

// FindCourses returns the courses the filter selects, by ID.
func (db *DB) FindCourses(ctx context.Context, f models.CourseFilter) ([]*models.Course, error) {
	var c cond
	if f.CohortID != 0 {
		c.and("cohort_id = ?", f.CohortID)
	}
	if f.Theme != "" {
		c.and("theme = ?", f.Theme)
	}
	if f.Status != "" {
		c.and("status = ?", f.Status)
	}
	c.year("start_date", f.Year)
	if f.AfterID > 0 {
		c.and("id > ?", f.AfterID)
	}
	return findMany(ctx, db.reader(ctx), "find courses",
		`SELECT `+courseCols+` FROM courses`+c.sql()+` ORDER BY id`+limit(f.Page), c.args, scanCourse)
}

func courseArgs(c *models.Course) []any {
	return []any{c.Theme, c.Title, nullID(c.CohortID), c.StartDate, c.EndDate, c.Venue, c.Capacity,
		c.RequiredHours, c.Rule.MinAttendanceRate, c.Rule.MinHours, c.Rule.PassScore,
		b2i(c.Rule.RequirePlacement), c.Status}
}

const courseInsert = `INSERT INTO courses (theme, title, cohort_id, start_date, end_date, venue,
	capacity, required_hours, min_attendance_rate, min_hours, pass_score, require_placement, status,
	created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`

// CreateCourse stores a new course.
func (db *DB) CreateCourse(ctx context.Context, c *models.Course) error {
	now := db.stamp()
	return db.write(ctx, func(w *writeTx) error {
		id, err := w.create("courses", "create course", courseInsert,
			append(courseArgs(c), formatTime(now), formatTime(now))...)
		if err != nil {
			return err
		}
		c.ID, c.CreatedAt, c.UpdatedAt = id, now, now
		return nil
	})
}

// UpdateCourse saves the course.
func (db *DB) UpdateCourse(ctx context.Context, c *models.Course) error {
	now := db.stamp()
	return db.write(ctx, func(w *writeTx) error {
		err := w.update("courses", "update course", msgCourseNotFound, byID(c.ID), c.UpdatedAt, `UPDATE courses SET
			theme = ?, title = ?, cohort_id = ?, start_date = ?, end_date = ?, venue = ?, capacity = ?,
			required_hours = ?, min_attendance_rate = ?, min_hours = ?, pass_score = ?,
			require_placement = ?, status = ?, updated_at = ? WHERE id = ?`,
			append(courseArgs(c), formatTime(now), c.ID)...)
		if err == nil {
			c.UpdatedAt = now
		}
		return err
	})
}

// DeleteCourse deletes a course without enrolments or certificates, with
// its sessions as long as none has attendance.
func (db *DB) DeleteCourse(ctx context.Context, id int64) error {
	return db.deleteByID(ctx, "courses", "delete course", msgCourseNotFound, msgCourseInUse, id)
}
