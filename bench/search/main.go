// Command search benchmarks the trainee search: it builds a temporary
// database of N made-up trainees and times varied searches, on SQLite and
// on a throwaway PostgreSQL server on loopback, one after the other.
//
//	go run ./bench/search [-n 250000] [-queries 2000] [-limit 20] [-store both|sqlite|postgres]
package main

import (
	"context"
	"flag"
	"fmt"
	"math/rand/v2"
	"os"
	"sort"
	"time"

	"peiyang/bench/internal/stores"
	"peiyang/internal/people"
	"peiyang/models"
	"peiyang/pinyin"
	"peiyang/store"
)

func main() {
	n := flag.Int("n", 250000, "number of trainees")
	queries := flag.Int("queries", 2000, "number of timed searches")
	limit := flag.Int("limit", 20, "results per search")
	which := stores.Flag()
	flag.Parse()
	kinds, stop, err := stores.Parse(*which)
	if err == nil {
		for _, k := range kinds {
			fmt.Printf("== %s\n", k.Name)
			if err = run(k, *n, *queries, *limit); err != nil {
				break
			}
		}
		stop()
	}
	if err != nil {
		fmt.Fprintln(os.Stderr, "search bench:", err)
		os.Exit(1)
	}
}

type query struct {
	kind, text string
}

func run(kind stores.Kind, n, count, limit int) error {
	ctx := context.Background()
	target, err := kind.New()
	if err != nil {
		return err
	}
	start := time.Now()
	trainees := people.New(1).Trainees(n)
	gen := time.Since(start)

	start = time.Now()
	db, err := store.Open(target)
	if err != nil {
		return err
	}
	defer db.Close()
	if err := db.LoadDataset(ctx, &models.Dataset{Trainees: trainees}); err != nil {
		return err
	}
	build := time.Since(start)
	fmt.Printf("trainees: %d (generated in %s)\n", n, gen.Round(time.Millisecond))
	if kind.Name == "sqlite" {
		fmt.Printf("build: %s (load with search index); database file %.0f MB, WAL %.0f MB\n", build.Round(time.Millisecond),
			float64(fileSize(target))/1e6, float64(fileSize(target+"-wal"))/1e6)
	} else {
		fmt.Printf("build: %s (load with search index)\n", build.Round(time.Millisecond))
	}

	qs := makeQueries(trainees, count)
	for _, q := range qs[:min(100, len(qs))] { // warm up
		if _, err := db.SearchTrainees(ctx, q.text, limit); err != nil {
			return err
		}
	}
	all := make([]time.Duration, 0, len(qs))
	byKind := map[string][]time.Duration{}
	var hits, empty int
	for _, q := range qs {
		t0 := time.Now()
		res, err := db.SearchTrainees(ctx, q.text, limit)
		d := time.Since(t0)
		if err != nil {
			return err
		}
		if len(res) == 0 {
			empty++
		}
		hits += len(res)
		all = append(all, d)
		byKind[q.kind] = append(byKind[q.kind], d)
	}
	fmt.Printf("searches: %d, limit %d, %.1f results on average, %d with none\n", len(qs), limit, float64(hits)/float64(len(qs)), empty)
	kinds := make([]string, 0, len(byKind))
	for k := range byKind {
		kinds = append(kinds, k)
	}
	sort.Strings(kinds)
	for _, k := range kinds {
		fmt.Printf("  %-16s %s\n", k, stats(byKind[k]))
	}
	fmt.Printf("all: %s\n", stats(all))
	return nil
}

// makeQueries draws searches of every kind from the trainees.
func makeQueries(ts []*models.Trainee, count int) []query {
	r := rand.New(rand.NewPCG(7, 11))
	var out []query
	for len(out) < count {
		t := ts[r.IntN(len(ts))]
		var name []rune
		for _, c := range t.Name {
			if !pinyin.IsMiddleDot(c) {
				name = append(name, c)
			}
		}
		switch len(out) % 8 {
		case 0:
			out = append(out, query{"name-1char", string(name[r.IntN(len(name))])})
		case 1:
			if len(name) >= 2 {
				i := r.IntN(len(name) - 1)
				out = append(out, query{"name-2char", string(name[i : i+2])})
			}
		case 2:
			out = append(out, query{"name-full", t.Name})
		case 3:
			out = append(out, query{"pinyin-full", pinyin.Full(t.Name)})
		case 4:
			full := pinyin.Full(t.Name)
			out = append(out, query{"pinyin-prefix", full[:min(len(full), 2+r.IntN(4))]})
		case 5:
			out = append(out, query{"initials", pinyin.Initials(t.Name)})
		case 6:
			out = append(out, query{"id-fragment", fragment(r, t.IDNumber)})
		case 7:
			if t.Phone != "" {
				out = append(out, query{"phone-fragment", fragment(r, t.Phone)})
			}
		}
	}
	return out
}

// fragment returns 4 to 6 consecutive characters of s.
func fragment(r *rand.Rand, s string) string {
	n := 4 + r.IntN(3)
	i := r.IntN(len(s) - n + 1)
	return s[i : i+n]
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

func fileSize(p string) int64 {
	fi, err := os.Stat(p)
	if err != nil {
		return 0
	}
	return fi.Size()
}
