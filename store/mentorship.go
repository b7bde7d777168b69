package store

import (
	"context"

	"peiyang/models"
)

const mentorshipCols = `id, mentor_id, trainee_id, start_date, end_date, goals, created_at, updated_at`

func scanMentorship(s scanner) (*models.Mentorship, error) {
	var m models.Mentorship
	if err := s.Scan(&m.ID, &m.MentorID, &m.TraineeID, &m.StartDate, &m.EndDate, &m.Goals,
		timeCol{&m.CreatedAt}, timeCol{&m.UpdatedAt}); err != nil {
		return nil, err
	}
	return &m, nil
}

// FindMentorshipByID returns the mentorship, or ENOTFOUND.
func (db *DB) FindMentorshipByID(ctx context.Context, id int64) (*models.Mentorship, error) {
	return findOne(ctx, db.reader(ctx), "find mentorship", msgMentorshipNotFound, id,
		`SELECT `+mentorshipCols+` FROM mentorships WHERE id = ?`, []any{id}, scanMentorship)
}

// FindMentorships returns the mentorships the filter selects, by ID.
func (db *DB) FindMentorships(ctx context.Context, f models.MentorshipFilter) ([]*models.Mentorship, error) {
	var c cond
	if f.MentorID != 0 {
		c.and("mentor_id = ?", f.MentorID)
	}
	if f.TraineeID != 0 {
		c.and("trainee_id = ?", f.TraineeID)
	}
	if !f.ActiveOn.IsZero() {
		c.and("start_date <= ? AND (end_date IS NULL OR end_date >= ?)", f.ActiveOn, f.ActiveOn)
	}
	if f.AfterID > 0 {
		c.and("id > ?", f.AfterID)
	}
	return findMany(ctx, db.reader(ctx), "find mentorships",
		`SELECT `+mentorshipCols+` FROM mentorships`+c.sql()+` ORDER BY id`+limit(f.Page), c.args, scanMentorship)
}

// CreateMentorship stores a new mentorship.
func (db *DB) CreateMentorship(ctx context.Context, m *models.Mentorship) error {
	now := db.stamp()
	return db.write(ctx, func(w *writeTx) error {
		id, err := w.create("mentorships", "create mentorship", `INSERT INTO mentorships (mentor_id, trainee_id,
			start_date, end_date, goals, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?)`,
			m.MentorID, m.TraineeID, m.StartDate, m.EndDate, m.Goals, formatTime(now), formatTime(now))
		if err != nil {
			return err
		}
		m.ID, m.CreatedAt, m.UpdatedAt = id, now, now
		return nil
	})
}

// UpdateMentorship saves the mentorship.
func (db *DB) UpdateMentorship(ctx context.Context, m *models.Mentorship) error {
	now := db.stamp()
	return db.write(ctx, func(w *writeTx) error {
		err := w.update("mentorships", "update mentorship", msgMentorshipNotFound, byID(m.ID), m.UpdatedAt, `UPDATE mentorships SET
			mentor_id = ?, trainee_id = ?, start_date = ?, end_date = ?, goals = ?, updated_at = ?
			WHERE id = ?`, m.MentorID, m.TraineeID, m.StartDate, m.EndDate, m.Goals, formatTime(now), m.ID)
		if err == nil {
			m.UpdatedAt = now
		}
		return err
	})
}

// DeleteMentorship deletes a mentorship without contact log entries.
func (db *DB) DeleteMentorship(ctx context.Context, id int64) error {
	return db.deleteByID(ctx, "mentorships", "delete mentorship", msgMentorshipNotFound, msgMentorshipInUse, id)
}

const contactCols = `id, mentorship_id, date, mode, summary, created_at`

func scanContact(s scanner) (*models.Contact, error) {
	var c models.Contact
	if err := s.Scan(&c.ID, &c.MentorshipID, &c.Date, &c.Mode, &c.Summary, timeCol{&c.CreatedAt}); err != nil {
		return nil, err
	}
	return &c, nil
}

// FindContactByID returns the contact log entry, or ENOTFOUND.
func (db *DB) FindContactByID(ctx context.Context, id int64) (*models.Contact, error) {
	return findOne(ctx, db.reader(ctx), "find contact", msgContactNotFound, id,
		`SELECT `+contactCols+` FROM contacts WHERE id = ?`, []any{id}, scanContact)
}

// FindContacts returns the contact log entries the filter selects, ordered
// by date and ID; AfterID continues after that entry in this order.
func (db *DB) FindContacts(ctx context.Context, f models.ContactFilter) ([]*models.Contact, error) {
	var c cond
	if f.MentorshipID != 0 {
		c.and("mentorship_id = ?", f.MentorshipID)
	}
	if f.AfterID > 0 {
		c.and("(date, id) > (SELECT a.date, a.id FROM contacts a WHERE a.id = ?)", f.AfterID)
	}
	return findMany(ctx, db.reader(ctx), "find contacts",
		`SELECT `+contactCols+` FROM contacts`+c.sql()+` ORDER BY date, id`+limit(f.Page), c.args, scanContact)
}

// CreateContact stores a new contact log entry.
func (db *DB) CreateContact(ctx context.Context, c *models.Contact) error {
	now := db.stamp()
	return db.write(ctx, func(w *writeTx) error {
		id, err := w.create("contacts", "create contact", `INSERT INTO contacts (mentorship_id, date, mode,
			summary, created_at) VALUES (?, ?, ?, ?, ?)`, c.MentorshipID, c.Date, c.Mode, c.Summary, formatTime(now))
		if err != nil {
			return err
		}
		c.ID, c.CreatedAt = id, now
		return nil
	})
}

// UpdateContact saves the contact log entry.
func (db *DB) UpdateContact(ctx context.Context, c *models.Contact) error {
	return db.write(ctx, func(w *writeTx) error {
		return w.update("contacts", "update contact", msgContactNotFound, byID(c.ID), unchecked, `UPDATE contacts SET
			mentorship_id = ?, date = ?, mode = ?, summary = ? WHERE id = ?`,
			c.MentorshipID, c.Date, c.Mode, c.Summary, c.ID)
	})
}

// DeleteContact deletes a contact log entry.
func (db *DB) DeleteContact(ctx context.Context, id int64) error {
	return db.deleteByID(ctx, "contacts", "delete contact", msgContactNotFound, msgRecordInUse, id)
}
