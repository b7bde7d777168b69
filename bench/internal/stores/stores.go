// Package stores gives the benchmarks the stores to measure side by
// side: a SQLite file in a temporary folder, and a database on a
// throwaway PostgreSQL server on loopback TCP (internal/pgtest), started
// here and stopped by the function Parse returns.
package stores

import (
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"sync/atomic"

	"peiyang/internal/pgtest"
)

// Kind is a store to measure: New makes a new, empty database of it and
// returns its --db value (a file path or a connection string).
type Kind struct {
	Name string
	New  func() (string, error)
}

// Flag adds the -store flag: sqlite, postgres or both (the default).
func Flag() *string {
	return flag.String("store", "both", "the store(s) to measure: sqlite, postgres or both (a throwaway PostgreSQL server on loopback)")
}

// Parse returns the kinds the -store value names and the function that
// removes what they made (the temporary folders, the server).
func Parse(value string) ([]Kind, func(), error) {
	var kinds []Kind
	var dirs []string
	var srv *pgtest.Server
	stop := func() {
		for _, d := range dirs {
			os.RemoveAll(d)
		}
		srv.Stop()
	}
	var n atomic.Int64
	for _, name := range strings.Split(value, ",") {
		switch name {
		case "both":
			return Parse("sqlite,postgres")
		case "sqlite":
			kinds = append(kinds, Kind{Name: "sqlite", New: func() (string, error) {
				dir, err := os.MkdirTemp("", "peiyang-bench-")
				if err != nil {
					return "", err
				}
				dirs = append(dirs, dir)
				return filepath.Join(dir, "bench.db"), nil
			}})
		case "postgres":
			var err error
			if srv, err = pgtest.Start(pgtest.Options{TCP: true}); err != nil {
				stop()
				return nil, nil, fmt.Errorf("start a PostgreSQL server: %w", err)
			}
			kinds = append(kinds, Kind{Name: "postgres", New: func() (string, error) {
				name := fmt.Sprintf("bench%d", n.Add(1))
				if err := srv.CreateDatabase(name, ""); err != nil {
					return "", err
				}
				return srv.URL(name), nil
			}})
		default:
			stop()
			return nil, nil, fmt.Errorf("-store %q: sqlite, postgres or both", name)
		}
	}
	return kinds, stop, nil
}
