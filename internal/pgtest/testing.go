package pgtest

import (
	"context"
	"fmt"
	"os"
	"runtime"
	"strings"
	"sync"
	"sync/atomic"
	"testing"

	"github.com/jackc/pgx/v5"
)

// The test binary's shared server: started on first use by the tests that
// need one, stopped by Main when the tests end. Each test works in a
// database of its own on it.

var shared struct {
	once sync.Once
	srv  *Server
	err  error
}

// seq numbers the databases made on the shared server.
var seq atomic.Int64

// Required reports whether a test that needs PostgreSQL must fail, rather
// than skip, when no server can be started: on Linux in CI (CI set) or
// with PEIYANG_REQUIRE_PG=1, which .ci/run sets. (The tests built for
// Windows and run under Wine start no server.)
func Required() bool {
	return runtime.GOOS == "linux" && (os.Getenv("CI") != "" || os.Getenv("PEIYANG_REQUIRE_PG") == "1")
}

// Unavailable skips the test, or fails it where PostgreSQL is Required,
// for the reason err.
func Unavailable(tb testing.TB, err error) {
	tb.Helper()
	if Required() {
		tb.Fatalf("PostgreSQL is required here (CI) but cannot be started: %v", err)
	}
	tb.Skipf("no PostgreSQL to test with: %v", err)
}

// Shared returns the test binary's server, starting it on first use.
func Shared(tb testing.TB) *Server {
	tb.Helper()
	shared.once.Do(func() { shared.srv, shared.err = Start(Options{}) })
	if shared.err != nil {
		Unavailable(tb, shared.err)
	}
	return shared.srv
}

// Started reports whether the test binary's shared server was started
// (by a test that needed it).
func Started() bool { return shared.srv != nil }

// Main runs the tests and then stops the shared server, if one was
// started. Call it from TestMain: os.Exit(pgtest.Main(m)).
func Main(m *testing.M) int {
	code := m.Run()
	if shared.srv != nil {
		shared.srv.Stop()
	}
	return code
}

// NewDatabase makes a new database on the shared server, a copy of the
// database template ("" for an empty one), and returns its connection
// string.
func NewDatabase(tb testing.TB, template string) string {
	tb.Helper()
	srv := Shared(tb)
	name := fmt.Sprintf("t%d", seq.Add(1))
	if err := srv.CreateDatabase(name, template); err != nil {
		tb.Fatal(err)
	}
	return srv.URL(name)
}

var templates sync.Map // name → *template

type template struct {
	once sync.Once
	err  error
}

// Template makes, once per test binary, the database name on the shared
// server and calls prepare with its connection string, to be copied by
// NewDatabase(tb, name); prepare must close every connection it opens.
func Template(tb testing.TB, name string, prepare func(url string) error) string {
	tb.Helper()
	srv := Shared(tb)
	v, _ := templates.LoadOrStore(name, &template{})
	t := v.(*template)
	t.once.Do(func() {
		if t.err = srv.CreateDatabase(name, ""); t.err == nil {
			t.err = prepare(srv.URL(name))
		}
	})
	if t.err != nil {
		tb.Fatalf("pgtest: template %s: %v", name, t.err)
	}
	return name
}

// CreateDatabase makes the database name, a copy of template ("" for an
// empty one).
func (s *Server) CreateDatabase(name, template string) error {
	q := "CREATE DATABASE " + pgx.Identifier{name}.Sanitize()
	if template != "" {
		q += " TEMPLATE " + pgx.Identifier{template}.Sanitize() + " STRATEGY FILE_COPY"
	}
	return s.Exec("postgres", q)
}

// Exec runs statements on a database of the server as its superuser.
func (s *Server) Exec(database, sql string, args ...any) error {
	ctx := context.Background()
	c, err := pgx.Connect(ctx, s.URL(database))
	if err != nil {
		return fmt.Errorf("pgtest: connect: %w", err)
	}
	defer c.Close(ctx)
	if _, err := c.Exec(ctx, sql, args...); err != nil {
		return fmt.Errorf("pgtest: %s: %w", sql, err)
	}
	return nil
}

// The kinds of store a test runs on: the names of BothStores' subtests.
const (
	SQLite   = "sqlite"
	Postgres = "postgres"
)

// BothStores runs test as the subtests sqlite and postgres of t and
// returns true, unless t is one of those subtests already (then it returns
// false and the test goes on, on the store its StoreKind names):
//
//	func TestX(t *testing.T) {
//		if pgtest.BothStores(t, TestX) {
//			return
//		}
//		...
func BothStores(t *testing.T, test func(*testing.T)) bool {
	t.Helper()
	if StoreKind(t) != "" {
		return false
	}
	t.Run(SQLite, test)
	t.Run(Postgres, test)
	return true
}

// StoreKind is the kind of store of a test: the name of its subtest of
// BothStores, "" outside one.
func StoreKind(t testing.TB) string {
	parts := strings.Split(t.Name(), "/")
	if len(parts) > 1 && (parts[1] == SQLite || parts[1] == Postgres) {
		return parts[1]
	}
	return ""
}
