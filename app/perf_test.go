package app

import (
	"fmt"
	"os"
	"sort"
	"testing"
	"time"

	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"peiyang/models"
	"peiyang/store"
	"peiyang/training"
)

// TestPerformance measures the window at the report's scale, on a demo
// database of 40,630 trainees, and prints the figures:
//
//   - start: from nothing to the window built, then to the dashboard's
//     data on screen, then to the trainee table's first page (the figure
//     the 2-second target is about);
//   - search: from a keystroke in the search box to the results in the
//     table, for every keystroke of names, pinyin, initials, ID and phone
//     fragments (target 100 ms);
//   - scrolling: the whole table, a screenful of 20 rows at a time, from
//     asking for the rows to having every cell filled (target: a frame,
//     16 ms), and each page read from the store on its own.
//
// It needs the database, so it runs only when PEIYANG_PERF_DB names it:
//
//	./peiyang --db /tmp/peiyang-shots.db demo --if-empty
//	PEIYANG_PERF_DB=/tmp/peiyang-shots.db go test ./app -run TestPerformance -v -count=1
//
// A figure over its target is printed as such ("OVER TARGET"), not failed:
// the figures depend on the machine and its load, and the tests assert
// behaviour, not durations.
func TestPerformance(t *testing.T) {
	path := os.Getenv("PEIYANG_PERF_DB")
	if path == "" {
		t.Skip("set PEIYANG_PERF_DB to a demo database (peiyang --db FILE demo) to measure")
	}
	db, err := store.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	svc := training.New(db)

	u, s := measureStart(t, svc)
	defer u.cancel()
	total := s.rows.count()
	measureSearch(t, u, s, total)
	measureScroll(t, u, s, total)
	measureStoreReads(t, svc)
}

// measureStart opens the window and measures the time to the dashboard's
// data and to the trainee table's first page.
func measureStart(t *testing.T, svc *training.Service) (*ui, *traineesScreen) {
	start := time.Now()
	a := test.NewTempApp(t)
	u, err := newUI(a, svc, Options{Language: LangChinese})
	if err != nil {
		t.Fatal(err)
	}
	built := time.Since(start)
	u.waitIdle()
	dashboard := time.Since(start)
	t0 := time.Now()
	uiSerial.Lock()
	u.showScreen("trainees")
	uiSerial.Unlock()
	s := u.trainees
	for !locked(func() bool { return s.rows.total >= 0 && s.rows.pages[0] != nil }) {
		time.Sleep(100 * time.Microsecond)
	}
	firstPage := time.Since(t0)
	u.waitIdle()
	allIDs := time.Since(t0)
	total := s.rows.count()
	fmt.Printf("start (%s trainees): window built %v; dashboard data shown %v; trainee table's first page %v later (%v in all); IDs of all rows and every stage %v later\n",
		formatInt(total), ms(built), ms(dashboard), ms(firstPage), ms(dashboard+firstPage), ms(allIDs))
	if dashboard+firstPage > 2*time.Second {
		overTarget("a usable window took %v, over 2 s", dashboard+firstPage)
	}
	return u, s
}

// measureSearch types names, pinyin, initials and fragments of an ID number
// and a phone, one keystroke at a time, and measures each keystroke.
func measureSearch(t *testing.T, u *ui, s *traineesScreen, total int) {
	pick, err := u.svc.Trainees.FindTraineeByID(ctx, int64(total/2))
	if err != nil {
		t.Fatal(err)
	}
	queries := []string{pick.Name, "zhangwei", "zmy", pick.IDNumber[6:14], pick.Phone[3:9], "德阳"}
	var lat []time.Duration
	var worst string
	for _, q := range queries {
		uiSerial.Lock()
		s.search.SetText("")
		uiSerial.Unlock()
		u.waitIdle()
		for _, r := range q {
			t0 := time.Now()
			uiSerial.Lock()
			test.Type(s.search, string(r))
			uiSerial.Unlock()
			u.waitIdle() // the search and the table's refresh
			d := time.Since(t0)
			lat = append(lat, d)
			if d == maxDur(lat) {
				worst = fmt.Sprintf("%q after %q", string(r), s.search.Text)
			}
		}
	}
	p50, p95, mx := percentiles(lat)
	fmt.Printf("search: %d keystrokes over %d queries: keystroke to table p50 %v, p95 %v, max %v (%s)\n",
		len(lat), len(queries), ms(p50), ms(p95), ms(mx), worst)
	if p95 > 100*time.Millisecond {
		overTarget("search p95 %v, over 100 ms", p95)
	}
}

// measureScroll scrolls the whole trainee table a screenful at a time.
func measureScroll(t *testing.T, u *ui, s *traineesScreen, total int) {
	uiSerial.Lock()
	s.search.SetText("")
	uiSerial.Unlock()
	u.waitIdle()
	const screenful = 20
	cols := len(s.columns())
	cell := widget.NewLabel("")
	var frames, fetches []time.Duration
	rowsShown := 0
	for top := 0; top < total; top += screenful {
		t0 := time.Now()
		missing := false
		uiSerial.Lock()
		s.table.ScrollTo(widget.TableCellID{Row: top, Col: 0})
		for r := top; r < min(top+screenful, total); r++ {
			for c := range cols {
				s.table.UpdateCell(widget.TableCellID{Row: r, Col: c}, cell)
			}
			missing = missing || s.rows.at(r) == nil
		}
		uiSerial.Unlock()
		if missing {
			f0 := time.Now()
			u.waitIdle()
			fetches = append(fetches, time.Since(f0))
			uiSerial.Lock()
			for r := top; r < min(top+screenful, total); r++ {
				if s.rows.at(r) == nil {
					uiSerial.Unlock()
					t.Fatalf("row %d still missing after its page was read", r)
				}
				for c := range cols {
					s.table.UpdateCell(widget.TableCellID{Row: r, Col: c}, cell)
				}
			}
			uiSerial.Unlock()
		}
		frames = append(frames, time.Since(t0))
		rowsShown += min(screenful, total-top)
	}
	f50, f95, fmax := percentiles(frames)
	g50, g95, gmax := percentiles(fetches)
	fmt.Printf("scroll: %s rows in %d screenfuls of %d: screenful p50 %v, p95 %v, max %v; %d page reads from the store (%d rows each, read ahead): p50 %v, p95 %v, max %v\n",
		formatInt(rowsShown), len(frames), screenful, ms(f50), ms(f95), ms(fmax), len(fetches), traineePage, ms(g50), ms(g95), ms(gmax))
	if f95 > 16*time.Millisecond {
		overTarget("scrolling p95 %v a screenful, over a 16 ms frame", f95)
	}
}

// measureStoreReads reads the trainees a keyset page at a time, as the
// table does, without the window.
func measureStoreReads(t *testing.T, svc *training.Service) {
	var reads []time.Duration
	var after int64
	for {
		t0 := time.Now()
		ts, err := svc.Trainees.FindTrainees(ctx, models.TraineeFilter{Page: models.Page{AfterID: after, Limit: traineePage}})
		if err != nil {
			t.Fatal(err)
		}
		reads = append(reads, time.Since(t0))
		if len(ts) < traineePage {
			break
		}
		after = ts[len(ts)-1].ID
	}
	r50, r95, rmax := percentiles(reads)
	fmt.Printf("store: %d keyset page reads of %d rows: p50 %v, p95 %v, max %v\n", len(reads), traineePage, ms(r50), ms(r95), ms(rmax))
}

// overTarget prints a figure that missed its target.
func overTarget(format string, args ...any) {
	fmt.Printf("OVER TARGET: "+format+"\n", args...)
}

func locked(f func() bool) bool {
	uiSerial.Lock()
	defer uiSerial.Unlock()
	return f()
}

func percentiles(ds []time.Duration) (p50, p95, max time.Duration) {
	if len(ds) == 0 {
		return 0, 0, 0
	}
	s := append([]time.Duration(nil), ds...)
	sort.Slice(s, func(i, j int) bool { return s[i] < s[j] })
	return s[len(s)/2], s[len(s)*95/100], s[len(s)-1]
}

func maxDur(ds []time.Duration) time.Duration {
	_, _, m := percentiles(ds)
	return m
}

// ms rounds a duration for printing.
func ms(d time.Duration) time.Duration {
	if d > 10*time.Millisecond {
		return d.Round(time.Millisecond)
	}
	return d.Round(10 * time.Microsecond)
}
