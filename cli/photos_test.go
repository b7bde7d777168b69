package cli

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"image"
	"image/color"
	"image/jpeg"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"peiyang/internal/poppler"
	"peiyang/reports/certificate/certtest"
	"peiyang/store"
)

// cliPhoto is a JPEG file of a dark shirt under a light face.
func cliPhoto(t *testing.T, w, h int) []byte {
	t.Helper()
	img := image.NewRGBA(image.Rect(0, 0, w, h))
	for y := range h {
		for x := range w {
			c := color.RGBA{200, 220, 240, 255}
			if y > h*3/4 {
				c = color.RGBA{20, 30, 90, 255}
			}
			img.SetRGBA(x, y, c)
		}
	}
	var b bytes.Buffer
	if err := jpeg.Encode(&b, img, nil); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

// TestImportPhotosCommand imports a folder of photos (a dry run, a
// refused folder, then the good one), then prints the certificates with
// the photo box and the roster with --photos.
func TestImportPhotosCommand(t *testing.T) {
	if bothStores(t, TestImportPhotosCommand) {
		return
	}
	f := certtest.New(t)
	c, ts := f.Course("乡村振兴专题培训班", []string{"阿依古丽·买买提", "王𠮷", "欧阳娜娜"}, 3)
	f.Issue(c)
	f.Close()
	db := f.Path
	dir := t.TempDir()
	put := func(name string, b []byte) {
		if err := os.WriteFile(filepath.Join(dir, name), b, 0o600); err != nil {
			t.Fatal(err)
		}
	}
	put(ts[0].IDNumber+".jpg", cliPhoto(t, 600, 840))
	put("王𠮷-"+ts[1].IDNumber+".jpg", cliPhoto(t, 90, 120)) // too small
	put("readme.txt", []byte("按身份证号命名"))
	r := cmd(t, db, "import", "photos", dir)
	r.want(t, 1, "2 photo file(s), 1 other file(s) skipped", "too small: 1", "imported: 0", "王𠮷-", "too small (85 × 120")
	if strings.Contains(r.stdout+r.stderr, ts[1].IDNumber) {
		t.Error("the report shows a full ID number")
	}
	put("王𠮷-"+ts[1].IDNumber+".jpg", cliPhoto(t, 450, 630))
	cmd(t, db, "import", "photos", dir, "--dry-run").want(t, 0, "Matched: 2", "imported: 0", "Dry run")
	r = cmd(t, db, "import", "photos", dir, "--json")
	r.want(t, 0)
	var rep struct {
		Imported      int   `json:"imported"`
		BytesPerPhoto int64 `json:"bytes_per_photo"`
	}
	if err := json.Unmarshal([]byte(r.stdout), &rep); err != nil || rep.Imported != 2 || rep.BytesPerPhoto < 1000 {
		t.Fatalf("report %s (%v)", r.stdout, err)
	}
	st, err := store.Open(db)
	if err != nil {
		t.Fatal(err)
	}
	n, _, err := st.CountTraineePhotos(context.Background())
	st.Close()
	if err != nil || n != 2 {
		t.Fatalf("%d photos stored (%v)", n, err)
	}

	// The certificates with the photo box: two photos, one empty frame.
	cmd(t, db, "settings", "set", "certificate.photo", "on").want(t, 0)
	out := filepath.Join(t.TempDir(), "certs.pdf")
	cmd(t, db, "print", "certificates", "--course", fmt.Sprint(c.ID), "--out", out).want(t, 0)
	pdf, err := os.ReadFile(out)
	if err != nil {
		t.Fatal(err)
	}
	if n := bytes.Count(pdf, []byte("/Subtype /Image")); n != 2 {
		t.Errorf("%d images in the certificates, want the 2 photos", n)
	}
	poppler.Check(t, out)

	// The roster with --photos.
	roster := filepath.Join(t.TempDir(), "roster.pdf")
	cmd(t, db, "print", "roster", "--course", fmt.Sprint(c.ID), "--out", roster, "--photos").want(t, 0)
	if text := pdfToText(t, roster); !strings.Contains(text, "照片") {
		t.Errorf("the roster has no photo column: %s", text)
	}
	rec := filepath.Join(t.TempDir(), "record.pdf")
	cmd(t, db, "print", "record", "--trainee", fmt.Sprint(ts[2].ID), "--out", rec, "--photos").want(t, 0)
}
