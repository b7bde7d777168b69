// Command demo measures the demo data at the report's scale: it generates
// the default dataset, loads it into a new SQLite file in a temporary
// directory (and into a database on a throwaway PostgreSQL server on
// loopback, with -store both or postgres), and prints the generation
// time, the load time, the total and the number of records of each type.
//
// With -check it also verifies the invariants of the generated dataset and
// of the dataset read back from the store with demo.Check.
//
//	go run ./bench/demo [-trainees N] [-seed S] [-check] [-store sqlite|postgres|both]
package main

import (
	"context"
	"flag"
	"fmt"
	"os"
	"time"

	"peiyang/bench/internal/stores"
	"peiyang/demo"
	"peiyang/store"
)

func main() {
	n := flag.Int("trainees", demo.DefaultTrainees, "number of trainees")
	seed := flag.Int64("seed", demo.DefaultSeed, "random seed")
	check := flag.Bool("check", false, "also verify the invariants of the dataset and of what the store gives back (not timed)")
	which := stores.Flag()
	flag.Parse()
	kinds, stop, err := stores.Parse(*which)
	if err == nil {
		for _, k := range kinds {
			fmt.Printf("== %s\n", k.Name)
			if err = run(k, *n, *seed, *check); err != nil {
				break
			}
		}
		stop()
	}
	if err != nil {
		fmt.Fprintln(os.Stderr, "bench/demo:", err)
		os.Exit(1)
	}
}

func run(kind stores.Kind, n int, seed int64, check bool) error {
	today := demo.DefaultToday()
	start := time.Now()
	ds, err := demo.Generate(demo.Options{Trainees: n, Seed: seed, Today: today})
	if err != nil {
		return err
	}
	genTime := time.Since(start)
	if check {
		if err := demo.Check(ds, today); err != nil {
			return err
		}
	}
	path, err := kind.New()
	if err != nil {
		return err
	}
	loadStart := time.Now()
	db, err := store.Open(path)
	if err != nil {
		return err
	}
	defer db.Close()
	if err := db.LoadDataset(context.Background(), ds); err != nil {
		return err
	}
	loadTime := time.Since(loadStart)
	size := int64(0)
	if fi, err := os.Stat(path); err == nil {
		size = fi.Size()
	}
	fmt.Printf("generation  %8.3f s\n", genTime.Seconds())
	fmt.Printf("load        %8.3f s  (store.Open + LoadDataset, %.1f MB file)\n", loadTime.Seconds(), float64(size)/1e6) // no file on PostgreSQL: 0
	fmt.Printf("total       %8.3f s\n\n", (genTime + loadTime).Seconds())
	for _, c := range []struct {
		name string
		n    int
	}{
		{"organisations", len(ds.Organisations)}, {"programmes", len(ds.Programmes)}, {"cohorts", len(ds.Cohorts)},
		{"instructors", len(ds.Instructors)}, {"trainees", len(ds.Trainees)}, {"courses", len(ds.Courses)},
		{"sessions", len(ds.Sessions)}, {"enrolments", len(ds.Enrolments)}, {"attendance", len(ds.Attendance)},
		{"placements", len(ds.Placements)}, {"mentorships", len(ds.Mentorships)}, {"contacts", len(ds.Contacts)},
		{"returns", len(ds.Returns)}, {"elections", len(ds.Elections)}, {"certificates", len(ds.Certificates)},
		{"settings", len(ds.Settings)},
	} {
		fmt.Printf("%-14s %7d\n", c.name, c.n)
	}
	if check {
		var keys []string
		for k := range ds.Settings {
			keys = append(keys, k)
		}
		back, err := readBack(context.Background(), db, keys)
		if err != nil {
			return err
		}
		if err := demo.Check(back, today); err != nil {
			return fmt.Errorf("the data read back from the store: %w", err)
		}
		fmt.Println("\ncheck: the generated data and the data read back from the store keep every invariant")
	}
	return nil
}
