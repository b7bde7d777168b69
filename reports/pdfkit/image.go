package pdfkit

import (
	"bytes"
	"fmt"
	"image"
	"image/color"
	"image/jpeg"
	"image/png"
	"strconv"
)

// Image is a picture ready to be placed on pages: a JPEG kept as it is
// (the PDF holds the file itself), or a PNG turned into deflated samples
// with its transparency as a soft mask. Make it once with NewImage and
// place it on any number of pages and documents; it is immutable and
// safe for concurrent use, and a document holds it once however often it
// is placed.
type Image struct {
	w, h   int
	space  string // DeviceRGB or DeviceGray
	filter string // DCTDecode or FlateDecode
	data   []byte
	smask  []byte // deflated 8-bit alpha, or nil
}

// NewImage reads a JPEG or PNG file's bytes.
func NewImage(data []byte) (*Image, error) {
	cfg, format, err := image.DecodeConfig(bytes.NewReader(data))
	if err != nil {
		return nil, fmt.Errorf("pdfkit: image: %w", err)
	}
	if cfg.Width <= 0 || cfg.Height <= 0 || cfg.Width > 1<<14 || cfg.Height > 1<<14 {
		return nil, fmt.Errorf("pdfkit: image of %d×%d pixels", cfg.Width, cfg.Height)
	}
	if format == "jpeg" {
		switch cfg.ColorModel {
		case color.GrayModel:
			return &Image{w: cfg.Width, h: cfg.Height, space: "DeviceGray", filter: "DCTDecode", data: data}, nil
		case color.YCbCrModel:
			return &Image{w: cfg.Width, h: cfg.Height, space: "DeviceRGB", filter: "DCTDecode", data: data}, nil
		}
		// CMYK: decoded and written as samples, since JPEG files
		// disagree on whether CMYK is stored inverted.
	}
	var img image.Image
	switch format {
	case "png":
		img, err = png.Decode(bytes.NewReader(data))
	case "jpeg":
		img, err = jpeg.Decode(bytes.NewReader(data))
	default:
		return nil, fmt.Errorf("pdfkit: image: %s is neither JPEG nor PNG", format)
	}
	if err != nil {
		return nil, fmt.Errorf("pdfkit: image: %w", err)
	}
	return ImageOf(img), nil
}

// ImageOf makes an Image of decoded pixels, kept without loss.
func ImageOf(img image.Image) *Image {
	b := img.Bounds()
	w, h := b.Dx(), b.Dy()
	gray := isGray(img)
	ch := 3
	if gray {
		ch = 1
	}
	samples := make([]byte, 0, w*h*ch)
	alpha := make([]byte, 0, w*h)
	opaque := true
	for y := b.Min.Y; y < b.Max.Y; y++ {
		for x := b.Min.X; x < b.Max.X; x++ {
			c := color.NRGBAModel.Convert(img.At(x, y)).(color.NRGBA)
			if gray {
				samples = append(samples, c.R)
			} else {
				samples = append(samples, c.R, c.G, c.B)
			}
			alpha = append(alpha, c.A)
			opaque = opaque && c.A == 0xFF
		}
	}
	im := &Image{w: w, h: h, space: "DeviceRGB", filter: "FlateDecode", data: deflate(nil, samples)}
	if gray {
		im.space = "DeviceGray"
	}
	if !opaque {
		im.smask = deflate(nil, alpha)
	}
	return im
}

// isGray reports whether img is stored as shades of grey.
func isGray(img image.Image) bool {
	switch img.ColorModel() {
	case color.GrayModel, color.Gray16Model:
		return true
	}
	return false
}

// Size returns the image's width and height in pixels.
func (im *Image) Size() (w, h int) { return im.w, im.h }

// dict returns the image XObject's entries; smask is the object number of
// its soft mask, if it has one.
func (im *Image) dict(smask int) string {
	s := "/Type /XObject /Subtype /Image /Width " + strconv.Itoa(im.w) + " /Height " + strconv.Itoa(im.h) +
		" /ColorSpace /" + im.space + " /BitsPerComponent 8"
	if im.filter == "DCTDecode" {
		s += " /Filter /DCTDecode"
	}
	if im.smask != nil {
		s += " /SMask " + strconv.Itoa(smask) + " 0 R"
	}
	return s
}

// Image draws img stretched to the box x, y (top-left corner), w × h
// millimetres.
func (d *Doc) Image(img *Image, x, y, w, h float64) error {
	if img == nil {
		return d.fail(fmt.Errorf("pdfkit: Image: no image"))
	}
	n, ok := d.imageIndex[img]
	if !ok {
		n = len(d.images)
		d.images = append(d.images, img)
		d.imageIndex[img] = n
	}
	name := "/Im" + strconv.Itoa(n+1) + " Do"
	return d.record(func(r *renderer) error {
		c := &r.c
		c.op("q")
		c.num(w * mmToPt)
		c.b = append(c.b, "0 0 "...)
		c.num(h * mmToPt)
		c.num(c.x(x))
		c.num(c.y(y + h))
		c.op("cm")
		c.op(name)
		c.op("Q")
		return nil
	})
}
