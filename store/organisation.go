package store

import (
	"context"

	"peiyang/models"
)

const organisationCols = `id, name, kind, ` + regionCols + `, key_village, placement_capacity,
	contact_person, contact_phone, created_at, updated_at`

func scanOrganisation(s scanner) (*models.Organisation, error) {
	var o models.Organisation
	dest := []any{&o.ID, &o.Name, &o.Kind}
	dest = append(dest, regionDest(&o.Region)...)
	dest = append(dest, &o.KeyVillage, &o.PlacementCapacity, &o.ContactPerson, &o.ContactPhone,
		timeCol{&o.CreatedAt}, timeCol{&o.UpdatedAt})
	if err := s.Scan(dest...); err != nil {
		return nil, err
	}
	return &o, nil
}

// FindOrganisationByID returns the organisation, or ENOTFOUND.
func (db *DB) FindOrganisationByID(ctx context.Context, id int64) (*models.Organisation, error) {
	return findOne(ctx, db.reader(ctx), "find organisation", msgOrganisationNotFound, id,
		`SELECT `+organisationCols+` FROM organisations WHERE id = ?`, []any{id}, scanOrganisation)
}

// FindOrganisations returns the organisations the filter selects, by ID.
func (db *DB) FindOrganisations(ctx context.Context, f models.OrganisationFilter) ([]*models.Organisation, error) {
	var c cond
	if f.Kind != "" {
		c.and("kind = ?", f.Kind)
	}
	if f.KeyVillage != nil {
		c.and("key_village = ?", b2i(*f.KeyVillage))
	}
	if f.Name != "" {
		c.and("name = ?", f.Name)
	}
	c.region("", f.Region)
	if f.AfterID > 0 {
		c.and("id > ?", f.AfterID)
	}
	return findMany(ctx, db.reader(ctx), "find organisations",
		`SELECT `+organisationCols+` FROM organisations`+c.sql()+` ORDER BY id`+limit(f.Page), c.args, scanOrganisation)
}

func organisationArgs(o *models.Organisation) []any {
	args := []any{o.Name, o.Kind}
	args = append(args, regionArgs(o.Region)...)
	return append(args, o.Region.String(), b2i(o.KeyVillage), o.PlacementCapacity,
		o.ContactPerson, o.ContactPhone)
}

const organisationInsert = `INSERT INTO organisations (name, kind, ` + regionCols + `, region_text,
	key_village, placement_capacity, contact_person, contact_phone, created_at, updated_at)
	VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`

// CreateOrganisation stores a new organisation and sets its ID and times.
func (db *DB) CreateOrganisation(ctx context.Context, o *models.Organisation) error {
	now := db.stamp()
	return db.write(ctx, func(w *writeTx) error {
		args := append(organisationArgs(o), formatTime(now), formatTime(now))
		id, err := w.create("organisations", "create organisation", organisationInsert, args...)
		if err != nil {
			return err
		}
		o.ID, o.CreatedAt, o.UpdatedAt = id, now, now
		return nil
	})
}

// UpdateOrganisation saves the organisation's fields and sets UpdatedAt.
func (db *DB) UpdateOrganisation(ctx context.Context, o *models.Organisation) error {
	now := db.stamp()
	return db.write(ctx, func(w *writeTx) error {
		args := append(organisationArgs(o), formatTime(now), o.ID)
		err := w.update("organisations", "update organisation", msgOrganisationNotFound, byID(o.ID), o.UpdatedAt,
			`UPDATE organisations SET name = ?, kind = ?, region_province = ?, region_city = ?,
			region_county = ?, region_town = ?, region_village = ?, region_code = ?, region_text = ?,
			key_village = ?, placement_capacity = ?, contact_person = ?, contact_phone = ?, updated_at = ?
			WHERE id = ?`, args...)
		if err == nil {
			o.UpdatedAt = now
		}
		return err
	})
}

// DeleteOrganisation deletes an organisation that no record refers to.
func (db *DB) DeleteOrganisation(ctx context.Context, id int64) error {
	return db.deleteByID(ctx, "organisations", "delete organisation", msgOrganisationNotFound, msgOrganisationInUse, id)
}
