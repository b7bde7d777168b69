package app

import (
	"archive/zip"
	"bytes"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"peiyang/certsign"
	"peiyang/internal/poppler"
	"peiyang/models"
	"peiyang/reports/certificate"
	"peiyang/training"
)

// certEnv opens the certificates screen.
func certEnv(t *testing.T, lang string) (*testEnv, *certificatesScreen) {
	t.Helper()
	e := newEnv(t, lang, "certificates", false)
	s, ok := e.u.built["certificates"].(*certificatesScreen)
	if !ok {
		t.Fatalf("the certificates screen is %T", e.u.built["certificates"])
	}
	if !s.loaded || len(s.all) == 0 {
		t.Fatal("the certificates screen has no data")
	}
	return e, s
}

// waitTask waits for long work and the reads it started.
func waitTask(t *testing.T, e *testEnv, tk *task) {
	t.Helper()
	if tk == nil {
		t.Fatal("no work started")
	}
	select {
	case <-tk.done:
	case <-time.After(60 * time.Second):
		t.Fatal("the work did not end")
	}
	e.u.waitIdle()
}

// certCellText is what the table shows in a cell.
func certCellText(s *certificatesScreen, row, col int) string {
	return s.table.CellText(row, col)
}

// rowOf returns the row of the serial in the table, -1 if absent.
func rowOf(s *certificatesScreen, serial string) int {
	for i, r := range s.rows {
		if r.Certificate.Serial == serial {
			return i
		}
	}
	return -1
}

// validRow returns the first valid certificate shown.
func validRow(t *testing.T, s *certificatesScreen) int {
	t.Helper()
	for i, r := range s.rows {
		if r.Certificate.Status == models.CertValid {
			return i
		}
	}
	t.Fatal("no valid certificate listed")
	return -1
}

func TestCertificatesList(t *testing.T) {
	e, s := certEnv(t, LangEnglish)
	want, err := e.svc.Certificates.CertificateRows(ctx, models.CertificateFilter{})
	if err != nil {
		t.Fatal(err)
	}
	if len(s.rows) != len(want) || s.count.Text != formatInt(len(want))+" certificates" {
		t.Fatalf("%d rows, label %q; %d certificates on record", len(s.rows), s.count.Text, len(want))
	}
	first := want[len(want)-1] // newest first
	if certCellText(s, 0, 0) != first.Certificate.Serial || certCellText(s, 0, 1) != first.Name ||
		certCellText(s, 0, 5) != "Valid" && first.Certificate.Status == models.CertValid {
		t.Errorf("first row shows %q %q %q", certCellText(s, 0, 0), certCellText(s, 0, 1), certCellText(s, 0, 5))
	}
	if !shows(s.table, "Serial") || !shows(s.table, "Issued on") {
		t.Error("the table lacks its headers")
	}

	// The status filter.
	var valid []string
	for _, r := range want {
		if r.Certificate.Status == models.CertValid {
			valid = append(valid, r.Certificate.Serial)
		}
	}
	if err := e.svc.Certificates.VoidCertificate(ctx, valid[0], "重复打印，予以作废"); err != nil {
		t.Fatal(err)
	}
	if _, err := e.svc.Certificates.ReissueCertificate(ctx, valid[1]); err != nil {
		t.Fatal(err)
	}
	e.act(s.shown)
	e.act(func() { s.status.SetSelectedIndex(2) }) // void
	if len(s.rows) == 0 {
		t.Fatal("no void certificate in the demo data")
	}
	for i, r := range s.rows {
		if r.Certificate.Status != models.CertVoid || certCellText(s, i, 6) != r.Certificate.VoidReason {
			t.Fatalf("void filter shows %+v, notes %q", r.Certificate, certCellText(s, i, 6))
		}
	}
	e.act(func() { s.status.SetSelectedIndex(3) }) // replaced
	if len(s.rows) == 0 || !strings.HasPrefix(certCellText(s, 0, 6), "Replaced by ") {
		t.Errorf("replaced filter: %d rows, notes %q", len(s.rows), certCellText(s, 0, 6))
	}

	// Course and year filters combine.
	e.act(func() {
		s.status.SetSelectedIndex(0)
		s.course.SetSelectedIndex(1)
		s.year.SetSelectedIndex(1)
	})
	course, year := s.courseIDs[0], s.years[0]
	if want, err = e.svc.Certificates.CertificateRows(ctx, models.CertificateFilter{}); err != nil {
		t.Fatal(err)
	}
	n := 0
	for _, r := range want {
		if r.Certificate.CourseID == course && r.Certificate.Year == year {
			n++
		}
	}
	if len(s.rows) != n {
		t.Errorf("course %d, year %d: %d rows, want %d", course, year, len(s.rows), n)
	}
}

func TestCertificatesIssueBatch(t *testing.T) {
	e, s := certEnv(t, LangEnglish)
	course := voidTwo(t, e, s)
	before := len(s.all)
	year := e.svc.Today().Year()
	lastSeq := 0
	for _, r := range s.all {
		if r.Certificate.Year == year {
			lastSeq = max(lastSeq, r.Certificate.Seq)
		}
	}

	var f *certIssueForm
	e.act(func() { f = s.openIssue() })
	i := -1
	for j, c := range f.choices {
		if c.Course.ID == course.ID {
			i = j
		}
	}
	if i < 0 || f.choices[i].Pending != 2 {
		t.Fatalf("the issue dialog offers %+v", f.choices)
	}
	if !f.button.Disabled() && len(f.choices) > 1 {
		t.Error("Issue is enabled before a course is chosen")
	}
	e.act(func() { f.course.SetSelectedIndex(i) })
	if !strings.Contains(f.info.Text, "2 trainees completed") {
		t.Errorf("info %q", f.info.Text)
	}
	e.act(func() { test.Tap(f.button) })
	e.u.waitIdle()
	waitTask(t, e, f.task)

	if len(s.all) != before+2 {
		t.Fatalf("the list has %d certificates, want %d", len(s.all), before+2)
	}
	var seqs []int
	var fresh []string
	for _, r := range s.all {
		if r.Certificate.Year == year {
			seqs = append(seqs, r.Certificate.Seq)
			if r.Certificate.Seq > lastSeq {
				fresh = append(fresh, r.Certificate.Serial)
			}
		}
	}
	sort.Ints(seqs)
	for k, q := range seqs {
		if q != k+1 {
			t.Fatalf("serials of %d are not gapless: %v", year, seqs)
		}
	}
	if len(fresh) != 2 {
		t.Fatalf("new serials %v", fresh)
	}
	if s.filterCourse() != course.ID {
		t.Errorf("the list is not filtered to the course issued")
	}
	for _, serial := range fresh {
		if rowOf(s, serial) < 0 {
			t.Errorf("the new certificate %s is not listed", serial)
		}
	}
	top := e.u.win.Canvas().Overlays().Top()
	if top == nil || !shows(top, "Issued 2 certificates") || !shows(top, fresh[0]) {
		t.Errorf("the notice says %q", texts(top))
	}
}

// voidTwo voids two certificates of the first course listed with valid
// ones, whose holders then wait for new ones, and returns the course.
func voidTwo(t *testing.T, e *testEnv, s *certificatesScreen) *models.Course {
	t.Helper()
	var course *models.Course
	var serials []string
	for _, r := range s.all {
		if r.Certificate.Status != models.CertValid {
			continue
		}
		if course == nil {
			course = r.Course
		}
		if r.Course.ID == course.ID && len(serials) < 2 {
			serials = append(serials, r.Certificate.Serial)
		}
	}
	for _, serial := range serials {
		if err := e.svc.Certificates.VoidCertificate(ctx, serial, "印错了"); err != nil {
			t.Fatal(err)
		}
	}
	e.act(s.shown)
	return course
}

func TestCertificatesVoidNeedsReason(t *testing.T) {
	e, s := certEnv(t, LangEnglish)
	row := validRow(t, s)
	serial := s.rows[row].Certificate.Serial
	e.act(func() { s.table.Select(widget.TableCellID{Row: row, Col: 0}) })
	if s.voidBtn.Disabled() || !strings.Contains(s.selInfo.Text, serial) {
		t.Fatalf("selecting a valid certificate: void disabled %v, info %q", s.voidBtn.Disabled(), s.selInfo.Text)
	}
	e.act(func() { test.Tap(s.voidBtn) })
	f := s.voidForm
	if f == nil || e.u.win.Canvas().Focused() != f.reason {
		t.Fatal("Void opened no form with the focus on the reason")
	}
	e.act(func() { test.Tap(f.button) })
	if m := f.Message("void_reason"); m != "Give the reason for voiding the certificate." {
		t.Errorf("no reason: error %q", m)
	}
	if c, _ := e.svc.Certificates.FindCertificateBySerial(ctx, serial); c.Status != models.CertValid {
		t.Fatalf("voided without a reason: %s", c.Status)
	}
	if e.u.win.Canvas().Overlays().Top() == nil {
		t.Fatal("the refused void closed the dialog")
	}
	e.act(func() {
		test.Type(f.reason, "证书纸张打印错位")
		f.reason.TypedKey(&fyne.KeyEvent{Name: fyne.KeyReturn}) // Enter voids
	})
	c, err := e.svc.Certificates.FindCertificateBySerial(ctx, serial)
	if err != nil || c.Status != models.CertVoid || c.VoidReason != "证书纸张打印错位" {
		t.Fatalf("after voiding: %+v %v", c, err)
	}
	i := rowOf(s, serial)
	if i < 0 || certCellText(s, i, 5) != "Void" || certCellText(s, i, 6) != "证书纸张打印错位" {
		t.Errorf("the list shows %q %q", certCellText(s, i, 5), certCellText(s, i, 6))
	}
	if s.current() == nil || s.current().Certificate.Serial != serial || !s.voidBtn.Disabled() || !s.reissue.Disabled() {
		t.Error("the void certificate is not selected, or can still be voided or reissued")
	}
	if e.u.win.Canvas().Overlays().Top() != nil {
		t.Error("the void dialog stayed open")
	}
}

func TestCertificatesVoidEscape(t *testing.T) {
	e, s := certEnv(t, LangEnglish)
	row := validRow(t, s)
	e.act(func() {
		s.table.Select(widget.TableCellID{Row: row, Col: 0})
		s.openVoid(s.rows[row])
	})
	e.act(func() {
		test.Type(s.voidForm.reason, "不要了")
		s.voidForm.reason.TypedKey(&fyne.KeyEvent{Name: fyne.KeyEscape})
	})
	// The reason typed is not thrown away without asking.
	ask := e.u.win.Canvas().Overlays().Top()
	if ask == nil || !shows(ask, "Discard the changes?") {
		t.Fatal("Escape after typing a reason did not ask")
	}
	e.act(func() { test.Tap(findButton(t, ask, "Discard changes")) })
	if e.u.win.Canvas().Overlays().Top() != nil {
		t.Fatal("Escape did not close the void dialog")
	}
	if c, _ := e.svc.Certificates.FindCertificateBySerial(ctx, s.rows[row].Certificate.Serial); c.Status != models.CertValid {
		t.Error("Escape voided the certificate")
	}
}

func TestCertificatesReissue(t *testing.T) {
	e, s := certEnv(t, LangEnglish)
	row := validRow(t, s)
	old := s.rows[row].Certificate.Serial
	e.act(func() { s.table.Select(widget.TableCellID{Row: row, Col: 0}) })
	e.act(func() { test.Tap(s.reissue) })
	e.act(func() { test.Tap(findButton(t, e.u.win.Canvas().Overlays().Top(), "Reissue")) })
	oc, err := e.svc.Certificates.FindCertificateBySerial(ctx, old)
	if err != nil || oc.Status != models.CertReplaced || oc.ReplacedBy == "" {
		t.Fatalf("the old certificate: %+v %v", oc, err)
	}
	next := oc.ReplacedBy
	cur := s.current()
	if cur == nil || cur.Certificate.Serial != next || cur.Certificate.Replaces != old {
		t.Fatalf("the new certificate %s is not selected: %+v", next, cur)
	}
	if !strings.Contains(s.selInfo.Text, next) {
		t.Errorf("selection info %q", s.selInfo.Text)
	}
	if i := rowOf(s, old); i < 0 || certCellText(s, i, 5) != "Replaced" || certCellText(s, i, 6) != "Replaced by "+next {
		t.Errorf("the old row shows %q %q", certCellText(s, i, 5), certCellText(s, i, 6))
	}
	if i := rowOf(s, next); certCellText(s, i, 6) != "Reissue of "+old {
		t.Errorf("the new row's notes %q", certCellText(s, i, 6))
	}
	top := e.u.win.Canvas().Overlays().Top()
	if top == nil || !shows(top, "is replaced by "+next) {
		t.Errorf("the notice says %q", texts(top))
	}
}

// signedCode makes the QR code text of a certificate, as printed.
func signedCode(t *testing.T, e *testEnv, r training.CertificateRow) string {
	t.Helper()
	key, err := e.svc.Certificates.SigningKey(ctx)
	if err != nil {
		t.Fatal(err)
	}
	tr, err := e.svc.Trainees.FindTraineeByID(ctx, r.Certificate.TraineeID)
	if err != nil {
		t.Fatal(err)
	}
	return certsign.NewPayload(r.Certificate, tr.Name, tr.IDNumber, r.Course.Title).Sign(key)
}

func TestCertificatesVerify(t *testing.T) {
	e, s := certEnv(t, LangEnglish)
	r := s.rows[validRow(t, s)]
	code := signedCode(t, e, r)
	var v *certVerifier
	e.act(func() { test.Tap(s.verifyBtn) })
	v = s.verifier
	if v == nil || e.u.win.Canvas().Focused() != v.input {
		t.Fatal("no verify dialog, or the focus is not in its box")
	}
	check := func(text string) {
		t.Helper()
		e.act(func() {
			v.input.SetText(text)
			test.Tap(v.check)
		})
	}
	e.act(func() {
		v.input.SetText(code)
		v.input.TypedKey(&fyne.KeyEvent{Name: fyne.KeyReturn}) // Enter checks
	})
	if v.result == nil || v.result.r.Status != certsign.StatusValid || v.verdict.Text != "Valid" ||
		v.banner.FillColor != verdictColour(certsign.StatusValid) {
		t.Fatalf("a valid code: %+v, verdict %q", v.result, v.verdict.Text)
	}
	if !strings.Contains(v.message.Text, "is valid") || v.values["serial"].Text != r.Certificate.Serial ||
		v.values["name"].Text != r.Name || !v.details.Visible() || v.notes.Visible() {
		t.Errorf("a valid code shows %q, serial %q", v.message.Text, v.values["serial"].Text)
	}

	tampered := strings.Replace(code, "|"+r.Name+"|", "|"+r.Name+"乙|", 1)
	check(tampered)
	if v.result.r.Status != certsign.StatusForged || v.verdict.Text != "Forged" ||
		v.banner.FillColor != verdictColour(certsign.StatusForged) || !strings.Contains(v.message.Text, "altered") || v.details.Visible() {
		t.Errorf("a tampered code: %s, verdict %q, message %q", v.result.r.Status, v.verdict.Text, v.message.Text)
	}

	check("https://example.com/not-a-certificate")
	if v.result.r.Status != certsign.StatusForged || v.verdict.Text != "Not a certificate code" ||
		!strings.Contains(v.message.Text, "not the code of a Peiyang certificate") {
		t.Errorf("not a code: %s, %q", v.result.r.Status, v.message.Text)
	}

	// A voided certificate: genuine but void, in orange.
	if err := e.svc.Certificates.VoidCertificate(ctx, r.Certificate.Serial, "重复打印"); err != nil {
		t.Fatal(err)
	}
	check(code)
	if v.result.r.Status != certsign.StatusVoid || v.verdict.Text != "Void" ||
		v.banner.FillColor != verdictColour(certsign.StatusVoid) || !strings.Contains(v.message.Text, "重复打印") {
		t.Errorf("a void certificate: %s %q %q", v.result.r.Status, v.verdict.Text, v.message.Text)
	}

	// The record changed since: noted under the verdict.
	tr, _ := e.svc.Trainees.FindTraineeByID(ctx, r.Certificate.TraineeID)
	tr.Name = "新名字"
	if err := e.svc.Trainees.UpdateTrainee(ctx, tr); err != nil {
		t.Fatal(err)
	}
	check(code)
	if !v.notes.Visible() || v.notes.Text != "The holder's name on record is now 新名字." {
		t.Errorf("differences %q", v.notes.Text)
	}
	e.act(func() { v.input.TypedKey(escapeKey) })
	if e.u.win.Canvas().Overlays().Top() != nil {
		t.Error("Escape did not close the verify dialog")
	}
}

func TestCertificatesVerifyInChinese(t *testing.T) {
	e, s := certEnv(t, LangChinese)
	code := signedCode(t, e, s.rows[validRow(t, s)])
	e.act(func() { s.openVerify() })
	v := s.verifier
	tampered := code[:len(code)-3] + "000" // the signature's last digits
	if tampered == code {
		tampered = code[:len(code)-3] + "111"
	}
	for _, c := range []struct{ text, verdict, message string }{
		{code, "有效", "有效"},
		{tampered, "伪造或被篡改", "请按伪造证书处理"},
		{"PY1|x", "不是证书二维码", "这不是本系统证书的二维码"},
	} {
		e.act(func() {
			v.input.SetText(c.text)
			test.Tap(v.check)
		})
		if v.verdict.Text != c.verdict || !strings.Contains(v.message.Text, c.message) {
			t.Errorf("%.20q: verdict %q, message %q", c.text, v.verdict.Text, v.message.Text)
		}
		for _, txt := range texts(e.u.win.Canvas().Overlays().Top()) {
			if strings.Contains(c.text, txt) {
				continue // the code pasted
			}
			if englishWord.MatchString(allowedLatin.ReplaceAllString(txt, "")) {
				t.Errorf("the verify dialog shows English: %q", txt)
			}
		}
	}
}

func TestCertificatesPrint(t *testing.T) {
	e, s := certEnv(t, LangEnglish)
	opened := recordOpened(t)
	// The course with the fewest valid certificates, to keep it quick.
	var course *training.CourseCertificates
	for i, c := range s.courses {
		if c.Valid > 0 && (course == nil || c.Valid < course.Valid) {
			course = &s.courses[i]
		}
	}
	var f *certPrintForm
	e.act(func() { f = s.openPrint() })
	if f.button.Disabled() != (f.course.SelectedIndex() < 0) {
		t.Error("Print is enabled without a course")
	}
	e.act(func() { e.u.win.Canvas().Overlays().Top().Hide() })
	dir := t.TempDir()

	pdf := filepath.Join(dir, "证书.pdf")
	var tk *task
	e.act(func() { tk = s.print(course.Course.ID, certificate.Merged, false, pdf) })
	waitTask(t, e, tk)
	b, err := os.ReadFile(pdf)
	if err != nil || !bytes.HasPrefix(b, []byte("%PDF")) {
		t.Fatalf("merged PDF: %v", err)
	}
	poppler.Check(t, pdf)
	wantAudit(t, e, "print", "证书.pdf") // as the command line's print is
	top := e.u.win.Canvas().Overlays().Top()
	if top == nil || !shows(top, "Printed "+formatInt(course.Valid)+" certificate") {
		t.Errorf("the notice says %q", texts(top))
	}
	if got := tapOpen(t, e, opened); got != pdf {
		t.Errorf("Open opened %q", got)
	}

	zipPath := filepath.Join(dir, "证书.zip")
	e.act(func() { tk = s.print(course.Course.ID, certificate.Zip, true, zipPath) })
	waitTask(t, e, tk)
	zr, err := zip.OpenReader(zipPath)
	if err != nil {
		t.Fatal(err)
	}
	if len(zr.File) != course.Valid || !strings.HasSuffix(zr.File[0].Name, ".pdf") {
		t.Errorf("zip holds %d files, want %d", len(zr.File), course.Valid)
	}
	// Dated by the service's clock, not the computer's.
	if d := zr.File[0].Modified.Sub(fixedNow); d < -2*time.Second || d > 2*time.Second {
		t.Errorf("the zip's files are dated %v, the service's clock says %v", zr.File[0].Modified, fixedNow)
	}
	zr.Close()
	if got := tapOpen(t, e, opened); got != zipPath {
		t.Errorf("Open opened %q", got)
	}

	split := filepath.Join(dir, "split")
	e.act(func() { tk = s.print(course.Course.ID, certificate.Split, false, split) })
	waitTask(t, e, tk)
	files, _ := filepath.Glob(filepath.Join(split, "*.pdf"))
	if got := tapOpen(t, e, opened); len(files) != course.Valid || got != split {
		t.Errorf("split wrote %d files, Open opened %q", len(files), got)
	}
	for _, f := range files {
		poppler.Check(t, f)
	}

	// Cancelled at once: nothing written.
	cancelled := filepath.Join(dir, "cancelled.pdf")
	e.act(func() {
		tk = s.print(course.Course.ID, certificate.Merged, false, cancelled)
		tk.cancel()
	})
	waitTask(t, e, tk)
	if _, err := os.Stat(cancelled); err == nil {
		t.Error("a cancelled print wrote its file")
	}
	if len(*opened) != 3 {
		t.Errorf("a cancelled print opened %v", *opened)
	}
}
