package cli

import (
	"os"
	"path/filepath"
	"strings"
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

func TestMain(m *testing.M) { os.Exit(pgtest.Main(m)) }

const (
	sqliteKind   = "sqlite"
	postgresKind = "postgres"
)

// bothStores runs test as the subtests sqlite and postgres of t and
// returns true, unless t is one of those subtests already.
func bothStores(t *testing.T, test func(*testing.T)) bool {
	t.Helper()
	if storeKind(t) != "" {
		return false
	}
	t.Run(sqliteKind, test)
	t.Run(postgresKind, test)
	return true
}

// storeKind is the kind of store of a test: the name of its subtest of
// bothStores, "" outside one.
func storeKind(t testing.TB) string {
	parts := strings.Split(t.Name(), "/")
	if len(parts) > 1 && (parts[1] == sqliteKind || parts[1] == postgresKind) {
		return parts[1]
	}
	return ""
}

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
