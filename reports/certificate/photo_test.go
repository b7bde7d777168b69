package certificate

import (
	"bytes"
	"image"
	"image/color"
	"image/jpeg"
	"os"
	"strings"
	"testing"

	"peiyang/photo"
)

// testPhoto is a stored photo (package photo) of a dark blue shirt under
// a light face on a pale background.
func testPhoto(t testing.TB) []byte {
	t.Helper()
	img := image.NewRGBA(image.Rect(0, 0, 600, 840))
	for y := range 840 {
		for x := range 600 {
			c := color.RGBA{200, 220, 245, 255}
			dx, dy := float64(x-300)/600, float64(y-330)/840
			switch {
			case dx*dx/0.05+dy*dy/0.035 < 1:
				c = color.RGBA{230, 190, 165, 255}
			case y > 600:
				c = color.RGBA{20, 40, 110, 255}
			}
			img.SetRGBA(x, y, c)
		}
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

// TestPhotoBox prints the photo box: the photo in its frame with the
// unit's seal (its scan) over its lower right corner, the wording right of
// it; and for a trainee without a photo the empty frame.
func TestPhotoBox(t *testing.T) {
	s := withSeal(t)
	s.Photo = true
	items := sampleItems()[:2]
	items[0].Photo = testPhoto(t)
	pdf := printPDF(t, &Printer{Settings: s}, items)
	if dir := os.Getenv("PEIYANG_SAMPLES"); dir != "" {
		os.WriteFile(dir+"/photo-box.pdf", pdf, 0o600)
	}
	const dpi = 100
	px := func(mm float64) int { return int(mm / 25.4 * dpi) }
	for i, it := range items {
		img := render(t, pdf, i+1, dpi)
		// The shirt's blue at the bottom left of the photo, clear of the seal.
		r, g, b, _ := img.At(px(photoX+3), px(photoY+33)).RGBA()
		blue := b>>8 > 80 && r>>8 < 60 && g>>8 < 80
		if blue != (it.Photo != nil) {
			t.Errorf("page %d: the photo's lower left corner is (%d, %d, %d)", i+1, r>>8, g>>8, b>>8)
		}
		// The frame: ink along its top edge.
		if n, _ := ink(img, dpi, photoX+5, photoY-0.5, 15, 1, anyInk); n < 10 {
			t.Errorf("page %d: no frame around the photo (%d pixels)", i+1, n)
		}
		// The seal's second impression over the photo's corner, red, and
		// only over a photo.
		n, _ := ink(img, dpi, photoX+photo.WidthMM-4, photoY+photo.HeightMM-4, 12, 12, red)
		if (n > 40) != (it.Photo != nil) {
			t.Errorf("page %d: %d red pixels at the photo's corner", i+1, n)
		}
		// The wording right of the photo, nothing of it over the photo.
		if text := boxText(t, pdf, i+1, photoX, photoY, photo.WidthMM+8, photo.HeightMM); text != "" {
			t.Errorf("page %d: text over the photo: %q", i+1, text)
		}
		if text := pageText(t, pdf, i+1); !strings.Contains(text, it.Name+"同志") {
			t.Errorf("page %d lacks the wording: %s", i+1, text)
		}
	}
}

// TestOverlayPhoto: overlay printing puts the photo where its position
// says, and nothing where a trainee has none (the stock has the box); the
// calibration page shows the photo's box.
func TestOverlayPhoto(t *testing.T) {
	s := testSettings()
	if s.showsPhoto(true) {
		t.Fatal("a photo without its position set")
	}
	s.Positions["photo"] = Position{X: 230, Y: 40, Size: 30}
	items := sampleItems()[:2]
	items[0].Photo = testPhoto(t)
	pdf := printPDF(t, &Printer{Settings: s, Overlay: true}, items)
	const dpi = 100
	for i, it := range items {
		n, box := ink(render(t, pdf, i+1, dpi), dpi, 225, 35, 40, 52, anyInk)
		if it.Photo != nil && (n < 3000 || box.Dx() < 30*dpi*10/254-2) {
			t.Errorf("page %d: the photo has %d pixels in %v", i+1, n, box)
		}
		if it.Photo == nil && n > 0 {
			t.Errorf("page %d: %d pixels where no photo is", i+1, n)
		}
	}
	d, err := (&Printer{Settings: s}).Calibration()
	if err != nil {
		t.Fatal(err)
	}
	cal, err := d.Bytes()
	if err != nil {
		t.Fatal(err)
	}
	if text := pageText(t, cal, 1); !strings.Contains(text, "照片photo(230,40)") {
		t.Errorf("the calibration page lacks the photo's box: %s", text)
	}
}
