package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"

	"peiyang/models"
)

const returnCols = `r.id, r.trainee_id, r.village_id, r.return_date, r.post, r.notes, r.created_at, r.updated_at`

func scanReturn(s scanner) (*models.Return, error) {
	var r models.Return
	if err := s.Scan(&r.ID, &r.TraineeID, &r.VillageID, &r.ReturnDate, &r.Post, &r.Notes,
		timeCol{&r.CreatedAt}, timeCol{&r.UpdatedAt}); err != nil {
		return nil, err
	}
	return &r, nil
}

// FindReturnByID returns the return record, or ENOTFOUND.
func (db *DB) FindReturnByID(ctx context.Context, id int64) (*models.Return, error) {
	return findOne(ctx, db.reader(ctx), "find return", msgReturnNotFound, id,
		`SELECT `+returnCols+` FROM returns r WHERE r.id = ?`, []any{id}, scanReturn)
}

// FindReturns returns the return records the filter selects, by ID.
func (db *DB) FindReturns(ctx context.Context, f models.ReturnFilter) ([]*models.Return, error) {
	var c cond
	from := ` FROM returns r`
	if f.TraineeID != 0 {
		c.and("r.trainee_id = ?", f.TraineeID)
	}
	if f.VillageID != 0 {
		c.and("r.village_id = ?", f.VillageID)
	}
	if f.Region != "" {
		from += ` JOIN trainees t ON t.id = r.trainee_id`
		c.region("t.", f.Region)
	}
	c.year("r.return_date", f.Year)
	if f.AfterID > 0 {
		c.and("r.id > ?", f.AfterID)
	}
	return findMany(ctx, db.reader(ctx), "find returns",
		`SELECT `+returnCols+from+c.sql()+` ORDER BY r.id`+limit(f.Page), c.args, scanReturn)
}

// CreateReturn stores a new return record.
func (db *DB) CreateReturn(ctx context.Context, r *models.Return) error {
	now := db.stamp()
	return db.write(ctx, func(w *writeTx) error {
		id, err := w.create("returns", "create return", `INSERT INTO returns (trainee_id, village_id,
			return_date, post, notes, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?)`,
			r.TraineeID, r.VillageID, r.ReturnDate, r.Post, r.Notes, formatTime(now), formatTime(now))
		if err != nil {
			return err
		}
		r.ID, r.CreatedAt, r.UpdatedAt = id, now, now
		return nil
	})
}

// UpdateReturn saves the return record. Its trainee cannot change while
// elections refer to it.
func (db *DB) UpdateReturn(ctx context.Context, r *models.Return) error {
	now := db.stamp()
	return db.write(ctx, func(w *writeTx) error {
		err := w.update("returns", "update return", msgReturnNotFound, byID(r.ID), r.UpdatedAt, `UPDATE returns SET
			trainee_id = ?, village_id = ?, return_date = ?, post = ?, notes = ?, updated_at = ? WHERE id = ?`,
			r.TraineeID, r.VillageID, r.ReturnDate, r.Post, r.Notes, formatTime(now), r.ID)
		if err == nil {
			r.UpdatedAt = now
		}
		return err
	})
}

// DeleteReturn deletes a return record without elections.
func (db *DB) DeleteReturn(ctx context.Context, id int64) error {
	return db.deleteByID(ctx, "returns", "delete return", msgReturnNotFound, msgReturnInUse, id)
}

const electionCols = `e.id, e.return_id, e.trainee_id, e.date, e.committee, e.post, e.result,
	e.term_years, e.votes, e.created_at, e.updated_at`

func scanElection(s scanner) (*models.Election, error) {
	var e models.Election
	var votes sql.NullInt64
	if err := s.Scan(&e.ID, &e.ReturnID, &e.TraineeID, &e.Date, &e.Committee, &e.Post, &e.Result,
		&e.TermYears, &votes, timeCol{&e.CreatedAt}, timeCol{&e.UpdatedAt}); err != nil {
		return nil, err
	}
	if votes.Valid {
		v := int(votes.Int64)
		e.Votes = &v
	}
	return &e, nil
}

// votesArg is an election's votes as a column's value: NULL when not
// reported.
func votesArg(v *int) any {
	if v == nil {
		return nil
	}
	return int64(*v)
}

// FindElectionByID returns the election record, or ENOTFOUND.
func (db *DB) FindElectionByID(ctx context.Context, id int64) (*models.Election, error) {
	return findOne(ctx, db.reader(ctx), "find election", msgElectionNotFound, id,
		`SELECT `+electionCols+` FROM elections e WHERE e.id = ?`, []any{id}, scanElection)
}

// FindElections returns the election records the filter selects, by ID.
func (db *DB) FindElections(ctx context.Context, f models.ElectionFilter) ([]*models.Election, error) {
	var c cond
	from := ` FROM elections e`
	if f.ReturnID != 0 {
		c.and("e.return_id = ?", f.ReturnID)
	}
	if f.TraineeID != 0 {
		c.and("e.trainee_id = ?", f.TraineeID)
	}
	if f.Committee != "" {
		c.and("e.committee = ?", f.Committee)
	}
	if f.Post != "" {
		c.and("e.post = ?", f.Post)
	}
	if f.Result != "" {
		c.and("e.result = ?", f.Result)
	}
	c.year("e.date", f.Year)
	if f.Region != "" {
		from += ` JOIN trainees t ON t.id = e.trainee_id`
		c.region("t.", f.Region)
	}
	if f.AfterID > 0 {
		c.and("e.id > ?", f.AfterID)
	}
	return findMany(ctx, db.reader(ctx), "find elections",
		`SELECT `+electionCols+from+c.sql()+` ORDER BY e.id`+limit(f.Page), c.args, scanElection)
}

// electionTrainee fills in an election's trainee from its return when the
// caller left it 0.
func electionTrainee(ctx context.Context, q querier, op string, e *models.Election) error {
	if e.TraineeID != 0 || e.ReturnID == 0 {
		return nil
	}
	err := q.QueryRowContext(ctx, `SELECT trainee_id FROM returns WHERE id = ?`, e.ReturnID).Scan(&e.TraineeID)
	if errors.Is(err, sql.ErrNoRows) {
		return notFound(msgReturnNotFound, e.ReturnID)
	}
	if err != nil {
		return fmt.Errorf("store: %s: %w", op, err)
	}
	return nil
}

// CreateElection stores a new election record. A TraineeID of 0 is taken
// from the return; any other must be the return's trainee.
func (db *DB) CreateElection(ctx context.Context, e *models.Election) error {
	now := db.stamp()
	return db.write(ctx, func(w *writeTx) error {
		if err := electionTrainee(ctx, w, "create election", e); err != nil {
			return err
		}
		id, err := w.create("elections", "create election", `INSERT INTO elections (return_id, trainee_id, date,
			committee, post, result, term_years, votes, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
			e.ReturnID, e.TraineeID, e.Date, e.Committee, e.Post, e.Result, e.TermYears, votesArg(e.Votes),
			formatTime(now), formatTime(now))
		if err != nil {
			return err
		}
		e.ID, e.CreatedAt, e.UpdatedAt = id, now, now
		return nil
	})
}

// UpdateElection saves the election record.
func (db *DB) UpdateElection(ctx context.Context, e *models.Election) error {
	now := db.stamp()
	return db.write(ctx, func(w *writeTx) error {
		if err := electionTrainee(ctx, w, "update election", e); err != nil {
			return err
		}
		err := w.update("elections", "update election", msgElectionNotFound, byID(e.ID), e.UpdatedAt, `UPDATE elections SET
			return_id = ?, trainee_id = ?, date = ?, committee = ?, post = ?, result = ?, term_years = ?,
			votes = ?, updated_at = ? WHERE id = ?`, e.ReturnID, e.TraineeID, e.Date, e.Committee, e.Post, e.Result,
			e.TermYears, votesArg(e.Votes), formatTime(now), e.ID)
		if err == nil {
			e.UpdatedAt = now
		}
		return err
	})
}

// DeleteElection deletes an election record.
func (db *DB) DeleteElection(ctx context.Context, id int64) error {
	return db.deleteByID(ctx, "elections", "delete election", msgElectionNotFound, msgRecordInUse, id)
}

// FindReviewItems returns the records schema upgrades found breaking a
// rule they did not change, oldest first.
func (db *DB) FindReviewItems(ctx context.Context) ([]*models.ReviewItem, error) {
	return findMany(ctx, db.reader(ctx), "find review items",
		`SELECT id, version, found_at, entity, entity_id, rule FROM review_items ORDER BY id`, nil,
		func(s scanner) (*models.ReviewItem, error) {
			var r models.ReviewItem
			err := s.Scan(&r.ID, &r.Version, timeCol{&r.FoundAt}, &r.Entity, &r.EntityID, &r.Rule)
			return &r, err
		})
}
