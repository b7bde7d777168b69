package training

import (
	"context"
	"sort"

	"peiyang/models"
)

// Lists of certificates: the certificates with their trainees and courses,
// the courses that have some, and one course's counts.

// CertificateRow is a certificate with its holder's name and its course.
type CertificateRow struct {
	Certificate *models.Certificate
	Name        string         // the holder's name
	Course      *models.Course // nil only if the course record is gone
}

// CertificateRows lists the certificates the filter selects, by year and
// sequence, each with its holder's name and its course.
func (s *CertificateService) CertificateRows(ctx context.Context, f models.CertificateFilter) ([]CertificateRow, error) {
	return read(s.rules, ctx, "certificate rows", func(ctx context.Context) ([]CertificateRow, error) { return s.certificateRows(ctx, f) })
}

func (s *rules) certificateRows(ctx context.Context, f models.CertificateFilter) ([]CertificateRow, error) {
	certs, err := s.store.FindCertificates(ctx, f)
	if err != nil {
		return nil, err
	}
	ids := make([]int64, 0, len(certs))
	seen := map[int64]bool{}
	for _, c := range certs {
		if !seen[c.TraineeID] {
			seen[c.TraineeID] = true
			ids = append(ids, c.TraineeID)
		}
	}
	names := make(map[int64]string, len(ids))
	for len(ids) > 0 {
		n := min(len(ids), idBatch)
		ts, err := s.store.FindTrainees(ctx, models.TraineeFilter{IDs: ids[:n]})
		if err != nil {
			return nil, err
		}
		for _, t := range ts {
			names[t.ID] = t.Name
		}
		ids = ids[n:]
	}
	courses, err := s.coursesByID(ctx)
	if err != nil {
		return nil, err
	}
	out := make([]CertificateRow, len(certs))
	for i, c := range certs {
		out[i] = CertificateRow{Certificate: c, Name: names[c.TraineeID], Course: courses[c.CourseID]}
	}
	return out, nil
}

// idBatch is how many trainees one read asks for by ID.
const idBatch = 500

func (s *rules) coursesByID(ctx context.Context) (map[int64]*models.Course, error) {
	cs, err := s.store.FindCourses(ctx, models.CourseFilter{})
	if err != nil {
		return nil, err
	}
	out := make(map[int64]*models.Course, len(cs))
	for _, c := range cs {
		out[c.ID] = c
	}
	return out, nil
}

// CourseCertificates is where a course stands with its certificates.
type CourseCertificates struct {
	Course *models.Course
	// Completed counts the trainees who completed the course.
	Completed int
	// Valid counts the course's valid certificates.
	Valid int
	// Pending counts the trainees who completed the course and hold no
	// valid certificate for it: IssueCertificates would issue that many.
	Pending int
}

// CertificateCourses lists the courses that someone completed or that
// have valid certificates, latest start first, with their counts.
func (s *CertificateService) CertificateCourses(ctx context.Context) ([]CourseCertificates, error) {
	return read(s.rules, ctx, "certificate courses", func(ctx context.Context) ([]CourseCertificates, error) { return s.certificateCourses(ctx) })
}

func (s *rules) certificateCourses(ctx context.Context) ([]CourseCertificates, error) {
	courses, err := s.store.FindCourses(ctx, models.CourseFilter{})
	if err != nil {
		return nil, err
	}
	done, err := s.store.FindEnrolments(ctx, models.EnrolmentFilter{Status: models.Completed})
	if err != nil {
		return nil, err
	}
	valid, err := s.store.FindCertificates(ctx, models.CertificateFilter{Status: models.CertValid})
	if err != nil {
		return nil, err
	}
	type key struct{ course, trainee int64 }
	holds := make(map[key]bool, len(valid))
	byCourse := map[int64]*CourseCertificates{}
	entry := func(id int64) *CourseCertificates {
		e := byCourse[id]
		if e == nil {
			e = &CourseCertificates{}
			byCourse[id] = e
		}
		return e
	}
	for _, c := range valid {
		holds[key{c.CourseID, c.TraineeID}] = true
		entry(c.CourseID).Valid++
	}
	for _, e := range done {
		x := entry(e.CourseID)
		x.Completed++
		if !holds[key{e.CourseID, e.TraineeID}] {
			x.Pending++
		}
	}
	var out []CourseCertificates
	for _, c := range courses {
		if e := byCourse[c.ID]; e != nil {
			e.Course = c
			out = append(out, *e)
		}
	}
	sort.SliceStable(out, func(i, j int) bool {
		a, b := out[i].Course, out[j].Course
		if !a.StartDate.Equal(b.StartDate) {
			return a.StartDate.After(b.StartDate)
		}
		return a.ID > b.ID
	})
	return out, nil
}

// CertificateCounts counts the course's valid certificates, and the
// trainees who completed it but hold no valid certificate for it yet.
func (s *CertificateService) CertificateCounts(ctx context.Context, courseID int64) (issued, pending int, err error) {
	err = s.view(ctx, "certificate counts", func(ctx context.Context) error {
		issued, pending, err = s.certificateCounts(ctx, courseID)
		return err
	})
	return issued, pending, err
}

func (s *rules) certificateCounts(ctx context.Context, courseID int64) (issued, pending int, err error) {
	certs, err := s.store.FindCertificates(ctx, models.CertificateFilter{CourseID: courseID})
	if err != nil {
		return 0, 0, err
	}
	holds := map[int64]bool{}
	for _, c := range certs {
		if c.Status == models.CertValid {
			issued++
			holds[c.TraineeID] = true
		}
	}
	es, err := s.store.FindEnrolments(ctx, models.EnrolmentFilter{CourseID: courseID, Status: models.Completed})
	if err != nil {
		return 0, 0, err
	}
	for _, e := range es {
		if !holds[e.TraineeID] {
			pending++
		}
	}
	return issued, pending, nil
}
