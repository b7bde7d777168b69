// Command photos benchmarks the photo import (peiyang import photos): it
// makes a database of N trainees and a folder of N JPEG files named by
// their ID numbers, photos of W × H pixels (480 × 640 by default, the size
// schools' student-register photos have; noise included, so that they
// compress and decode like camera photos), then imports the folder and
// reports the time (wall and CPU), the photos' size in the files and in
// the database, and peak memory. Decoding the files is most of the work:
// the time grows with their pixels.
//
//	go run ./bench/photos [-n 1000] [-w 480] [-h 640]
//
// The target (issue 17, 2 cores): 1,000 photos in at most 10 s.
package main

import (
	"context"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"runtime/pprof"
	"time"

	"peiyang/bench/internal/measure"
	"peiyang/bench/internal/portrait"
	"peiyang/internal/parallel"
	"peiyang/internal/people"
	"peiyang/models"
	"peiyang/sheets/imports"
	"peiyang/store"
	"peiyang/training"
)

func main() {
	n := flag.Int("n", 1000, "number of trainees and photos")
	w := flag.Int("w", 480, "width of the photo files in pixels")
	h := flag.Int("h", 640, "height of the photo files in pixels")
	flag.StringVar(&cpuProfile, "cpuprofile", "", "write a CPU profile of the import to this file")
	flag.Parse()
	if err := run(*n, *w, *h); err != nil {
		fmt.Fprintln(os.Stderr, "photos bench:", err)
		os.Exit(1)
	}
}

var cpuProfile string

func run(n, w, h int) error {
	ctx := context.Background()
	dir, err := os.MkdirTemp("", "peiyang-photo-bench-")
	if err != nil {
		return err
	}
	defer os.RemoveAll(dir)
	db, err := store.Open(filepath.Join(dir, "bench.db"))
	if err != nil {
		return err
	}
	defer db.Close()
	ts := people.New(11).Trainees(n)
	if err := db.LoadDataset(ctx, &models.Dataset{Trainees: ts}); err != nil {
		return err
	}
	folder := filepath.Join(dir, "photos")
	if err := os.Mkdir(folder, 0o700); err != nil {
		return err
	}
	start := time.Now()
	sizes := make([]int, n)
	errs := make([]error, n)
	parallel.Each(n, func(i int) {
		b := portrait.JPEG(w, h, uint64(i))
		sizes[i] = len(b)
		errs[i] = os.WriteFile(filepath.Join(folder, ts[i].IDNumber+".jpg"), b, 0o600)
	})
	for _, err := range errs {
		if err != nil {
			return err
		}
	}
	total := 0
	for _, s := range sizes {
		total += s
	}
	fmt.Printf("photos: %d files of %d × %d pixels, %.0f KB each on average (made in %s), on %d CPUs\n",
		n, w, h, float64(total)/float64(n)/1000, time.Since(start).Round(time.Millisecond), runtime.GOMAXPROCS(0))

	now := time.Date(2025, 6, 15, 10, 0, 0, 0, time.Local)
	clock := func() time.Time { return now }
	im := imports.New(training.New(db, training.WithClock(clock)), clock)
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
	t := measure.Start()
	rep, err := im.ImportPhotos(ctx, folder, imports.PhotoOptions{})
	if err != nil {
		return err
	}
	d, times := t.Stop()
	if cpuProfile != "" {
		pprof.StopCPUProfile()
	}
	count, bytes, err := db.CountTraineePhotos(ctx)
	if err != nil {
		return err
	}
	fmt.Printf("import:  %s  %d photos, %.0f photos/s\n", times, rep.Imported, float64(rep.Imported)/d.Seconds())
	fmt.Printf("stored:  %d photos, %d bytes a photo on average (295 × 413 JPEG), %.1f MB in all\n", count, bytes/int64(max(count, 1)), float64(bytes)/1e6)
	fmt.Printf("peak memory: %s\n", measure.PeakMemory())
	verdict := "PASS"
	if n >= 1000 && d > 10*time.Second {
		verdict = "FAIL (over 10 s)"
	}
	fmt.Printf("target (1,000 photos in at most 10 s): %s\n", verdict)
	return nil
}
