package cli

import (
	"flag"
	"fmt"
	"os"
	"slices"
	"strings"
	"sync"
	"testing"

	"peiyang/internal/pgtest"
)

// Every command of the command table runs on PostgreSQL in some scenario
// test: cmd records each command that succeeded (exit 0, not its help) on
// a PostgreSQL database, and after a whole run of the package's tests
// (every test, none skipped by -run or -skip) TestMain fails the run when a
// command has no such run and is not among noPostgresRun.

// noPostgresRun are the commands that need no run on PostgreSQL, each
// with the reason.
var noPostgresRun = map[string]string{
	"printers": "opens no database: it lists the CUPS printers (TestPrintToPrinter)",
}

// ranOnPostgres holds the names of the commands that succeeded on
// PostgreSQL.
var ranOnPostgres sync.Map

// recordRun notes a command that exited 0 on PostgreSQL: in a postgres
// subtest of bothStores, or with a connection string among its arguments
// (copy --to postgres://…).
func recordRun(t *testing.T, db string, args []string, code int) {
	if code != exitOK || slices.Contains(args, "--help") || slices.Contains(args, "-h") {
		return
	}
	onServer := storeKind(t) == postgresKind || isConnString(db)
	for _, a := range args {
		onServer = onServer || isConnString(a)
	}
	if c, _ := findCommand(args); c != nil && onServer {
		ranOnPostgres.Store(c.name, true)
	}
}

func isConnString(s string) bool {
	return strings.HasPrefix(s, "postgres://") || strings.HasPrefix(s, "postgresql://")
}

// commandsWithoutPostgresRun lists the commands of the table with no run
// on PostgreSQL that are not in noPostgresRun.
func commandsWithoutPostgresRun() []string {
	var missing []string
	for _, c := range commands() {
		if _, ok := ranOnPostgres.Load(c.name); !ok && noPostgresRun[c.name] == "" {
			missing = append(missing, c.name)
		}
	}
	return missing
}

// checkPostgresCoverage is TestMain's check after the tests, given their
// exit code: 1 when, on a whole run that passed with a PostgreSQL server,
// a command had no run on it.
func checkPostgresCoverage(code int) int {
	whole := flag.Lookup("test.run").Value.String() == "" && flag.Lookup("test.skip").Value.String() == "" && !testing.Short()
	if code != 0 || !whole || !pgtest.Started() {
		return code
	}
	if missing := commandsWithoutPostgresRun(); len(missing) > 0 {
		fmt.Fprintf(os.Stderr, "FAIL: these commands have no scenario test on PostgreSQL (cli/coverage_test.go): %s\n",
			strings.Join(missing, ", "))
		return 1
	}
	return code
}

// noPostgresRun names commands of the table, each with a reason.
func TestNoPostgresRunCommandsExist(t *testing.T) {
	for name, why := range noPostgresRun {
		if c, _ := findCommand(strings.Fields(name)); c == nil || c.name != name || why == "" {
			t.Errorf("noPostgresRun: %q is no command, or has no reason", name)
		}
	}
}
