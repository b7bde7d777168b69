package store

import (
	"context"
	"time"

	"peiyang/models"
)

func scanAttendance(s scanner) (*models.Attendance, error) {
	var a models.Attendance
	if err := s.Scan(&a.SessionID, &a.TraineeID, &a.Status, timeCol{&a.RecordedAt}); err != nil {
		return nil, err
	}
	return &a, nil
}

// FindAttendance returns the sign-ins the filter selects, ordered by session
// and trainee.
func (db *DB) FindAttendance(ctx context.Context, f models.AttendanceFilter) ([]*models.Attendance, error) {
	var c cond
	if f.SessionID != 0 {
		c.and("session_id = ?", f.SessionID)
	}
	if f.CourseID != 0 {
		c.and("session_id IN (SELECT s.id FROM sessions s WHERE s.course_id = ?)", f.CourseID)
	}
	if f.TraineeID != 0 {
		c.and("trainee_id = ?", f.TraineeID)
	}
	return findMany(ctx, db.reader(ctx), "find attendance",
		`SELECT session_id, trainee_id, status, recorded_at FROM attendance`+c.sql()+
			` ORDER BY session_id, trainee_id`, c.args, scanAttendance)
}

// SetAttendance creates or replaces the record for (session, trainee);
// RecordedAt is set to now unless given.
func (db *DB) SetAttendance(ctx context.Context, a *models.Attendance) error {
	at := a.RecordedAt.UTC().Truncate(time.Microsecond)
	if a.RecordedAt.IsZero() {
		at = db.stamp()
	}
	key := rowKey{cols: []string{"session_id", "trainee_id"}, vals: []any{a.SessionID, a.TraineeID}}
	return db.write(ctx, func(w *writeTx) error {
		err := w.upsert("attendance", "set attendance", key, `INSERT INTO attendance (session_id, trainee_id, status, recorded_at)
			VALUES (?, ?, ?, ?) ON CONFLICT (session_id, trainee_id)
			DO UPDATE SET status = excluded.status, recorded_at = excluded.recorded_at`,
			a.SessionID, a.TraineeID, a.Status, formatTime(at))
		if err != nil {
			return err
		}
		a.RecordedAt = at
		return nil
	})
}

// DeleteAttendance deletes the trainee's sign-in for the session.
func (db *DB) DeleteAttendance(ctx context.Context, sessionID, traineeID int64) error {
	key := rowKey{cols: []string{"session_id", "trainee_id"}, vals: []any{sessionID, traineeID}}
	return db.write(ctx, func(w *writeTx) error {
		return w.remove("attendance", "delete attendance", msgRecordInUse, key, func() error {
			return models.Errorf(models.ENOTFOUND, "", "No sign-in of trainee {{.TraineeID}} for session {{.SessionID}} is on record.",
				"TraineeID", traineeID, "SessionID", sessionID)
		})
	})
}
