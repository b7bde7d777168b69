// Command load simulates several staff working at once on one database:
// it loads the demo data (40,630 trainees), then S goroutines, each a
// member of staff with a connection of their own, do a realistic mix for
// a while (search, open a trainee's record, record attendance, enrol and
// withdraw, issue a course's certificates) and it prints the operations
// per second and each operation's p50 and p95. An operation ends ok,
// refused by the rules (a full course, a clash: what the staff see as a
// message), busy (the translated "busy, try again") or in error; the
// target (issue 14) is no error at all.
//
//	go run ./bench/load [-staff 20] [-for 60s] [-trainees 40630] [-store both|sqlite|postgres]
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"math/rand/v2"
	"os"
	"sort"
	"sync"
	"time"

	"peiyang/bench/internal/stores"
	"peiyang/demo"
	"peiyang/models"
	"peiyang/store"
	"peiyang/training"
)

func main() {
	staff := flag.Int("staff", 20, "simulated staff working at once")
	length := flag.Duration("for", 60*time.Second, "how long they work")
	n := flag.Int("trainees", demo.DefaultTrainees, "demo trainees")
	which := stores.Flag()
	flag.Parse()
	kinds, stop, err := stores.Parse(*which)
	if err == nil {
		for _, k := range kinds {
			fmt.Printf("== %s\n", k.Name)
			if err = run(k, *staff, *length, *n); err != nil {
				break
			}
		}
		stop()
	}
	if err != nil {
		fmt.Fprintln(os.Stderr, "load bench:", err)
		os.Exit(1)
	}
}

// world is what the staff pick from.
type world struct {
	trainees []*models.Trainee
	open     []int64           // courses open for enrolment
	finished []int64           // finished courses, to issue
	sessions []*models.Session // sessions of running or finished courses
	enrolled map[int64][]int64 // course → its enrolled trainees
	names    []string          // search texts
}

func newWorld(ds *models.Dataset) *world {
	w := &world{trainees: ds.Trainees, enrolled: map[int64][]int64{}}
	status := map[int64]models.CourseStatus{}
	for _, c := range ds.Courses {
		status[c.ID] = c.Status
		if training.AcceptsEnrolment(c) {
			w.open = append(w.open, c.ID)
		}
		if c.Status == models.CourseFinished {
			w.finished = append(w.finished, c.ID)
		}
	}
	for _, s := range ds.Sessions {
		if st := status[s.CourseID]; st == models.CourseRunning || st == models.CourseFinished {
			w.sessions = append(w.sessions, s)
		}
	}
	for _, e := range ds.Enrolments {
		if e.Status == models.Enrolled || e.Status == models.Completed {
			w.enrolled[e.CourseID] = append(w.enrolled[e.CourseID], e.TraineeID)
		}
	}
	for _, t := range ds.Trainees[:min(len(ds.Trainees), 5000)] {
		r := []rune(t.Name)
		w.names = append(w.names, string(r[:min(2, len(r))]), t.Name)
	}
	return w
}

// ops are the operations, in the mix's proportions (out of 100).
var ops = []struct {
	name   string
	weight int
	do     func(ctx context.Context, svc *training.Service, w *world, r *rand.Rand) error
}{
	{"search", 40, func(ctx context.Context, svc *training.Service, w *world, r *rand.Rand) error {
		_, err := svc.Trainees.SearchTrainees(ctx, w.names[r.IntN(len(w.names))], 20)
		return err
	}},
	{"open trainee", 25, func(ctx context.Context, svc *training.Service, w *world, r *rand.Rand) error {
		_, err := svc.Trainees.TraineeRecord(ctx, w.trainees[r.IntN(len(w.trainees))].ID)
		return err
	}},
	{"attendance", 15, func(ctx context.Context, svc *training.Service, w *world, r *rand.Rand) error {
		if len(w.sessions) == 0 {
			return errSkip
		}
		s := w.sessions[r.IntN(len(w.sessions))]
		ts := w.enrolled[s.CourseID]
		if len(ts) == 0 {
			return errSkip
		}
		status := []models.AttendanceStatus{models.Present, models.Late, models.Absent}[r.IntN(3)]
		return svc.Enrolment.RecordAttendance(ctx, s.ID, ts[r.IntN(len(ts))], status)
	}},
	{"enrol+withdraw", 15, func(ctx context.Context, svc *training.Service, w *world, r *rand.Rand) error {
		if len(w.open) == 0 {
			return errSkip
		}
		c, t := w.open[r.IntN(len(w.open))], w.trainees[r.IntN(len(w.trainees))].ID
		if _, err := svc.Enrolment.Enrol(ctx, c, t); err != nil {
			return err
		}
		_, err := svc.Enrolment.Withdraw(ctx, c, t)
		return err
	}},
	{"issue batch", 5, func(ctx context.Context, svc *training.Service, w *world, r *rand.Rand) error {
		if len(w.finished) == 0 {
			return errSkip
		}
		_, err := svc.Certificates.IssueCertificates(ctx, w.finished[r.IntN(len(w.finished))])
		return err
	}},
}

// errSkip is an operation the demo data give nothing to do for.
var errSkip = errors.New("nothing to do")

// outcome of an operation: ok, refused (a rule's message), busy, error.
func outcome(err error) string {
	var de *models.Error
	switch {
	case err == nil:
		return "ok"
	case errors.As(err, &de) && de.Message == store.MsgBusy:
		return "busy"
	case errors.As(err, &de):
		return "refused"
	}
	return "error"
}

type sample struct {
	op, outcome string
	d           time.Duration
	err         error
}

func run(kind stores.Kind, staff int, length time.Duration, n int) error {
	ctx := context.Background()
	today := demo.DefaultToday()
	ds, err := demo.Generate(demo.Options{Trainees: n, Today: today})
	if err != nil {
		return err
	}
	target, err := kind.New()
	if err != nil {
		return err
	}
	db, err := store.Open(target)
	if err != nil {
		return err
	}
	defer db.Close()
	start := time.Now()
	if err := db.LoadDataset(ctx, ds); err != nil {
		return err
	}
	fmt.Printf("demo data: %d trainees loaded in %.1f s\n", len(ds.Trainees), time.Since(start).Seconds())
	w := newWorld(ds)
	now := today.Time().Add(10 * time.Hour)
	svc := training.New(db, training.WithClock(func() time.Time { return now }))
	var mu sync.Mutex
	var all []sample
	var wg sync.WaitGroup
	end := time.Now().Add(length)
	for i := range staff {
		wg.Add(1)
		go func() {
			defer wg.Done()
			r := rand.New(rand.NewPCG(uint64(i), 14))
			var mine []sample
			for time.Now().Before(end) {
				k, pick := 0, r.IntN(100)
				for pick >= ops[k].weight {
					pick -= ops[k].weight
					k++
				}
				t0 := time.Now()
				err := ops[k].do(ctx, svc, w, r)
				if err == errSkip {
					continue
				}
				mine = append(mine, sample{ops[k].name, outcome(err), time.Since(t0), err})
			}
			mu.Lock()
			all = append(all, mine...)
			mu.Unlock()
		}()
	}
	wg.Wait()
	report(all, staff, length, db.Retries())
	return nil
}

func report(all []sample, staff int, length time.Duration, retries int64) {
	fmt.Printf("%d staff for %s: %d operations, %.0f a second; %d transactions retried\n",
		staff, length, len(all), float64(len(all))/length.Seconds(), retries)
	var errs []error
	for _, o := range ops {
		var ds []time.Duration
		count := map[string]int{}
		for _, s := range all {
			if s.op != o.name {
				continue
			}
			ds = append(ds, s.d)
			count[s.outcome]++
			if s.outcome == "error" && len(errs) < 3 {
				errs = append(errs, s.err)
			}
		}
		if len(ds) == 0 {
			continue
		}
		sort.Slice(ds, func(i, j int) bool { return ds[i] < ds[j] })
		at := func(p float64) float64 { return float64(ds[min(len(ds)-1, int(p*float64(len(ds))))]) / 1e6 }
		fmt.Printf("  %-15s n=%6d p50=%7.2fms p95=%7.2fms  ok %d, refused %d, busy %d, errors %d\n",
			o.name, len(ds), at(0.50), at(0.95), count["ok"], count["refused"], count["busy"], count["error"])
	}
	for _, err := range errs {
		fmt.Println("  error:", err)
	}
}
