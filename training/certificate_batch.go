package training

import (
	"context"
	"crypto/ed25519"

	"peiyang/certsign"
	"peiyang/internal/parallel"
	"peiyang/models"
)

// Loading a course's certificates to print: the valid ones, each with its
// signed QR code, and the trainees who completed but hold none.

// CertificateItem is one certificate as printed.
type CertificateItem struct {
	TraineeID int64
	Serial    string
	Name      string
	Gender    models.Gender
	Course    string
	Theme     models.Theme
	Start     models.Date
	End       models.Date
	Hours     float64
	IssuedOn  models.Date
	// Assessed says the course has an assessment (a pass score): only
	// then does the wording say 经考核合格.
	Assessed bool
	// Code is the signed text of the QR code (see certsign); empty for
	// none.
	Code string
	// Photo is the holder's photo (a JPEG of package photo) once
	// LoadPhotos has read it; nil for none.
	Photo []byte
}

// CertificateBatch is the certificates of a course to print.
type CertificateBatch struct {
	Course *models.Course
	Items  []CertificateItem
	// Pending are the trainees who completed the course but hold no valid
	// certificate for it: `peiyang certificates issue` has not been run
	// since, or their certificate was voided.
	Pending []*models.Trainee
}

// LoadBatch gathers the valid certificates of a course, in serial order,
// and signs their QR codes with the signing key (made on first use). A
// void certificate is not printed; a replaced one is printed as its
// replacement, which is valid. With traineeID, only that trainee's
// certificate is printed, and a trainee without one is an ECONFLICT error
// saying who and why. A course without any valid certificate is an
// ECONFLICT error too. The records are read in one read transaction.
func (s *CertificateService) LoadBatch(ctx context.Context, courseID, traineeID int64) (*CertificateBatch, error) {
	key, err := certsign.Key(ctx, s.store)
	if err != nil {
		return nil, wrap("load certificates", err)
	}
	return read(s.rules, ctx, "load certificates", func(ctx context.Context) (*CertificateBatch, error) {
		return loadBatch(ctx, s.store, courseID, traineeID, key)
	})
}

func loadBatch(ctx context.Context, st Store, courseID, traineeID int64, key ed25519.PrivateKey) (*CertificateBatch, error) {
	course, err := st.FindCourseByID(ctx, courseID)
	if err != nil {
		return nil, err
	}
	certs, err := st.FindCertificates(ctx, models.CertificateFilter{CourseID: courseID})
	if err != nil {
		return nil, err
	}
	enrolments, err := st.FindEnrolments(ctx, models.EnrolmentFilter{CourseID: courseID})
	if err != nil {
		return nil, err
	}
	if traineeID != 0 {
		return loadOne(ctx, st, course, certs, enrolments, traineeID, key)
	}
	var valid []*models.Certificate
	holds := map[int64]bool{}
	for _, c := range certs {
		if c.Status == models.CertValid {
			valid = append(valid, c)
			holds[c.TraineeID] = true
		}
	}
	var pendingIDs []int64
	for _, e := range enrolments {
		if e.Status == models.Completed && !holds[e.TraineeID] {
			pendingIDs = append(pendingIDs, e.TraineeID)
		}
	}
	b := &CertificateBatch{Course: course}
	if b.Pending, err = traineesInOrder(ctx, st, pendingIDs); err != nil {
		return nil, err
	}
	if len(valid) == 0 {
		if len(b.Pending) > 0 {
			return nil, models.Errorf(models.ECONFLICT, "course_id", "No certificate of {{.Course}} has been issued yet, though {{.N}} trainee(s) completed it: issue them first with `peiyang certificates issue --course {{.ID}}`.",
				"Course", course.Title, "N", len(b.Pending), "ID", course.ID)
		}
		return nil, models.Errorf(models.ECONFLICT, "course_id", "There is no valid certificate of {{.Course}} to print: no trainee has completed it.", "Course", course.Title)
	}
	ids := make([]int64, len(valid))
	for i, c := range valid {
		ids[i] = c.TraineeID
	}
	holders, err := traineesInOrder(ctx, st, ids)
	if err != nil {
		return nil, err
	}
	b.Items = make([]CertificateItem, len(valid))
	parallel.Each(len(valid), func(i int) { b.Items[i] = NewCertificateItem(valid[i], holders[i], course, key) })
	return b, nil
}

// LoadPhotos reads the photos of the batch's holders into its items, for a
// certificate with a photo box.
func (s *CertificateService) LoadPhotos(ctx context.Context, b *CertificateBatch) error {
	ids := make([]int64, len(b.Items))
	for i, it := range b.Items {
		ids[i] = it.TraineeID
	}
	photos, err := s.store.FindTraineePhotos(ctx, ids)
	if err != nil {
		return wrap("load photos", err)
	}
	for i := range b.Items {
		b.Items[i].Photo = photos[b.Items[i].TraineeID]
	}
	return nil
}

// loadOne prints one trainee's certificate, or says why there is none.
func loadOne(ctx context.Context, st Store, course *models.Course, certs []*models.Certificate, enrolments []*models.Enrolment, traineeID int64, key ed25519.PrivateKey) (*CertificateBatch, error) {
	t, err := st.FindTraineeByID(ctx, traineeID)
	if err != nil {
		return nil, err
	}
	var void *models.Certificate
	for _, c := range certs {
		switch {
		case c.TraineeID != traineeID:
		case c.Status == models.CertValid:
			return &CertificateBatch{Course: course, Items: []CertificateItem{NewCertificateItem(c, t, course, key)}}, nil
		case c.Status == models.CertVoid:
			void = c
		}
	}
	var e *models.Enrolment
	for _, x := range enrolments {
		if x.TraineeID == traineeID {
			e = x
		}
	}
	if err := CheckIssue(course, t, e, nil); err != nil {
		return nil, err
	}
	if void != nil {
		return nil, models.Errorf(models.ECONFLICT, "trainee_id", "Certificate {{.Serial}} of {{.Name}} for {{.Course}} is void ({{.Reason}}) and there is no valid one: issue a new one with `peiyang certificates issue --course {{.ID}}`.",
			"Serial", void.Serial, "Name", t.Name, "Course", course.Title, "Reason", void.VoidReason, "ID", course.ID)
	}
	return nil, models.Errorf(models.ECONFLICT, "trainee_id", "{{.Name}} completed {{.Course}} but has no certificate yet: issue it with `peiyang certificates issue --course {{.ID}}`.",
		"Name", t.Name, "Course", course.Title, "ID", course.ID)
}

// traineesInOrder reads the trainees with the IDs, in that order.
func traineesInOrder(ctx context.Context, st Store, ids []int64) ([]*models.Trainee, error) {
	if len(ids) == 0 {
		return nil, nil
	}
	list, err := st.FindTrainees(ctx, models.TraineeFilter{IDs: ids})
	if err != nil {
		return nil, err
	}
	byID := make(map[int64]*models.Trainee, len(list))
	for _, t := range list {
		byID[t.ID] = t
	}
	out := make([]*models.Trainee, len(ids))
	for i, id := range ids {
		if out[i] = byID[id]; out[i] == nil {
			return nil, models.Errorf(models.ENOTFOUND, "", "Trainee {{.ID}} not found.", "ID", id)
		}
	}
	return out, nil
}

// NewCertificateItem is the printed form of a certificate, signed with key
// (nil: no QR code).
func NewCertificateItem(c *models.Certificate, t *models.Trainee, course *models.Course, key ed25519.PrivateKey) CertificateItem {
	it := CertificateItem{TraineeID: t.ID, Serial: c.Serial, Name: t.Name, Gender: t.Gender, Course: course.Title, Theme: course.Theme,
		Start: course.StartDate, End: course.EndDate, Hours: c.Hours, IssuedOn: c.IssuedOn, Assessed: course.Rule.PassScore > 0}
	if key != nil {
		it.Code = certsign.NewPayload(c, t.Name, t.IDNumber, course.Title).Sign(key)
	}
	return it
}
