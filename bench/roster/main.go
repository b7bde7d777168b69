// Command roster benchmarks the roster (花名册): it builds the report's
// 40,630 mobile party members in memory with the demo generator, prints
// them as one course's roster and reports the time (wall and CPU: on a
// machine shared with other work the CPU time is the steadier figure),
// the pages, the file's size and the peak memory of the process (VmHWM).
//
//	go run ./bench/roster [-n 40630] [-out roster.pdf] [-full-ids]
package main

import (
	"bufio"
	"flag"
	"fmt"
	"io"
	"os"
	"runtime"
	"runtime/pprof"
	"time"

	"peiyang/bench/internal/measure"
	"peiyang/demo"
	"peiyang/models"
	"peiyang/reports/lists"
	"peiyang/training"
)

func main() {
	n := flag.Int("n", demo.DefaultTrainees, "number of trainees on the roster")
	out := flag.String("out", "", "write the PDF to this file (default: discard it)")
	full := flag.Bool("full-ids", false, "print ID numbers and phones unmasked")
	cpuProfile := flag.String("cpuprofile", "", "write a CPU profile of the printing to this file")
	memProfile := flag.String("memprofile", "", "write a heap profile taken at the end of the printing to this file")
	flag.Parse()
	if err := run(*n, *out, *full, *cpuProfile, *memProfile); err != nil {
		fmt.Fprintln(os.Stderr, "roster bench:", err)
		os.Exit(1)
	}
}

// counter counts the bytes written through it.
type counter struct {
	w io.Writer
	n int64
}

func (c *counter) Write(p []byte) (int, error) {
	n, err := c.w.Write(p)
	c.n += int64(n)
	return n, err
}

func run(n int, out string, full bool, cpuProfile, memProfile string) error {
	start := time.Now()
	ds, err := demo.Generate(demo.Options{Trainees: n, Seed: 1, Today: demo.DefaultToday()})
	if err != nil {
		return err
	}
	gen := time.Since(start)
	course := &models.Course{ID: 1, Title: "2025年流动党员乡村振兴带头人能力提升班（第1期）", Theme: models.ThemeRural,
		StartDate: models.MustDate("2025-03-01"), EndDate: models.MustDate("2025-06-30")}
	l := &training.CourseList{Course: course, Cohort: &models.Cohort{Name: "2025年度联合培养"}, Trainees: ds.Trainees}
	ds = nil // only the trainees are kept
	runtime.GC()
	fmt.Printf("trainees: %d (generated in %s)\n", len(l.Trainees), gen.Round(time.Millisecond))
	fmt.Printf("heap before printing: %.0f MB, VmHWM so far %s\n", heapMB(), measure.PeakMemory())

	var w io.Writer = io.Discard
	var file *os.File
	if out != "" {
		if file, err = os.OpenFile(out, os.O_CREATE|os.O_WRONLY|os.O_TRUNC, 0o600); err != nil {
			return err
		}
		defer file.Close()
		w = bufio.NewWriter(file)
	}
	cw := &counter{w: w}
	if cpuProfile != "" {
		f, err := os.Create(cpuProfile)
		if err != nil {
			return err
		}
		defer f.Close()
		if err := pprof.StartCPUProfile(f); err != nil {
			return err
		}
	}
	cpu0 := measure.CPUTime()
	start = time.Now()
	pages, err := lists.Roster(cw, lists.Meta{Org: "成都市基层党务学院", Date: demo.DefaultToday(), FullIDs: full}, l)
	if err != nil {
		return err
	}
	took := time.Since(start)
	cpu := measure.CPUTime() - cpu0
	if cpuProfile != "" {
		pprof.StopCPUProfile()
	}
	if memProfile != "" {
		f, err := os.Create(memProfile)
		if err != nil {
			return err
		}
		defer f.Close()
		if err := pprof.Lookup("allocs").WriteTo(f, 0); err != nil {
			return err
		}
	}
	if bw, ok := w.(*bufio.Writer); ok {
		if err := bw.Flush(); err != nil {
			return err
		}
	}
	fmt.Printf("roster: %d rows, %d pages, %.1f MB PDF in %s (%.0f rows/s)\n", len(l.Trainees), pages,
		float64(cw.n)/1e6, took.Round(time.Millisecond), float64(len(l.Trainees))/took.Seconds())
	fmt.Printf("CPU time while printing: %s on %d CPUs (garbage collection included)\n", cpu.Round(time.Millisecond), runtime.NumCPU())
	fmt.Printf("peak memory (VmHWM): %s\n", measure.PeakMemory())
	verdict := "PASS"
	if cw.n > 10e6 {
		verdict = "FAIL (over 10 MB)"
	}
	if took > 1500*time.Millisecond {
		verdict = "FAIL (over 1.5 s)"
	}
	if kb := measure.PeakKB(); kb > 200*1024 {
		verdict = "FAIL (over 200 MB)"
	}
	fmt.Printf("target (issue 17, 40,630 rows on 2 cores): at most 10 MB, 1.5 s and 200 MB: %s\n", verdict)
	return nil
}

func heapMB() float64 {
	var ms runtime.MemStats
	runtime.ReadMemStats(&ms)
	return float64(ms.HeapAlloc) / 1e6
}
