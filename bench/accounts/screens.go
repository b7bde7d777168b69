package main

import (
	"context"
	"fmt"
	"time"

	"peiyang/models"
	"peiyang/store"
	"peiyang/training"
)

// screen is what one screen of the window reads when it opens, through
// the same services.
type screen struct {
	name string
	read func(ctx context.Context, svc *training.Service) error
}

var screens = []screen{
	{"dashboard", func(ctx context.Context, svc *training.Service) error {
		// as app/dashboard.go's readDashboard
		if _, err := svc.Trainees.Pipeline(ctx, models.TraineeFilter{}); err != nil {
			return err
		}
		monday, sunday := training.WeekOf(svc.Today())
		if _, err := svc.Courses.SessionsBetween(ctx, monday, sunday, 200); err != nil {
			return err
		}
		if _, err := svc.Courses.CoursesNeedingAttention(ctx); err != nil {
			return err
		}
		_, err := svc.FollowUp.ElectionReviews(ctx)
		return err
	}},
	{"trainee list", func(ctx context.Context, svc *training.Service) error {
		// as app/trainee_rows_live.go: the count, the first page, the stages
		if _, err := svc.Trainees.CountTrainees(ctx, models.TraineeFilter{}); err != nil {
			return err
		}
		if _, err := svc.Trainees.FindTrainees(ctx, models.TraineeFilter{Page: models.Page{Limit: 100}}); err != nil {
			return err
		}
		_, err := svc.Trainees.Stages(ctx, models.TraineeFilter{})
		return err
	}},
	{"course list", func(ctx context.Context, svc *training.Service) error {
		_, err := svc.Courses.FindCourses(ctx, models.CourseFilter{})
		return err
	}},
}

// timeScreens reads each screen rounds times, after one warm-up read, as
// the account of db, and prints the times.
func timeScreens(ctx context.Context, who string, db *store.DB, today time.Time, rounds int) error {
	svc := training.New(db, training.WithClock(func() time.Time { return today }))
	for _, s := range screens {
		if err := s.read(ctx, svc); err != nil {
			return fmt.Errorf("%s as %s: %w", s.name, who, err)
		}
		ds := make([]time.Duration, 0, rounds)
		for range rounds {
			t0 := time.Now()
			if err := s.read(ctx, svc); err != nil {
				return fmt.Errorf("%s as %s: %w", s.name, who, err)
			}
			ds = append(ds, time.Since(t0))
		}
		fmt.Printf("%s as %s: %s\n", s.name, who, stats(ds))
	}
	return nil
}
