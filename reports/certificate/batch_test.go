package certificate_test

import (
	"archive/zip"
	"bytes"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"peiyang/certsign"
	"peiyang/internal/poppler"
	"peiyang/internal/private/privatetest"
	"peiyang/models"
	"peiyang/reports/certificate"
	"peiyang/reports/certificate/certtest"
	"peiyang/training"
)

var names = []string{"阿依古丽·买买提", "王𠮷", "欧阳娜娜", "司马相如", "张三"}

func TestLoadCourse(t *testing.T) {
	f := certtest.New(t)
	c, trainees := f.Course("乡村振兴专题培训班", names, 4) // 张三 does not complete
	certs := f.Issue(c)
	if len(certs) != 4 {
		t.Fatalf("issued %d", len(certs))
	}
	must(t, f.Svc.Certificates.VoidCertificate(f.Ctx, certs[1].Serial, "姓名有误"))
	next, err := f.Svc.Certificates.ReissueCertificate(f.Ctx, certs[2].Serial)
	must(t, err)
	b, err := f.Svc.Certificates.LoadBatch(f.Ctx, c.ID, 0)
	must(t, err)
	var got []string
	for _, it := range b.Items {
		got = append(got, it.Serial+" "+it.Name)
	}
	// The void one is not printed, the replaced one is printed as its
	// replacement, in serial order.
	want := []string{"2025-0001 阿依古丽·买买提", "2025-0004 司马相如", next.Serial + " 欧阳娜娜"}
	if strings.Join(got, ", ") != strings.Join(want, ", ") {
		t.Errorf("items %v, want %v", got, want)
	}
	// 王𠮷 completed but her certificate is void: pending.
	if len(b.Pending) != 1 || b.Pending[0].ID != trainees[1].ID {
		t.Errorf("pending %v", b.Pending)
	}
	it := b.Items[0]
	if it.Gender != models.Female || it.Hours != 4 || it.Course != c.Title || !it.Start.Equal(c.StartDate) || !it.End.Equal(c.EndDate) ||
		!it.IssuedOn.Equal(models.MustDate("2025-06-15")) || it.Theme != models.ThemeRural {
		t.Errorf("item %+v", it)
	}
	// The code is signed, verifies as valid and holds the masked ID only.
	if strings.Contains(it.Code, trainees[0].IDNumber) || !strings.Contains(it.Code, models.MaskIDNumber(trainees[0].IDNumber)) {
		t.Errorf("code %q", it.Code)
	}
	r, err := certsign.Check(f.Ctx, f.DB, it.Code)
	if err != nil || r.Status != certsign.StatusValid {
		t.Errorf("check %+v %v", r, err)
	}
	// Without a key: no code.
	if it := training.NewCertificateItem(certs[0], trainees[0], c, nil); it.Code != "" {
		t.Errorf("no key: %q", it.Code)
	}
}

// TestLoadTrainee: one trainee's certificate, or who and why not.
func TestLoadTrainee(t *testing.T) {
	f := certtest.New(t)
	c, trainees := f.Course("基层治理专题培训班", names, 3)
	other, _ := f.Course("产业规划专题培训班", []string{"李四"}, 1)
	certs := f.Issue(c)
	must(t, f.Svc.Certificates.VoidCertificate(f.Ctx, certs[1].Serial, "重复"))
	next, err := f.Svc.Certificates.ReissueCertificate(f.Ctx, certs[2].Serial)
	must(t, err)

	b, err := f.Svc.Certificates.LoadBatch(f.Ctx, c.ID, trainees[2].ID)
	if err != nil || len(b.Items) != 1 || b.Items[0].Serial != next.Serial {
		t.Errorf("replaced: %v %+v", err, b)
	}
	for _, tc := range []struct {
		trainee int64
		course  int64
		want    string
		code    string
	}{
		{trainees[3].ID, c.ID, "司马相如 did not complete 基层治理专题培训班: attendance 0% is below the required 50%", models.ECONFLICT},
		{trainees[1].ID, c.ID, "Certificate 2025-0002 of 王𠮷 for 基层治理专题培训班 is void (重复)", models.ECONFLICT},
		{trainees[0].ID, other.ID, "阿依古丽·买买提 holds no place on 产业规划专题培训班", models.ECONFLICT},
		{999, c.ID, "not found", models.ENOTFOUND},
	} {
		_, err := f.Svc.Certificates.LoadBatch(f.Ctx, tc.course, tc.trainee)
		if err == nil || !strings.Contains(err.Error(), tc.want) || models.ErrorCode(err) != tc.code {
			t.Errorf("trainee %d: %v (%s), want %q", tc.trainee, err, models.ErrorCode(err), tc.want)
		}
	}

	// Completed, but not issued yet.
	c2, t2 := f.Course("党的创新理论专题培训班", []string{"赵六", "钱七"}, 2)
	_, err = f.Svc.Certificates.LoadBatch(f.Ctx, c2.ID, t2[0].ID)
	if err == nil || !strings.Contains(err.Error(), "赵六 completed 党的创新理论专题培训班 but has no certificate yet") ||
		!strings.Contains(err.Error(), "peiyang certificates issue --course") {
		t.Errorf("not issued: %v", err)
	}
	_, err = f.Svc.Certificates.LoadBatch(f.Ctx, c2.ID, 0)
	if err == nil || !strings.Contains(err.Error(), "2 trainee(s) completed it") {
		t.Errorf("course not issued: %v", err)
	}
	c3, _ := f.Course("无人结业班", []string{"孙八"}, 0)
	if _, err = f.Svc.Certificates.LoadBatch(f.Ctx, c3.ID, 0); err == nil || !strings.Contains(err.Error(), "no trainee has completed it") {
		t.Errorf("nobody completed: %v", err)
	}
	if _, err = f.Svc.Certificates.LoadBatch(f.Ctx, 999, 0); !models.IsNotFound(err) {
		t.Errorf("no course: %v", err)
	}
}

func must(t *testing.T, err error) {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
}

func items() []certificate.Item {
	it := certificate.SampleItem()
	var out []certificate.Item
	for i, n := range names {
		x := it
		x.Name = n
		x.Serial = strings.Replace(it.Serial, "0001", "000"+string(rune('1'+i)), 1)
		out = append(out, x)
	}
	return out
}

func TestFileNames(t *testing.T) {
	for _, tc := range []struct{ serial, name, want string }{
		{"〔2025〕第0001号", "阿依古丽·买买提", "〔2025〕第0001号-阿依古丽·买买提.pdf"},
		{"〔2025〕第0002号", "王𠮷", "〔2025〕第0002号-王𠮷.pdf"},
		{"PY/2025:0003", `a<b>c"d\e|f?g*h`, "PY_2025_0003-a_b_c_d_e_f_g_h.pdf"},
		{"2025-4", "张三. ", "2025-4-张三.pdf"},
	} {
		if got := certificate.FileName(certificate.Item{Serial: tc.serial, Name: tc.name}); got != tc.want {
			t.Errorf("%s %s: %q, want %q", tc.serial, tc.name, got, tc.want)
		}
	}
}

func TestWriteFilesAndZip(t *testing.T) {
	p := &certificate.Printer{Settings: certificate.Defaults()}
	dir := filepath.Join(t.TempDir(), "out", "证书")
	paths, err := p.WriteFiles(dir, items())
	must(t, err)
	entries, err := os.ReadDir(dir)
	must(t, err)
	if len(paths) != len(names) || len(entries) != len(names) {
		t.Fatalf("%d paths, %d files", len(paths), len(entries))
	}
	for i, path := range paths {
		if want := certificate.FileName(items()[i]); filepath.Base(path) != want {
			t.Errorf("file %s, want %s", path, want)
		}
		privatetest.Assert(t, path)
		b, err := os.ReadFile(path)
		must(t, err)
		poppler.WritePDF(t, b) // qpdf --check
	}

	var zb bytes.Buffer
	must(t, p.WriteZip(&zb, items()))
	zr, err := zip.NewReader(bytes.NewReader(zb.Bytes()), int64(zb.Len()))
	must(t, err)
	if len(zr.File) != len(names) {
		t.Fatalf("%d files in the zip", len(zr.File))
	}
	for i, zf := range zr.File {
		if zf.Name != certificate.FileName(items()[i]) || zf.NonUTF8 {
			t.Errorf("zip entry %q (non-UTF-8 %v)", zf.Name, zf.NonUTF8)
		}
		rc, err := zf.Open()
		must(t, err)
		b, err := io.ReadAll(rc)
		rc.Close()
		must(t, err)
		single, err := os.ReadFile(paths[i])
		must(t, err)
		if !bytes.Equal(b, single) {
			t.Errorf("zip entry %s differs from the file", zf.Name)
		}
	}

	// Two certificates would share a file name: refused.
	dup := items()[:2]
	dup[1].Serial, dup[1].Name = dup[0].Serial, dup[0].Name
	if _, err := p.WriteFiles(t.TempDir(), dup); models.ErrorCode(err) != models.ECONFLICT {
		t.Errorf("duplicate names: %v", err)
	}
}
