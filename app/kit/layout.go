package kit

import (
	"image/color"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// Ratio lays objects side by side, each taking its share of the width
// (the ratios sum to 1), with padding between.
func Ratio(ratios []float32, objs ...fyne.CanvasObject) *fyne.Container {
	return container.New(&ratioLayout{ratios: ratios}, objs...)
}

type ratioLayout struct{ ratios []float32 }

func (l *ratioLayout) Layout(objs []fyne.CanvasObject, s fyne.Size) {
	pad := theme.Padding()
	free := s.Width - pad*float32(len(objs)-1)
	x := float32(0)
	for i, o := range objs {
		w := free * l.ratios[i]
		o.Move(fyne.NewPos(x, 0))
		o.Resize(fyne.NewSize(w, s.Height))
		x += w + pad
	}
}

func (l *ratioLayout) MinSize(objs []fyne.CanvasObject) fyne.Size {
	var w, h float32
	for _, o := range objs {
		m := o.MinSize()
		w += m.Width
		h = max(h, m.Height)
	}
	return fyne.NewSize(w+theme.Padding()*float32(len(objs)-1), h)
}

// tightVBox stacks objects without padding between them.
type tightVBox struct{}

func (tightVBox) Layout(objs []fyne.CanvasObject, s fyne.Size) {
	y := float32(0)
	for _, o := range objs {
		h := o.MinSize().Height
		o.Move(fyne.NewPos(0, y))
		o.Resize(fyne.NewSize(s.Width, h))
		y += h - theme.Padding()
	}
}

func (tightVBox) MinSize(objs []fyne.CanvasObject) fyne.Size {
	var w, h float32
	for _, o := range objs {
		m := o.MinSize()
		w = max(w, m.Width)
		h += m.Height - theme.Padding()
	}
	return fyne.NewSize(w, h+theme.Padding())
}

// AtLeast makes o at least w wide and h high.
func AtLeast(w, h float32, o fyne.CanvasObject) fyne.CanvasObject {
	r := canvas.NewRectangle(color.Transparent)
	r.SetMinSize(fyne.NewSize(w, h))
	return container.NewStack(r, o)
}

// Width makes o at least w wide.
func Width(w float32, o fyne.CanvasObject) fyne.CanvasObject { return AtLeast(w, 0, o) }

// Height makes o exactly h high in a vertical box, whatever its own
// height.
func Height(h float32, o fyne.CanvasObject) fyne.CanvasObject {
	return container.New(&heightLayout{h: h}, o)
}

type heightLayout struct{ h float32 }

func (l *heightLayout) Layout(objs []fyne.CanvasObject, s fyne.Size) {
	for _, o := range objs {
		o.Move(fyne.NewPos(0, 0))
		o.Resize(s)
	}
}

func (l *heightLayout) MinSize(objs []fyne.CanvasObject) fyne.Size {
	w := float32(0)
	for _, o := range objs {
		w = max(w, o.MinSize().Width)
	}
	return fyne.NewSize(w, l.h)
}

// Shrink lays objects side by side at their preferred widths (widths, in
// order), giving up width in proportion to what each has above its own
// minimum when the row is narrower, so that a row of filters fits a small
// window instead of painting over what is beside it. Its minimum width is
// the objects' minimums.
func Shrink(widths []float32, objs ...fyne.CanvasObject) *fyne.Container {
	return container.New(&rowLayout{widths: widths}, objs...)
}

type rowLayout struct{ widths []float32 }

func (l *rowLayout) want(i int, o fyne.CanvasObject) float32 {
	if i < len(l.widths) {
		return max(l.widths[i], o.MinSize().Width)
	}
	return o.MinSize().Width
}

func (l *rowLayout) Layout(objs []fyne.CanvasObject, s fyne.Size) {
	pad := theme.Padding()
	free := s.Width - pad*float32(max(len(objs)-1, 0))
	var want, spare float32
	for i, o := range objs {
		w := l.want(i, o)
		want += w
		spare += w - o.MinSize().Width
	}
	cut := float32(0) // the share of each object's spare width given up
	if want > free && spare > 0 {
		cut = min(1, (want-free)/spare)
	}
	x := float32(0)
	for i, o := range objs {
		m := o.MinSize()
		w := l.want(i, o)
		w -= (w - m.Width) * cut
		o.Move(fyne.NewPos(x, (s.Height-m.Height)/2))
		o.Resize(fyne.NewSize(w, m.Height))
		x += w + pad
	}
}

func (l *rowLayout) MinSize(objs []fyne.CanvasObject) fyne.Size {
	var w, h float32
	for _, o := range objs {
		m := o.MinSize()
		w += m.Width
		h = max(h, m.Height)
	}
	return fyne.NewSize(w+theme.Padding()*float32(max(len(objs)-1, 0)), h)
}

// Bar is a screen's title row: left (its heading) and right (its buttons)
// at their widths, and info between them wrapped at words, so that a long
// summary takes a second line instead of widening the window.
func Bar(left fyne.CanvasObject, info *widget.Label, right fyne.CanvasObject) *fyne.Container {
	info.Wrapping = fyne.TextWrapWord
	return container.NewBorder(nil, nil, left, right, info)
}

// Labelled is a field with its caption right above it, for fields side by
// side in one row of a form (the parts of an address).
func Labelled(caption string, field fyne.CanvasObject) fyne.CanvasObject {
	return container.New(&tightVBox{}, Caption(caption), field)
}
