package cli

import (
	"fmt"

	"peiyang/demo"
	"peiyang/models"
)

func runCheck(e *env, args []string) error {
	e.fs.BoolVar(&e.json, "json", false, "print JSON")
	if _, err := e.parse(args, 0); err != nil {
		return err
	}
	if err := e.open(); err != nil {
		return err
	}
	result, version, err := e.svc.IntegrityCheck(e.ctx)
	if err != nil {
		return err
	}
	path := e.dbName()
	reviews, err := e.svc.FollowUp.ElectionReviews(e.ctx)
	if err != nil {
		return err
	}
	if e.json {
		if err := e.writeJSON(map[string]any{"database": path, "integrity": result, "schema_version": version,
			"to_review": reviews}); err != nil {
			return err
		}
	} else {
		fmt.Fprintf(e.stdout, "database:       %s\nintegrity:      %s\nschema version: %d\n", path, result, version)
		if len(reviews) > 0 {
			e.printReviews(reviews)
		}
	}
	if result != "ok" {
		return models.Errorf(models.EINTERNAL, "", "The database failed its integrity check.")
	}
	return nil
}

func runDemo(e *env, args []string) error {
	n := e.fs.Int("trainees", demo.DefaultTrainees, "number of trainees")
	seed := e.fs.Int64("seed", 1, "random seed; the same seed gives the same data")
	ifEmpty := e.fs.Bool("if-empty", false, "do nothing, successfully, when the database already holds data")
	todayText := e.fs.String("today", "", "the `date` the data is built around (YYYY-MM-DD; default today); the same seed and date give the same data")
	if _, err := e.parse(args, 0); err != nil {
		return err
	}
	if *n < 1 || *n > 1_000_000 {
		return e.usagef("--trainees must be between 1 and 1000000")
	}
	today := models.DateOf(e.now())
	if *todayText != "" {
		d, err := models.ParseDate(*todayText)
		if err != nil {
			return e.usagef("--today: %v", err)
		}
		today = d
	}
	if err := e.open(); err != nil {
		return err
	}
	empty, err := e.svc.IsEmpty(e.ctx)
	if err != nil {
		return err
	}
	if !empty {
		if *ifEmpty {
			return nil
		}
		return models.Errorf(models.ECONFLICT, "", "The database already holds data; demo data goes only into an empty database.")
	}
	fmt.Fprintf(e.stderr, "Generating demo data for %d trainees…\n", *n)
	ds, err := demo.Generate(demo.Options{Trainees: *n, Seed: *seed, Today: today})
	if err != nil {
		return fmt.Errorf("generate demo data: %w", err)
	}
	if err := e.svc.LoadDataset(e.ctx, ds); err != nil {
		return fmt.Errorf("load demo data: %w", err)
	}
	fmt.Fprintf(e.stdout, "Demo data written: %d organisations, %d trainees, %d courses, %d sessions, %d enrolments, %d placements, %d mentorships, %d returns, %d elections, %d certificates.\n",
		len(ds.Organisations), len(ds.Trainees), len(ds.Courses), len(ds.Sessions), len(ds.Enrolments),
		len(ds.Placements), len(ds.Mentorships), len(ds.Returns), len(ds.Elections), len(ds.Certificates))
	return nil
}
