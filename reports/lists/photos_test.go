package lists

import (
	"bytes"
	"image"
	"image/jpeg"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"peiyang/photo"
	"peiyang/reports/pdfkit"
)

// listPhoto is a stored photo (package photo) that is dark all over, so
// that its ink is easy to count.
func listPhoto(t *testing.T) []byte {
	t.Helper()
	img := image.NewRGBA(image.Rect(0, 0, 300, 420))
	for i := range img.Pix {
		img.Pix[i] = []byte{30, 40, 90, 255}[i%4]
	}
	var b bytes.Buffer
	if err := jpeg.Encode(&b, img, nil); err != nil {
		t.Fatal(err)
	}
	out, err := photo.Prepare(b.Bytes())
	if err != nil {
		t.Fatal(err)
	}
	return out
}

// TestRosterPhotos prints a roster with --photos: a photo in the row of
// the trainee who has one, an empty frame in the others', and every
// column still read back in order.
func TestRosterPhotos(t *testing.T) {
	l := rosterCourse(0)
	m := meta
	m.Photos = map[int64][]byte{l.Trainees[0].ID: listPhoto(t)}
	pdf, n := roster(t, m, l)
	sample(t, "roster-photos.pdf", pdf)
	text := noSpace(pdfText(t, pdf))
	if !strings.Contains(text, "序号姓名照片性别") {
		t.Errorf("no photo column in the header: %s", text[:200])
	}
	// The photo column, page by page: one photo's worth of ink at most
	// per row, and at least the photo.
	x, w := columnX(rosterPhotoColumns, 2)
	total := 0
	for p := 1; p <= n; p++ {
		total += ink(render(t, pdf, p, 100), 100, x+0.5, 25, w-1, 170)
	}
	ph := rosterPhotoW / 25.4 * 100 * rosterPhotoW * 1.4 / 25.4 * 100
	if float64(total) < 0.8*ph || float64(total) > 1.2*ph+float64(len(l.Trainees))*500 {
		t.Errorf("%d dark pixels in the photo column, want one photo's %.0f and the frames", total, ph)
	}
	// The name column still reads in order.
	var names strings.Builder
	for p := 1; p <= n; p++ {
		names.WriteString(afterHeader(boxText(t, pdf, p, columnX2(rosterPhotoColumns, 1), 0, rosterPhotoColumns[1].Width, 194), "姓名"))
	}
	if !strings.Contains(names.String(), "阿依古丽·买买提安然白雪") {
		t.Errorf("names: %s", names.String())
	}
}

func columnX2(cols []pdfkit.Column, j int) float64 { x, _ := columnX(cols, j); return x }

// TestRecordPhoto prints a record with --photos: the photo at the top
// right of the personal data, beside the grid; without a photo, the
// empty frame.
func TestRecordPhoto(t *testing.T) {
	r := record()
	for _, with := range []bool{true, false} {
		m := meta
		m.Photos = map[int64][]byte{}
		if with {
			m.Photos[r.Trainee.ID] = listPhoto(t)
		}
		pdf, _ := print(t, func(w *bytes.Buffer) (int, error) { return Record(w, m, r) })
		if with {
			sample(t, "record-photo.pdf", pdf)
		}
		if text := noSpace(pdfText(t, pdf)); !strings.Contains(text, "姓名阿依古丽·买买提性别女") {
			t.Errorf("the grid is gone: %s", text[:300])
		}
		// Right of the grid (15 + 150 mm), below the heading.
		n := ink(render(t, pdf, 1, 100), 100, 15+150+1, 30, 28, 90)
		if with && n < 5000 || !with && (n < 100 || n > 1500) {
			t.Errorf("photo %v: %d dark pixels right of the grid", with, n)
		}
	}
}

// sample writes pdf into $PEIYANG_SAMPLES, when set, to look at.
func sample(t *testing.T, name string, pdf []byte) {
	if dir := os.Getenv("PEIYANG_SAMPLES"); dir != "" {
		if err := os.WriteFile(filepath.Join(dir, name), pdf, 0o600); err != nil {
			t.Fatal(err)
		}
	}
}
