package cli

import (
	"bytes"
	"context"
	"encoding/json"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"peiyang/models"
	"peiyang/store"
	"peiyang/training"
)

// fixedNow is the clock of every test: 2025-06-15 10:00 local time.
var fixedNow = time.Date(2025, 6, 15, 10, 0, 0, 0, time.Local)

type result struct {
	code           int
	stdout, stderr string
}

// cmd runs the command line against the database file.
func cmd(t *testing.T, db string, args ...string) result {
	t.Helper()
	var out, errOut bytes.Buffer
	code := run(context.Background(), append([]string{"--db", db}, args...), &out, &errOut, func() time.Time { return fixedNow })
	recordRun(t, db, args, code)
	return result{code, out.String(), errOut.String()}
}

func (r result) want(t *testing.T, code int, stdoutHas ...string) {
	t.Helper()
	if r.code != code {
		t.Fatalf("exit %d, want %d\nstdout: %s\nstderr: %s", r.code, code, r.stdout, r.stderr)
	}
	for _, s := range stdoutHas {
		if !strings.Contains(r.stdout+r.stderr, s) {
			t.Fatalf("output lacks %q\nstdout: %s\nstderr: %s", s, r.stdout, r.stderr)
		}
	}
}

func idNumber(first17 string) string { return first17 + string(models.IDCheckChar(first17)) }

func TestHelpAndUsage(t *testing.T) {
	db := tempDB(t)
	cmd(t, db, "--help").want(t, 0, "trainees search", "certificates reissue", "--db DATABASE")
	cmd(t, db, "trainees", "add", "--help").want(t, 0, "--name", "--id", "--home-code")
	cmd(t, db, "frobnicate").want(t, 2, "unknown command")
	cmd(t, db, "trainees", "show").want(t, 2, "expected 1 argument")
	cmd(t, db, "trainees", "show", "abc").want(t, 2, "positive number")
	cmd(t, db, "enrol", "--course", "1").want(t, 2, "--trainee is required")
	cmd(t, db, "attend", "--session", "1", "--trainee", "1", "--status", "asleep").want(t, 2, "present, late, excused or absent")
	cmd(t, db, "stats", "--bogus").want(t, 2)
	r := cmd(t, db)
	r.want(t, 1, "window")
}

func TestTraineesAddSearchShow(t *testing.T) {
	if bothStores(t, TestTraineesAddSearchShow) {
		return
	}
	db := tempDB(t)
	id := idNumber("51062319880215123")
	r := cmd(t, db, "trainees", "add", "--name", "赵明阳", "--id", strings.ToLower(id), "--phone", "138 1234 5678",
		"--home-province", "四川省", "--home-city", "德阳市", "--home-county", "中江县", "--home-code", "510623",
		"--district", "锦江区", "--json")
	r.want(t, 0)
	var added models.Trainee
	if err := json.Unmarshal([]byte(r.stdout), &added); err != nil {
		t.Fatalf("trainees add --json printed %q: %v", r.stdout, err)
	}
	// Masked, the birth date is shown to the month.
	if added.ID == 0 || added.Gender != models.Male || added.BirthDate.String() != "1988-02" {
		t.Errorf("added %+v", added)
	}
	if added.IDNumber != models.MaskIDNumber(id) || added.Phone != "138****5678" {
		t.Errorf("JSON output not masked: %s %s", added.IDNumber, added.Phone)
	}
	// The same ID number again names the existing trainee.
	cmd(t, db, "trainees", "add", "--name", "赵明", "--id", id).want(t, 1, "赵明阳")
	// Validation errors, one per field, exit 1; with --json as an object.
	r = cmd(t, db, "trainees", "add", "--name", "钱多多", "--id", "510623198802151230", "--phone", "123", "--json")
	r.want(t, 1, "check character", "phone")
	var refused struct {
		Code   string            `json:"code"`
		Fields map[string]string `json:"fields"`
	}
	if err := json.Unmarshal([]byte(r.stdout), &refused); err != nil || refused.Code != models.EINVALID ||
		refused.Fields["id_number"] == "" || refused.Fields["phone"] == "" {
		t.Errorf("JSON error %q (%v)", r.stdout, err)
	}
	for _, q := range []string{"明阳", "赵", "zmy", "zhaomingyang", id[10:16], "5678"} {
		cmd(t, db, "trainees", "search", q).want(t, 0, "赵明阳")
	}
	cmd(t, db, "trainees", "search", "zzzz").want(t, 0, "No trainee found")
	r = cmd(t, db, "trainees", "search", "赵", "--full-ids")
	r.want(t, 0, id, "13812345678")
	r = cmd(t, db, "trainees", "show", "1")
	r.want(t, 0, "赵明阳", models.MaskIDNumber(id), "Stage: nominated", "birth month", "1988-02")
	if strings.Contains(r.stdout, id) || strings.Contains(r.stdout, "birth date") {
		t.Error("trainees show printed the full ID number or a birth date without --full-ids")
	}
	cmd(t, db, "trainees", "show", "1", "--full-ids").want(t, 0, "birth date", "1988-02-15")
	cmd(t, db, "trainees", "show", "99").want(t, 1, "not found")
}

func TestDemoStatsCheck(t *testing.T) {
	if bothStores(t, TestDemoStatsCheck) {
		return
	}
	db := tempDB(t)
	cmd(t, db, "demo", "--trainees", "600", "--today", "2025-06-15").want(t, 0, "600 trainees")
	cmd(t, db, "demo", "--trainees", "600").want(t, 1, "already holds data")
	cmd(t, db, "demo", "--if-empty").want(t, 0)
	r := cmd(t, db, "stats", "--json")
	r.want(t, 0)
	var stats struct {
		Overall struct {
			Total   int            `json:"total"`
			Reached map[string]int `json:"reached"`
		} `json:"overall"`
		Regions []struct {
			Region string `json:"region"`
			Total  int    `json:"total"`
		} `json:"regions"`
	}
	if err := json.Unmarshal([]byte(r.stdout), &stats); err != nil {
		t.Fatalf("stats --json: %v", err)
	}
	if stats.Overall.Total != 600 || stats.Overall.Reached["nominated"] != 600 {
		t.Errorf("overall %+v", stats.Overall)
	}
	sum := 0
	for _, g := range stats.Regions {
		sum += g.Total
	}
	if sum != 600 || len(stats.Regions) < 3 {
		t.Errorf("regions add up to %d over %d regions", sum, len(stats.Regions))
	}
	if stats.Overall.Reached["trained"] < stats.Overall.Reached["elected"] {
		t.Errorf("funnel not monotone: %v", stats.Overall.Reached)
	}
	cmd(t, db, "stats", "--region", "德阳").want(t, 0, "德阳市")
	cmd(t, db, "check").want(t, 0, "integrity:      ok", "schema version")
	cmd(t, db, "courses", "list").want(t, 0, "course(s)")
}

// TestCourseFlow drives enrolment, the waiting list, attendance, scores,
// completion and certificates through the command line.
func TestCourseFlow(t *testing.T) {
	if bothStores(t, TestCourseFlow) {
		return
	}
	path := tempDB(t)
	ctx := context.Background()
	db, err := store.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	svc := training.New(db, training.WithClock(func() time.Time { return fixedNow }))
	c := &models.Course{Title: "乡村振兴专题培训班", Theme: models.ThemeRural, StartDate: models.MustDate("2025-06-01"),
		EndDate: models.MustDate("2025-06-30"), Capacity: 2, Status: models.CourseRunning,
		Rule: models.CompletionRule{MinAttendanceRate: 0.5, MinHours: 2, PassScore: 60}}
	if err := db.CreateCourse(ctx, c); err != nil {
		t.Fatal(err)
	}
	var sessions []*models.Session
	for i, d := range []string{"2025-06-02", "2025-06-09"} {
		s := &models.Session{CourseID: c.ID, Date: models.MustDate(d), Start: models.NewClock(9, 0), End: models.NewClock(11, 0),
			Venue: "第一教室", Topic: "专题讲座" + string(rune('一'+i)), Hours: 2}
		if err := svc.Courses.CreateSession(ctx, s); err != nil {
			t.Fatal(err)
		}
		sessions = append(sessions, s)
	}
	var ids []int64
	for i, name := range []string{"张三", "李四", "王五"} {
		tr := &models.Trainee{Name: name, IDNumber: idNumber("51062319900101" + string(rune('1'+i)) + "11")}
		if err := svc.Trainees.CreateTrainee(ctx, tr); err != nil {
			t.Fatal(err)
		}
		ids = append(ids, tr.ID)
	}
	db.Close()
	s := func(v int64) string { return strconv.FormatInt(v, 10) }
	course := s(c.ID)
	cmd(t, path, "enrol", "--course", course, "--trainee", s(ids[0])).want(t, 0, "is enrolled")
	cmd(t, path, "enrol", "--course", course, "--trainee", s(ids[1])).want(t, 0, "is enrolled")
	cmd(t, path, "enrol", "--course", course, "--trainee", s(ids[2])).want(t, 0, "waiting list")
	cmd(t, path, "enrol", "--course", course, "--trainee", s(ids[2])).want(t, 1)
	cmd(t, path, "withdraw", "--course", course, "--trainee", s(ids[1])).want(t, 0, "moved up from the waiting list")
	for _, ses := range sessions {
		cmd(t, path, "attend", "--session", s(ses.ID), "--trainee", s(ids[0]), "--status", "present").want(t, 0)
	}
	cmd(t, path, "attend", "--session", s(sessions[0].ID), "--trainee", s(ids[2]), "--status", "absent").want(t, 0)
	cmd(t, path, "attend", "--session", s(sessions[0].ID), "--trainee", s(ids[1]), "--status", "present").want(t, 1)
	cmd(t, path, "score", "--course", course, "--trainee", s(ids[0]), "--score", "88").want(t, 0)
	cmd(t, path, "score", "--course", course, "--trainee", s(ids[0]), "--score", "120").want(t, 1, "between 0 and 100")
	// Nobody has completed yet: no certificates.
	cmd(t, path, "certificates", "issue", "--course", course).want(t, 0, "No certificate")
	cmd(t, path, "complete", "--course", course, "--dry-run").want(t, 0, "1 of 2 completed (dry run")
	r := cmd(t, path, "courses", "show", course)
	r.want(t, 0, "张三", "王五", "completed", "attendance")
	// The course ends on 2025-06-30 and 王五 has no score: not decided
	// before it is over, unless for a reason, which the audit trail keeps.
	cmd(t, path, "complete", "--course", course).want(t, 1, "is not over: it ends on 2025-06-30", "have no assessment score yet")
	cmd(t, path, "complete", "--course", course, "--early", "提前闭班：学员返乡参加换届").want(t, 0, "1 of 2 completed.")
	cmd(t, path, "certificates", "issue", "--course", course).want(t, 1, "is not over: it ends on 2025-06-30")
	cmd(t, path, "certificates", "issue", "--course", course, "--early", "提前闭班").want(t, 0, "Issued 1 certificate(s): 2025-0001")
	cmd(t, path, "audit", "--action", "override").want(t, 0, "override")
	cmd(t, path, "certificates", "reissue", "2025-0001").want(t, 0, "2025-0002 replaces 2025-0001")
	cmd(t, path, "certificates", "void", "2025-0002").want(t, 2, "--reason is required")
	cmd(t, path, "certificates", "void", "2025-0002", "--reason", "姓名有误").want(t, 0, "is void")
	r = cmd(t, path, "certificates", "list", "--json")
	r.want(t, 0)
	var certs []models.Certificate
	if err := json.Unmarshal([]byte(r.stdout), &certs); err != nil || len(certs) != 2 {
		t.Fatalf("certificates list --json: %v %s", err, r.stdout)
	}
	if certs[0].Status != models.CertReplaced || certs[0].ReplacedBy != "2025-0002" ||
		certs[1].Status != models.CertVoid || certs[1].VoidReason != "姓名有误" {
		t.Errorf("certificates %+v", certs)
	}
	cmd(t, path, "certificates", "void", "2025-0009", "--reason", "x").want(t, 1, "not found")
}

func TestDatabasePath(t *testing.T) {
	t.Setenv(EnvDB, "/tmp/from-env.db")
	if p, _ := DatabasePath(""); p != "/tmp/from-env.db" {
		t.Errorf("env not honoured: %s", p)
	}
	if p, _ := DatabasePath("x.db"); p != "x.db" {
		t.Errorf("flag not honoured: %s", p)
	}
	t.Setenv(EnvDB, "")
	t.Setenv("XDG_CONFIG_HOME", "/tmp/cfg")
	if p, _ := DatabasePath(""); p != filepath.Join("/tmp/cfg", "peiyang", "peiyang.db") {
		t.Errorf("default path %s", p)
	}
}
