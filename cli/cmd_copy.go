package cli

import (
	"errors"
	"fmt"
	"os"

	"peiyang/models"
	"peiyang/store"
)

// runCopy copies a whole database into an empty one: a SQLite file into a
// PostgreSQL database, or back, in one transaction, and prints the rows of
// every table, read and found after the copy.
func runCopy(e *env, args []string) error {
	from := e.fs.String("from", "", "the database to copy: a `file` or a PostgreSQL connection string")
	to := e.fs.String("to", "", "the empty database to copy into: a new `file` or a PostgreSQL connection string")
	e.fs.BoolVar(&e.json, "json", false, "print JSON")
	if _, err := e.parse(args, 0); err != nil {
		return err
	}
	if *from == "" || *to == "" {
		return e.usagef("--from and --to are both needed")
	}
	if *from == *to {
		return e.usagef("--from and --to name the same database")
	}
	if !store.IsPostgres(*from) {
		if _, err := os.Stat(*from); err != nil {
			return models.Errorf(models.EINVALID, "from", "The file {{.Path}} cannot be read.", "Path", *from)
		}
	}
	src, err := store.Open(*from)
	if err != nil {
		return fmt.Errorf("open %s: %w", store.WithoutPassword(*from), err)
	}
	defer src.Close()
	made := false // a new file, removed again when the copy fails
	if !store.IsPostgres(*to) {
		if _, err := os.Stat(*to); errors.Is(err, os.ErrNotExist) {
			made = true
		}
	}
	dst, err := store.OpenTarget(*to)
	if err != nil {
		return fmt.Errorf("open %s: %w", store.WithoutPassword(*to), err)
	}
	counts, err := store.Copy(e.ctx, src, dst, "copy")
	name := dst.Name()
	if cerr := dst.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		if made {
			for _, sfx := range []string{"", "-wal", "-shm"} {
				os.Remove(*to + sfx)
			}
		}
		return err
	}
	return e.printCopy(src.Name(), name, counts)
}

// printCopy prints the verification of a copy: every table's rows.
func (e *env) printCopy(from, to string, counts []store.TableCount) error {
	if e.json {
		return e.writeJSON(map[string]any{"from": from, "to": to, "tables": counts})
	}
	t := e.table("表", "源库行数", "复制后行数")
	var total int64
	for _, c := range counts {
		t.row(c.Table, c.Source, c.Target)
		total += c.Target
	}
	if err := t.flush(); err != nil {
		return err
	}
	fmt.Fprintf(e.stdout, "Copied %d rows from %s into %s in one transaction; every table holds as many rows as were read.\n", total, from, to)
	return nil
}
