package main

import (
	"bytes"
	"crypto/sha256"
	"database/sql"
	"encoding/hex"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"sync"
	"time"

	"github.com/jackc/pgx/v5/stdlib"

	"peiyang/models"
)

// The restore operations:
//
//   - restore: peiyang restore of a backup whose last changes are still
//     in its -wal file, over a database of -restore trainees, killed at any
//     moment: the live database must then be exactly the original (with no
//     set-aside file) or exactly the backup (with the original kept aside,
//     and one restore entry in the audit trail), and nothing a restore
//     stages may be left once the database is opened again. With -signal
//     int nothing may be left even before that.
//   - restore-race: a restore started at a random moment of an import of
//     -rows trainees into the database. The restore either refuses, naming
//     the import, or swaps the backup in; either way the databases are
//     never a mix, and an import reported done is in the live database or,
//     had it finished before the restore, in the file the restore set
//     aside.
//
// "Exactly" compares a fingerprint of every row of every table, leaving
// out the restore's own audit entry and SQLite's sequence counters.
//
// On PostgreSQL, restore replaces a database of -restore trainees made by
// peiyang demo with the same backup file; the backup's fingerprint is that
// of an untouched restore into an empty database. The original is set
// aside as a schema (before_restore_…), and what the restore stages, the
// schema peiyang_restoring, must not be left once the database is opened
// again. The backup's staged copy, in the commands' temporary folder
// (childTmp), is counted when a run leaves it with no restore after it
// (the run again removes it). restore-race is SQLite's only.

var restoreN = flag.Int("restore", 8000, "trainees of the database a restore replaces")

// fingerprint hashes every row of every table of the database file,
// leaving out the rows skip names (table and rowid), the restore's audit
// entries and sqlite_sequence.
func fingerprint(db string, skip func(q *sql.DB) (map[string]string, error)) (string, error) {
	h := sha256.New()
	err := query(db, func(q *sql.DB) error {
		var where map[string]string
		if skip != nil {
			var err error
			if where, err = skip(q); err != nil {
				return err
			}
		}
		tables, err := tableNames(q)
		if err != nil {
			return err
		}
		for _, t := range tables {
			cond := "1 = 1"
			if t == "audit_log" {
				cond = "action <> 'restore'"
			}
			if w := where[t]; w != "" {
				cond += " AND NOT (" + w + ")"
			}
			if err := hashRows(q, h, t, cond); err != nil {
				return err
			}
		}
		return nil
	})
	return hex.EncodeToString(h.Sum(nil)), err
}

func tableNames(q *sql.DB) ([]string, error) {
	list := `SELECT name FROM sqlite_master WHERE type = 'table' AND name <> 'sqlite_sequence' ORDER BY name`
	if _, ok := q.Driver().(*stdlib.Driver); ok {
		list = `SELECT table_name FROM information_schema.tables
			WHERE table_schema = current_schema() AND table_type = 'BASE TABLE' ORDER BY table_name`
	}
	rows, err := q.Query(list)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []string
	for rows.Next() {
		var n string
		if err := rows.Scan(&n); err != nil {
			return nil, err
		}
		out = append(out, n)
	}
	return out, rows.Err()
}

// hashRows writes the table's rows, in the order of all their columns,
// into h. On PostgreSQL the migrations' times are left out: a restore
// migrates its schema anew.
func hashRows(q *sql.DB, h io.Writer, table, cond string) error {
	sel := "*"
	if _, ok := q.Driver().(*stdlib.Driver); ok && table == "schema_migrations" {
		sel = "version"
	}
	rows, err := q.Query(`SELECT ` + sel + ` FROM "` + table + `" WHERE ` + cond)
	if err != nil {
		return fmt.Errorf("%s: %w", table, err)
	}
	defer rows.Close()
	cols, err := rows.Columns()
	if err != nil {
		return err
	}
	var lines []string
	vals := make([]any, len(cols))
	ptrs := make([]any, len(cols))
	for i := range vals {
		ptrs[i] = &vals[i]
	}
	for rows.Next() {
		if err := rows.Scan(ptrs...); err != nil {
			return err
		}
		lines = append(lines, fmt.Sprintf("%q", vals))
	}
	if err := rows.Err(); err != nil {
		return err
	}
	sort.Strings(lines)
	fmt.Fprintf(h, "%s %d\n%s\n", table, len(lines), strings.Join(lines, "\n"))
	return nil
}

// runBin runs peiyang with args.
func runBin(bin string, args ...string) error {
	out, err := command(bin, args...).CombinedOutput()
	if err != nil {
		return fmt.Errorf("peiyang %s: %v\n%s", strings.Join(args, " "), err, out)
	}
	return nil
}

// withWAL makes dst a copy of the database src whose last change, a new
// organisation, is still in its -wal file, as a copy of a database taken
// while it was open may be.
func withWAL(src, dst string) error {
	b, err := os.ReadFile(src)
	if err != nil {
		return err
	}
	live := dst + ".live"
	if err := os.WriteFile(live, b, 0o600); err != nil {
		return err
	}
	defer removeDB(live)
	q, err := sql.Open("sqlite", "file:"+live+"?_pragma=journal_mode(WAL)&_pragma=wal_autocheckpoint(0)")
	if err != nil {
		return err
	}
	defer q.Close()
	q.SetMaxOpenConns(1)
	if _, err := q.Exec(`INSERT INTO organisations (name, kind, created_at, updated_at)
		VALUES ('日志里的村', ?, '2025-06-01T00:00:00.000000Z', '2025-06-01T00:00:00.000000Z')`, string(models.OrgVillage)); err != nil {
		return err
	}
	for _, sfx := range []string{"", "-wal"} {
		b, err := os.ReadFile(live + sfx)
		if err != nil {
			return err
		}
		if err := os.WriteFile(dst+sfx, b, 0o600); err != nil {
			return err
		}
	}
	if st, err := os.Stat(dst + "-wal"); err != nil || st.Size() == 0 {
		return fmt.Errorf("the backup's log is empty: %v", err)
	}
	return nil
}

// walFingerprint fingerprints a database with its -wal file, through a
// copy, so that the files themselves stay as they are.
func walFingerprint(db string) (string, error) {
	tmp := db + ".fingerprint"
	defer removeDB(tmp)
	for _, sfx := range []string{"", "-wal"} {
		b, err := os.ReadFile(db + sfx)
		if errors.Is(err, os.ErrNotExist) && sfx != "" {
			continue
		}
		if err != nil {
			return "", err
		}
		if err := os.WriteFile(tmp+sfx, b, 0o600); err != nil {
			return "", err
		}
	}
	return fingerprint(tmp, nil)
}

// fingerprints returns the fingerprints of the original (without the rows
// skip names) and of the backup, which must differ.
func fingerprints(orig, bak string, skip func(q *sql.DB) (map[string]string, error)) (fpOrig, fpBak string, err error) {
	if fpOrig, err = fingerprint(orig, skip); err != nil {
		return "", "", err
	}
	if fpBak, err = walFingerprint(bak); err != nil {
		return "", "", err
	}
	if fpOrig == fpBak {
		return "", "", errors.New("the backup is the same as the original")
	}
	return fpOrig, fpBak, nil
}

// restoreOp: the restore of a backup with a -wal file over a database of
// -restore trainees.
func restoreOp(dir, bin string) (*op, error) {
	today := time.Now().Format("2006-01-02")
	orig, err := newDB(dir, "restore-base")
	if err != nil {
		return nil, err
	}
	if err := runBin(bin, "--db", orig, "demo", "--trainees", fmt.Sprint(*restoreN), "--seed", "1", "--today", today); err != nil {
		return nil, err
	}
	src := filepath.Join(dir, "restore-source.db")
	if err := runBin(bin, "--db", src, "demo", "--trainees", fmt.Sprint(*restoreN/2), "--seed", "2", "--today", today); err != nil {
		return nil, err
	}
	clean := filepath.Join(dir, "restore-clean.db")
	if err := runBin(bin, "--db", src, "backup", clean); err != nil {
		return nil, err
	}
	bak := filepath.Join(dir, "backup.db")
	if err := withWAL(clean, bak); err != nil {
		return nil, err
	}
	var fpOrig, fpBak string
	if isPG(orig) {
		fpOrig, fpBak, err = pgFingerprints(bin, orig, bak)
	} else {
		fpOrig, fpBak, err = fingerprints(orig, bak, nil)
	}
	if err != nil {
		return nil, err
	}
	return &op{
		name: "restore",
		base: orig,
		args: func(string) []string { return []string{"restore", bak} },
		afterRun: func(db string) error {
			if *sigFlag == "int" {
				return noStaging(db)
			}
			return nil
		},
		check: func(db string) (bool, error) { return originalOrBackup(db, fpOrig, fpBak, nil) },
	}, nil
}

// noStaging fails when a restore's staged copy is beside the database,
// or in it (PostgreSQL's schema peiyang_restoring).
func noStaging(db string) error {
	if isPG(db) {
		s, err := schemas(db, "peiyang_restoring")
		if err == nil && len(s) > 0 {
			err = errors.New("left behind: the schema peiyang_restoring")
		}
		return err
	}
	if m, _ := filepath.Glob(db + ".restoring*"); len(m) > 0 {
		return fmt.Errorf("left behind: %v", m)
	}
	return nil
}

// originalOrBackup checks that the database is exactly the original, with
// nothing set aside, or exactly the backup, with one restore entry in its
// audit trail and the original set aside; done reports the latter. skip
// leaves rows out of the comparison (an import's).
func originalOrBackup(db, fpOrig, fpBak string, skip func(q *sql.DB) (map[string]string, error)) (bool, error) {
	if err := noStaging(db); err != nil {
		return false, err
	}
	fp, err := fingerprint(db, skip)
	if err != nil {
		return false, err
	}
	asides, err := setAside(db)
	if err != nil {
		return false, err
	}
	switch fp {
	case fpOrig:
		if len(asides) > 0 {
			return false, fmt.Errorf("the original is in place, but set aside too: %v", asides)
		}
		return false, nil
	case fpBak:
	default:
		return false, errors.New("the database is neither the original nor the backup")
	}
	if len(asides) != 1 {
		return true, fmt.Errorf("the backup is in place, and %d files are set aside", len(asides))
	}
	if fa, err := fingerprint(asideDB(db, asides[0]), skip); err != nil || fa != fpOrig {
		return true, fmt.Errorf("the set-aside file is not the original (%v)", err)
	}
	var n int
	err = query(db, func(q *sql.DB) error {
		var err error
		n, err = count(q, `SELECT COUNT(*) FROM audit_log WHERE action = 'restore'`)
		return err
	})
	if err != nil || n != 1 {
		return true, fmt.Errorf("%d restore entries in the audit trail (%v)", n, err)
	}
	return true, nil
}

// mainFiles leaves out SQLite's -wal and -shm files.
func mainFiles(paths []string) []string {
	var out []string
	for _, p := range paths {
		if !strings.HasSuffix(p, "-wal") && !strings.HasSuffix(p, "-shm") {
			out = append(out, p)
		}
	}
	return out
}

// raced is what the two processes of a restore-race run did.
type raced struct {
	importErr, restoreErr error
	importOut, restoreOut []byte
	importEnd, restoreEnd time.Time
}

// raceOp: a restore racing an import of -rows trainees; the backup is the
// import's starting database with one more organisation.
func raceOp(dir, bin string) (*op, error) {
	dir = filepath.Join(dir, "race") // beside the import operation's own files
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return nil, err
	}
	imp, err := importOp(dir)
	if err != nil {
		return nil, err
	}
	bak := filepath.Join(dir, "race-backup.db")
	if err := withWAL(imp.base, bak); err != nil {
		return nil, err
	}
	// Leave out the import's rows: the trainees after the first few, their
	// search keys and the import's summary entry.
	skip := func(*sql.DB) (map[string]string, error) {
		return map[string]string{
			"trainees":       fmt.Sprintf("id > %d", baseCount),
			"trainee_search": fmt.Sprintf("trainee_id > %d", baseCount),
			"audit_log":      "action = 'create' AND entity = 'trainees' AND entity_id = ''",
		}, nil
	}
	fpOrig, fpBak, err := fingerprints(imp.base, bak, skip)
	if err != nil {
		return nil, err
	}
	var last raced
	o := &op{name: "restore-race", base: imp.base, args: imp.args, measureCheck: imp.check, mayDoNothing: true}
	o.run = func(bin, db string, delay time.Duration) (bool, error) {
		last = race(bin, db, imp.args(db), bak, delay)
		return true, nil
	}
	o.check = func(db string) (bool, error) { return checkRace(db, last, fpOrig, fpBak, skip) }
	return o, nil
}

// race starts the import, and the restore after delay, and waits for both.
func race(bin, db string, importArgs []string, bak string, delay time.Duration) raced {
	var r raced
	var wg sync.WaitGroup
	wg.Add(1)
	go func() {
		defer wg.Done()
		r.importOut, r.importErr = command(bin, append([]string{"--db", db}, importArgs...)...).CombinedOutput()
		r.importEnd = time.Now()
	}()
	time.Sleep(delay)
	r.restoreOut, r.restoreErr = command(bin, "--db", db, "restore", bak).CombinedOutput()
	r.restoreEnd = time.Now()
	wg.Wait()
	return r
}

// checkRace checks a restore-race run; done reports that the restore
// swapped the backup in.
func checkRace(db string, r raced, fpOrig, fpBak string, skip func(*sql.DB) (map[string]string, error)) (bool, error) {
	done, err := originalOrBackup(db, fpOrig, fpBak, skip)
	if err != nil {
		return done, err
	}
	if done != (r.restoreErr == nil) {
		return done, fmt.Errorf("the restore exited with %v, but the backup in place is %v", r.restoreErr, done)
	}
	if !done && !bytes.Contains(r.restoreOut, []byte("peiyang import trainees (process")) {
		return done, fmt.Errorf("the restore refused without naming the import: %s", r.restoreOut)
	}
	inLive, err := imported(db)
	if err != nil {
		return done, err
	}
	inAside := false
	if asides := mainFiles(globOr(db + ".before-restore-*")); len(asides) == 1 {
		if inAside, err = imported(asides[0]); err != nil {
			return done, err
		}
	}
	switch {
	case r.importErr != nil && (inLive || inAside):
		return done, fmt.Errorf("the import failed (%v) but its rows are there", r.importErr)
	case r.importErr == nil && inLive == inAside:
		return done, fmt.Errorf("the import finished; its rows in the live database: %v, set aside: %v", inLive, inAside)
	case inAside && r.importEnd.After(r.restoreEnd):
		return done, errors.New("the import's rows were set aside by a restore that ended before the import did")
	}
	return done, nil
}

func globOr(pattern string) []string {
	m, _ := filepath.Glob(pattern)
	return m
}

// imported reports whether the import's rows are all in the database; a
// part of them is an error.
func imported(db string) (bool, error) {
	var n int
	err := query(db, func(q *sql.DB) error {
		var err error
		n, err = count(q, fmt.Sprintf(`SELECT COUNT(*) FROM trainees WHERE id > %d`, baseCount))
		return err
	})
	switch {
	case err != nil:
		return false, err
	case n != 0 && n != *rows:
		return false, fmt.Errorf("half an import: %d of %d rows", n, *rows)
	}
	return n == *rows, nil
}

// setAside lists what restores set aside: the files beside the database,
// or the schemas in it.
func setAside(db string) ([]string, error) {
	if isPG(db) {
		return schemas(db, `before\_restore\_%`)
	}
	asides, _ := filepath.Glob(db + ".before-restore-*")
	return mainFiles(asides), nil
}

// asideDB is the database to read what a restore set aside as: the file,
// or the PostgreSQL database with the set-aside schema to search.
func asideDB(db, aside string) string {
	if isPG(db) {
		return db + "&search_path=" + aside
	}
	return aside
}

// schemas lists the schemas of the PostgreSQL database whose names are
// LIKE pattern.
func schemas(db, pattern string) ([]string, error) {
	var out []string
	err := query(db, func(q *sql.DB) error {
		rows, err := q.Query(`SELECT nspname FROM pg_namespace WHERE nspname LIKE $1 ORDER BY 1`, pattern)
		if err != nil {
			return err
		}
		defer rows.Close()
		for rows.Next() {
			var n string
			if err := rows.Scan(&n); err != nil {
				return err
			}
			out = append(out, n)
		}
		return rows.Err()
	})
	return out, err
}

// pgFingerprints returns the fingerprints of the PostgreSQL database orig
// and of the backup file restored untouched into an empty database.
func pgFingerprints(bin, orig, bak string) (fpOrig, fpBak string, err error) {
	if fpOrig, err = fingerprint(orig, nil); err != nil {
		return "", "", err
	}
	into, err := cur.New()
	if err != nil {
		return "", "", err
	}
	defer removeDB(into)
	if err := runBin(bin, "--db", into, "restore", bak); err != nil {
		return "", "", err
	}
	if fpBak, err = fingerprint(into, nil); err != nil {
		return "", "", err
	}
	if fpOrig == fpBak {
		return "", "", errors.New("the backup is the same as the original")
	}
	return fpOrig, fpBak, nil
}
