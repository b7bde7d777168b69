package main

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"time"
	"runtime/pprof"

	"peiyang/bench/search/people"
	"peiyang/store"
	"peiyang/training"
)

func main() {
	ctx := context.Background()
	dir, _ := os.MkdirTemp("", "probe")
	defer os.RemoveAll(dir)
	db, err := store.Open(filepath.Join(dir, "x.db"))
	if err != nil {
		panic(err)
	}
	svc := training.New(db)
	ts := people.New(1).Trainees(40630)
	for _, t := range ts {
		t.ID = 0
	}
	pf, _ := os.Create("/tmp/cpu.prof"); pprof.StartCPUProfile(pf); defer pprof.StopCPUProfile()
	start := time.Now()
	err = db.Update(ctx, func(ctx context.Context) error {
		for _, t := range ts {
			if err := svc.CreateTrainee(ctx, t); err != nil {
				return err
			}
		}
		return nil
	})
	fmt.Println(err, time.Since(start))
}
