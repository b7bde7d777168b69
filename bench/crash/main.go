// Command crash is the crash-safety harness: it builds the real binary and
// kills it with SIGKILL at a random moment of long writes and of a restore,
// many times each, then checks that the database survived whole.
//
//	go run ./bench/crash [-store sqlite|postgres|both] [-runs 50] [-ops import,certificates,demo,restore,restore-race,copy] [-seed S]
//	make test-crash
//
// -store chooses the databases: SQLite files, databases on a throwaway
// PostgreSQL server on loopback (bench/internal/stores), or both, one
// after the other with the same seed. On PostgreSQL the killed client's
// transaction is left to the server to roll back: after each kill the
// harness waits for the dead client's sessions to end (at most
// -linger) and reports how long they stayed.
//
// The operations:
//
//   - import: peiyang import trainees FILE.xlsx of -rows rows (3,000) into
//     a database holding a few trainees;
//   - certificates: peiyang certificates issue --course 1 on a course of
//     300 trainees who all completed and hold no certificate;
//   - demo: peiyang demo --trainees -demo (20,000) into an empty database;
//   - restore and restore-race: see restore.go;
//   - copy (PostgreSQL's only): see copy.go.
//
// Each operation runs once untouched to measure how long it takes; then
// each run copies the starting database, starts the operation and kills it
// after a random delay between zero and 1.2 times that duration. After the
// kill, peiyang check must pass (SQLite's integrity and foreign key
// checks), and the data must be all or nothing: the trainee count before
// or before+N, the batch of certificates all there or none, with serials
// gapless per year, the demo data all there or none; and the audit trail
// must match: the import's and the demo's summary entry exists exactly
// when their rows do, and there is one create entry per certificate.
// Then, with -again, an operation killed before it wrote anything is run
// once more, untouched, on the same database: it must finish and write
// everything (on PostgreSQL, nothing of the dead client may hold it up).
//
// With -signal int, the operations are interrupted with SIGINT, as Ctrl+C
// does, instead of killed: each must then exit with code 130 having
// written nothing, or finish (make test-interrupt).
//
// It prints a summary and exits 1 on any failure. Unix only (SIGKILL).
package main

import (
	"bytes"
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"time"

	"github.com/xuri/excelize/v2"
	_ "modernc.org/sqlite"

	"peiyang/bench/internal/stores"
	"peiyang/internal/people"
	"peiyang/models"
	"peiyang/store"
)

var (
	runs      = flag.Int("runs", 50, "kills per operation")
	opsFlag   = flag.String("ops", "import,certificates,demo,restore,restore-race,copy", "operations to crash, comma-separated")
	rows      = flag.Int("rows", 3000, "rows of the imported file")
	certs     = flag.Int("certs", 300, "completed trainees of the certificate course")
	demoN     = flag.Int("demo", 20000, "trainees of the demo data")
	seed      = flag.Uint64("seed", uint64(time.Now().UnixNano()), "random seed of the kill delays")
	keep      = flag.Bool("keep", false, "keep the work folder")
	sigFlag   = flag.String("signal", "kill", "kill: SIGKILL; int: SIGINT (Ctrl+C), after which an interrupted command must exit 130 having written nothing")
	again     = flag.Bool("again", true, "run an operation killed before it wrote anything once more on the same database: it must finish")
	linger    = flag.Duration("linger", 10*time.Second, "PostgreSQL: the longest the sessions of a killed client may stay on the server")
	which     = stores.Flag()
	baseCount = 5 // trainees in the import's starting database
)

// cur is the store the operations run on now.
var cur stores.Kind

// isPG reports whether the database is one of PostgreSQL's.
func isPG(db string) bool { return store.IsPostgres(db) }

// op is one crashed operation.
type op struct {
	name  string
	base  string                   // the starting database, copied for each run
	args  func(db string) []string // the command line
	check func(db string) (done bool, err error)

	// Optional: run replaces the start-and-kill of a run (restore-race);
	// afterRun checks the folder before peiyang check cleans it;
	// measureCheck checks the untouched run instead of check;
	// mayDoNothing lets a run that exited by itself write nothing (a
	// refused restore).
	run          func(bin, db string, delay time.Duration) (exited bool, err error)
	afterRun     func(db string) error
	measureCheck func(db string) (done bool, err error)
	mayDoNothing bool
	// early: the checks (and the run again) come before peiyang check,
	// which writes into an empty database (copy's target).
	early bool
}

type tally struct {
	runs, completed, refused, killedBefore, killedAfter, again, failures, staged int
	dur, lingered                                                                time.Duration
	failed                                                                       []string
}

func main() {
	flag.Parse()
	if err := run(); err != nil {
		fmt.Fprintln(os.Stderr, "crash:", err)
		os.Exit(1)
	}
}

func run() error {
	dir, err := os.MkdirTemp("", "peiyang-crash-")
	if err != nil {
		return err
	}
	defer func() { // kept when asked, or when a run failed
		if *keep {
			fmt.Println("work folder kept:", dir)
		} else {
			os.RemoveAll(dir)
		}
	}()
	bin := filepath.Join(dir, "peiyang")
	fmt.Println("building the binary…")
	build := exec.Command("go", "build", "-o", bin, ".")
	build.Stdout, build.Stderr = os.Stdout, os.Stderr
	if err := build.Run(); err != nil {
		return fmt.Errorf("build: %w", err)
	}
	kinds, stop, err := stores.Parse(*which)
	if err != nil {
		return err
	}
	defer stop()
	fmt.Printf("seed %d, %d runs per operation\n", *seed, *runs)
	var tables []func()
	total := 0
	for _, k := range kinds {
		cur = k
		fmt.Printf("== %s\n", k.Name)
		kdir := filepath.Join(dir, k.Name)
		childTmp = filepath.Join(kdir, "tmp")
		if err := os.MkdirAll(childTmp, 0o700); err != nil {
			return err
		}
		ops, err := setUp(kdir, bin)
		if err != nil {
			return err
		}
		rng := rand.New(rand.NewPCG(*seed, 1))
		results := map[string]*tally{}
		for _, o := range ops {
			t := &tally{}
			results[o.name] = t
			if err := measure(bin, kdir, o, t); err != nil {
				return err
			}
			for i := 0; i < *runs; i++ {
				if err := crashRun(bin, kdir, o, t, i, rng); err != nil {
					return err
				}
			}
			total += t.failures
		}
		name := k.Name
		tables = append(tables, func() { printTable(name, ops, results) })
	}
	for _, print := range tables {
		print()
	}
	printLegend()
	if total > 0 {
		return fmt.Errorf("%d failure(s)", total)
	}
	fmt.Println("crash: all checks passed")
	return nil
}

// setUp builds the starting databases of the operations asked for.
func setUp(dir, bin string) ([]*op, error) {
	var ops []*op
	for _, name := range strings.Split(*opsFlag, ",") {
		var o *op
		var err error
		switch strings.TrimSpace(name) {
		case "import":
			o, err = importOp(dir)
		case "certificates":
			o, err = certificatesOp(dir)
		case "demo":
			o, err = demoOp(dir, bin)
		case "restore":
			o, err = restoreOp(dir, bin)
		case "copy":
			if cur.Name != "postgres" {
				fmt.Println("copy: PostgreSQL's only (see copy.go)")
				continue
			}
			o, err = copyOp(dir, bin)
		case "restore-race":
			if cur.Name == "postgres" {
				fmt.Println("restore-race: SQLite's only (see restore.go)")
				continue
			}
			o, err = raceOp(dir, bin)
		default:
			return nil, fmt.Errorf("unknown operation %q", name)
		}
		if err != nil {
			return nil, fmt.Errorf("%s: set up: %w", name, err)
		}
		ops = append(ops, o)
	}
	return ops, nil
}

// measure runs the operation once untouched, to learn how long it takes;
// its result must pass the checks.
func measure(bin, dir string, o *op, t *tally) error {
	db, err := cloneDB(o.base, dir, o.name+"-measure")
	if err != nil {
		return err
	}
	start := time.Now()
	if out, err := command(bin, append([]string{"--db", db}, o.args(db)...)...).CombinedOutput(); err != nil {
		return fmt.Errorf("%s: the untouched run failed: %v\n%s", o.name, err, out)
	}
	t.dur = time.Since(start)
	check := o.check
	if o.measureCheck != nil {
		check = o.measureCheck
	}
	if done, err := verify(bin, check, db); err != nil || !done {
		return fmt.Errorf("%s: the untouched run does not pass the checks: done %v, %v", o.name, done, err)
	}
	removeDB(db)
	fmt.Printf("%-13s takes %s untouched; killing within 0–%s\n", o.name, t.dur.Round(time.Millisecond), (t.dur * 6 / 5).Round(time.Millisecond))
	return nil
}

// crashRun is run i of the operation: it starts it on a copy of the
// starting database, kills it after a random delay (or lets o.run do what
// it does instead), and checks the database.
func crashRun(bin, dir string, o *op, t *tally, i int, rng *rand.Rand) error {
	t.runs++
	db, err := cloneDB(o.base, dir, fmt.Sprintf("%s-%03d", o.name, i))
	if err != nil {
		return err
	}
	delay := time.Duration(rng.Int64N(int64(t.dur) * 6 / 5))
	said := "" // what the command wrote to stderr
	start := o.run
	if start == nil {
		start = func(bin, db string, delay time.Duration) (bool, error) {
			exited, stderr, err := runAndKill(bin, append([]string{"--db", db}, o.args(db)...), delay)
			said = stderr
			return exited, err
		}
	}
	exited, err := start(bin, db, delay)
	if err != nil {
		return err
	}
	if !exited && isPG(db) {
		err = sessionsEnd(db, t)
	}
	if o.afterRun != nil && err == nil {
		err = o.afterRun(db)
	}
	done, ranAgain := false, false
	if err == nil {
		done, ranAgain, err = checkRun(bin, db, o, t, exited)
	}
	if ranAgain {
		t.again++
	}
	t.staged += leftStaged()
	switch {
	case err == nil && !exited && done && *sigFlag == "int":
		err = fmt.Errorf("interrupted (exit 130), yet its writes are there; it said %q", said)
	case err == nil && exited && !done && !o.mayDoNothing:
		err = errors.New("finished but wrote nothing")
	}
	switch {
	case err != nil:
		t.failures++
		t.failed = append(t.failed, fmt.Sprintf("run %d (kill after %s): %v", i, delay.Round(time.Millisecond), err))
		fmt.Printf("  FAIL %s run %d (kill after %s): %v (database kept: %s)\n", o.name, i, delay.Round(time.Millisecond), err, kept(db))
		*keep = true
		return nil
	case exited && done:
		t.completed++
	case exited:
		t.refused++
	case done:
		t.killedAfter++
	default:
		t.killedBefore++
	}
	removeDB(db)
	return nil
}

func printTable(store string, ops []*op, results map[string]*tally) {
	fmt.Printf("\n%s\n", store)
	fmt.Printf("%-13s %5s %10s %9s %14s %14s %6s %9s %9s %9s\n", "operation", "runs", "completed", "refused", "killed, none", "killed, all", "again", "failures", "duration", "lingered")
	for _, o := range ops {
		t := results[o.name]
		lingered := "-"
		if store == "postgres" {
			lingered = t.lingered.Round(time.Millisecond).String()
		}
		fmt.Printf("%-13s %5d %10d %9d %14d %14d %6d %9d %9s %9s\n", o.name, t.runs, t.completed, t.refused, t.killedBefore, t.killedAfter, t.again, t.failures, t.dur.Round(time.Millisecond), lingered)
		for _, f := range t.failed {
			fmt.Println("   ", f)
		}
	}
	for _, o := range ops {
		if n := results[o.name].staged; n > 0 {
			fmt.Printf("%s: %d run(s) left a restore's staged copy of the backup in the temporary folder (peiyang-restore-*), no restore after it to remove it\n", o.name, n)
		}
	}
}

func printLegend() {
	fmt.Println("(completed: exited before the kill, its writes there; refused: exited before the kill, refusing (restore-race: the restore refused while the import had the database open);")
	fmt.Println(" killed, none: killed mid-operation, nothing written; killed, all: killed after the commit;")
	fmt.Println(" again: of the killed, none, run once more on the same database and finished whole (-again);")
	fmt.Println(" duration: the untouched run; lingered: PostgreSQL, the longest a killed client's sessions stayed on the server)")
}

// runAndKill starts the command, kills it after delay (with SIGKILL, or
// with SIGINT as Ctrl+C does when -signal int), and reports whether it had
// exited by itself, successfully, before that, and what it wrote to
// stderr. Interrupted by SIGINT, it must exit with code 130 (or 0, had it
// finished meanwhile).
func runAndKill(bin string, args []string, delay time.Duration) (exited bool, stderr string, err error) {
	var errOut bytes.Buffer
	c := command(bin, args...)
	c.Stdout, c.Stderr = io.Discard, &errOut
	if err := c.Start(); err != nil {
		return false, "", err
	}
	waited := make(chan error, 1)
	go func() { waited <- c.Wait() }()
	select {
	case err := <-waited:
		if err != nil {
			return true, errOut.String(), fmt.Errorf("%s exited with %v before the kill: %s", strings.Join(args, " "), err, errOut.String())
		}
		return true, errOut.String(), nil
	case <-time.After(delay):
	}
	if *sigFlag != "int" {
		_ = c.Process.Signal(syscall.SIGKILL)
		<-waited
		return false, errOut.String(), nil
	}
	_ = c.Process.Signal(syscall.SIGINT)
	err = <-waited
	var ee *exec.ExitError
	switch {
	case err == nil:
		return true, errOut.String(), nil // it finished before it noticed
	case errors.As(err, &ee) && ee.ExitCode() == 130:
		return false, errOut.String(), nil
	case errors.As(err, &ee) && interruptedEarly(ee):
		// Before its handler was set up, at start: the shell says 130 too.
		return false, errOut.String(), nil
	}
	return false, errOut.String(), fmt.Errorf("%s: interrupted, it exited with %v, not 130: %s", strings.Join(args, " "), err, errOut.String())
}

// interruptedEarly reports whether the process died of SIGINT itself.
func interruptedEarly(ee *exec.ExitError) bool {
	ws, ok := ee.Sys().(syscall.WaitStatus)
	return ok && ws.Signaled() && ws.Signal() == syscall.SIGINT
}

// checkRun checks the database a run left (verify) and, with -again,
// runs the operation once more when the killed run wrote nothing.
func checkRun(bin, db string, o *op, t *tally, exited bool) (done, ranAgain bool, err error) {
	mayAgain := !exited && *again && o.run == nil
	if !o.early {
		if done, err = verify(bin, o.check, db); err == nil && !done && mayAgain {
			err = runAgain(bin, db, o, t)
			ranAgain = err == nil
		}
		return done, ranAgain, err
	}
	if done, err = o.check(db); err == nil && !done && mayAgain {
		err = runAgain(bin, db, o, t)
		ranAgain = err == nil
	}
	if err == nil {
		_, err = verify(bin, func(string) (bool, error) { return true, nil }, db)
	}
	return done, ranAgain, err
}

// verify runs peiyang check on the database, then the operation's own
// checks; done reports whether the operation's writes are there.
func verify(bin string, check func(db string) (bool, error), db string) (bool, error) {
	var stderr strings.Builder
	c := command(bin, "--db", db, "check", "--json")
	c.Stderr = &stderr // a notice (an interrupted restore cleaned up) is no failure
	out, err := c.Output()
	if err != nil {
		return false, fmt.Errorf("peiyang check: %v: %s%s", err, strings.TrimSpace(string(out)), stderr.String())
	}
	var res struct {
		Integrity string `json:"integrity"`
	}
	if err := json.Unmarshal(out, &res); err != nil || res.Integrity != "ok" {
		return false, fmt.Errorf("peiyang check: %s", strings.TrimSpace(string(out)))
	}
	return check(db)
}

// query opens the database for the checks: the file, or the PostgreSQL
// database (the SQL of the checks is both dialects').
func query(db string, fn func(q *sql.DB) error) error {
	driver, dsn := "sqlite", "file:"+db+"?_pragma=busy_timeout(5000)"
	if isPG(db) {
		driver, dsn = "pgx", db
	}
	q, err := sql.Open(driver, dsn)
	if err != nil {
		return err
	}
	defer q.Close()
	return fn(q)
}

func count(q *sql.DB, query string, args ...any) (int, error) {
	var n int
	err := q.QueryRow(query, args...).Scan(&n)
	return n, err
}

// counts returns the values of the queries, in order.
func counts(q *sql.DB, queries ...string) ([]int, error) {
	out := make([]int, len(queries))
	for i, s := range queries {
		n, err := count(q, s)
		if err != nil {
			return nil, fmt.Errorf("%s: %w", s, err)
		}
		out[i] = n
	}
	return out, nil
}

// searchIndexed checks that every trainee has search keys and no key
// belongs to a missing trainee.
func searchIndexed(q *sql.DB) error {
	c, err := counts(q, `SELECT COUNT(*) FROM trainees`,
		`SELECT COUNT(DISTINCT trainee_id) FROM trainee_search`,
		`SELECT COUNT(*) FROM trainee_search WHERE trainee_id NOT IN (SELECT id FROM trainees)`)
	if err != nil {
		return err
	}
	if c[0] != c[1] || c[2] != 0 {
		return fmt.Errorf("search index: %d trainees, %d indexed, %d keys of missing trainees", c[0], c[1], c[2])
	}
	return nil
}

// importOp: a file of -rows new trainees into a database holding a few.
func importOp(dir string) (*op, error) {
	g := people.New(42)
	ts := g.Trainees(baseCount + *rows)
	base, err := newDB(dir, "import-base")
	if err != nil {
		return nil, err
	}
	db, err := store.Open(base)
	if err != nil {
		return nil, err
	}
	ctx := context.Background()
	for _, t := range ts[:baseCount] {
		t.ID = 0
		if err := db.CreateTrainee(ctx, t); err != nil {
			db.Close()
			return nil, err
		}
	}
	if err := db.Close(); err != nil {
		return nil, err
	}
	file := filepath.Join(dir, "名单.xlsx")
	x := excelize.NewFile()
	defer x.Close()
	sw, err := x.NewStreamWriter("Sheet1")
	if err != nil {
		return nil, err
	}
	if err := sw.SetRow("A1", []any{"序号", "姓名", "身份证号", "手机"}); err != nil {
		return nil, err
	}
	for i, t := range ts[baseCount:] {
		cell, _ := excelize.CoordinatesToCellName(1, i+2)
		if err := sw.SetRow(cell, []any{i + 1, t.Name, t.IDNumber, t.Phone}); err != nil {
			return nil, err
		}
	}
	if err := sw.Flush(); err != nil {
		return nil, err
	}
	if err := x.SaveAs(file); err != nil {
		return nil, err
	}
	return &op{
		name: "import",
		base: base,
		args: func(string) []string { return []string{"import", "trainees", file} },
		check: func(db string) (done bool, err error) {
			err = query(db, func(q *sql.DB) error {
				c, err := counts(q, `SELECT COUNT(*) FROM trainees`,
					`SELECT COUNT(*) FROM audit_log WHERE action = 'create' AND entity = 'trainees' AND entity_id = ''`,
					`SELECT COUNT(*) FROM audit_log WHERE action = 'create' AND entity = 'trainees' AND entity_id <> ''`)
				if err != nil {
					return err
				}
				n, summaries, single := c[0], c[1], c[2]
				switch {
				case n == baseCount && summaries == 0:
				case n == baseCount+*rows && summaries == 1:
					done = true
					var detail string
					if err := q.QueryRow(`SELECT after FROM audit_log WHERE action = 'create' AND entity = 'trainees' AND entity_id = ''`).Scan(&detail); err != nil {
						return err
					}
					var d struct{ Count int }
					if err := json.Unmarshal([]byte(detail), &d); err != nil || d.Count != *rows {
						return fmt.Errorf("the import's audit entry says %s", detail)
					}
				default:
					return fmt.Errorf("half an import: %d trainees (%d before, %d imported), %d summary audit entries", n, baseCount, *rows, summaries)
				}
				if single != baseCount {
					return fmt.Errorf("%d single create entries for %d trainees added one by one", single, baseCount)
				}
				return searchIndexed(q)
			})
			return done, err
		},
	}, nil
}

// certificatesOp: a finished course of -certs trainees who all completed
// it and hold no certificate.
func certificatesOp(dir string) (*op, error) {
	n := *certs
	ds := &models.Dataset{Trainees: people.New(7).Trainees(n)}
	ds.Courses = []*models.Course{{ID: 1, Title: "2025年乡村振兴专题培训班（第一期）", Theme: models.ThemeRural,
		StartDate: models.MustDate("2025-06-02"), EndDate: models.MustDate("2025-06-13"), Capacity: 1000,
		Status: models.CourseFinished, Rule: models.CompletionRule{MinAttendanceRate: 0.5}}}
	for i, d := range []string{"2025-06-02", "2025-06-13"} {
		ds.Sessions = append(ds.Sessions, &models.Session{ID: int64(i + 1), CourseID: 1, Date: models.MustDate(d),
			Start: models.NewClock(9, 0), End: models.NewClock(12, 0), Venue: "第一教室", Topic: "专题讲座", Hours: 16})
	}
	at := time.Date(2025, 6, 1, 9, 0, 0, 0, time.UTC)
	for i, t := range ds.Trainees {
		ds.Enrolments = append(ds.Enrolments, &models.Enrolment{ID: int64(i + 1), CourseID: 1, TraineeID: t.ID,
			Status: models.Completed, Reason: "attendance 100%", EnrolledAt: at, UpdatedAt: at})
		for _, s := range ds.Sessions {
			ds.Attendance = append(ds.Attendance, &models.Attendance{SessionID: s.ID, TraineeID: t.ID, Status: models.Present, RecordedAt: at})
		}
	}
	base, err := newDB(dir, "certificates-base")
	if err != nil {
		return nil, err
	}
	db, err := store.Open(base)
	if err != nil {
		return nil, err
	}
	if err := db.LoadDataset(context.Background(), ds); err != nil {
		db.Close()
		return nil, err
	}
	if err := db.Close(); err != nil {
		return nil, err
	}
	return &op{
		name: "certificates",
		base: base,
		args: func(string) []string { return []string{"certificates", "issue", "--course", "1"} },
		check: func(db string) (done bool, err error) {
			err = query(db, func(q *sql.DB) error {
				c, err := counts(q, `SELECT COUNT(*) FROM certificates`,
					`SELECT COUNT(*) FROM audit_log WHERE action = 'create' AND entity = 'certificates'`,
					`SELECT COUNT(DISTINCT trainee_id) FROM certificates`)
				if err != nil {
					return err
				}
				got, audited, holders := c[0], c[1], c[2]
				switch {
				case got == 0:
				case got == n:
					done = true
				default:
					return fmt.Errorf("half a batch: %d of %d certificates", got, n)
				}
				if audited != got {
					return fmt.Errorf("%d certificates but %d create entries in the audit trail", got, audited)
				}
				if holders != got {
					return fmt.Errorf("%d certificates for %d trainees", got, holders)
				}
				rows, err := q.Query(`SELECT year, COUNT(*), MIN(seq), MAX(seq), COUNT(DISTINCT seq), COUNT(DISTINCT serial) FROM certificates GROUP BY year`)
				if err != nil {
					return err
				}
				defer rows.Close()
				for rows.Next() {
					var year, k, lo, hi, distinct, serials int
					if err := rows.Scan(&year, &k, &lo, &hi, &distinct, &serials); err != nil {
						return err
					}
					if lo != 1 || hi != k || distinct != k || serials != k {
						return fmt.Errorf("serials of %d not gapless: %d certificates, numbers %d to %d, %d distinct, %d serials", year, k, lo, hi, distinct, serials)
					}
				}
				return rows.Err()
			})
			return done, err
		},
	}, nil
}

// demoOp: demo data of -demo trainees into an empty database. The counts
// of a complete load are taken from the untouched run.
func demoOp(dir, bin string) (*op, error) {
	base, err := newDB(dir, "demo-base")
	if err != nil {
		return nil, err
	}
	db, err := store.Open(base)
	if err != nil {
		return nil, err
	}
	if err := db.Close(); err != nil {
		return nil, err
	}
	tables := []string{"organisations", "trainees", "courses", "sessions", "enrolments", "attendance",
		"placements", "mentorships", "contacts", "returns", "elections", "certificates"}
	queries := make([]string, len(tables))
	for i, t := range tables {
		queries[i] = `SELECT COUNT(*) FROM ` + t
	}
	var full []int // the counts of a complete load
	today := time.Now().Format("2006-01-02")
	return &op{
		name: "demo",
		base: base,
		args: func(string) []string {
			return []string{"demo", "--trainees", fmt.Sprint(*demoN), "--seed", "1", "--today", today}
		},
		check: func(db string) (done bool, err error) {
			err = query(db, func(q *sql.DB) error {
				c, err := counts(q, queries...)
				if err != nil {
					return err
				}
				loads, err := count(q, `SELECT COUNT(*) FROM audit_log WHERE action = 'load' AND entity = 'dataset'`)
				if err != nil {
					return err
				}
				empty := true
				for _, n := range c {
					empty = empty && n == 0
				}
				switch {
				case empty && loads == 0:
					return nil
				case empty:
					return fmt.Errorf("no data but %d load entries in the audit trail", loads)
				case loads != 1:
					return fmt.Errorf("demo data but %d load entries in the audit trail", loads)
				}
				done = true
				if full == nil {
					if c[1] != *demoN {
						return fmt.Errorf("%d trainees, want %d", c[1], *demoN)
					}
					full = c
				}
				for i := range c {
					if c[i] != full[i] {
						return fmt.Errorf("half the demo data: %d %s, a complete load has %d", c[i], tables[i], full[i])
					}
				}
				return searchIndexed(q)
			})
			return done, err
		},
	}, nil
}

// copyDB copies a closed database file (no -wal left after a clean close).
func copyDB(from, to string) error {
	for _, sfx := range []string{"-wal", "-shm"} {
		if _, err := os.Stat(from + sfx); err == nil {
			return fmt.Errorf("%s%s left behind: the base database was not closed cleanly", from, sfx)
		}
	}
	b, err := os.ReadFile(from)
	if err != nil {
		return err
	}
	return os.WriteFile(to, b, 0o600)
}

// removeDB removes the database file and every file beside it named
// after it (-wal, -shm, the register, set-aside files), or drops the
// PostgreSQL database.
func removeDB(db string) {
	if isPG(db) {
		if err := cur.Drop(db); err != nil {
			fmt.Fprintln(os.Stderr, "crash:", err)
		}
		return
	}
	m, _ := filepath.Glob(db + "*")
	for _, p := range m {
		if err := os.Remove(p); err != nil && !errors.Is(err, os.ErrNotExist) {
			fmt.Fprintln(os.Stderr, "crash:", err)
		}
	}
}
