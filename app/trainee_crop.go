package app

import (
	"context"
	"image"
	"image/color"
	"math"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
	xdraw "golang.org/x/image/draw"

	"peiyang/app/kit"
	"peiyang/photo"
)

// The crop dialog of a trainee's photo: the picture with a frame of the
// photo's shape (25:35) over it, moved by dragging and sized by the
// slider, the part outside shaded; beside it the photo as it will print.
// It opens on package photo's default crop (the whole width, a little
// above the middle). Use makes the photo in the background.

// photoCrop is the crop dialog.
type photoCrop struct {
	view    *cropView
	size    *widget.Slider
	preview *canvas.Image
	note    *widget.Label
	dialog  *kit.Dialog
}

// cropPhoto opens the crop dialog on img; done gets the photo made,
// refuse the message of a photo that cannot be made.
func (u *ui) cropPhoto(img image.Image, done func(jpg []byte), refuse func(msg string)) *photoCrop {
	c := &photoCrop{view: newCropView(img), note: kit.ErrorLabel()}
	c.preview = canvas.NewImageFromImage(nil)
	c.preview.FillMode = canvas.ImageFillContain
	c.preview.SetMinSize(fyne.NewSize(118, 165))
	c.size = widget.NewSlider(0.2, 1)
	c.size.Step = 0.01
	c.size.Value = 1
	c.size.OnChanged = c.view.setScale
	c.view.changed = c.update
	c.update()
	side := container.NewVBox(widget.NewLabel(T("photo.preview")), c.preview)
	size := container.NewBorder(nil, nil, widget.NewLabel(T("photo.size")), nil, c.size)
	body := container.NewBorder(nil, container.NewVBox(size, c.note), nil, side, c.view)
	c.dialog = kit.Show(u.win, T("photo.crop_title"), body, fyne.NewSize(720, 560), kit.Cancel(),
		kit.Action{Label: T("photo.use"), Icon: theme.ConfirmIcon(), Importance: widget.HighImportance, Do: func() bool {
			return c.use(u, done, refuse)
		}})
	return c
}

// use makes the photo from the crop in the background; a crop too small
// to print is said at once and the dialog stays open.
func (c *photoCrop) use(u *ui, done func(jpg []byte), refuse func(msg string)) bool {
	r := c.view.rect()
	if r.Dx() < photo.MinWidth || r.Dy() < photo.MinHeight {
		kit.SetMessage(c.note, T("photo.crop_too_small", "W", r.Dx(), "H", r.Dy()))
		return false
	}
	goLoadOrFail(u, func(context.Context) ([]byte, error) { return photo.Make(c.view.full, r) }, func(jpg []byte, err error) {
		if err != nil {
			refuse(UserMessage(err))
			return
		}
		done(jpg)
	})
	return true
}

// update shows the crop as it will print.
func (c *photoCrop) update() {
	kit.SetMessage(c.note, "")
	r := c.view.rect()
	small := image.NewRGBA(image.Rect(0, 0, 118, 165))
	xdraw.ApproxBiLinear.Scale(small, small.Rect, c.view.full, r, xdraw.Src, nil)
	c.preview.Image = small
	c.preview.Refresh()
}

// cropView shows the picture and the crop's frame; dragging moves it.
type cropView struct {
	widget.BaseWidget
	full    image.Image // the picture, upright
	max     image.Point // the largest crop's size
	scale   float64     // the crop's size, a share of max
	cx, cy  float64     // the crop's centre, in full's pixels
	changed func()
	shown   *canvas.Image
	frame   *canvas.Rectangle
	shade   [4]*canvas.Rectangle
}

func newCropView(img image.Image) *cropView {
	d := photo.DefaultCrop(img.Bounds())
	v := &cropView{full: img, max: d.Size(), scale: 1, changed: func() {}}
	v.cx, v.cy = float64(d.Min.X+d.Max.X)/2, float64(d.Min.Y+d.Max.Y)/2
	v.shown = canvas.NewImageFromImage(thumbnail(img, 640))
	v.shown.FillMode = canvas.ImageFillStretch
	v.frame = canvas.NewRectangle(color.Transparent)
	v.frame.StrokeColor = theme.Color(theme.ColorNamePrimary)
	v.frame.StrokeWidth = 2
	for i := range v.shade {
		v.shade[i] = canvas.NewRectangle(color.NRGBA{A: 0x90})
	}
	v.ExtendBaseWidget(v)
	return v
}

// thumbnail is img scaled to at most n pixels across, for the screen.
func thumbnail(img image.Image, n int) image.Image {
	b := img.Bounds()
	f := math.Min(1, float64(n)/float64(max(b.Dx(), b.Dy())))
	out := image.NewRGBA(image.Rect(0, 0, max(1, int(float64(b.Dx())*f)), max(1, int(float64(b.Dy())*f))))
	xdraw.ApproxBiLinear.Scale(out, out.Rect, img, b, xdraw.Src, nil)
	return out
}

// rect is the crop in full's pixels, inside the picture.
func (v *cropView) rect() image.Rectangle {
	b := v.full.Bounds()
	w := max(1, int(math.Round(float64(v.max.X)*v.scale)))
	h := min(b.Dy(), int(math.Round(float64(w)*photo.Height/photo.Width)))
	x := min(max(b.Min.X, int(math.Round(v.cx-float64(w)/2))), b.Max.X-w)
	y := min(max(b.Min.Y, int(math.Round(v.cy-float64(h)/2))), b.Max.Y-h)
	return image.Rect(x, y, x+w, y+h)
}

// setScale sizes the crop about its centre.
func (v *cropView) setScale(s float64) {
	v.scale = s
	v.settle()
}

// settle keeps the centre where the crop is, refreshes and tells.
func (v *cropView) settle() {
	r := v.rect()
	v.cx, v.cy = float64(r.Min.X+r.Max.X)/2, float64(r.Min.Y+r.Max.Y)/2
	v.Refresh()
	v.changed()
}

// fit is the picture's scale on screen and its top-left corner there.
func (v *cropView) fit(size fyne.Size) (f float32, at fyne.Position) {
	b := v.full.Bounds()
	f = min(size.Width/float32(b.Dx()), size.Height/float32(b.Dy()))
	return f, fyne.NewPos((size.Width-f*float32(b.Dx()))/2, (size.Height-f*float32(b.Dy()))/2)
}

// Dragged moves the crop with the pointer.
func (v *cropView) Dragged(e *fyne.DragEvent) {
	f, _ := v.fit(v.Size())
	if f <= 0 {
		return
	}
	v.cx += float64(e.Dragged.DX / f)
	v.cy += float64(e.Dragged.DY / f)
	v.settle()
}

// DragEnd ends a drag.
func (v *cropView) DragEnd() {}

func (v *cropView) CreateRenderer() fyne.WidgetRenderer {
	objs := []fyne.CanvasObject{v.shown}
	for _, s := range v.shade {
		objs = append(objs, s)
	}
	return &cropRenderer{v: v, objs: append(objs, v.frame)}
}

type cropRenderer struct {
	v    *cropView
	objs []fyne.CanvasObject
}

func (r *cropRenderer) Layout(size fyne.Size) {
	v := r.v
	f, at := v.fit(size)
	b := v.full.Bounds()
	v.shown.Move(at)
	v.shown.Resize(fyne.NewSize(f*float32(b.Dx()), f*float32(b.Dy())))
	c := v.rect()
	x0, y0 := at.X+f*float32(c.Min.X-b.Min.X), at.Y+f*float32(c.Min.Y-b.Min.Y)
	x1, y1 := at.X+f*float32(c.Max.X-b.Min.X), at.Y+f*float32(c.Max.Y-b.Min.Y)
	right, bottom := at.X+f*float32(b.Dx()), at.Y+f*float32(b.Dy())
	place := func(o fyne.CanvasObject, ax, ay, bx, by float32) {
		o.Move(fyne.NewPos(ax, ay))
		o.Resize(fyne.NewSize(max(0, bx-ax), max(0, by-ay)))
	}
	place(v.shade[0], at.X, at.Y, right, y0)   // above
	place(v.shade[1], at.X, y1, right, bottom) // below
	place(v.shade[2], at.X, y0, x0, y1)        // left
	place(v.shade[3], x1, y0, right, y1)       // right
	place(v.frame, x0, y0, x1, y1)
}

func (r *cropRenderer) MinSize() fyne.Size           { return fyne.NewSize(360, 360) }
func (r *cropRenderer) Refresh()                     { r.Layout(r.v.Size()); canvas.Refresh(r.v) }
func (r *cropRenderer) Objects() []fyne.CanvasObject { return r.objs }
func (r *cropRenderer) Destroy()                     {}
