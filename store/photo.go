package store

import (
	"context"
	"crypto/sha256"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"sort"
	"strconv"
)

const msgNoPhoto = "Trainee {{.ID}} has no photo."

// Photos are kept in trainee_photos, one JPEG per trainee (see package
// photo). The audit trail records each change as an event with the
// photo's size and SHA-256, never the picture itself.

// photoEntry is the audit detail of a photo written.
func photoEntry(jpeg []byte) string {
	b, _ := json.Marshal(map[string]any{"bytes": len(jpeg), "sha256": fmt.Sprintf("%x", sha256.Sum256(jpeg))})
	return string(b)
}

// SetTraineePhoto stores the trainee's photo, replacing any.
func (db *DB) SetTraineePhoto(ctx context.Context, traineeID int64, jpeg []byte) error {
	return db.SetTraineePhotos(ctx, map[int64][]byte{traineeID: jpeg})
}

// SetTraineePhotos stores the photos of the trainees, replacing theirs,
// all in one transaction: all of them or none. A trainee that does not
// exist is ENOTFOUND.
func (db *DB) SetTraineePhotos(ctx context.Context, photos map[int64][]byte) error {
	ids := make([]int64, 0, len(photos))
	for id := range photos {
		ids = append(ids, id)
	}
	sort.Slice(ids, func(i, j int) bool { return ids[i] < ids[j] })
	now := formatTime(db.stamp())
	return db.write(ctx, func(w *writeTx) error {
		for _, id := range ids {
			var one int
			err := w.QueryRowContext(ctx, `SELECT 1 FROM trainees WHERE id = ?`, id).Scan(&one)
			if errors.Is(err, sql.ErrNoRows) {
				return notFound(msgTraineeNotFound, id)
			}
			if err != nil {
				return dbErr("set photo", err)
			}
			_, err = w.ExecContext(ctx, `INSERT INTO trainee_photos (trainee_id, jpeg, updated_at) VALUES (?, ?, ?)
				ON CONFLICT (trainee_id) DO UPDATE SET jpeg = excluded.jpeg, updated_at = excluded.updated_at`, id, photos[id], now)
			if err != nil {
				return dbErr("set photo", err)
			}
			if err := w.event("photo.set", "trainee_photos", strconv.FormatInt(id, 10), photoEntry(photos[id])); err != nil {
				return err
			}
		}
		return nil
	})
}

// DeleteTraineePhoto removes the trainee's photo; none is ENOTFOUND.
func (db *DB) DeleteTraineePhoto(ctx context.Context, traineeID int64) error {
	return db.write(ctx, func(w *writeTx) error {
		gone, err := deletePhoto(ctx, w, traineeID)
		if err == nil && !gone {
			err = notFound(msgNoPhoto, traineeID)
		}
		return err
	})
}

// deletePhoto removes the trainee's photo, if any, and records it.
func deletePhoto(ctx context.Context, w *writeTx, traineeID int64) (bool, error) {
	res, err := w.ExecContext(ctx, `DELETE FROM trainee_photos WHERE trainee_id = ?`, traineeID)
	if err != nil {
		return false, dbErr("delete photo", err)
	}
	if n, err := res.RowsAffected(); err != nil || n == 0 {
		return false, err
	}
	return true, w.event("photo.delete", "trainee_photos", strconv.FormatInt(traineeID, 10), `{"deleted":true}`)
}

// FindTraineePhoto returns the trainee's photo, or ENOTFOUND.
func (db *DB) FindTraineePhoto(ctx context.Context, traineeID int64) ([]byte, error) {
	var jpeg []byte
	err := db.reader(ctx).QueryRowContext(ctx, `SELECT jpeg FROM trainee_photos WHERE trainee_id = ?`, traineeID).Scan(&jpeg)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, notFound(msgNoPhoto, traineeID)
	}
	if err != nil {
		return nil, fmt.Errorf("store: find photo: %w", err)
	}
	return jpeg, nil
}

// FindTraineePhotos returns the photos of those of the trainees that have
// one, by trainee.
func (db *DB) FindTraineePhotos(ctx context.Context, traineeIDs []int64) (map[int64][]byte, error) {
	out := map[int64][]byte{}
	for start := 0; start < len(traineeIDs); start += 500 {
		part := traineeIDs[start:min(start+500, len(traineeIDs))]
		err := queryRows(ctx, db.reader(ctx), `SELECT trainee_id, jpeg FROM trainee_photos WHERE trainee_id IN `+intList(part), nil,
			func(rows *sql.Rows) error {
				var id int64
				var jpeg []byte
				if err := rows.Scan(&id, &jpeg); err != nil {
					return err
				}
				out[id] = jpeg
				return nil
			})
		if err != nil {
			return nil, fmt.Errorf("store: find photos: %w", err)
		}
	}
	return out, nil
}

// CountTraineePhotos returns how many trainees have a photo and the bytes
// the photos take.
func (db *DB) CountTraineePhotos(ctx context.Context) (n int, bytes int64, err error) {
	err = db.reader(ctx).QueryRowContext(ctx, `SELECT COUNT(*), COALESCE(SUM(length(jpeg)), 0) FROM trainee_photos`).Scan(&n, &bytes)
	if err != nil {
		return 0, 0, fmt.Errorf("store: count photos: %w", err)
	}
	return n, bytes, nil
}
