package main

import (
	"database/sql"
	"flag"
	"fmt"
	"path/filepath"
	"strings"
	"time"
)

// The copy operation: peiyang copy --from FILE --to postgres://… of a
// demo database of -copy trainees into an empty PostgreSQL database,
// killed at any moment. The copy is one transaction: the target must then
// hold nothing (no row in any table, the schema at most), or the whole
// source, row for row by count, with the copy's own entry in its audit
// trail. These checks come before peiyang check, which opening an empty
// database writes into (the search index's version): a copy goes only
// into an empty database. PostgreSQL's only: the target is a server's
// database.

var copyN = flag.Int("copy", 8000, "trainees of the database peiyang copy copies into PostgreSQL")

// copyTables are the tables the checks count, the audit trail last.
var copyTables = []string{"organisations", "programmes", "programme_outflow_orgs", "cohorts", "instructors",
	"instructor_themes", "trainees", "trainee_search", "trainee_photos", "courses", "sessions", "enrolments",
	"attendance", "placements", "mentorships", "contacts", "returns", "elections", "certificates",
	"settings", "setting_files", "review_items", "accounts", "audit_log"}

// tableCounts counts the rows of copyTables in the database; a table not
// there yet (a copy killed before the target's schema was made) has none.
func tableCounts(db string) ([]int, error) {
	c := make([]int, len(copyTables))
	err := query(db, func(q *sql.DB) error {
		for i, t := range copyTables {
			exists := `SELECT COUNT(*) FROM sqlite_master WHERE type = 'table' AND name = ?`
			if isPG(db) {
				exists = `SELECT COUNT(*) FROM pg_tables WHERE schemaname = current_schema() AND tablename = $1`
			}
			if n, err := count(q, exists, t); err != nil {
				return err
			} else if n == 0 {
				continue
			}
			n, err := count(q, `SELECT COUNT(*) FROM `+t)
			if err != nil {
				return fmt.Errorf("%s: %w", t, err)
			}
			c[i] = n
		}
		return nil
	})
	return c, err
}

func copyOp(dir, bin string) (*op, error) {
	src := filepath.Join(dir, "copy-source.db")
	today := time.Now().Format("2006-01-02")
	if err := runBin(bin, "--db", src, "demo", "--trainees", fmt.Sprint(*copyN), "--seed", "1", "--today", today); err != nil {
		return nil, err
	}
	full, err := tableCounts(src)
	if err != nil {
		return nil, err
	}
	full[len(full)-1]++ // the copy's entry
	base, err := cur.New()
	if err != nil {
		return nil, err
	}
	return &op{
		name:  "copy",
		base:  base,
		early: true,
		args:  func(db string) []string { return []string{"copy", "--from", src, "--to", db} },
		check: func(db string) (bool, error) {
			c, err := tableCounts(db)
			if err != nil {
				return false, err
			}
			empty, whole := true, true
			for i, n := range c {
				empty = empty && n == 0
				whole = whole && n == full[i]
			}
			switch {
			case empty:
				return false, nil
			case !whole:
				var held []string
				for i := range c {
					if c[i] != 0 {
						held = append(held, fmt.Sprintf("%d of %d in %s", c[i], full[i], copyTables[i]))
					}
				}
				return false, fmt.Errorf("half a copy: rows %s", strings.Join(held, ", "))
			}
			var entries int
			err = query(db, func(q *sql.DB) error {
				entries, err = count(q, `SELECT COUNT(*) FROM audit_log WHERE action = 'copy'`)
				return err
			})
			if err == nil && entries != 1 {
				err = fmt.Errorf("a whole copy with %d copy entries in its audit trail", entries)
			}
			return true, err
		},
	}, nil
}
