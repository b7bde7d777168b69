package app

import (
	"bytes"
	"image"
	"image/color"
	"image/jpeg"
	"image/png"
	"os"
	"path/filepath"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"peiyang/models"
	"peiyang/photo"
)

// redOverBlue writes a PNG of w × h pixels, red above and blue below, so
// that the colour of a photo says which part of it was cropped.
func redOverBlue(t *testing.T, dir string, w, h int) string {
	t.Helper()
	img := image.NewRGBA(image.Rect(0, 0, w, h))
	for y := range h {
		c := color.RGBA{R: 220, A: 255}
		if y >= h/2 {
			c = color.RGBA{B: 220, A: 255}
		}
		for x := range w {
			img.Set(x, y, c)
		}
	}
	var b bytes.Buffer
	if err := png.Encode(&b, img); err != nil {
		t.Fatal(err)
	}
	name := filepath.Join(dir, "照片.png")
	if err := os.WriteFile(name, b.Bytes(), 0o600); err != nil {
		t.Fatal(err)
	}
	return name
}

// isBlue reports whether a pixel is the blue of redOverBlue.
func isBlue(c color.Color) bool {
	r, _, b, _ := c.RGBA()
	return b > 0x9000 && r < 0x3000
}

// TestTraineePhotoPicker: the trainee form takes an image file, cropped in
// the crop dialog (the frame sized by the slider and dragged), shows the
// photo and stores the crop when saved; Remove then removes it. A file
// that is no image, or a frame too small to print, is refused with its
// message and changes nothing.
func TestTraineePhotoPicker(t *testing.T) {
	e, s := traineesEnv(t, LangChinese)
	d := openFirstRow(t, e, s)
	id := d.rec.Trainee.ID
	e.act(d.openEdit)
	f := d.form
	p := f.photo
	if p.img.Image != nil || !p.empty.Visible() || !p.remove.Disabled() {
		t.Error("a trainee without a photo: the empty frame, nothing to remove")
	}
	form := e.u.win.Canvas().Overlays().Top()
	e.act(func() { test.Tap(p.choose) })
	if top := e.u.win.Canvas().Overlays().Top(); top == form || !shows(top, T("files.open")) {
		t.Fatal("Choose opened no file dialog")
	}
	e.act(func() { e.u.win.Canvas().OnTypedKey()(&fyne.KeyEvent{Name: fyne.KeyEscape}) })

	dir := t.TempDir()
	broken := filepath.Join(dir, "坏.jpg")
	if err := os.WriteFile(broken, []byte("not a picture"), 0o600); err != nil {
		t.Fatal(err)
	}
	e.act(func() { p.load(broken) })
	if got := f.Message("photo"); got != "无法读取照片：不是 JPEG 或 PNG 图片，或文件已损坏。" {
		t.Errorf("a broken file: %q", got)
	}
	if f.Dirty() || p.crop != nil {
		t.Error("a broken file changed the form")
	}

	e.act(func() { p.load(redOverBlue(t, dir, 600, 1200)) })
	c := p.crop
	if c == nil {
		t.Fatal("no crop dialog")
	}
	if got := c.view.rect(); got != photo.DefaultCrop(image.Rect(0, 0, 600, 1200)) {
		t.Errorf("the crop opens at %v", got)
	}
	e.act(func() { c.size.SetValue(0.2) })
	e.act(c.dialog.Submit)
	if got := c.note.Text; got != "框内只有 120 × 168 像素，太小无法打印；请把框放大（至少 148 × 207）。" || p.Value() != "" {
		t.Errorf("a frame too small: %q, photo %q", got, p.Value())
	}
	e.act(func() {
		c.size.SetValue(0.5)
		c.view.Dragged(&fyne.DragEvent{Dragged: fyne.NewDelta(0, 2000)})
		c.view.DragEnd()
	})
	if got := c.view.rect(); got != image.Rect(150, 780, 450, 1200) {
		t.Errorf("sized and dragged down, the crop is %v", got)
	}
	if !isBlue(c.preview.Image.At(59, 10)) {
		t.Error("the preview does not show the crop")
	}
	e.act(c.dialog.Submit)
	if p.jpg == nil || !f.Dirty() || p.img.Image == nil || p.empty.Visible() {
		t.Fatal("the form does not show the photo chosen")
	}
	e.act(f.submit)
	stored, err := e.svc.Trainees.FindPhoto(ctx, id)
	if err != nil {
		t.Fatal(err)
	}
	img, err := jpeg.Decode(bytes.NewReader(stored))
	if err != nil || img.Bounds().Dx() != photo.Width || img.Bounds().Dy() != photo.Height || !isBlue(img.At(10, 10)) {
		t.Fatalf("stored photo %v (%v): want the blue crop at 295 × 413", img.Bounds(), err)
	}

	// Opened again: the stored photo; Remove and save removes it.
	e.act(d.openEdit)
	f = d.form
	if f.photo.img.Image == nil || f.photo.remove.Disabled() || f.Dirty() {
		t.Fatal("the form does not show the stored photo")
	}
	e.act(func() { test.Tap(f.photo.remove) })
	e.act(f.submit)
	if _, err := e.svc.Trainees.FindPhoto(ctx, id); models.ErrorCode(err) != models.ENOTFOUND {
		t.Errorf("Remove and save left the photo: %v", err)
	}
}
