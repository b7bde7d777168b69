package cli

import (
	"context"
	"fmt"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"peiyang/internal/idattack"
	"peiyang/models"
	"peiyang/store"
)

// TestMaskedOutputsCannotRebuildIDNumbers plays the attacker against every
// masked output of the command line on demo data: trainees show (text and
// JSON), search, every export workbook (cells as shown and as stored),
// every PDF as pdftotext reads it, a certificate's QR code, verify, and
// audit --json after an addition and a retention run. For every trainee
// the outputs name, everything they show about that trainee together must
// leave more than one full ID number possible.
func TestMaskedOutputsCannotRebuildIDNumbers(t *testing.T) {
	if _, err := exec.LookPath("pdftotext"); err != nil {
		t.Skip("pdftotext not found: install poppler-utils")
	}
	d := newListsDemo(t)
	people, byID, phones := demoPeople(t, d.path)
	a := newAttackers(t, people)
	dir := t.TempDir()
	id := func(v int64) string { return fmt.Sprint(v) }
	run := func(args ...string) string {
		t.Helper()
		r := cmd(t, d.path, args...)
		r.want(t, 0)
		return r.stdout
	}
	read := func(source, text string) {
		if strings.TrimSpace(text) == "" {
			t.Errorf("%s: empty output", source)
		}
		a.Read(source, text)
	}

	// The command line's own text and JSON.
	for n := int64(1); n <= 60; n++ {
		read("trainees show", run("trainees", "show", id(n)))
		read("trainees show --json", run("trainees", "show", id(n), "--json"))
	}
	read("trainees show", run("trainees", "show", id(d.trainee)))
	read("trainees show --json", run("trainees", "show", id(d.trainee), "--json"))
	for _, q := range []string{"王", "李", "张", "51", "13"} {
		read("trainees search", run("trainees", "search", q, "--limit", "1000"))
		read("trainees search --json", run("trainees", "search", q, "--limit", "1000", "--json"))
	}
	read("courses show", run("courses", "show", id(d.course)))
	read("courses show --json", run("courses", "show", id(d.course), "--json"))
	read("certificates list --json", run("certificates", "list", "--json"))

	// Every workbook.
	xlsx := func(name string, args ...string) {
		t.Helper()
		out := filepath.Join(dir, name+".xlsx")
		run(append([]string{"export", name, out}, args...)...)
		readWorkbook(t, a, "export "+name, out)
	}
	xlsx("trainees")
	xlsx("roster", "--course", id(d.course))
	xlsx("attendance", "--course", id(d.course))
	xlsx("placements")
	xlsx("mentors")
	fb := filepath.Join(dir, "feedback")
	run("export", "feedback", "--region", "德阳", "--out", fb)
	files, _ := filepath.Glob(filepath.Join(fb, "*"))
	if len(files) == 0 {
		t.Fatal("the feedback package is empty")
	}
	for _, f := range files {
		if strings.HasSuffix(f, ".xlsx") {
			readWorkbook(t, a, "export feedback", f)
		} else {
			read("export feedback "+filepath.Ext(f), listsPlainText(t, f))
		}
	}

	// Every PDF.
	pdf := func(what string, args ...string) {
		t.Helper()
		out := filepath.Join(dir, strings.ReplaceAll(what, " ", "_")+".pdf")
		run(append(append([]string{"print"}, args...), "--out", out)...)
		read(what, listsPlainText(t, out))
	}
	pdf("print roster", "roster", "--course", id(d.course))
	pdf("print signin", "signin", "--course", id(d.course))
	pdf("print mentors", "mentors")
	pdf("print placements", "placements")
	pdf("print outcomes", "outcomes", "--region", "德阳")
	pdf("print record", "record", "--trainee", id(d.trainee))
	pdf("print certificates", "certificates", "--course", id(d.course))
	// A certificate's QR code, as a phone reads it, and what verify says.
	one := filepath.Join(dir, "one.pdf")
	run("print", "certificates", "--course", id(d.course), "--trainee", id(d.trainee), "--out", one)
	code := anyQRFromPDF(t, one)
	read("certificate QR code", code)
	read("verify", run("verify", code))
	read("verify --json", run("verify", code, "--json"))

	// The audit trail after a trainee is added and trainees are
	// de-identified: the entries' before and after.
	first17 := "51062319880716123"
	added := idattack.Person{Name: "钟晓岚", IDNumber: first17 + string(models.IDCheckChar(first17)), Joined: models.MustDate("2012-07-01")}
	run("trainees", "add", "--name", added.Name, "--id", added.IDNumber, "--phone", "13912345678", "--joined", "2012-07-01",
		"--home-province", "四川省", "--home-city", "德阳市", "--home-county", "中江县")
	run("retention", "--older-than", "1")
	audit := run("audit", "--json", "--limit", "0")
	a.Read("audit --json", audit)
	// The audit trail alone, with the de-identified trainees' old numbers
	// as the truth.
	b := newAttackers(t, append(people, added))
	b.Read("audit --json", audit)
	if !strings.Contains(audit, added.Name) || !strings.Contains(audit, `"retention"`) {
		t.Fatalf("the audit trail lacks the addition or the retention run")
	}

	// Returns come years after training: a demo built around its own
	// default day has them, and elections.
	rdb := tempDB(t)
	cmd(t, rdb, "demo", "--trainees", "600", "--today", "2025-11-26").want(t, 0)
	rpeople, rbyID, _ := demoPeople(t, rdb)
	c := newAttackers(t, rpeople)
	out := filepath.Join(dir, "returns.xlsx")
	r := cmd(t, rdb, "export", "returns", out)
	r.want(t, 0)
	if strings.Contains(r.stdout, "Wrote 0 ") {
		t.Fatalf("the demo has no returns: %s", r.stdout)
	}
	readWorkbook(t, c, "export returns", out)
	rfb := filepath.Join(dir, "feedback-returns")
	cmd(t, rdb, "export", "feedback", "--region", "四川", "--out", rfb).want(t, 0)
	rfiles, _ := filepath.Glob(filepath.Join(rfb, "*.xlsx"))
	if len(rfiles) != 1 {
		t.Fatalf("feedback package %v", rfiles)
	}
	readWorkbook(t, c, "export feedback", rfiles[0])

	a.report(t, byID, 100)
	b.report(t, byID, 10)
	c.report(t, rbyID, 10)
	// No output shows a phone in full: trainees', organisations' contacts',
	// instructors'.
	all := a.texts.String()
	shown := 0
	for _, p := range phones {
		if strings.Contains(all, p) {
			if shown++; shown <= 5 {
				t.Errorf("a masked output shows the phone %s in full", p)
			}
		}
	}
	if shown > 0 || len(phones) < 100 {
		t.Errorf("%d of %d phones shown in full", shown, len(phones))
	}
}

// attackers reads each output with an attacker of its own, to say which
// outputs give what away, and with one that reads them all.
type attackers struct {
	t      *testing.T
	people []idattack.Person
	all    *idattack.Attacker
	each   map[string]*idattack.Attacker
	order  []string
	texts  strings.Builder // everything read
}

func newAttackers(t *testing.T, people []idattack.Person) *attackers {
	all, err := idattack.New(people, models.DateOf(fixedNow))
	if err != nil {
		t.Fatal(err)
	}
	return &attackers{t: t, people: people, all: all, each: map[string]*idattack.Attacker{}}
}

func (a *attackers) Read(source, text string) {
	a.texts.WriteString(text)
	a.texts.WriteByte('\n')
	a.all.Read(source, text)
	one := a.each[source]
	if one == nil {
		var err error
		if one, err = idattack.New(a.people, models.DateOf(fixedNow)); err != nil {
			a.t.Fatal(err)
		}
		a.each[source] = one
		a.order = append(a.order, source)
	}
	one.Read(source, text)
}

// report logs the fewest candidates each output leaves and fails for
// every trainee whose full ID number the outputs together give away.
func (a *attackers) report(t *testing.T, byID map[string]int64, minNamed int) {
	t.Helper()
	const limit = 10000
	for _, src := range a.order {
		w := a.each[src].Weakest(1, limit)
		if len(w) == 0 {
			t.Logf("%-26s names no trainee", src)
			continue
		}
		t.Logf("%-26s %4d trainees named, fewest candidates %6d (%s)", src, a.each[src].Named(), w[0].Candidates, w[0].Knowledge)
	}
	all := a.all
	weakest := all.Weakest(len(a.people), limit)
	if all.Named() < minNamed || len(weakest) == 0 {
		t.Fatalf("the outputs named only %d trainees", all.Named())
	}
	days := 0
	for _, r := range weakest {
		// The policy shows birth dates to the month.
		if r.Knowledge.Birth > idattack.Month {
			if days++; days <= 5 {
				t.Errorf("trainee %d (%s): the outputs show the full birth date (%s)", byID[r.Person.IDNumber], r.Person.Name, r.Knowledge)
			}
		}
	}
	failed := 0
	for _, r := range weakest {
		if r.Candidates > 1 {
			break
		}
		if failed++; failed <= 5 {
			t.Errorf("trainee %d (%s): the outputs leave %d candidate: %s", byID[r.Person.IDNumber], r.Person.Name, r.Candidates, r.Knowledge)
		}
	}
	if failed > 0 {
		t.Errorf("%d of %d trainees named have their full ID number rebuilt", failed, all.Named())
	}
	w := weakest[0]
	t.Logf("all outputs together: %d trainees named; the fewest candidates: %d (%s)", all.Named(), w.Candidates, w.Knowledge)
}

// anyQRFromPDF reads the QR code on the first page (qrFromPDF: zbarimg
// on a 100 dpi render of the page).
func anyQRFromPDF(t *testing.T, name string) string {
	t.Helper()
	return qrFromPDF(t, name)
}

// demoPeople returns the demo's trainees as the attacker's targets, and
// every phone the database holds: trainees', organisations' and
// instructors'.
func demoPeople(t *testing.T, path string) ([]idattack.Person, map[string]int64, []string) {
	t.Helper()
	db, err := store.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	ts, err := db.FindTrainees(context.Background(), models.TraineeFilter{Page: models.Page{Limit: 100000}})
	if err != nil {
		t.Fatal(err)
	}
	var people []idattack.Person
	var phones []string
	byID := map[string]int64{}
	for _, tr := range ts {
		people = append(people, idattack.Person{Name: tr.Name, IDNumber: tr.IDNumber, Joined: tr.JoinedParty})
		byID[tr.IDNumber] = tr.ID
		phones = append(phones, tr.Phone)
	}
	orgs, err := db.FindOrganisations(context.Background(), models.OrganisationFilter{})
	if err != nil {
		t.Fatal(err)
	}
	for _, o := range orgs {
		phones = append(phones, o.ContactPhone)
	}
	ins, err := db.FindInstructors(context.Background(), models.InstructorFilter{})
	if err != nil {
		t.Fatal(err)
	}
	for _, i := range ins {
		phones = append(phones, i.Phone)
	}
	var out []string
	for _, p := range phones {
		if p != "" {
			out = append(out, p)
		}
	}
	return people, byID, out
}

func readWorkbook(t *testing.T, a *attackers, source, path string) {
	t.Helper()
	text, err := idattack.WorkbookText(path)
	if err != nil {
		t.Fatal(err)
	}
	a.Read(source, text)
}

// listsPlainText is pdftotext's layout text of the PDF, white space kept.
func listsPlainText(t *testing.T, name string) string {
	t.Helper()
	out, err := exec.Command("pdftotext", "-layout", "-enc", "UTF-8", name, "-").Output()
	if err != nil {
		t.Fatalf("pdftotext %s: %v", name, err)
	}
	return string(out)
}
