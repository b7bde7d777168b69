// Command accounts measures what accounts cost on a shared database: the
// trainee search at N trainees as an admin and as a region account
// (row-level security), and the time for a change committed through one
// connection to reach another that watches (LISTEN/NOTIFY), as an open
// window would. It starts a throwaway PostgreSQL server (internal/pgtest).
// With -screens the trainees are the demo data's (courses, enrolments,
// attendance, certificates, returns ... at that scale), and it also times
// what the dashboard, the trainee list and the course list read, as an
// admin and as the region account.
//
//	go run ./bench/accounts [-n 250000] [-queries 1000] [-changes 50] [-screens [-rounds 10]]
package main

import (
	"context"
	"flag"
	"fmt"
	"math/rand/v2"
	"net/url"
	"os"
	"sort"
	"time"

	"peiyang/demo"
	"peiyang/internal/people"
	"peiyang/internal/pgtest"
	"peiyang/models"
	"peiyang/store"
)

func main() {
	n := flag.Int("n", 250000, "number of trainees")
	queries := flag.Int("queries", 1000, "number of timed searches per account")
	changes := flag.Int("changes", 50, "number of changes whose notice is timed")
	screens := flag.Bool("screens", false, "load the demo data and time the dashboard, trainee and course lists")
	rounds := flag.Int("rounds", 10, "with -screens, reads of each screen per account")
	flag.Parse()
	if !*screens {
		*rounds = 0
	}
	if err := run(*n, *queries, *changes, *rounds); err != nil {
		fmt.Fprintln(os.Stderr, "accounts bench:", err)
		os.Exit(1)
	}
}

func run(n, queries, changes, rounds int) error {
	ctx := context.Background()
	srv, err := pgtest.Start(pgtest.Options{})
	if err != nil {
		return err
	}
	defer srv.Stop()
	if err := srv.CreateDatabase("bench", ""); err != nil {
		return err
	}
	target := srv.URL("bench")
	owner, err := store.Open(target)
	if err != nil {
		return err
	}
	defer owner.Close()
	ds := &models.Dataset{Trainees: people.New(1).Trainees(n)}
	if rounds > 0 {
		if ds, err = demo.Generate(demo.Options{Trainees: n}); err != nil {
			return err
		}
	}
	trainees := ds.Trainees
	start := time.Now()
	if err := owner.LoadDataset(ctx, ds); err != nil {
		return err
	}
	fmt.Printf("trainees: %d, loaded in %s\n", n, time.Since(start).Round(time.Millisecond))
	city := biggestCity(trainees)
	admin, err := account(ctx, owner, target, "bench.admin", models.RoleAdmin, "")
	if err != nil {
		return err
	}
	defer admin.Close()
	region, err := account(ctx, owner, target, "bench.region", models.RoleRegion, city)
	if err != nil {
		return err
	}
	defer region.Close()
	qs := makeQueries(trainees, queries)
	for _, a := range []struct {
		name string
		db   *store.DB
	}{{"admin", admin}, {"region " + city, region}} {
		ds, hits, err := search(ctx, a.db, qs)
		if err != nil {
			return err
		}
		fmt.Printf("search as %s: %s, %.1f results on average\n", a.name, stats(ds), hits)
	}
	for _, a := range []struct {
		name string
		db   *store.DB
	}{{"admin", admin}, {"region " + city, region}} {
		if rounds == 0 {
			break
		}
		if err := timeScreens(ctx, a.name, a.db, demo.DefaultToday().Time(), rounds); err != nil {
			return err
		}
	}
	lat, err := noticeLatency(ctx, owner, target, trainees[0].IDNumber, changes)
	if err != nil {
		return err
	}
	fmt.Printf("change → notice in another connection: %s\n", stats(lat))
	return nil
}

// account makes an account and opens the store as it.
func account(ctx context.Context, owner *store.DB, target, name string, role models.Role, region string) (*store.DB, error) {
	if err := owner.CreateAccount(ctx, &models.Account{Name: name, Role: role, Region: region}, "bench password"); err != nil {
		return nil, err
	}
	u, err := url.Parse(target)
	if err != nil {
		return nil, err
	}
	u.User = url.User(name)
	return store.Open(u.String())
}

// biggestCity is the home city of most trainees.
func biggestCity(ts []*models.Trainee) string {
	n := map[string]int{}
	best := ""
	for _, t := range ts {
		n[t.HomeRegion.City]++
		if n[t.HomeRegion.City] > n[best] {
			best = t.HomeRegion.City
		}
	}
	return best
}

// makeQueries draws name fragments, full names and ID fragments.
func makeQueries(ts []*models.Trainee, count int) []string {
	r := rand.New(rand.NewPCG(7, 11))
	out := make([]string, 0, count)
	for len(out) < count {
		t := ts[r.IntN(len(ts))]
		name := []rune(t.Name)
		switch len(out) % 3 {
		case 0:
			out = append(out, string(name[r.IntN(len(name))]))
		case 1:
			out = append(out, t.Name)
		default:
			i := r.IntN(len(t.IDNumber) - 5)
			out = append(out, t.IDNumber[i:i+5])
		}
	}
	return out
}

// search times the queries, after a warm-up.
func search(ctx context.Context, db *store.DB, qs []string) ([]time.Duration, float64, error) {
	for _, q := range qs[:min(50, len(qs))] {
		if _, err := db.SearchTrainees(ctx, q, 20); err != nil {
			return nil, 0, err
		}
	}
	ds := make([]time.Duration, 0, len(qs))
	hits := 0
	for _, q := range qs {
		t0 := time.Now()
		res, err := db.SearchTrainees(ctx, q, 20)
		if err != nil {
			return nil, 0, err
		}
		ds = append(ds, time.Since(t0))
		hits += len(res)
	}
	return ds, float64(hits) / float64(len(qs)), nil
}

// noticeLatency changes a trainee through one connection and times each
// change from just before its save to the notice reaching a watcher on
// another connection, as a window's would.
func noticeLatency(ctx context.Context, owner *store.DB, target, idNumber string, changes int) ([]time.Duration, error) {
	other, err := store.Open(target)
	if err != nil {
		return nil, err
	}
	defer other.Close()
	wctx, stop := context.WithCancel(ctx)
	defer stop()
	got := make(chan time.Time, 16)
	go func() { _ = other.Watch(wctx, func([]string) { got <- time.Now() }) }()
	ts, err := owner.FindTrainees(ctx, models.TraineeFilter{IDNumber: idNumber})
	if err != nil || len(ts) != 1 {
		return nil, fmt.Errorf("the trainee to change: %v", err)
	}
	t := ts[0]
	save := func(i int) (time.Time, error) {
		t.Notes = fmt.Sprintf("第%d次", i)
		t0 := time.Now()
		return t0, owner.UpdateTrainee(ctx, t)
	}
	// The watcher listens once its connection is made.
	for i := 0; ; i++ {
		if _, err := save(-i); err != nil {
			return nil, err
		}
		select {
		case <-got:
		case <-time.After(time.Second):
			continue
		}
		break
	}
	var ds []time.Duration
	for i := range changes {
		t0, err := save(i)
		if err != nil {
			return nil, err
		}
		select {
		case at := <-got:
			ds = append(ds, at.Sub(t0))
		case <-time.After(10 * time.Second):
			return nil, fmt.Errorf("change %d: no notice within 10 s", i)
		}
		time.Sleep(100 * time.Millisecond) // one change at a time, as people make them
	}
	return ds, nil
}

func stats(ds []time.Duration) string {
	s := append([]time.Duration(nil), ds...)
	sort.Slice(s, func(i, j int) bool { return s[i] < s[j] })
	pct := func(p float64) float64 {
		i := int(p*float64(len(s))+0.5) - 1
		i = max(0, min(i, len(s)-1))
		return ms(s[i])
	}
	return fmt.Sprintf("n=%d p50=%.2fms p95=%.2fms p99=%.2fms max=%.2fms", len(s), pct(0.50), pct(0.95), pct(0.99), ms(s[len(s)-1]))
}

func ms(d time.Duration) float64 { return float64(d) / float64(time.Millisecond) }
