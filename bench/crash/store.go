package main

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"time"
)

// The databases of the runs, on either store: SQLite files in the work
// folder, or databases on the throwaway PostgreSQL server, copied from
// the operation's starting database as a template.

// newDB names a new, empty database: the file name in dir, or a new
// database on the server.
func newDB(dir, name string) (string, error) {
	if cur.Clone != nil {
		return cur.New()
	}
	return filepath.Join(dir, name+".db"), nil
}

// cloneDB makes a copy of the starting database base for a run.
func cloneDB(base, dir, name string) (string, error) {
	if isPG(base) {
		return cur.Clone(base)
	}
	db := filepath.Join(dir, name+".db")
	return db, copyDB(base, db)
}

// kept says where a failed run's database is left to look at.
func kept(db string) string {
	if isPG(db) {
		return db + " (until the harness ends, with the server)"
	}
	return db
}

// sessionsEnd waits until no client is connected to the PostgreSQL
// database any more: the killed client's sessions, whose transaction the
// server rolls back when it sees the connection gone. Longer than -linger
// is a failure: a session the server keeps would hold its locks.
func sessionsEnd(db string, t *tally) error {
	start := time.Now()
	return query(db, func(q *sql.DB) error {
		for {
			var n int
			var what string
			err := q.QueryRow(`SELECT COUNT(*), COALESCE(string_agg(state || ': ' || left(query, 60), '; '), '')
				FROM pg_stat_activity
				WHERE datname = current_database() AND pid <> pg_backend_pid() AND backend_type = 'client backend'`).Scan(&n, &what)
			if err != nil {
				return err
			}
			waited := time.Since(start)
			if n == 0 {
				t.lingered = max(t.lingered, waited)
				return nil
			}
			if waited > *linger {
				return fmt.Errorf("%d session(s) of the killed client still on the server after %s: %s", n, waited.Round(time.Millisecond), what)
			}
			time.Sleep(5 * time.Millisecond)
		}
	})
}

// runAgain runs the operation once more, untouched, on the database its
// killed run left, and checks that it wrote everything. It may not take
// much longer than the untouched run: a write held up by what the killed
// run left (a lock on PostgreSQL) fails it.
func runAgain(bin, db string, o *op, t *tally) error {
	limit := max(time.Minute, 10*t.dur)
	ctx, cancel := context.WithTimeout(context.Background(), limit)
	defer cancel()
	out, err := commandContext(ctx, bin, append([]string{"--db", db}, o.args(db)...)...).CombinedOutput()
	if errors.Is(ctx.Err(), context.DeadlineExceeded) {
		return fmt.Errorf("run again after the kill: still running after %s", limit)
	}
	if err != nil {
		return fmt.Errorf("run again after the kill: %v: %s", err, strings.TrimSpace(string(out)))
	}
	done, err := verify(bin, o.check, db)
	if err == nil && !done {
		err = errors.New("run again after the kill, it finished but wrote nothing")
	}
	return err
}

// childTmp is the temporary folder of the commands the harness runs, in
// its work folder: what a killed command leaves there is counted
// (leftStaged) and removed with the work folder.
var childTmp string

// command is peiyang with args, its temporary folder childTmp.
func command(bin string, args ...string) *exec.Cmd {
	return commandContext(context.Background(), bin, args...)
}

// commandContext is command, killed when ctx ends.
func commandContext(ctx context.Context, bin string, args ...string) *exec.Cmd {
	c := exec.CommandContext(ctx, bin, args...)
	if childTmp != "" {
		c.Env = append(os.Environ(), "TMPDIR="+childTmp)
	}
	return c
}

// leftStaged counts, and removes, the folders in which a restore into
// PostgreSQL staged the backup and that a killed restore left in the
// temporary folder with the copy still inside.
func leftStaged() int {
	dirs, _ := filepath.Glob(filepath.Join(childTmp, "peiyang-restore-*"))
	n := 0
	for _, d := range dirs {
		if files, _ := os.ReadDir(d); len(files) > 0 {
			n++
		}
		os.RemoveAll(d)
	}
	return n
}
