package pgtest_test

import (
	"context"
	"os"
	"strings"
	"testing"

	"github.com/jackc/pgx/v5"

	"peiyang/internal/pgtest"
)

func TestMain(m *testing.M) { os.Exit(pgtest.Main(m)) }

func count(t *testing.T, url string) int {
	t.Helper()
	ctx := context.Background()
	c, err := pgx.Connect(ctx, url)
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close(ctx)
	var n int
	if err := c.QueryRow(ctx, `SELECT count(*) FROM things`).Scan(&n); err != nil {
		t.Fatal(err)
	}
	return n
}

// Databases made from a template hold its rows and are each their own;
// a server started apart, over TCP, survives a restart with its data.
func TestServers(t *testing.T) {
	tmpl := pgtest.Template(t, "things", func(url string) error {
		ctx := context.Background()
		c, err := pgx.Connect(ctx, url)
		if err != nil {
			return err
		}
		defer c.Close(ctx)
		_, err = c.Exec(ctx, `CREATE TABLE things (id int); INSERT INTO things VALUES (1), (2)`)
		return err
	})
	a, b := pgtest.NewDatabase(t, tmpl), pgtest.NewDatabase(t, tmpl)
	if a == b {
		t.Fatal("two databases share a connection string")
	}
	if n := count(t, a); n != 2 {
		t.Fatalf("the copy holds %d rows, want 2", n)
	}

	srv, err := pgtest.Start(pgtest.Options{TCP: true})
	if err != nil {
		pgtest.Unavailable(t, err)
	}
	defer srv.Stop()
	if err := srv.CreateDatabase("x", ""); err != nil {
		t.Fatal(err)
	}
	if err := srv.Exec("x", `CREATE TABLE things (id int); INSERT INTO things VALUES (1)`); err != nil {
		t.Fatal(err)
	}
	if err := srv.Restart(); err != nil {
		t.Fatal(err)
	}
	if n := count(t, srv.URL("x")); n != 1 {
		t.Fatalf("after the restart %d rows, want 1", n)
	}
	if srv.SocketDir() == pgtest.Shared(t).SocketDir() {
		t.Fatal("two servers share a folder")
	}
}

// TestBothStores runs a test once a store, and the test knows which.
func TestBothStores(t *testing.T) {
	if pgtest.StoreKind(t) != "" {
		t.Fatalf("outside BothStores, StoreKind = %q", pgtest.StoreKind(t))
	}
	var kinds []string
	var inner func(t *testing.T)
	inner = func(t *testing.T) {
		if pgtest.BothStores(t, inner) {
			t.Fatal("BothStores ran again inside its own subtest")
		}
		kinds = append(kinds, pgtest.StoreKind(t))
	}
	if !pgtest.BothStores(t, inner) {
		t.Fatal("BothStores did not run the subtests")
	}
	if strings.Join(kinds, ",") != "sqlite,postgres" {
		t.Errorf("ran on %v", kinds)
	}
}
