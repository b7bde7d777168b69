package cli

import (
	"context"
	"fmt"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"peiyang/internal/idattack"
	"peiyang/internal/poppler"
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
	if bothStores(t, TestMaskedOutputsCannotRebuildIDNumbers) {
		return
	}
	if _, err := exec.LookPath("pdftotext"); err != nil {
		t.Skip("pdftotext not found: install poppler-utils")
	}
	d := newListsDemo(t)
	people, byID, phones := demoPeople(t, d.path)
	o := &maskedOutputs{t: t, d: d, dir: t.TempDir(), a: newAttackers(t, people)}
	o.commandLine()
	o.workbooks()
	o.pdfs()
	b := o.auditAfterRetention(people)
	c := returnsDemo(t, o.dir)

	o.a.report(t, byID, 100)
	b.report(t, byID, 10)
	c.a.report(t, c.byID, 10)
	// No output shows a phone in full: trainees', organisations' contacts',
	// instructors'.
	all := o.a.texts.String()
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

// maskedOutputs runs the commands on the demo database and gives what
// they print or write to the attackers.
type maskedOutputs struct {
	t   *testing.T
	d   listsDemo
	dir string
	a   *attackers
}

func (o *maskedOutputs) run(args ...string) string {
	o.t.Helper()
	r := cmd(o.t, o.d.path, args...)
	r.want(o.t, 0)
	return r.stdout
}

func (o *maskedOutputs) read(source, text string) {
	if strings.TrimSpace(text) == "" {
		o.t.Errorf("%s: empty output", source)
	}
	o.a.Read(source, text)
}

func idArg(v int64) string { return fmt.Sprint(v) }

// commandLine reads the command line's own text and JSON.
func (o *maskedOutputs) commandLine() {
	d := o.d
	for k := int64(0); k <= 60; k++ {
		n := k
		if k == 0 {
			n = d.trainee
		}
		o.read("trainees show", o.run("trainees", "show", idArg(n)))
		o.read("trainees show --json", o.run("trainees", "show", idArg(n), "--json"))
	}
	for _, q := range []string{"王", "李", "张", "51", "13"} {
		o.read("trainees search", o.run("trainees", "search", q, "--limit", "1000"))
		o.read("trainees search --json", o.run("trainees", "search", q, "--limit", "1000", "--json"))
	}
	o.read("courses show", o.run("courses", "show", idArg(d.course)))
	o.read("courses show --json", o.run("courses", "show", idArg(d.course), "--json"))
	o.read("certificates list --json", o.run("certificates", "list", "--json"))
}

// workbooks reads every export, the feedback package's PDF too.
func (o *maskedOutputs) workbooks() {
	t, d := o.t, o.d
	xlsx := func(name string, args ...string) {
		t.Helper()
		out := filepath.Join(o.dir, name+".xlsx")
		o.run(append([]string{"export", name, out}, args...)...)
		readWorkbook(t, o.a, "export "+name, out)
	}
	xlsx("trainees")
	xlsx("roster", "--course", idArg(d.course))
	xlsx("attendance", "--course", idArg(d.course))
	xlsx("placements")
	xlsx("mentors")
	fb := filepath.Join(o.dir, "feedback")
	o.run("export", "feedback", "--region", "德阳", "--out", fb)
	files, _ := filepath.Glob(filepath.Join(fb, "*"))
	if len(files) == 0 {
		t.Fatal("the feedback package is empty")
	}
	for _, f := range files {
		if strings.HasSuffix(f, ".xlsx") {
			readWorkbook(t, o.a, "export feedback", f)
		} else {
			o.read("export feedback "+filepath.Ext(f), listsPlainText(t, f))
		}
	}
}

// pdfs reads every printed document as pdftotext reads it, and a
// certificate's QR code as a phone reads it, with what verify says of it.
func (o *maskedOutputs) pdfs() {
	t, d := o.t, o.d
	pdf := func(what string, args ...string) {
		t.Helper()
		out := filepath.Join(o.dir, strings.ReplaceAll(what, " ", "_")+".pdf")
		o.run(append(append([]string{"print"}, args...), "--out", out)...)
		o.read(what, listsPlainText(t, out))
	}
	pdf("print roster", "roster", "--course", idArg(d.course))
	pdf("print signin", "signin", "--course", idArg(d.course))
	pdf("print mentors", "mentors")
	pdf("print placements", "placements")
	pdf("print outcomes", "outcomes", "--region", "德阳")
	pdf("print record", "record", "--trainee", idArg(d.trainee))
	pdf("print certificates", "certificates", "--course", idArg(d.course))
	one := filepath.Join(o.dir, "one.pdf")
	o.run("print", "certificates", "--course", idArg(d.course), "--trainee", idArg(d.trainee), "--out", one)
	code := anyQRFromPDF(t, one)
	o.read("certificate QR code", code)
	o.read("verify", o.run("verify", code))
	o.read("verify --json", o.run("verify", code, "--json"))
}

// auditAfterRetention adds a trainee, de-identifies the inactive ones and
// reads audit --json, the entries' before and after; it returns an
// attacker that read the audit trail alone, with the de-identified
// trainees' old numbers as the truth.
func (o *maskedOutputs) auditAfterRetention(people []idattack.Person) *attackers {
	first17 := "51062319880716123"
	added := idattack.Person{Name: "钟晓岚", IDNumber: first17 + string(models.IDCheckChar(first17)), Joined: models.MustDate("2012-07-01")}
	o.run("trainees", "add", "--name", added.Name, "--id", added.IDNumber, "--phone", "13912345678", "--joined", "2012-07-01",
		"--home-province", "四川省", "--home-city", "德阳市", "--home-county", "中江县")
	o.run("retention", "--older-than", "1")
	audit := o.run("audit", "--json", "--limit", "0")
	o.a.Read("audit --json", audit)
	b := newAttackers(o.t, append(people, added))
	b.Read("audit --json", audit)
	if !strings.Contains(audit, added.Name) || !strings.Contains(audit, `"retention"`) {
		o.t.Fatalf("the audit trail lacks the addition or the retention run")
	}
	return b
}

// returnsOutputs is what the returns demo gave the attackers.
type returnsOutputs struct {
	a    *attackers
	byID map[string]int64
}

// returnsDemo reads the returns and elections: they come years after
// training, so a demo built around its own default day has them.
func returnsDemo(t *testing.T, dir string) returnsOutputs {
	t.Helper()
	rdb := tempDB(t)
	cmd(t, rdb, "demo", "--trainees", "600", "--today", "2025-11-26").want(t, 0)
	people, byID, _ := demoPeople(t, rdb)
	c := newAttackers(t, people)
	out := filepath.Join(dir, "returns.xlsx")
	r := cmd(t, rdb, "export", "returns", out)
	r.want(t, 0)
	if strings.Contains(r.stdout, "Wrote 0 ") {
		t.Fatalf("the demo has no returns: %s", r.stdout)
	}
	readWorkbook(t, c, "export returns", out)
	fb := filepath.Join(dir, "feedback-returns")
	cmd(t, rdb, "export", "feedback", "--region", "四川", "--out", fb).want(t, 0)
	files, _ := filepath.Glob(filepath.Join(fb, "*.xlsx"))
	if len(files) != 1 {
		t.Fatalf("feedback package %v", files)
	}
	readWorkbook(t, c, "export feedback", files[0])
	return returnsOutputs{a: c, byID: byID}
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
	return poppler.FileText(t, name, "-layout")
}
