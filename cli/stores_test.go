package cli

import (
	"os"
	"path/filepath"
	"testing"

	"peiyang/internal/pgtest"
	"peiyang/store"
)

// The command line's scenarios run on both stores. A test that begins
// with
//
//	if bothStores(t, TestX) {
//		return
//	}
//
// runs itself again as the subtests sqlite and postgres, and tempDB, in a
// subtest, names a new database of the subtest's kind: a file in a
// temporary folder, or a connection string of a new database on the test
// binary's throwaway PostgreSQL server (internal/pgtest). Tests of the
// file itself (its folder, its mode, a read-only file) stay on SQLite.

func TestMain(m *testing.M) { os.Exit(checkPostgresCoverage(pgtest.Main(m))) }

// The kinds of store, and the helpers that run a test on both
// (internal/pgtest).
const (
	sqliteKind   = pgtest.SQLite
	postgresKind = pgtest.Postgres
)

var (
	bothStores = pgtest.BothStores
	storeKind  = pgtest.StoreKind
)

// tempDB names a new database of the test's kind, not yet made.
func tempDB(t *testing.T) string {
	t.Helper()
	if storeKind(t) == postgresKind {
		return pgtest.NewDatabase(t, pgTemplate(t))
	}
	return filepath.Join(t.TempDir(), "peiyang.db")
}

// pgTemplate is a database with Peiyang's schema, which tests' databases
// copy.
func pgTemplate(t *testing.T) string {
	return pgtest.Template(t, "peiyang_template", func(url string) error {
		db, err := store.Open(url)
		if err != nil {
			return err
		}
		return db.Close()
	})
}
