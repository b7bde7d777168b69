package imports

import (
	"bytes"
	"image"
	"image/color"
	"image/jpeg"
	"image/png"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"peiyang/models"
	"peiyang/photo"
)

// idPhoto is a JPEG file of w × h pixels, a face on a light background.
func idPhoto(t *testing.T, w, h int) []byte {
	t.Helper()
	img := image.NewRGBA(image.Rect(0, 0, w, h))
	for y := range h {
		for x := range w {
			c := color.RGBA{200, 220, 240, 255}
			if dx, dy := x-w/2, y-h*2/5; dx*dx*5+dy*dy*4 < w*w/2 {
				c = color.RGBA{225, 185, 160, 255}
			}
			img.SetRGBA(x, y, c)
		}
	}
	var b bytes.Buffer
	if err := jpeg.Encode(&b, img, &jpeg.Options{Quality: 90}); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

// photoDir makes a folder of files: name → contents.
func (f *fixture) photoDir(files map[string][]byte) string {
	f.t.Helper()
	dir := filepath.Join(f.dir, "photos")
	if err := os.MkdirAll(dir, 0o700); err != nil {
		f.t.Fatal(err)
	}
	for name, b := range files {
		if err := os.WriteFile(filepath.Join(dir, name), b, 0o600); err != nil {
			f.t.Fatal(err)
		}
	}
	return dir
}

func TestImportPhotos(t *testing.T) {
	f := newFixture(t)
	a := f.trainee("王芳", idn("51062319880215123"))
	b := f.trainee("阿依古丽·买买提", idn("65010119900101002"))
	c := f.trainee("李𠮷", idn("11010519491231002"))
	good := idPhoto(t, 600, 840)
	dir := f.photoDir(map[string][]byte{
		a.IDNumber + ".jpg": good,
		"阿依古丽·买买提-" + b.IDNumber + ".JPEG":           good,
		"李𠮷_" + strings.ToLower(c.IDNumber) + ".png": pngOf(t, 500, 700),
		"Thumbs.db": []byte("junk"),
		".DS_Store": []byte("junk"),
		"说明.txt":    []byte("照片按身份证号命名"),
	})
	rep, err := f.im.ImportPhotos(f.ctx, dir, PhotoOptions{DryRun: true})
	if err != nil || rep.Files != 3 || rep.Matched != 3 || rep.Imported != 0 || len(rep.Skipped) != 2 {
		t.Fatalf("dry run: %v %+v", err, rep)
	}
	if n, _, _ := f.svc.Trainees.PhotoStats(f.ctx); n != 0 {
		t.Fatalf("the dry run stored %d photos", n)
	}
	rep, err = f.im.ImportPhotos(f.ctx, dir, PhotoOptions{})
	if err != nil || rep.Imported != 3 {
		t.Fatalf("import: %v %+v", err, rep)
	}
	t.Logf("bytes per photo: %d", rep.BytesPerPhoto())
	for _, tr := range []*models.Trainee{a, b, c} {
		jpg, err := f.svc.Trainees.FindPhoto(f.ctx, tr.ID)
		if err != nil {
			t.Fatal(err)
		}
		if cfg, err := jpeg.DecodeConfig(bytes.NewReader(jpg)); err != nil || cfg.Width != photo.Width || cfg.Height != photo.Height {
			t.Errorf("%s's photo: %+v %v", tr.Name, cfg, err)
		}
	}
	n, total, err := f.svc.Trainees.PhotoStats(f.ctx)
	if err != nil || n != 3 || total != rep.Bytes {
		t.Errorf("stats: %d photos, %d bytes (%v); the report says %d bytes", n, total, err, rep.Bytes)
	}
	// Each photo is in the audit trail, without the picture.
	entries, err := f.svc.Audit.FindAudit(f.ctx, models.AuditFilter{Entity: "trainee_photos"})
	if err != nil || len(entries) != 3 {
		t.Fatalf("audit: %d entries (%v)", len(entries), err)
	}
	if !strings.Contains(entries[0].After, `"sha256"`) || len(entries[0].After) > 200 {
		t.Errorf("audit entry %q", entries[0].After)
	}
}

func pngOf(t *testing.T, w, h int) []byte {
	t.Helper()
	img, err := jpeg.Decode(bytes.NewReader(idPhoto(t, w, h)))
	if err != nil {
		t.Fatal(err)
	}
	var b bytes.Buffer
	if err := png.Encode(&b, img); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

// TestImportPhotosRejected: every kind of problem is reported by file,
// the ID numbers in the names masked, and nothing is written.
func TestImportPhotosRejected(t *testing.T) {
	f := newFixture(t)
	a := f.trainee("王芳", idn("51062319880215123"))
	b := f.trainee("张伟", idn("51062319900101003"))
	c := f.trainee("李明", idn("51062319900101004"))
	d := f.trainee("赵丽", idn("51062319900101005"))
	f.trainee("孙强", idn("51062319900101006"))
	stranger := idn("11010519491231009")
	dir := f.photoDir(map[string][]byte{
		a.IDNumber + ".jpg":         idPhoto(t, 600, 840),
		"王芳-" + a.IDNumber + ".jpg": idPhoto(t, 600, 840), // a second photo of 王芳
		stranger + ".jpg":           idPhoto(t, 600, 840), // nobody's
		"张三-" + b.IDNumber + ".jpg": idPhoto(t, 600, 840), // 张伟's number, another name
		c.IDNumber + ".jpg":         []byte("not a picture"),
		d.IDNumber + ".jpg":         idPhoto(t, 120, 160),
		"合影.jpg":                    idPhoto(t, 600, 840), // no number
		"51062319900101006X.jpg":    idPhoto(t, 600, 840), // a wrong check character
	})
	rep, err := f.im.ImportPhotos(f.ctx, dir, PhotoOptions{})
	if models.ErrorCode(err) != models.EINVALID || !strings.Contains(err.Error(), "have problems") {
		t.Fatalf("import: %v", err)
	}
	if rep.Imported != 0 || rep.Files != 8 {
		t.Errorf("report %+v", rep)
	}
	if n, _, _ := f.svc.Trainees.PhotoStats(f.ctx); n != 0 {
		t.Fatalf("%d photos stored though the import failed", n)
	}
	for kind, want := range map[string]int{PhotoDuplicate: 2, PhotoUnmatched: 4, PhotoUnreadable: 1, PhotoTooSmall: 1} {
		if got := rep.Count(kind); got != want {
			t.Errorf("%d %s, want %d", got, kind, want)
		}
	}
	for _, p := range rep.Problems {
		for _, id := range []string{a.IDNumber, b.IDNumber, c.IDNumber, d.IDNumber, stranger} {
			if strings.Contains(p.File, id) || strings.Contains(p.Message, id) {
				t.Errorf("a problem shows the ID number %s: %+v", id, p)
			}
		}
		if p.Message == "" || p.Key == "" {
			t.Errorf("problem without its message: %+v", p)
		}
	}
	if !hasPhotoProblem(rep, "张三-510623*", "张三", "张伟") {
		t.Errorf("no problem for the other name: %+v", rep.Problems)
	}
	if _, err := f.im.ImportPhotos(f.ctx, filepath.Join(f.dir, "none"), PhotoOptions{}); models.ErrorCode(err) != models.EINVALID {
		t.Errorf("a missing folder: %v", err)
	}
	empty := filepath.Join(f.dir, "empty")
	os.Mkdir(empty, 0o700)
	if _, err := f.im.ImportPhotos(f.ctx, empty, PhotoOptions{}); models.ErrorCode(err) != models.EINVALID {
		t.Errorf("an empty folder: %v", err)
	}
}

func hasPhotoProblem(rep *PhotoReport, file string, msgParts ...string) bool {
	for _, p := range rep.Problems {
		if !strings.HasPrefix(p.File, file) {
			continue
		}
		ok := true
		for _, m := range msgParts {
			ok = ok && strings.Contains(p.Message, m)
		}
		if ok {
			return true
		}
	}
	return false
}

func TestParsePhotoName(t *testing.T) {
	id := idn("51062319880215123")
	for stem, want := range map[string][2]string{
		id:               {"", id},
		"王芳-" + id:       {"王芳", id},
		"王芳_" + id:       {"王芳", id},
		"阿依古丽·买买提 " + id: {"阿依古丽·买买提", id},
		"王芳-" + id[:17]:  {"", ""},
		"王芳":             {"", ""},
		"-" + id:         {"", ""},
		id[:17] + "0":    {"", ""},
	} {
		if p, i := parsePhotoName(stem); p != want[0] || i != want[1] {
			t.Errorf("%q: %q %q, want %q %q", stem, p, i, want[0], want[1])
		}
	}
}
