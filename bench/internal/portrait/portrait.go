// Package portrait makes stand-in ID photos for the benchmarks that
// import or print trainees' photos.
package portrait

import (
	"bytes"
	"image"
	"image/color"
	"image/jpeg"
	"math/rand/v2"
)

// JPEG makes a JPEG file like an ID photo: a pale background, a face,
// a dark shirt, and a camera's noise.
func JPEG(w, h int, seed uint64) []byte {
	rng := rand.New(rand.NewPCG(seed, 3))
	img := image.NewRGBA(image.Rect(0, 0, w, h))
	for y := range h {
		for x := range w {
			c := color.RGBA{205, 222, 240, 255}
			dx, dy := float64(x-w/2)/float64(w), float64(y-h*2/5)/float64(h)
			switch {
			case dx*dx/0.04+dy*dy/0.03 < 1:
				c = color.RGBA{226, 186, 160, 255}
			case y > h*2/3 && dx*dx < 0.16:
				c = color.RGBA{35, 45, 80, 255}
			}
			d := uint8(rng.IntN(12))
			img.SetRGBA(x, y, color.RGBA{c.R - d, c.G - d, c.B - d, 255})
		}
	}
	var b bytes.Buffer
	_ = jpeg.Encode(&b, img, &jpeg.Options{Quality: 90})
	return b.Bytes()
}
