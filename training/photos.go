package training

import (
	"bytes"
	"context"
	"image/jpeg"

	"peiyang/models"
	"peiyang/photo"
)

// Trainees' photos (证件照): JPEG files of 295 × 413 pixels made by package
// photo from an image file, kept one a trainee.

// MsgNotStoredPhoto refuses a photo that package photo did not make.
const MsgNotStoredPhoto = "The photo must be a JPEG of 295 × 413 pixels made from the image file (package photo); this one is not."

// checkStored checks that jpg is a photo as package photo makes them.
func checkStored(jpg []byte) error {
	cfg, err := jpeg.DecodeConfig(bytes.NewReader(jpg))
	if err != nil || cfg.Width != photo.Width || cfg.Height != photo.Height {
		return models.Errorf(models.EINVALID, "photo", MsgNotStoredPhoto)
	}
	return nil
}

// SetPhoto stores the trainee's photo, made with photo.Make or
// photo.Prepare, replacing any.
func (s *TraineeService) SetPhoto(ctx context.Context, traineeID int64, jpg []byte) error {
	return s.SetPhotos(ctx, map[int64][]byte{traineeID: jpg})
}

// SetPhotos stores photos made by package photo, replacing the trainees'
// own, all in one transaction: all of them or none. Each is recorded in
// the audit trail (its size and digest, not the picture).
func (s *TraineeService) SetPhotos(ctx context.Context, photos map[int64][]byte) error {
	for _, jpg := range photos {
		if err := checkStored(jpg); err != nil {
			return wrap("set photo", err)
		}
	}
	return wrap("set photo", s.store.SetTraineePhotos(ctx, photos))
}

// DeletePhoto removes the trainee's photo; none is ENOTFOUND.
func (s *TraineeService) DeletePhoto(ctx context.Context, traineeID int64) error {
	return wrap("delete photo", s.store.DeleteTraineePhoto(ctx, traineeID))
}

// FindPhoto returns the trainee's photo, or ENOTFOUND.
func (s *TraineeService) FindPhoto(ctx context.Context, traineeID int64) ([]byte, error) {
	jpg, err := s.store.FindTraineePhoto(ctx, traineeID)
	return jpg, wrap("find photo", err)
}

// FindPhotos returns the photos of those of the trainees that have one,
// by trainee ID: never nil, so that a document asked to show photos shows
// empty frames for those without.
func (s *TraineeService) FindPhotos(ctx context.Context, traineeIDs []int64) (map[int64][]byte, error) {
	m, err := s.store.FindTraineePhotos(ctx, traineeIDs)
	if err != nil {
		return nil, wrap("find photos", err)
	}
	if m == nil {
		m = map[int64][]byte{}
	}
	return m, nil
}

// PhotoStats returns how many trainees have a photo and the bytes the
// photos take in the database.
func (s *TraineeService) PhotoStats(ctx context.Context) (n int, bytes int64, err error) {
	n, bytes, err = s.store.CountTraineePhotos(ctx)
	return n, bytes, wrap("count photos", err)
}
