package store

import (
	"context"
	"fmt"

	"peiyang/models"
)

const certificateCols = `id, serial, year, seq, trainee_id, course_id, hours, issued_on, status,
	void_reason, replaced_by, replaces, created_at, updated_at`

func scanCertificate(s scanner) (*models.Certificate, error) {
	var c models.Certificate
	if err := s.Scan(&c.ID, &c.Serial, &c.Year, &c.Seq, &c.TraineeID, &c.CourseID, &c.Hours, &c.IssuedOn,
		&c.Status, &c.VoidReason, &c.ReplacedBy, &c.Replaces, timeCol{&c.CreatedAt}, timeCol{&c.UpdatedAt}); err != nil {
		return nil, err
	}
	return &c, nil
}

// FindCertificateByID returns the certificate, or ENOTFOUND.
func (db *DB) FindCertificateByID(ctx context.Context, id int64) (*models.Certificate, error) {
	return findOne(ctx, db.reader(ctx), "find certificate", msgCertificateNotFound, id,
		`SELECT `+certificateCols+` FROM certificates WHERE id = ?`, []any{id}, scanCertificate)
}

// FindCertificateBySerial returns the certificate with the serial, or
// ENOTFOUND.
func (db *DB) FindCertificateBySerial(ctx context.Context, serial string) (*models.Certificate, error) {
	c, err := findOne(ctx, db.reader(ctx), "find certificate", msgCertificateNotFound, serial,
		`SELECT `+certificateCols+` FROM certificates WHERE serial = ?`, []any{serial}, scanCertificate)
	if models.IsNotFound(err) {
		return nil, models.Errorf(models.ENOTFOUND, "", "Certificate {{.Serial}} not found.", "Serial", serial)
	}
	return c, err
}

// FindCertificates returns the certificates the filter selects, ordered by
// year and sequence number; AfterID continues after that certificate in
// this order.
func (db *DB) FindCertificates(ctx context.Context, f models.CertificateFilter) ([]*models.Certificate, error) {
	var c cond
	if f.CourseID != 0 {
		c.and("course_id = ?", f.CourseID)
	}
	if f.TraineeID != 0 {
		c.and("trainee_id = ?", f.TraineeID)
	}
	if f.Year != 0 {
		c.and("year = ?", f.Year)
	}
	if f.Status != "" {
		c.and("status = ?", f.Status)
	}
	if f.AfterID > 0 {
		c.and("(year, seq) > (SELECT a.year, a.seq FROM certificates a WHERE a.id = ?)", f.AfterID)
	}
	return findMany(ctx, db.reader(ctx), "find certificates",
		`SELECT `+certificateCols+` FROM certificates`+c.sql()+` ORDER BY year, seq`+limit(f.Page), c.args, scanCertificate)
}

func certificateArgs(c *models.Certificate) []any {
	return []any{c.Serial, c.Year, c.Seq, c.TraineeID, c.CourseID, c.Hours, c.IssuedOn, c.Status,
		c.VoidReason, c.ReplacedBy, c.Replaces}
}

const certificateInsert = `INSERT INTO certificates (serial, year, seq, trainee_id, course_id, hours,
	issued_on, status, void_reason, replaced_by, replaces, created_at, updated_at)
	VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`

// CreateCertificate stores a new certificate; a serial or a (year, seq)
// already taken is ECONFLICT.
func (db *DB) CreateCertificate(ctx context.Context, c *models.Certificate) error {
	now := db.stamp()
	return db.write(ctx, func(w *writeTx) error {
		id, err := w.create("certificates", "create certificate", certificateInsert,
			append(certificateArgs(c), formatTime(now), formatTime(now))...)
		if err != nil {
			return err
		}
		c.ID, c.CreatedAt, c.UpdatedAt = id, now, now
		return nil
	})
}

// UpdateCertificate saves the certificate.
func (db *DB) UpdateCertificate(ctx context.Context, c *models.Certificate) error {
	now := db.stamp()
	return db.write(ctx, func(w *writeTx) error {
		err := w.update("certificates", "update certificate", msgCertificateNotFound, byID(c.ID), c.UpdatedAt, `UPDATE certificates SET
			serial = ?, year = ?, seq = ?, trainee_id = ?, course_id = ?, hours = ?, issued_on = ?,
			status = ?, void_reason = ?, replaced_by = ?, replaces = ?, updated_at = ? WHERE id = ?`,
			append(certificateArgs(c), formatTime(now), c.ID)...)
		if err == nil {
			c.UpdatedAt = now
		}
		return err
	})
}

// There is no DeleteCertificate: a serial is never reused, so a certificate
// issued by mistake is voided with its reason, never deleted.

// LastCertificateSeq returns the highest sequence number issued in the
// year, 0 if none.
func (db *DB) LastCertificateSeq(ctx context.Context, year int) (int, error) {
	var n int
	err := db.reader(ctx).QueryRowContext(ctx, `SELECT COALESCE(MAX(seq), 0) FROM certificates WHERE year = ?`, year).Scan(&n)
	if err != nil {
		return 0, fmt.Errorf("store: last certificate number: %w", err)
	}
	return n, nil
}
