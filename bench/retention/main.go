// Command retention measures what de-identification costs at the report's
// scale, now that the file must keep nothing of what it removes: it loads
// the default demo data into a new SQLite file, times edits of trainees
// (each rewrites the trainee's row, its search keys and its audit entry;
// the writer deletes securely, zeroing what it frees), then de-identifies
// the trainees inactive for the given years, which commits the change and
// scrubs the file (VACUUM, and the -wal file checkpointed and emptied),
// and prints the times and the file's sizes.
//
//	go run ./bench/retention [-trainees N] [-edits N] [-older-than YEARS]
package main

import (
	"context"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"time"

	"peiyang/demo"
	"peiyang/store"
)

func main() {
	n := flag.Int("trainees", demo.DefaultTrainees, "number of trainees")
	edits := flag.Int("edits", 2000, "number of trainee edits to time")
	years := flag.Int("older-than", 2, "de-identify the trainees inactive for this many years")
	flag.Parse()
	if err := run(*n, *edits, *years); err != nil {
		fmt.Fprintln(os.Stderr, "bench/retention:", err)
		os.Exit(1)
	}
}

func run(n, edits, years int) error {
	ctx := context.Background()
	today := demo.DefaultToday()
	ds, err := demo.Generate(demo.Options{Trainees: n, Today: today})
	if err != nil {
		return err
	}
	dir, err := os.MkdirTemp("", "peiyang-retention-bench-")
	if err != nil {
		return err
	}
	defer os.RemoveAll(dir)
	path := filepath.Join(dir, "bench.db")
	db, err := store.Open(path)
	if err != nil {
		return err
	}
	defer db.Close()
	start := time.Now()
	if err := db.LoadDataset(ctx, ds); err != nil {
		return err
	}
	fmt.Printf("trainees: %d, loaded in %s, file %s\n", n, time.Since(start).Round(time.Millisecond), size(path))

	start = time.Now()
	for i := 0; i < edits && i < len(ds.Trainees); i++ {
		t, err := db.FindTraineeByID(ctx, ds.Trainees[i].ID)
		if err != nil {
			return err
		}
		t.Phone = fmt.Sprintf("139%08d", i)
		t.Notes = fmt.Sprintf("edit %d", i)
		if err := db.UpdateTrainee(ctx, t); err != nil {
			return err
		}
	}
	took := time.Since(start)
	fmt.Printf("edits: %d in %s, %.2f ms each\n", edits, took.Round(time.Millisecond), float64(took.Microseconds())/1000/float64(edits))

	ids, err := db.Inactive(ctx, today.AddYears(-years))
	if err != nil {
		return err
	}
	start = time.Now()
	if err := db.Deidentify(ctx, ids); err != nil {
		return err
	}
	fmt.Printf("de-identified: %d trainees inactive for %d years in %s (the change, VACUUM and the emptied -wal file); file %s, -wal %s\n",
		len(ids), years, time.Since(start).Round(time.Millisecond), size(path), size(path+"-wal"))
	return nil
}

func size(path string) string {
	st, err := os.Stat(path)
	if err != nil {
		return "none"
	}
	return fmt.Sprintf("%.1f MB", float64(st.Size())/1e6)
}
