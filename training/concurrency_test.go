package training_test

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"peiyang/internal/pgtest"
	"peiyang/models"
	"peiyang/store"
	"peiyang/training"
)

// Several staff at once, on both stores: in each round, goroutines of
// this process (each in a transaction of its own, so on a connection of
// its own) and a second process (this test binary as a worker, taking
// commands on stdin) do the same kind of write at the same moment, and
// the outcome must be that of one after another: gapless serials, no
// more places taken than the course has, one promotion per freed place,
// one booking of a room or an instructor or a trainee at a time. Retried
// serialization failures are invisible; a write that still cannot go is
// the translated busy message, never another error.

// envWorker names the database the worker process opens.
const envWorker = "PEIYANG_TEST_WORKER"

func TestMain(m *testing.M) {
	if target := os.Getenv(envWorker); target != "" {
		os.Exit(runWorker(target))
	}
	os.Exit(pgtest.Main(m))
}

// concNow is the clock of the concurrency tests and of their worker.
var concNow = time.Date(2025, 6, 15, 10, 0, 0, 0, time.Local)

// concRounds is how often each race runs.
func concRounds() int {
	if testing.Short() {
		return 5
	}
	return 50
}

// runWorker serves commands, one a line, and answers each with a line:
// its outcome (outcome), then what it returned.
func runWorker(target string) int {
	db, err := store.Open(target)
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		return 1
	}
	defer db.Close()
	svc := training.New(db, training.WithClock(func() time.Time { return concNow }))
	in := bufio.NewScanner(os.Stdin)
	for in.Scan() {
		fmt.Println(workerOp(svc, strings.Fields(in.Text())))
	}
	return 0
}

// workerOp runs one command: issue COURSE, enrol COURSE TRAINEE,
// withdraw COURSE TRAINEE (answering the promoted trainee, 0 for none) or
// session COURSE DATE START END VENUE INSTRUCTOR.
func workerOp(svc *training.Service, f []string) string {
	n := func(i int) int64 { v, _ := strconv.ParseInt(f[i], 10, 64); return v }
	ctx := context.Background()
	switch f[0] {
	case "issue":
		_, err := svc.Certificates.IssueCertificates(ctx, n(1))
		return outcome(err)
	case "enrol":
		_, err := svc.Enrolment.Enrol(ctx, n(1), n(2))
		return outcome(err)
	case "withdraw":
		p, err := svc.Enrolment.Withdraw(ctx, n(1), n(2))
		return withPromoted(outcome(err), p)
	case "session":
		return outcome(svc.Courses.CreateSession(ctx, &models.Session{CourseID: n(1), Date: day(f[2]),
			Start: hm(f[3]), End: hm(f[4]), Venue: f[5], InstructorID: n(6), Topic: "专题讲座", Hours: 2}))
	}
	return "unknown command " + f[0]
}

// outcome names what became of a write: ok, busy, conflict KINDS (a
// schedule clash), or error and the message.
func outcome(err error) string {
	var ce *training.ConflictError
	var de *models.Error
	switch {
	case err == nil:
		return "ok"
	case errors.As(err, &ce):
		var kinds []string
		for _, c := range ce.Conflicts {
			if !slices.Contains(kinds, string(c.Kind)) {
				kinds = append(kinds, string(c.Kind))
			}
		}
		slices.Sort(kinds)
		return "conflict " + strings.Join(kinds, ",")
	case errors.As(err, &de) && de.Code == models.ECONFLICT && de.Message == store.MsgBusy:
		return "busy"
	}
	return "error " + strings.ReplaceAll(err.Error(), "\n", " ")
}

func withPromoted(out string, p *models.Enrolment) string {
	if out != "ok" {
		return out
	}
	if p == nil {
		return "ok 0"
	}
	return fmt.Sprintf("ok %d", p.TraineeID)
}

// worker is the second process.
type worker struct {
	cmd *exec.Cmd
	in  io.WriteCloser
	out *bufio.Reader
}

func startWorker(t *testing.T, target string) *worker {
	t.Helper()
	c := exec.Command(os.Args[0], "-test.run=^$")
	c.Env = append(os.Environ(), envWorker+"="+target)
	c.Stderr = os.Stderr
	in, err := c.StdinPipe()
	if err != nil {
		t.Fatal(err)
	}
	out, err := c.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := c.Start(); err != nil {
		t.Fatal(err)
	}
	w := &worker{cmd: c, in: in, out: bufio.NewReader(out)}
	t.Cleanup(func() {
		w.in.Close()
		if err := c.Wait(); err != nil {
			t.Errorf("worker: %v", err)
		}
	})
	return w
}

// do runs one command in the worker and returns its answer.
func (w *worker) do(format string, args ...any) string {
	if _, err := fmt.Fprintf(w.in, format+"\n", args...); err != nil {
		return "error " + err.Error()
	}
	line, err := w.out.ReadString('\n')
	if err != nil {
		return "error " + err.Error()
	}
	return strings.TrimSpace(line)
}

// race runs the operations at the same moment and returns their outcomes.
func race(ops ...func() string) []string {
	out := make([]string, len(ops))
	start := make(chan struct{})
	var wg sync.WaitGroup
	for i, op := range ops {
		wg.Add(1)
		go func() {
			defer wg.Done()
			<-start
			out[i] = op()
		}()
	}
	close(start)
	wg.Wait()
	return out
}

// stage is a database of one kind, a Service on it and the worker.
type stage struct {
	t   *testing.T
	ctx context.Context
	db  *store.DB
	svc *training.Service
	w   *worker
}

// onBothStores runs test on a new SQLite file and a new PostgreSQL
// database, each with its worker.
func onBothStores(t *testing.T, test func(s *stage)) {
	for _, kind := range []string{"sqlite", "postgres"} {
		t.Run(kind, func(t *testing.T) {
			target := filepath.Join(t.TempDir(), "peiyang.db")
			if kind == "postgres" {
				target = pgtest.NewDatabase(t, pgtest.Template(t, "peiyang_template", func(url string) error {
					db, err := store.Open(url)
					if err != nil {
						return err
					}
					return db.Close()
				}))
			}
			db, err := store.Open(target)
			if err != nil {
				t.Fatal(err)
			}
			t.Cleanup(func() { db.Close() })
			s := &stage{t: t, ctx: context.Background(), db: db,
				svc: training.New(db, training.WithClock(func() time.Time { return concNow }))}
			s.w = startWorker(t, target)
			test(s)
		})
	}
}

func (s *stage) must(err error) {
	s.t.Helper()
	if err != nil {
		s.t.Fatal(err)
	}
}

// trainees makes n trainees in one transaction.
func (s *stage) trainees(n int) []int64 {
	s.t.Helper()
	var out []int64
	s.must(s.db.Update(s.ctx, func(ctx context.Context) error {
		for i := range n {
			tr := &models.Trainee{Name: fmt.Sprintf("学员%02d", i), IDNumber: idNumber(fmt.Sprintf("51062319900101%03d", i)),
				CurrentDistrict: "锦江区", HomeRegion: models.Region{Province: "四川省", City: "德阳市", County: "中江县", Code: "510623"}}
			if err := s.db.CreateTrainee(ctx, tr); err != nil {
				return err
			}
			out = append(out, tr.ID)
		}
		return nil
	}))
	return out
}

// courses makes n open courses over 2025, each with the trainees in the
// status given (none when status is ""), in one transaction; courses whose
// trainees have completed them ended the day before concNow, since
// certificates wait for a course to be over.
func (s *stage) courses(n, capacity int, status models.EnrolmentStatus, trainees ...int64) []int64 {
	s.t.Helper()
	end := day("2025-12-31")
	if status == models.Completed {
		end = day("2025-06-14")
	}
	var out []int64
	s.must(s.db.Update(s.ctx, func(ctx context.Context) error {
		for i := range n {
			c := &models.Course{Title: fmt.Sprintf("专题培训班%d", i+1), Theme: models.ThemeRural, StartDate: day("2025-01-01"),
				EndDate: end, Capacity: capacity, Status: models.CourseOpen}
			if err := s.db.CreateCourse(ctx, c); err != nil {
				return err
			}
			out = append(out, c.ID)
			for _, tr := range trainees {
				e := &models.Enrolment{CourseID: c.ID, TraineeID: tr, Status: status, EnrolledAt: concNow}
				if err := s.db.CreateEnrolment(ctx, e); err != nil {
					return err
				}
			}
		}
		return nil
	}))
	return out
}

// Certificates issued by 8 staff and a second process for 9 courses at
// once, round after round, are numbered 1, 2, 3... in the year without a
// gap or a repeat, every course's completers holding one each.
func TestConcurrentIssueKeepsSerialsGapless(t *testing.T) {
	onBothStores(t, func(s *stage) {
		t := s.t
		const staff, each = 8, 2
		rounds := concRounds()
		completers := s.trainees(each)
		courses := s.courses(rounds*(staff+1), 30, models.Completed, completers...)
		issued := map[int64]bool{}
		busy := 0
		for r := range rounds {
			mine := courses[r*(staff+1) : (r+1)*(staff+1)]
			var ops []func() string
			for _, c := range mine[:staff] {
				ops = append(ops, func() string {
					_, err := s.svc.Certificates.IssueCertificates(s.ctx, c)
					return outcome(err)
				})
			}
			ops = append(ops, func() string { return s.w.do("issue %d", mine[staff]) })
			for i, got := range race(ops...) {
				switch got {
				case "ok":
					issued[mine[i]] = true
				case "busy":
					busy++
				default:
					t.Fatalf("round %d, course %d: %s", r, mine[i], got)
				}
			}
		}
		certs, err := s.db.FindCertificates(s.ctx, models.CertificateFilter{})
		s.must(err)
		var seqs []int
		serials := map[string]bool{}
		perCourse := map[int64]int{}
		for _, c := range certs {
			seqs = append(seqs, c.Seq)
			serials[c.Serial] = true
			perCourse[c.CourseID]++
		}
		slices.Sort(seqs)
		for i, q := range seqs {
			if q != i+1 {
				t.Fatalf("serial numbers %v...: number %d is %d", seqs[:min(len(seqs), i+3)], i+1, q)
			}
		}
		if len(serials) != len(certs) || len(certs) != each*len(issued) {
			t.Errorf("%d certificates, %d distinct serials, for %d courses issued", len(certs), len(serials), len(issued))
		}
		for c := range issued {
			if perCourse[c] != each {
				t.Errorf("course %d has %d certificates, want %d", c, perCourse[c], each)
			}
		}
		t.Logf("%d certificates in %d rounds; %d batches busy; %d retries", len(certs), rounds, busy, s.db.Retries())
	})
}

// Sixteen trainees, a course of 3 places. Thirteen enrol at once (twelve
// staff and the second process): 3 take the places, 10 wait at positions
// 1 to 10. Then at once the 3 placed withdraw, 3 waiting ones too (at
// 1, 4 and 8) and 3 newcomers enrol: every freed place promotes exactly
// one trainee, the places go to the first of the waiting list who stayed
// (2, 3 and 5), and the list closes up: 6, 7, 9, 10, then the newcomers.
func TestConcurrentEnrolWithdrawKeepsCapacity(t *testing.T) {
	onBothStores(t, func(s *stage) {
		t := s.t
		trainees := s.trainees(16)
		courses := s.courses(concRounds(), 3, "")
		for r, c := range courses {
			var ops []func() string
			for _, tr := range trainees[:12] {
				ops = append(ops, func() string {
					_, err := s.svc.Enrolment.Enrol(s.ctx, c, tr)
					return outcome(err)
				})
			}
			ops = append(ops, func() string { return s.w.do("enrol %d %d", c, trainees[12]) })
			for i, got := range race(ops...) {
				if got != "ok" {
					t.Fatalf("round %d, enrol %d: %s", r, i, got)
				}
			}
			placed, waiting := s.enrolled(c)
			if len(placed) != 3 || len(waiting) != 10 {
				t.Fatalf("round %d: %d placed and %d waiting (positions 1 to 10), want 3 and 10", r, len(placed), len(waiting))
			}
			leaving := []int64{placed[0], placed[1], placed[2], waiting[0], waiting[3], waiting[7]}
			ops = nil
			for _, tr := range leaving[1:] {
				ops = append(ops, func() string {
					p, err := s.svc.Enrolment.Withdraw(s.ctx, c, tr)
					return withPromoted(outcome(err), p)
				})
			}
			ops = append(ops, func() string { return s.w.do("withdraw %d %d", c, leaving[0]) })
			for _, tr := range trainees[13:] {
				ops = append(ops, func() string {
					_, err := s.svc.Enrolment.Enrol(s.ctx, c, tr)
					return outcome(err)
				})
			}
			s.checkPromotions(r, race(ops...), leaving, waiting)
			gotPlaced, gotWaiting := s.enrolled(c)
			slices.Sort(gotPlaced)
			wantPlaced := []int64{waiting[1], waiting[2], waiting[4]}
			slices.Sort(wantPlaced)
			newcomers := gotWaiting[min(4, len(gotWaiting)):]
			slices.Sort(newcomers)
			if !slices.Equal(gotPlaced, wantPlaced) || len(gotWaiting) != 7 ||
				!slices.Equal(gotWaiting[:4], []int64{waiting[5], waiting[6], waiting[8], waiting[9]}) ||
				!slices.Equal(newcomers, trainees[13:]) {
				t.Fatalf("round %d: placed %v, waiting %v; want placed %v, waiting %v then %v", r, gotPlaced, gotWaiting,
					wantPlaced, []int64{waiting[5], waiting[6], waiting[8], waiting[9]}, trainees[13:])
			}
		}
		t.Logf("%d rounds; %d retries", len(courses), s.db.Retries())
	})
}

// enrolled returns the course's placed trainees and its waiting list in
// order, failing unless the positions run 1, 2, 3... without a gap.
func (s *stage) enrolled(course int64) (placed, waiting []int64) {
	s.t.Helper()
	es, err := s.db.FindEnrolments(s.ctx, models.EnrolmentFilter{CourseID: course})
	s.must(err)
	byPos := map[int]int64{}
	for _, e := range es {
		switch e.Status {
		case models.Enrolled:
			placed = append(placed, e.TraineeID)
		case models.Waitlisted:
			if _, dup := byPos[e.WaitPosition]; dup {
				s.t.Fatalf("two trainees wait at position %d", e.WaitPosition)
			}
			byPos[e.WaitPosition] = e.TraineeID
		}
	}
	for i := 1; i <= len(byPos); i++ {
		tr, ok := byPos[i]
		if !ok {
			s.t.Fatalf("the waiting list %v has no position %d", byPos, i)
		}
		waiting = append(waiting, tr)
	}
	return placed, waiting
}

// checkPromotions checks the outcomes of the withdrawals (the first six,
// the second process's last of them) and enrolments: all went, and every
// freed place promoted one waiting trainee: one for each placed trainee
// who left, and one more for each waiting one who was promoted before
// leaving.
func (s *stage) checkPromotions(round int, outs []string, leaving, waiting []int64) {
	s.t.Helper()
	order := []int{len(outs) - 4, 0, 1, 2, 3, 4} // the outcomes of leaving[0..5]
	promoted := map[int64]bool{}
	for i, o := range order {
		got := outs[o]
		id, ok := strings.CutPrefix(got, "ok ")
		if !ok {
			s.t.Fatalf("round %d: the withdrawal of %d: %s", round, leaving[i], got)
		}
		if n, _ := strconv.ParseInt(id, 10, 64); n != 0 {
			if promoted[n] || !slices.Contains(waiting, n) {
				s.t.Fatalf("round %d: %d promoted twice or not waiting (%v)", round, n, outs)
			}
			promoted[n] = true
		}
	}
	for _, o := range outs[len(outs)-3:] {
		if o != "ok" {
			s.t.Fatalf("round %d: an enrolment: %s", round, o)
		}
	}
	freed := 3
	for _, tr := range leaving[3:] {
		if promoted[tr] {
			freed++
		}
	}
	if len(promoted) != freed {
		s.t.Fatalf("round %d: %d promotions for %d freed places (%v)", round, len(promoted), freed, outs)
	}
}

// Nine bookings of one room at one time (8 staff and the second
// process), then of one instructor, then of sessions of nine courses that
// one trainee attends: each time one goes and eight are refused with the
// clash named, round after round.
func TestConcurrentBookingsRefuseConflicts(t *testing.T) {
	onBothStores(t, func(s *stage) {
		t := s.t
		const n = 9
		var instructors []int64
		s.must(s.db.Update(s.ctx, func(ctx context.Context) error {
			for i := range n {
				in := &models.Instructor{Name: fmt.Sprintf("老师%d", i+1), MaxMentees: 3}
				if err := s.db.CreateInstructor(ctx, in); err != nil {
					return err
				}
				instructors = append(instructors, in.ID)
			}
			return nil
		}))
		open := s.courses(n, 40, "")
		student := s.trainees(1)
		shared := s.courses(n, 40, models.Enrolled, student...)
		type booking struct {
			kind, start, end string
			course           func(i int) int64
			venue            func(i int) string
			instructor       func(i int) int64
		}
		bookings := []booking{
			{"venue", "09:00", "11:00", func(i int) int64 { return open[i] }, func(int) string { return "第一教室" },
				func(i int) int64 { return instructors[i] }},
			{"instructor", "14:00", "16:00", func(i int) int64 { return open[i] }, func(i int) string { return fmt.Sprintf("教室%d", i) },
				func(int) int64 { return instructors[0] }},
			{"trainee", "18:00", "20:00", func(i int) int64 { return shared[i] }, func(i int) string { return fmt.Sprintf("会议室%d", i) },
				func(i int) int64 { return instructors[i] }},
		}
		for r := range concRounds() {
			date := day("2025-02-01").AddDays(r).String()
			for _, b := range bookings {
				var ops []func() string
				for i := range n - 1 {
					ops = append(ops, func() string {
						return outcome(s.svc.Courses.CreateSession(s.ctx, &models.Session{CourseID: b.course(i), Date: day(date),
							Start: hm(b.start), End: hm(b.end), Venue: b.venue(i), InstructorID: b.instructor(i), Topic: "专题讲座", Hours: 2}))
					})
				}
				ops = append(ops, func() string {
					return s.w.do("session %d %s %s %s %s %d", b.course(n-1), date, b.start, b.end, b.venue(n-1), b.instructor(n-1))
				})
				outs := race(ops...)
				ok, refused := 0, 0
				for _, o := range outs {
					switch o {
					case "ok":
						ok++
					case "conflict " + b.kind:
						refused++
					}
				}
				if ok != 1 || refused != n-1 {
					t.Fatalf("round %d, one %s booked nine times: %v", r, b.kind, outs)
				}
			}
		}
		ss, err := s.db.FindSessions(s.ctx, models.SessionFilter{})
		s.must(err)
		if len(ss) != 3*concRounds() {
			t.Errorf("%d sessions, want %d", len(ss), 3*concRounds())
		}
		t.Logf("%d sessions; %d retries", len(ss), s.db.Retries())
	})
}
