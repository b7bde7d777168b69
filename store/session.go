package store

import (
	"context"

	"peiyang/models"
)

const sessionCols = `s.id, s.course_id, s.date, s.start_minute, s.end_minute, s.venue, s.instructor_id, s.topic, s.hours`

func scanSession(sc scanner) (*models.Session, error) {
	var s models.Session
	if err := sc.Scan(&s.ID, &s.CourseID, &s.Date, &s.Start, &s.End, &s.Venue, idCol{&s.InstructorID},
		&s.Topic, &s.Hours); err != nil {
		return nil, err
	}
	return &s, nil
}

// FindSessionByID returns the session, or ENOTFOUND.
func (db *DB) FindSessionByID(ctx context.Context, id int64) (*models.Session, error) {
	return findOne(ctx, db.reader(ctx), "find session", msgSessionNotFound, id,
		`SELECT `+sessionCols+` FROM sessions s WHERE s.id = ?`, []any{id}, scanSession)
}

// FindSessions returns the sessions the filter selects, ordered by date,
// start time and ID; AfterID continues after that session in this order.
func (db *DB) FindSessions(ctx context.Context, f models.SessionFilter) ([]*models.Session, error) {
	var c cond
	if f.CourseID != 0 {
		c.and("s.course_id = ?", f.CourseID)
	}
	if f.Venue != "" {
		c.and("s.venue = ?", f.Venue)
	}
	if f.InstructorID != 0 {
		c.and("s.instructor_id = ?", f.InstructorID)
	}
	if f.TraineeID != 0 {
		c.and(`s.course_id IN (SELECT e.course_id FROM enrolments e
			WHERE e.trainee_id = ? AND e.status IN (?, ?, ?))`,
			f.TraineeID, models.Enrolled, models.Completed, models.NotCompleted)
	}
	if !f.From.IsZero() {
		c.and("s.date >= ?", f.From)
	}
	if !f.To.IsZero() {
		c.and("s.date <= ?", f.To)
	}
	if f.AfterID > 0 {
		c.and(`(s.date, s.start_minute, s.id) >
			(SELECT a.date, a.start_minute, a.id FROM sessions a WHERE a.id = ?)`, f.AfterID)
	}
	return findMany(ctx, db.reader(ctx), "find sessions", `SELECT `+sessionCols+` FROM sessions s`+
		c.sql()+` ORDER BY s.date, s.start_minute, s.id`+limit(f.Page), c.args, scanSession)
}

func sessionArgs(s *models.Session) []any {
	return []any{s.CourseID, s.Date, int(s.Start), int(s.End), s.Venue, nullID(s.InstructorID), s.Topic, s.Hours}
}

const sessionInsert = `INSERT INTO sessions (course_id, date, start_minute, end_minute, venue,
	instructor_id, topic, hours) VALUES (?, ?, ?, ?, ?, ?, ?, ?)`

// CreateSession stores a new session.
func (db *DB) CreateSession(ctx context.Context, s *models.Session) error {
	return db.write(ctx, func(w *writeTx) error {
		id, err := w.create("sessions", "create session", sessionInsert, sessionArgs(s)...)
		if err == nil {
			s.ID = id
		}
		return err
	})
}

// UpdateSession saves the session.
func (db *DB) UpdateSession(ctx context.Context, s *models.Session) error {
	return db.write(ctx, func(w *writeTx) error {
		return w.update("sessions", "update session", msgSessionNotFound, byID(s.ID), unchecked, `UPDATE sessions SET
			course_id = ?, date = ?, start_minute = ?, end_minute = ?, venue = ?, instructor_id = ?,
			topic = ?, hours = ? WHERE id = ?`, append(sessionArgs(s), s.ID)...)
	})
}

// DeleteSession deletes a session without attendance records.
func (db *DB) DeleteSession(ctx context.Context, id int64) error {
	return db.deleteByID(ctx, "sessions", "delete session", msgSessionNotFound, msgSessionInUse, id)
}
