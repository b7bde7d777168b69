package photo

import (
	"bytes"
	"encoding/binary"
	"fmt"
	"hash/crc32"
	"image"
	"image/color"
	"image/jpeg"
	"image/png"
	"math/rand/v2"
	"testing"

	"peiyang/models"
)

// portrait draws a stand-in for an ID photo, w × h pixels: a light
// background, a darker head and shoulders, some noise as a camera has.
func portrait(w, h int, seed uint64) *image.RGBA {
	rng := rand.New(rand.NewPCG(seed, 1))
	img := image.NewRGBA(image.Rect(0, 0, w, h))
	for y := range h {
		for x := range w {
			c := color.RGBA{210, 225, 240, 255}
			dx, dy := float64(x-w/2)/float64(w), float64(y-h*2/5)/float64(h)
			switch {
			case dx*dx/0.04+dy*dy/0.03 < 1: // the head
				c = color.RGBA{225, 185, 160, 255}
			case y > h*2/3 && dx*dx < 0.16: // the shoulders
				c = color.RGBA{40, 50, 70, 255}
			}
			n := uint8(rng.IntN(9))
			img.SetRGBA(x, y, color.RGBA{c.R - n, c.G - n, c.B - n, 255})
		}
	}
	return img
}

func jpegOf(t testing.TB, img image.Image) []byte {
	t.Helper()
	var b bytes.Buffer
	if err := jpeg.Encode(&b, img, &jpeg.Options{Quality: 92}); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

// withExif inserts an APP1 segment after the JPEG's SOI: EXIF with the
// orientation and a camera make, as phones write them.
func withExif(jpg []byte, orientation uint16, bo binary.ByteOrder) []byte {
	var t bytes.Buffer
	if bo == binary.LittleEndian {
		t.WriteString("II")
	} else {
		t.WriteString("MM")
	}
	w16 := func(v uint16) { binary.Write(&t, bo, v) }
	w32 := func(v uint32) { binary.Write(&t, bo, v) }
	w16(42)
	w32(8)
	w16(2) // two entries
	w16(0x010F)
	w16(2)
	w32(4)
	w32(38) // Make, ASCII, at offset 38
	w16(0x0112)
	w16(3)
	w32(1)
	w16(orientation)
	w16(0)
	w32(0)
	t.WriteString("Cam\x00")
	seg := append([]byte("Exif\x00\x00"), t.Bytes()...)
	app1 := []byte{0xFF, 0xE1, byte((len(seg) + 2) >> 8), byte(len(seg) + 2)}
	out := append([]byte{}, jpg[:2]...)
	out = append(out, app1...)
	out = append(out, seg...)
	return append(out, jpg[2:]...)
}

func TestPrepare(t *testing.T) {
	src := jpegOf(t, portrait(1200, 1600, 1))
	out, err := Prepare(withExif(src, 1, binary.BigEndian))
	if err != nil {
		t.Fatal(err)
	}
	img, err := jpeg.Decode(bytes.NewReader(out))
	if err != nil {
		t.Fatal(err)
	}
	if b := img.Bounds(); b.Dx() != Width || b.Dy() != Height {
		t.Errorf("stored photo %v, want %d × %d", b, Width, Height)
	}
	if exifOrientation(out) != 1 || bytes.Contains(out, []byte("Exif")) || bytes.Contains(out, []byte("Cam")) {
		t.Error("the stored photo keeps EXIF data")
	}
	if len(out) > 40_000 || len(out) < 3_000 {
		t.Errorf("stored photo of %d bytes", len(out))
	}
	t.Logf("stored photo: %d bytes", len(out))
	// The head is still in the upper middle, the shoulders below it.
	r, g, b, _ := img.At(Width/2, Height*2/5).RGBA()
	if r>>8 < 180 || g>>8 < 150 || b>>8 > 190 {
		t.Errorf("the face is (%d, %d, %d)", r>>8, g>>8, b>>8)
	}
	if r, _, _, _ := img.At(Width/2, Height-10).RGBA(); r>>8 > 90 {
		t.Errorf("the shoulders are gone: red %d", r>>8)
	}
}

// TestOrientation stores a landscape file with each EXIF orientation: the
// picture is turned upright, whichever byte order the EXIF data has.
func TestOrientation(t *testing.T) {
	// Stored as a phone lying on its side writes it: 800 × 600, the left
	// half red and the right half blue.
	img := image.NewRGBA(image.Rect(0, 0, 800, 600))
	for y := range 600 {
		for x := range 800 {
			c := color.RGBA{220, 30, 30, 255}
			if x >= 400 {
				c = color.RGBA{30, 30, 220, 255}
			}
			img.SetRGBA(x, y, c)
		}
	}
	jpg := jpegOf(t, img)
	// Where the red half ends up once upright, by orientation.
	for o, want := range map[uint16]string{1: "left", 2: "right", 3: "right", 4: "left", 5: "top", 6: "top", 7: "bottom", 8: "bottom"} {
		for _, bo := range []binary.ByteOrder{binary.BigEndian, binary.LittleEndian} {
			up, err := Decode(withExif(jpg, o, bo))
			if err != nil {
				t.Fatal(err)
			}
			b := up.Bounds()
			if (o >= 5) != (b.Dx() < b.Dy()) {
				t.Errorf("orientation %d: %v", o, b)
			}
			at := map[string]image.Point{"left": {b.Dx() / 8, b.Dy() / 2}, "right": {b.Dx() * 7 / 8, b.Dy() / 2},
				"top": {b.Dx() / 2, b.Dy() / 8}, "bottom": {b.Dx() / 2, b.Dy() * 7 / 8}}[want]
			if r, _, _, _ := up.At(at.X, at.Y).RGBA(); r>>8 < 150 {
				t.Errorf("orientation %d (%v): red is not at the %s", o, bo, want)
			}
		}
	}
}

func TestRefused(t *testing.T) {
	small := jpegOf(t, portrait(120, 160, 2))
	if _, err := Prepare(small); !IsTooSmall(err) || models.ErrorCode(err) != models.EINVALID {
		t.Errorf("a 120 × 160 photo: %v", err)
	}
	// A wide picture's crop is its height's: 400 × 200 crops to 142 × 200.
	if _, err := Prepare(jpegOf(t, portrait(400, 200, 3))); !IsTooSmall(err) {
		t.Errorf("a 400 × 200 photo: %v", err)
	}
	if _, err := Prepare([]byte("GIF89a, or anything else")); models.ErrorCode(err) != models.EINVALID || IsTooSmall(err) {
		t.Errorf("not an image: %v", err)
	}
	jpg := jpegOf(t, portrait(300, 420, 4))
	if _, err := Prepare(jpg[:len(jpg)/2]); models.ErrorCode(err) != models.EINVALID {
		t.Errorf("a cut file: %v", err)
	}
	// A PNG header claiming 20000 × 20000 pixels is refused before any
	// decoding.
	ihdr := make([]byte, 13)
	binary.BigEndian.PutUint32(ihdr, 20000)
	binary.BigEndian.PutUint32(ihdr[4:], 20000)
	ihdr[8], ihdr[9] = 8, 2
	var bomb bytes.Buffer
	bomb.WriteString("\x89PNG\r\n\x1a\n")
	binary.Write(&bomb, binary.BigEndian, uint32(13))
	chunk := append([]byte("IHDR"), ihdr...)
	bomb.Write(chunk)
	binary.Write(&bomb, binary.BigEndian, crc32.ChecksumIEEE(chunk))
	if _, err := Prepare(bomb.Bytes()); err == nil || models.ErrorCode(err) != models.EINVALID {
		t.Errorf("a 400-megapixel PNG header: %v", err)
	}
	if _, err := Make(portrait(300, 420, 5), image.Rect(200, 0, 500, 420)); models.ErrorCode(err) != models.EINVALID {
		t.Errorf("a crop outside the photo: %v", err)
	}
}

// TestPNGAndCrop: a PNG photo and a chosen crop.
func TestPNGAndCrop(t *testing.T) {
	img := portrait(900, 900, 6)
	var b bytes.Buffer
	if err := png.Encode(&b, img); err != nil {
		t.Fatal(err)
	}
	dec, err := Decode(b.Bytes())
	if err != nil {
		t.Fatal(err)
	}
	if r := DefaultCrop(dec.Bounds()); r.Dx() != 642 || r.Dy() != 899 && r.Dy() != 900 {
		t.Errorf("default crop of a square: %v", r)
	}
	out, err := Make(dec, image.Rect(300, 100, 600, 520))
	if err != nil {
		t.Fatal(err)
	}
	if cfg, err := jpeg.DecodeConfig(bytes.NewReader(out)); err != nil || cfg.Width != Width || cfg.Height != Height {
		t.Errorf("%+v %v", cfg, err)
	}
}

func BenchmarkPrepare(b *testing.B) {
	for _, size := range []image.Point{{600, 840}, {3000, 4000}} {
		src := jpegOf(b, portrait(size.X, size.Y, 7))
		b.Run(fmt.Sprintf("%dx%d", size.X, size.Y), func(b *testing.B) {
			for b.Loop() {
				if _, err := Prepare(src); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
