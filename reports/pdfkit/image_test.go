package pdfkit

import (
	"bytes"
	"image"
	"image/color"
	"image/jpeg"
	"image/png"
	"testing"
)

// TestImages places a JPEG, a grey JPEG and a PNG with a transparent half
// over a red band, and reads the colours back from a render.
func TestImages(t *testing.T) {
	blue := image.NewRGBA(image.Rect(0, 0, 40, 40))
	for i := range blue.Pix {
		blue.Pix[i] = []byte{0, 40, 200, 255}[i%4]
	}
	var jb bytes.Buffer
	must(t, jpeg.Encode(&jb, blue, &jpeg.Options{Quality: 90}))
	gray := image.NewGray(image.Rect(0, 0, 30, 30))
	for i := range gray.Pix {
		gray.Pix[i] = 90
	}
	var gb bytes.Buffer
	must(t, jpeg.Encode(&gb, gray, nil))
	half := image.NewNRGBA(image.Rect(0, 0, 20, 20)) // left half green, right half clear
	for y := range 20 {
		for x := range 10 {
			half.SetNRGBA(x, y, color.NRGBA{0, 160, 0, 255})
		}
	}
	var pb bytes.Buffer
	must(t, png.Encode(&pb, half))

	jp, err := NewImage(jb.Bytes())
	must(t, err)
	gj, err := NewImage(gb.Bytes())
	must(t, err)
	pn, err := NewImage(pb.Bytes())
	must(t, err)
	if w, h := jp.Size(); w != 40 || h != 40 || jp.filter != "DCTDecode" || gj.space != "DeviceGray" || pn.smask == nil {
		t.Fatalf("images read as %+v, %+v, %+v", jp, gj, pn)
	}
	if _, err := NewImage([]byte("GIF89a not a photo")); err == nil {
		t.Error("NewImage took a file that is no JPEG or PNG")
	}

	d := newDoc(t, Options{PageSize: A5})
	d.AddPage()
	must(t, d.FillRect(0, 100, 148, 40, Color{R: 220}))
	must(t, d.Image(jp, 10, 10, 40, 40))
	must(t, d.Image(jp, 60, 10, 20, 20)) // the same image again
	must(t, d.Image(gj, 90, 10, 30, 30))
	must(t, d.Image(pn, 10, 100, 40, 40))
	pdf := pdfBytes(t, d)
	if n := bytes.Count(pdf, []byte("/Subtype /Image")); n != 4 { // three images and the soft mask
		t.Errorf("%d image objects, want 4", n)
	}
	img := render(t, pdf, 1, 50)
	at := func(xmm, ymm float64) (uint32, uint32, uint32) {
		r, g, b, _ := img.At(int(xmm/25.4*50), int(ymm/25.4*50)).RGBA()
		return r >> 8, g >> 8, b >> 8
	}
	for _, c := range []struct {
		what      string
		x, y      float64
		r, g, b   uint32
		tolerance uint32
	}{
		{"the JPEG", 30, 30, 0, 40, 200, 12},
		{"the JPEG again", 70, 20, 0, 40, 200, 12},
		{"the grey JPEG", 105, 25, 90, 90, 90, 12},
		{"the PNG's opaque half", 20, 120, 0, 160, 0, 12},
		{"the red under the PNG's clear half", 40, 120, 220, 0, 0, 12},
		{"the page", 130, 60, 255, 255, 255, 0},
	} {
		r, g, b := at(c.x, c.y)
		if diff(r, c.r) > c.tolerance || diff(g, c.g) > c.tolerance || diff(b, c.b) > c.tolerance {
			t.Errorf("%s is (%d, %d, %d), want (%d, %d, %d)", c.what, r, g, b, c.r, c.g, c.b)
		}
	}
}

func diff(a, b uint32) uint32 {
	if a > b {
		return a - b
	}
	return b - a
}
