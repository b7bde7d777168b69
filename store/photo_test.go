package store_test

import (
	"bytes"
	"testing"

	"peiyang/models"
)

// TestPhotos stores, replaces, reads and removes photos; a photo goes
// with its trainee, and with de-identification.
func TestPhotos(t *testing.T) {
	f := newFixture(t)
	a, b, c := f.trainees[0].ID, f.trainees[1].ID, f.trainees[2].ID
	if _, err := f.db.FindTraineePhoto(ctx, a); models.ErrorCode(err) != models.ENOTFOUND {
		t.Fatalf("no photo yet: %v", err)
	}
	must(t, f.db.SetTraineePhotos(ctx, map[int64][]byte{a: []byte("photo a"), b: []byte("photo b")}))
	must(t, f.db.SetTraineePhoto(ctx, a, []byte("photo a, again")))
	if got, err := f.db.FindTraineePhoto(ctx, a); err != nil || string(got) != "photo a, again" {
		t.Errorf("photo of a: %q %v", got, err)
	}
	m, err := f.db.FindTraineePhotos(ctx, []int64{a, b, c})
	must(t, err)
	if len(m) != 2 || !bytes.Equal(m[b], []byte("photo b")) || m[c] != nil {
		t.Errorf("photos %v", m)
	}
	if n, size, err := f.db.CountTraineePhotos(ctx); err != nil || n != 2 || size != int64(len("photo a, again")+len("photo b")) {
		t.Errorf("count: %d, %d bytes, %v", n, size, err)
	}
	// A trainee that does not exist: nothing is stored, of any photo.
	err = f.db.SetTraineePhotos(ctx, map[int64][]byte{c: []byte("photo c"), 999: []byte("nobody")})
	if models.ErrorCode(err) != models.ENOTFOUND {
		t.Errorf("a photo of trainee 999: %v", err)
	}
	if _, err := f.db.FindTraineePhoto(ctx, c); models.ErrorCode(err) != models.ENOTFOUND {
		t.Errorf("c's photo was stored though the batch failed: %v", err)
	}
	must(t, f.db.DeleteTraineePhoto(ctx, b))
	if err := f.db.DeleteTraineePhoto(ctx, b); models.ErrorCode(err) != models.ENOTFOUND {
		t.Errorf("deleting a deleted photo: %v", err)
	}
	// De-identification removes the photo.
	must(t, f.db.Deidentify(ctx, []int64{a}))
	if _, err := f.db.FindTraineePhoto(ctx, a); models.ErrorCode(err) != models.ENOTFOUND {
		t.Errorf("a de-identified trainee keeps the photo: %v", err)
	}
}
