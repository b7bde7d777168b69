// Package stores gives the benchmarks the stores to measure side by
// side: a SQLite file in a temporary folder, and a database on a
// throwaway PostgreSQL server on loopback TCP (internal/pgtest), started
// here and stopped by the function Parse returns.
package stores

import (
	"flag"
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"sync/atomic"

	"github.com/jackc/pgx/v5"

	"peiyang/internal/pgtest"
)

// Kind is a store to measure: New makes a new, empty database of it and
// returns its --db value (a file path or a connection string). On
// PostgreSQL, Clone makes a new database, a copy of the one the
// connection string names (nobody may be connected to it), and Drop
// removes a database, ending whatever connections it still has; on SQLite
// they are nil (a file is copied and removed as a file).
type Kind struct {
	Name  string
	New   func() (string, error)
	Clone func(from string) (string, error)
	Drop  func(db string) error
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
			newDB := func(template string) (string, error) {
				name := fmt.Sprintf("bench%d", n.Add(1))
				if err := srv.CreateDatabase(name, template); err != nil {
					return "", err
				}
				return srv.URL(name), nil
			}
			kinds = append(kinds, Kind{Name: "postgres",
				New: func() (string, error) { return newDB("") },
				Clone: func(from string) (string, error) {
					name, err := databaseName(from)
					if err != nil {
						return "", err
					}
					return newDB(name)
				},
				Drop: func(db string) error {
					name, err := databaseName(db)
					if err != nil {
						return err
					}
					return srv.Exec("postgres", "DROP DATABASE "+pgx.Identifier{name}.Sanitize()+" WITH (FORCE)")
				},
			})
		default:
			stop()
			return nil, nil, fmt.Errorf("-store %q: sqlite, postgres or both", name)
		}
	}
	return kinds, stop, nil
}

// databaseName reads the database's name from its connection string.
func databaseName(db string) (string, error) {
	u, err := url.Parse(db)
	if err != nil || u.Scheme != "postgres" || len(u.Path) < 2 {
		return "", fmt.Errorf("not a database of the bench's server: %q", db)
	}
	return u.Path[1:], nil
}
