// Package photo prepares trainees' photos (证件照) for the database and
// the printed documents. A photo is kept as a JPEG of 295 × 413 pixels,
// 25 × 35 mm at 300 dpi (the one-inch size of Chinese certificates),
// cropped to that shape, turned upright as its EXIF orientation says,
// re-encoded at quality 85 (some 20 to 30 KB) and without its EXIF data
// (camera, place, time), which re-encoding leaves behind.
//
// Files are read within bounds: at most MaxFileSize bytes and MaxPixels
// pixels, checked from the header before anything is decoded. A picture
// smaller than half the print resolution (MinWidth × MinHeight once
// cropped) is refused as too small, not blown up.
package photo

import (
	"bytes"
	"errors"
	"fmt"
	"image"
	"image/jpeg"
	"image/png"

	xdraw "golang.org/x/image/draw"

	"peiyang/models"
)

// The stored photo: 25 × 35 mm at 300 dpi.
const (
	WidthMM, HeightMM = 25.0, 35.0
	Width, Height     = 295, 413
	// MinWidth and MinHeight are the smallest crop taken: 150 dpi.
	MinWidth, MinHeight = 148, 207
	// Quality is the JPEG quality of the stored photo.
	Quality = 85
	// MaxFileSize and MaxPixels bound what is read.
	MaxFileSize = 25 << 20
	MaxPixels   = 50_000_000
)

// Messages of the photo's errors.
const (
	MsgUnreadable = "The photo cannot be read: it is not a JPEG or PNG image, or the file is damaged."
	MsgTooLarge   = "The photo is too large to read ({{.Size}}); use a file under 25 MB and 50 megapixels."
	MsgTooSmall   = "The photo is too small ({{.W}} × {{.H}} pixels once cropped to 25 × 35 mm); it needs at least 148 × 207."
	MsgBadCrop    = "The crop lies outside the photo."
)

// IsTooSmall reports whether err says a photo is too small to print.
func IsTooSmall(err error) bool {
	var e *models.Error
	return errors.As(err, &e) && e.Message == MsgTooSmall
}

// Decode reads a JPEG or PNG file and turns it upright as its EXIF
// orientation says.
func Decode(data []byte) (image.Image, error) {
	if len(data) > MaxFileSize {
		return nil, models.Errorf(models.EINVALID, "photo", MsgTooLarge, "Size", sizeText(len(data)))
	}
	cfg, format, err := image.DecodeConfig(bytes.NewReader(data))
	if err != nil || (format != "jpeg" && format != "png") {
		return nil, models.Errorf(models.EINVALID, "photo", MsgUnreadable)
	}
	if cfg.Width <= 0 || cfg.Height <= 0 || cfg.Width*cfg.Height > MaxPixels {
		return nil, models.Errorf(models.EINVALID, "photo", MsgTooLarge, "Size", sizeText(len(data)))
	}
	var img image.Image
	if format == "jpeg" {
		img, err = jpeg.Decode(bytes.NewReader(data))
	} else {
		img, err = png.Decode(bytes.NewReader(data))
	}
	if err != nil {
		return nil, models.Errorf(models.EINVALID, "photo", MsgUnreadable)
	}
	if format == "jpeg" {
		img = orient(img, exifOrientation(data))
	}
	return img, nil
}

// DefaultCrop returns the largest 25:35 rectangle centred across b and a
// little above the middle (a head and shoulders sit in the upper part).
func DefaultCrop(b image.Rectangle) image.Rectangle {
	w, h := b.Dx(), b.Dy()
	cw, ch := w, w*Height/Width
	if ch > h {
		cw, ch = h*Width/Height, h
	}
	x := b.Min.X + (w-cw)/2
	y := b.Min.Y + (h-ch)/3
	return image.Rect(x, y, x+cw, y+ch)
}

// Make crops img to r (any rectangle inside it; it is stretched to 25:35
// if it has another shape), scales it to 295 × 413 pixels and encodes it
// as a JPEG without metadata.
func Make(img image.Image, r image.Rectangle) ([]byte, error) {
	if r.Empty() || !r.In(img.Bounds()) {
		return nil, models.Errorf(models.EINVALID, "photo", MsgBadCrop)
	}
	if r.Dx() < MinWidth || r.Dy() < MinHeight {
		return nil, models.Errorf(models.EINVALID, "photo", MsgTooSmall, "W", r.Dx(), "H", r.Dy())
	}
	dst := scale(img, r, Width, Height)
	var b bytes.Buffer
	if err := jpeg.Encode(&b, dst, &jpeg.Options{Quality: Quality}); err != nil {
		return nil, err
	}
	return b.Bytes(), nil
}

// Prepare reads a photo file and makes the stored photo from its default
// crop.
func Prepare(data []byte) ([]byte, error) {
	img, err := Decode(data)
	if err != nil {
		return nil, err
	}
	return Make(img, DefaultCrop(img.Bounds()))
}

// toRGBA copies the part r of img into an RGBA image at the origin.
func toRGBA(img image.Image, r image.Rectangle) *image.RGBA {
	out := image.NewRGBA(image.Rect(0, 0, r.Dx(), r.Dy()))
	xdraw.Draw(out, out.Rect, img, r.Min, xdraw.Src)
	return out
}

// sizeText writes a file size in MB.
func sizeText(n int) string { return fmt.Sprintf("%d MB", (n+500_000)/1_000_000) }
