package store

import (
	"context"
	"encoding/json"
	"fmt"

	"peiyang/models"
)

// CreateTrainees stores many new trainees at once, with the same effect as
// CreateTrainee for each but one prepared statement and one batched write
// of the search index: an import of tens of thousands of rows takes
// seconds, not minutes. Either every trainee is stored or none.
func (db *DB) CreateTrainees(ctx context.Context, ts []*models.Trainee) error {
	if len(ts) == 0 {
		return nil
	}
	now := db.stamp()
	err := db.write(ctx, func(w *writeTx) (err error) {
		stmt, err := w.PrepareContext(ctx, traineeInsert+` RETURNING id`)
		if err != nil {
			return fmt.Errorf("store: create trainees: %w", err)
		}
		defer closeChecked(stmt, &err)
		for _, t := range ts {
			var id int64
			err := stmt.QueryRowContext(ctx, append(traineeArgs(t), formatTime(now), formatTime(now))...).Scan(&id)
			if err != nil {
				return dbErr("create trainees", err)
			}
			t.ID, t.CreatedAt, t.UpdatedAt = id, now, now
		}
		if err := insertSearchRows(w.ctx, w, indexRows(ts, db.IsPostgres()), true); err != nil {
			return err
		}
		ids := make([]int64, len(ts))
		for i, t := range ts {
			ids[i] = t.ID
		}
		detail, err := json.Marshal(map[string]any{"count": len(ts), "ids": ids})
		if err != nil {
			return fmt.Errorf("store: create trainees: %w", err)
		}
		return w.event(AuditCreate, "trainees", "", string(detail))
	})
	if err != nil {
		for _, t := range ts { // nothing was stored: leave no IDs behind
			t.ID = 0
		}
	}
	return err
}
