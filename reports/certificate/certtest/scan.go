package certtest

import (
	"bytes"
	"image"
	"image/color"
	"image/draw"
	"image/png"
	"math"
	"os"
	"os/exec"
	"path/filepath"
	"testing"

	xdraw "golang.org/x/image/draw"
	"golang.org/x/image/math/f64"
)

// Scan reads the QR code in img with zbarimg (package zbar-tools), the
// scanner the acceptance names, and returns its data as written,
// every segment's bytes (-Sbinary: no guessing of the character set). The
// test is skipped where zbarimg is not installed; it fails when no code is
// found.
func Scan(t testing.TB, img image.Image) string {
	t.Helper()
	if _, err := exec.LookPath("zbarimg"); err != nil {
		t.Skip("zbarimg not found: install zbar-tools (scripts/setup.sh does) to scan QR codes")
	}
	name := filepath.Join(t.TempDir(), "scan.png")
	var b bytes.Buffer
	if err := png.Encode(&b, img); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(name, b.Bytes(), 0o600); err != nil {
		t.Fatal(err)
	}
	out, err := exec.Command("zbarimg", "-q", "--raw", "-Sbinary", "-Sqrcode.enable", name).Output()
	if err != nil {
		t.Fatalf("zbarimg found no QR code (%v)", err)
	}
	return string(bytes.TrimSuffix(out, []byte("\n")))
}

// PhotoLike returns img as a phone's photo of the paper might show it:
// turned by degrees about its centre (on white) and blurred with a
// Gaussian of sigma pixels.
func PhotoLike(img image.Image, degrees, sigma float64) image.Image {
	b := img.Bounds()
	w, h := float64(b.Dx()), float64(b.Dy())
	a := degrees * math.Pi / 180
	cos, sin := math.Cos(a), math.Sin(a)
	// The turned image fits in a box this large.
	ow, oh := int(math.Ceil(w*math.Abs(cos)+h*math.Abs(sin))), int(math.Ceil(w*math.Abs(sin)+h*math.Abs(cos)))
	out := image.NewGray(image.Rect(0, 0, ow, oh))
	draw.Draw(out, out.Bounds(), image.White, image.Point{}, draw.Src)
	cx, cy, ocx, ocy := w/2+float64(b.Min.X), h/2+float64(b.Min.Y), float64(ow)/2, float64(oh)/2
	// Source to destination: turn about the centre.
	m := f64.Aff3{cos, -sin, ocx - cos*cx + sin*cy, sin, cos, ocy - sin*cx - cos*cy}
	xdraw.BiLinear.Transform(out, m, img, b, xdraw.Over, nil)
	return blur(out, sigma)
}

// blur applies a Gaussian blur of sigma pixels, a row pass then a column
// pass.
func blur(img *image.Gray, sigma float64) *image.Gray {
	r := int(math.Ceil(3 * sigma))
	k := make([]float64, 2*r+1)
	sum := 0.0
	for i := range k {
		x := float64(i - r)
		k[i] = math.Exp(-x * x / (2 * sigma * sigma))
		sum += k[i]
	}
	for i := range k {
		k[i] /= sum
	}
	b := img.Bounds()
	pass := func(src *image.Gray, dx, dy int) *image.Gray {
		dst := image.NewGray(b)
		for y := b.Min.Y; y < b.Max.Y; y++ {
			for x := b.Min.X; x < b.Max.X; x++ {
				v := 0.0
				for i, f := range k {
					p := image.Pt(x+(i-r)*dx, y+(i-r)*dy)
					c := uint8(255) // white beyond the edges
					if p.In(b) {
						c = src.GrayAt(p.X, p.Y).Y
					}
					v += f * float64(c)
				}
				dst.SetGray(x, y, color.Gray{Y: uint8(math.Round(v))})
			}
		}
		return dst
	}
	return pass(pass(img, 1, 0), 0, 1)
}
