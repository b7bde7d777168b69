package store

import (
	"context"
	"database/sql"
	"errors"
	"time"

	"peiyang/models"
)

const enrolmentCols = `id, course_id, trainee_id, status, wait_position, score, reason, enrolled_at, updated_at`

func scanEnrolment(s scanner) (*models.Enrolment, error) {
	var e models.Enrolment
	var score sql.NullFloat64
	if err := s.Scan(&e.ID, &e.CourseID, &e.TraineeID, &e.Status, &e.WaitPosition, &score, &e.Reason,
		timeCol{&e.EnrolledAt}, timeCol{&e.UpdatedAt}); err != nil {
		return nil, err
	}
	if score.Valid {
		e.Score = &score.Float64
	}
	return &e, nil
}

// FindEnrolmentByID returns the enrolment, or ENOTFOUND.
func (db *DB) FindEnrolmentByID(ctx context.Context, id int64) (*models.Enrolment, error) {
	return findOne(ctx, db.reader(ctx), "find enrolment", msgEnrolmentNotFound, id,
		`SELECT `+enrolmentCols+` FROM enrolments WHERE id = ?`, []any{id}, scanEnrolment)
}

// FindEnrolment returns the trainee's enrolment on the course, of any
// status, or ENOTFOUND.
func (db *DB) FindEnrolment(ctx context.Context, courseID, traineeID int64) (*models.Enrolment, error) {
	e, err := scanEnrolment(db.reader(ctx).QueryRowContext(ctx,
		`SELECT `+enrolmentCols+` FROM enrolments WHERE course_id = ? AND trainee_id = ?`, courseID, traineeID))
	if errors.Is(err, sql.ErrNoRows) {
		return nil, models.Errorf(models.ENOTFOUND, "", "Trainee {{.TraineeID}} is not on course {{.CourseID}}.",
			"TraineeID", traineeID, "CourseID", courseID)
	}
	if err != nil {
		return nil, dbErr("find enrolment", err)
	}
	return e, nil
}

// FindEnrolments returns the enrolments the filter selects, by ID; with
// Status Waitlisted, by waiting-list position. AfterID continues after that
// enrolment in the same order.
func (db *DB) FindEnrolments(ctx context.Context, f models.EnrolmentFilter) ([]*models.Enrolment, error) {
	var c cond
	if f.CourseID != 0 {
		c.and("course_id = ?", f.CourseID)
	}
	if f.TraineeID != 0 {
		c.and("trainee_id = ?", f.TraineeID)
	}
	if f.Status != "" {
		c.and("status = ?", f.Status)
	}
	order := " ORDER BY id"
	if f.Status == models.Waitlisted {
		order = " ORDER BY wait_position, id"
		if f.AfterID > 0 {
			c.and(`(wait_position, id) > (SELECT a.wait_position, a.id FROM enrolments a WHERE a.id = ?)`, f.AfterID)
		}
	} else if f.AfterID > 0 {
		c.and("id > ?", f.AfterID)
	}
	return findMany(ctx, db.reader(ctx), "find enrolments",
		`SELECT `+enrolmentCols+` FROM enrolments`+c.sql()+order+limit(f.Page), c.args, scanEnrolment)
}

func scoreArg(s *float64) any {
	if s == nil {
		return nil
	}
	return *s
}

// CreateEnrolment stores a new enrolment; EnrolledAt is set to now unless
// given.
func (db *DB) CreateEnrolment(ctx context.Context, e *models.Enrolment) error {
	now := db.stamp()
	enrolled := e.EnrolledAt.UTC().Truncate(time.Microsecond)
	if enrolled.IsZero() {
		enrolled = now
	}
	return db.write(ctx, func(w *writeTx) error {
		id, err := w.create("enrolments", "create enrolment", `INSERT INTO enrolments (course_id, trainee_id,
			status, wait_position, score, reason, enrolled_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
			e.CourseID, e.TraineeID, e.Status, e.WaitPosition, scoreArg(e.Score), e.Reason,
			formatTime(enrolled), formatTime(now))
		if err != nil {
			return err
		}
		e.ID, e.EnrolledAt, e.UpdatedAt = id, enrolled, now
		return nil
	})
}

// UpdateEnrolment saves the enrolment.
func (db *DB) UpdateEnrolment(ctx context.Context, e *models.Enrolment) error {
	now := db.stamp()
	if e.EnrolledAt.IsZero() {
		e.EnrolledAt = now
	}
	return db.write(ctx, func(w *writeTx) error {
		err := w.update("enrolments", "update enrolment", msgEnrolmentNotFound, byID(e.ID), e.UpdatedAt, `UPDATE enrolments SET
			course_id = ?, trainee_id = ?, status = ?, wait_position = ?, score = ?, reason = ?,
			enrolled_at = ?, updated_at = ? WHERE id = ?`, e.CourseID, e.TraineeID, e.Status, e.WaitPosition,
			scoreArg(e.Score), e.Reason, formatTime(e.EnrolledAt), formatTime(now), e.ID)
		if err == nil {
			e.UpdatedAt = now
		}
		return err
	})
}

// DeleteEnrolment deletes an enrolment.
func (db *DB) DeleteEnrolment(ctx context.Context, id int64) error {
	return db.deleteByID(ctx, "enrolments", "delete enrolment", msgEnrolmentNotFound, msgRecordInUse, id)
}
