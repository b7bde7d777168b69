package main

import (
	"context"
	"fmt"
	"sort"

	"peiyang/models"
	"peiyang/store"
)

// readBack reads every record of the database back into a dataset, each
// list in ID order, so that demo.Check can verify what the store kept.
func readBack(ctx context.Context, db *store.DB, keys []string) (*models.Dataset, error) {
	ds := &models.Dataset{Settings: map[string]string{}}
	var err error
	get := func(f func() error) {
		if err == nil {
			err = f()
		}
	}
	get(func() (e error) { ds.Organisations, e = db.FindOrganisations(ctx, models.OrganisationFilter{}); return })
	get(func() (e error) { ds.Programmes, e = db.FindProgrammes(ctx, models.ProgrammeFilter{}); return })
	get(func() (e error) { ds.Cohorts, e = db.FindCohorts(ctx, models.CohortFilter{}); return })
	get(func() (e error) { ds.Instructors, e = db.FindInstructors(ctx, models.InstructorFilter{}); return })
	get(func() (e error) { ds.Trainees, e = db.FindTrainees(ctx, models.TraineeFilter{}); return })
	get(func() (e error) { ds.Courses, e = db.FindCourses(ctx, models.CourseFilter{}); return })
	get(func() (e error) { ds.Sessions, e = db.FindSessions(ctx, models.SessionFilter{}); return })
	get(func() (e error) { ds.Enrolments, e = db.FindEnrolments(ctx, models.EnrolmentFilter{}); return })
	get(func() (e error) { ds.Attendance, e = db.FindAttendance(ctx, models.AttendanceFilter{}); return })
	get(func() (e error) { ds.Placements, e = db.FindPlacements(ctx, models.PlacementFilter{}); return })
	get(func() (e error) { ds.Mentorships, e = db.FindMentorships(ctx, models.MentorshipFilter{}); return })
	get(func() (e error) { ds.Contacts, e = db.FindContacts(ctx, models.ContactFilter{}); return })
	get(func() (e error) { ds.Returns, e = db.FindReturns(ctx, models.ReturnFilter{}); return })
	get(func() (e error) { ds.Elections, e = db.FindElections(ctx, models.ElectionFilter{}); return })
	get(func() (e error) { ds.Certificates, e = db.FindCertificates(ctx, models.CertificateFilter{}); return })
	for _, k := range keys {
		get(func() (e error) { ds.Settings[k], e = db.Setting(ctx, k); return })
	}
	if err != nil {
		return nil, fmt.Errorf("read back: %w", err)
	}
	byID(ds.Sessions, func(x *models.Session) int64 { return x.ID })
	byID(ds.Contacts, func(x *models.Contact) int64 { return x.ID })
	byID(ds.Certificates, func(x *models.Certificate) int64 { return x.ID })
	return ds, nil
}

func byID[T any](xs []T, id func(T) int64) {
	sort.Slice(xs, func(i, j int) bool { return id(xs[i]) < id(xs[j]) })
}
