package cli

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"peiyang/internal/poppler"
	"peiyang/internal/private/privatetest"
	"peiyang/models"
	"peiyang/store"
)

// listsText reads a PDF file back with pdftotext, white space removed.
func listsText(t *testing.T, name string) string {
	t.Helper()
	return poppler.NoSpace(poppler.FileText(t, name, "-layout"))
}

// listsDemo is a demo database with the IDs the print commands need.
type listsDemo struct {
	path                                   string
	course, session, trainee               int64
	village, office                        int64
	courseTitle, traineeIDNum, traineeName string
}

func newListsDemo(t *testing.T) listsDemo {
	t.Helper()
	path := tempDB(t)
	cmd(t, path, "demo", "--trainees", "600", "--today", "2025-06-15").want(t, 0)
	ctx := context.Background()
	db, err := store.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	d := listsDemo{path: path}
	courses, err := db.FindCourses(ctx, models.CourseFilter{})
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range courses {
		ens, err := db.FindEnrolments(ctx, models.EnrolmentFilter{CourseID: c.ID, Status: models.Completed})
		if err != nil {
			t.Fatal(err)
		}
		ss, err := db.FindSessions(ctx, models.SessionFilter{CourseID: c.ID})
		if err != nil {
			t.Fatal(err)
		}
		if len(ens) > 0 && len(ss) > 0 {
			d.course, d.courseTitle, d.session = c.ID, c.Title, ss[0].ID
			tr, err := db.FindTraineeByID(ctx, ens[0].TraineeID)
			if err != nil {
				t.Fatal(err)
			}
			d.trainee, d.traineeName, d.traineeIDNum = tr.ID, tr.Name, tr.IDNumber
			break
		}
	}
	key := true
	vs, err := db.FindOrganisations(ctx, models.OrganisationFilter{KeyVillage: &key})
	if err != nil || len(vs) == 0 {
		t.Fatalf("no key village: %v", err)
	}
	offices, err := db.FindOrganisations(ctx, models.OrganisationFilter{Kind: models.OrgOutflow})
	if err != nil || len(offices) == 0 {
		t.Fatalf("no outflow office: %v", err)
	}
	d.village, d.office = vs[0].ID, offices[0].ID
	if d.course == 0 {
		t.Fatal("no course with a completed trainee")
	}
	return d
}

// listsMode600 fails unless the file is readable by its owner only, by
// the platform's rule.
func listsMode600(t *testing.T, name string) {
	t.Helper()
	privatetest.Assert(t, name)
}

func TestPrintLists(t *testing.T) {
	if bothStores(t, TestPrintLists) {
		return
	}
	d := newListsDemo(t)
	dir := t.TempDir()
	out := func(name string) string { return filepath.Join(dir, name) }
	id := func(v int64) string { return fmt.Sprint(v) }

	// An existing file keeps no looser mode.
	must := func(err error) {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
	}
	must(os.WriteFile(out("roster.pdf"), []byte("old"), 0o644))
	cmd(t, d.path, "print", "roster", "--course", id(d.course), "--out", out("roster.pdf")).want(t, 0, "Wrote", "roster of", "page(s)")
	listsMode600(t, out("roster.pdf"))
	text := listsText(t, out("roster.pdf"))
	for _, want := range []string{listsNoSpace(d.courseTitle) + "学员花名册", listsNoSpace(d.traineeName), models.MaskIDNumber(d.traineeIDNum), "第1页共"} {
		if !strings.Contains(text, want) {
			t.Errorf("roster lacks %q", want)
		}
	}
	if strings.Contains(text, d.traineeIDNum) {
		t.Error("the roster shows a full ID number without --full-ids")
	}
	cmd(t, d.path, "print", "roster", "--course", id(d.course), "--full-ids", "--out", out("full.pdf")).want(t, 0)
	if !strings.Contains(listsText(t, out("full.pdf")), d.traineeIDNum) {
		t.Error("--full-ids did not print the ID number")
	}

	cmd(t, d.path, "print", "signin", "--session", id(d.session), "--out", out("signin.pdf")).want(t, 0, "1 session(s)")
	cmd(t, d.path, "print", "signin", "--course", id(d.course), "--out", out("signins.pdf")).want(t, 0, "session(s)")
	if text := listsText(t, out("signin.pdf")); !strings.Contains(text, "签到表") || !strings.Contains(text, "本人签名") {
		t.Error("sign-in sheet lacks its title or signature column")
	}
	cmd(t, d.path, "print", "mentors", "--out", out("mentors.pdf")).want(t, 0, "mentor pair(s)")
	cmd(t, d.path, "print", "placements", "--out", out("placements.pdf")).want(t, 0, "placement(s) at")
	cmd(t, d.path, "print", "placements", "--village", id(d.village), "--out", out("village.pdf")).want(t, 0, "at 1 village(s)")
	cmd(t, d.path, "print", "outcomes", "--region", "德阳", "--out", out("outcomes.pdf")).want(t, 0, "outcome report of")
	if text := listsText(t, out("outcomes.pdf")); !strings.Contains(text, "四川省德阳市流动党员联合培养成果报告") {
		t.Errorf("outcome report heading: %.200s", text)
	}
	cmd(t, d.path, "print", "record", "--trainee", id(d.trainee), "--out", out("record.pdf")).want(t, 0, "record of trainee")
	if text := listsText(t, out("record.pdf")); !strings.Contains(text, models.MaskIDNumber(d.traineeIDNum)) || strings.Contains(text, d.traineeIDNum) {
		t.Error("the record's ID number is not masked")
	}
	cmd(t, d.path, "print", "record", "--trainee", id(d.trainee), "--full-ids", "--out", out("record-full.pdf")).want(t, 0)
	if !strings.Contains(listsText(t, out("record-full.pdf")), d.traineeIDNum) {
		t.Error("--full-ids did not print the record's ID number")
	}
	for _, f := range []string{"signin.pdf", "signins.pdf", "mentors.pdf", "placements.pdf", "village.pdf", "outcomes.pdf", "record.pdf"} {
		listsMode600(t, out(f))
	}
	entries, err := os.ReadDir(dir)
	must(err)
	for _, e := range entries {
		if strings.HasPrefix(e.Name(), ".peiyang-") {
			t.Errorf("temporary file left behind: %s", e.Name())
		}
	}
}

func TestPrintListsErrors(t *testing.T) {
	d := newListsDemo(t)
	out := filepath.Join(t.TempDir(), "x.pdf")
	cmd(t, d.path, "print", "roster", "--course", "1").want(t, 2, "give --out FILE, or --printer [NAME] to print")
	cmd(t, d.path, "print", "roster", "--out", out).want(t, 2, "--course is required")
	cmd(t, d.path, "print", "signin", "--out", out).want(t, 2, "either --session or --course")
	cmd(t, d.path, "print", "signin", "--session", "1", "--course", "1", "--out", out).want(t, 2, "either --session or --course")
	cmd(t, d.path, "print", "outcomes", "--out", out).want(t, 2, "--region is required")
	cmd(t, d.path, "print", "record", "--out", out).want(t, 2, "--trainee is required")
	cmd(t, d.path, "print", "roster", "--course", "99999", "--out", out).want(t, 1, "not found")
	cmd(t, d.path, "print", "record", "--trainee", "99999", "--out", out).want(t, 1, "not found")
	cmd(t, d.path, "print", "outcomes", "--region", "拉萨", "--out", out).want(t, 1, "No trainee comes from a region matching 拉萨")
	cmd(t, d.path, "print", "placements", "--village", fmt.Sprint(d.office), "--out", out).want(t, 1, "is not a village or community")
	cmd(t, d.path, "print", "mentors", "--out", filepath.Join(t.TempDir(), "missing", "x.pdf")).want(t, 1, "x.pdf was not saved: the folder", "does not exist")
	if _, err := os.Stat(out); !os.IsNotExist(err) {
		t.Errorf("a failed print left %s behind", out)
	}
	cmd(t, d.path, "--help").want(t, 0, "print roster", "print signin", "print mentors", "print placements", "print outcomes", "print record")
}

func listsNoSpace(s string) string { return strings.Join(strings.Fields(s), "") }
