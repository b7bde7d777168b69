// Command live measures how long a change one member of staff saves takes
// to reach another's open window on a shared database, the screen's
// refresh included: it makes a database on a throwaway PostgreSQL server
// (internal/pgtest) with the demo data at the report's scale, runs the
// real window on it under Xvfb on the trainee table (PEIYANG_TIMING), and
// saves changes to the table's first trainee through a second connection
// (another store, as another window would), one at a time. Each is timed
// from just before its save to the moment the window has read the table
// again and put it on screen (the window logs it), and p50 and p95 over
// the changes are printed.
//
//	go run ./bench/live -display :97 [-changes 50] [-trainees 40630]
//
// The target (issue 15): within 2 s. Linux only: it needs Xvfb.
package main

import (
	"bufio"
	"context"
	"flag"
	"fmt"
	"io"
	"os"
	"os/exec"
	"sort"
	"strconv"
	"strings"
	"time"

	"peiyang/bench/internal/realwindow"
	"peiyang/bench/internal/stores"
	"peiyang/models"
	"peiyang/store"
)

func main() {
	display := flag.String("display", ":97", "the Xvfb display to use")
	changes := flag.Int("changes", 50, "number of changes timed")
	trainees := flag.Int("trainees", 0, "trainees of the demo data (0: the report's scale)")
	flag.Parse()
	if err := run(*display, *changes, *trainees); err != nil {
		fmt.Fprintln(os.Stderr, "live bench:", err)
		os.Exit(1)
	}
}

func run(display string, changes, trainees int) error {
	kinds, stop, err := stores.Parse("postgres")
	if err != nil {
		return err
	}
	defer stop()
	target, err := kinds[0].New()
	if err != nil {
		return err
	}
	dir, err := os.MkdirTemp("", "peiyang-live-bench-")
	if err != nil {
		return err
	}
	defer os.RemoveAll(dir)
	bin, err := realwindow.Build(dir)
	if err != nil {
		return err
	}
	demo := []string{"--db", target, "demo"}
	if trainees > 0 {
		demo = append(demo, "--trainees", strconv.Itoa(trainees))
	}
	start := time.Now()
	if out, err := exec.Command(bin, demo...).CombinedOutput(); err != nil {
		return fmt.Errorf("demo data: %v\n%s", err, out)
	}
	fmt.Printf("demo data on PostgreSQL in %s\n", time.Since(start).Round(time.Second))
	win, err := realwindow.Start(bin, target, display, "trainees")
	if err != nil {
		return err
	}
	defer win.Stop()
	shown := make(chan shownAt, 16)
	go readShown(win.Logs, shown)
	other, err := store.Open(target)
	if err != nil {
		return err
	}
	defer other.Close()
	ds, err := measure(other, shown, changes)
	if err != nil {
		return err
	}
	fmt.Printf("change saved in another connection → the open window's trainee table shows it (%d changes, real window, Xvfb): %s\n",
		len(ds), stats(ds))
	return nil
}

// shownAt is a refresh the window put on screen: when, and for which
// tables' change.
type shownAt struct {
	at     time.Time
	tables []string
}

// readShown passes on the window's "live update on screen" log lines.
func readShown(logs io.Reader, out chan<- shownAt) {
	defer close(out)
	const mark = "peiyang: timing: live update on screen at "
	sc := bufio.NewScanner(logs)
	for sc.Scan() {
		line := sc.Text()
		i := strings.Index(line, mark)
		if i < 0 {
			continue
		}
		f := strings.Fields(line[i+len(mark):])
		if len(f) < 2 {
			continue
		}
		ns, err := strconv.ParseInt(f[0], 10, 64)
		if err != nil {
			continue
		}
		out <- shownAt{time.Unix(0, ns), strings.Split(strings.Trim(f[1], "()"), ",")}
	}
}

// measure waits until the window listens, then saves the changes one at
// a time, each after the window showed the one before, and returns how
// long each took to be on screen.
func measure(other *store.DB, shown <-chan shownAt, changes int) ([]time.Duration, error) {
	ctx := context.Background()
	first, err := other.FindTrainees(ctx, models.TraineeFilter{Page: models.Page{Limit: 1}})
	if err != nil || len(first) == 0 {
		return nil, fmt.Errorf("the first trainee: %v", err)
	}
	id := first[0].ID
	// The window starts listening once it is up: touch the table until
	// it shows it (a minute at most).
	if _, err := waitShown(shown, time.Now(), time.Minute, func() error { return touch(ctx, other, id, "起") }); err != nil {
		return nil, fmt.Errorf("the window does not show changes: %w", err)
	}
	time.Sleep(time.Second) // the warm-up's last refreshes
	ds := make([]time.Duration, 0, changes)
	for i := range changes {
		time.Sleep(150 * time.Millisecond) // staff save a record now and then, not all at once
		drain(shown)
		t0 := time.Now()
		if err := touch(ctx, other, id, strconv.Itoa(i)); err != nil {
			return nil, err
		}
		at, err := waitShown(shown, t0, 30*time.Second, nil)
		if err != nil {
			return nil, fmt.Errorf("change %d: %w", i+1, err)
		}
		ds = append(ds, at.Sub(t0))
	}
	return ds, nil
}

// drain drops what the window showed before.
func drain(shown <-chan shownAt) {
	for {
		select {
		case <-shown:
		default:
			return
		}
	}
}

// touch saves the trainee with a new current district through the store,
// as another window's form would.
func touch(ctx context.Context, db *store.DB, id int64, mark string) error {
	tr, err := db.FindTraineeByID(ctx, id)
	if err != nil {
		return err
	}
	tr.CurrentDistrict = "测试区" + mark
	return db.UpdateTrainee(ctx, tr)
}

// waitShown waits for the window to show a change of trainees made after
// since, at most bound; again, when not nil, makes the change, and again
// every 5 s meanwhile.
func waitShown(shown <-chan shownAt, since time.Time, bound time.Duration, again func() error) (time.Time, error) {
	end := time.After(bound)
	var tick <-chan time.Time
	if again != nil {
		if err := again(); err != nil {
			return time.Time{}, err
		}
		t := time.NewTicker(5 * time.Second)
		defer t.Stop()
		tick = t.C
	}
	for {
		select {
		case s, ok := <-shown:
			if !ok {
				return time.Time{}, fmt.Errorf("the window ended")
			}
			if s.at.After(since) && contains(s.tables, "trainees") {
				return s.at, nil
			}
		case <-tick:
			if err := again(); err != nil {
				return time.Time{}, err
			}
		case <-end:
			return time.Time{}, fmt.Errorf("nothing shown within %s", bound)
		}
	}
}

func contains(ss []string, s string) bool {
	for _, x := range ss {
		if x == s {
			return true
		}
	}
	return false
}

// stats is p50 and p95 (and the rest) of the durations.
func stats(ds []time.Duration) string {
	s := append([]time.Duration(nil), ds...)
	sort.Slice(s, func(i, j int) bool { return s[i] < s[j] })
	pct := func(p float64) float64 {
		i := int(p*float64(len(s))+0.5) - 1
		return ms(s[max(0, min(i, len(s)-1))])
	}
	return fmt.Sprintf("n=%d p50=%.0fms p95=%.0fms max=%.0fms", len(s), pct(0.50), pct(0.95), ms(s[len(s)-1]))
}

func ms(d time.Duration) float64 { return float64(d) / float64(time.Millisecond) }
