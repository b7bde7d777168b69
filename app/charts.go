package app

import (
	"image/color"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"peiyang/app/kit"
)

// barItem is one row of a bar chart.
type barItem struct {
	Label string  // left of the bar
	Value float64 // the bar's length, relative to the largest value
	Inner float64 // a second value drawn darker over the bar from its start; 0 for none
	Text  string  // right of the bar, e.g. "8,890 (21.9%)"
}

// barChart is a horizontal bar chart drawn with canvas rectangles and
// text: one row per item. Centered draws each bar centred on the axis, so
// that decreasing values make a funnel.
type barChart struct {
	widget.BaseWidget
	items    []barItem
	centered bool
	empty    string // shown when there are no items
}

func newBarChart(centered bool, empty string) *barChart {
	c := &barChart{centered: centered, empty: empty}
	c.ExtendBaseWidget(c)
	return c
}

// SetItems replaces the chart's rows.
func (c *barChart) SetItems(items []barItem) {
	c.items = items
	c.Refresh()
}

func (c *barChart) CreateRenderer() fyne.WidgetRenderer {
	r := &barRenderer{chart: c}
	r.Refresh()
	return r
}

type barRenderer struct {
	chart   *barChart
	labels  []*canvas.Text
	bars    []*canvas.Rectangle
	inners  []*canvas.Rectangle
	texts   []*canvas.Text
	emptyTx *canvas.Text
	objects []fyne.CanvasObject
}

const (
	barRowMin = 14
	barRowMax = 34
)

func (r *barRenderer) textSize() float32 { return theme.TextSize() - 1 }

func (r *barRenderer) Refresh() {
	items := r.chart.items
	fg := theme.Color(theme.ColorNameForeground)
	light, primary := barColors()
	for len(r.labels) < len(items) {
		r.labels = append(r.labels, canvas.NewText("", fg))
		r.bars = append(r.bars, canvas.NewRectangle(light))
		r.inners = append(r.inners, canvas.NewRectangle(primary))
		r.texts = append(r.texts, canvas.NewText("", fg))
	}
	r.labels, r.bars, r.inners, r.texts = r.labels[:len(items)], r.bars[:len(items)], r.inners[:len(items)], r.texts[:len(items)]
	size := r.textSize()
	r.objects = r.objects[:0]
	for i, it := range items {
		r.labels[i].Text, r.labels[i].Color, r.labels[i].TextSize = it.Label, fg, size
		r.texts[i].Text, r.texts[i].Color, r.texts[i].TextSize = it.Text, fg, size
		r.bars[i].FillColor, r.bars[i].CornerRadius = light, 3
		r.inners[i].FillColor, r.inners[i].CornerRadius = primary, 3
		if r.chart.centered {
			r.bars[i].FillColor = primary
		}
		r.objects = append(r.objects, r.bars[i], r.inners[i], r.labels[i], r.texts[i])
	}
	if r.emptyTx == nil {
		r.emptyTx = canvas.NewText("", fg)
	}
	r.emptyTx.Text, r.emptyTx.Color, r.emptyTx.TextSize = "", theme.Color(theme.ColorNamePlaceHolder), size
	if len(items) == 0 {
		r.emptyTx.Text = r.chart.empty
	}
	r.objects = append(r.objects, r.emptyTx)
	for _, o := range r.objects {
		o.Refresh()
	}
	r.Layout(r.chart.Size())
}

func (r *barRenderer) Layout(s fyne.Size) {
	items := r.chart.items
	r.emptyTx.Move(fyne.NewPos(0, 0))
	if len(items) == 0 || s.Width <= 0 {
		return
	}
	size := r.textSize()
	pad := theme.Padding()
	var labelW, textW float32
	for _, it := range items {
		labelW = max(labelW, fyne.MeasureText(it.Label, size, fyne.TextStyle{}).Width)
		textW = max(textW, fyne.MeasureText(it.Text, size, fyne.TextStyle{}).Width)
	}
	if labelW > s.Width*0.4 {
		labelW = s.Width * 0.4
		for i, it := range items {
			r.labels[i].Text = fitText(it.Label, labelW, size)
		}
	}
	area := max(s.Width-labelW-textW-4*pad, 10)
	rowH := min(max(s.Height/float32(len(items)), barRowMin), barRowMax)
	barH := rowH * 0.72
	top := max((s.Height-rowH*float32(len(items)))/2, 0)
	var maxV float64
	for _, it := range items {
		maxV = max(maxV, it.Value)
	}
	for i, it := range items {
		y := top + float32(i)*rowH
		th := fyne.MeasureText("国", size, fyne.TextStyle{}).Height
		ty := y + (rowH-th)/2
		r.labels[i].Move(fyne.NewPos(labelW-fyne.MeasureText(r.labels[i].Text, size, fyne.TextStyle{}).Width, ty))
		w := float32(0)
		if maxV > 0 {
			w = max(area*float32(it.Value/maxV), 2)
		}
		x := labelW + pad
		if r.chart.centered {
			x += (area - w) / 2
		}
		r.bars[i].Move(fyne.NewPos(x, y+(rowH-barH)/2))
		r.bars[i].Resize(fyne.NewSize(w, barH))
		iw := float32(0)
		if maxV > 0 && it.Inner > 0 {
			iw = max(area*float32(it.Inner/maxV), 2)
		}
		r.inners[i].Move(fyne.NewPos(x, y+(rowH-barH)/2))
		r.inners[i].Resize(fyne.NewSize(iw, barH))
		tx := labelW + 2*pad + area + pad
		if !r.chart.centered {
			tx = x + w + pad
		}
		r.texts[i].Move(fyne.NewPos(tx, ty))
	}
}

func (r *barRenderer) MinSize() fyne.Size {
	n := max(len(r.chart.items), 1)
	return fyne.NewSize(200, float32(n)*barRowMin)
}

func (r *barRenderer) Objects() []fyne.CanvasObject { return r.objects }
func (r *barRenderer) Destroy()                     {}

// fitText shortens text with an ellipsis until it is at most w wide.
func fitText(text string, w, size float32) string {
	if fyne.MeasureText(text, size, fyne.TextStyle{}).Width <= w {
		return text
	}
	rs := []rune(text)
	for n := len(rs) - 1; n > 0; n-- {
		t := string(rs[:n]) + "…"
		if fyne.MeasureText(t, size, fyne.TextStyle{}).Width <= w {
			return t
		}
	}
	return "…"
}

// barColors are the colours of a bar (the primary colour, faint) and of
// its inner part (the primary colour), in the current theme.
func barColors() (bar, inner color.Color) {
	primary := theme.Color(theme.ColorNamePrimary)
	pr, pg, pb, _ := primary.RGBA()
	return color.NRGBA{R: uint8(pr >> 8), G: uint8(pg >> 8), B: uint8(pb >> 8), A: 0x55}, primary
}

// chartLegend says what a bar chart's bars and their inner parts stand
// for, each beside a swatch of its colour as the chart draws it in the
// current theme (a word such as "dark part" would be wrong in one theme
// or the other). inner is "" for a chart without inner parts. Each entry
// takes a line of its own, so that the legend fits a narrow card.
type chartLegend struct {
	widget.BaseWidget
	bar, inner string
}

func newChartLegend(bar, inner string) *chartLegend {
	l := &chartLegend{bar: bar, inner: inner}
	l.ExtendBaseWidget(l)
	return l
}

func (l *chartLegend) CreateRenderer() fyne.WidgetRenderer {
	r := &legendRenderer{legend: l}
	swatch := func() *canvas.Rectangle {
		s := canvas.NewRectangle(color.Transparent)
		s.CornerRadius = 2
		s.SetMinSize(fyne.NewSize(legendSwatch, legendSwatch))
		return s
	}
	r.barSwatch, r.innerSwatch = swatch(), swatch()
	r.barText, r.innerText = kit.Caption(l.bar), kit.Caption(l.inner)
	r.barText.Wrapping, r.innerText.Wrapping = fyne.TextWrapWord, fyne.TextWrapWord
	line := func(s *canvas.Rectangle, t *widget.Label) fyne.CanvasObject {
		return container.NewBorder(nil, nil, container.NewCenter(s), nil, t)
	}
	lines := []fyne.CanvasObject{line(r.barSwatch, r.barText)}
	if l.inner != "" {
		lines = append(lines, line(r.innerSwatch, r.innerText))
	}
	r.box = container.New(layout.NewCustomPaddedVBoxLayout(0), lines...)
	r.Refresh()
	return r
}

// legendSwatch is the side of a legend's colour swatch.
const legendSwatch = 12

type legendRenderer struct {
	legend                 *chartLegend
	barSwatch, innerSwatch *canvas.Rectangle
	barText, innerText     *widget.Label
	box                    *fyne.Container
}

func (r *legendRenderer) Refresh() {
	r.barSwatch.FillColor, r.innerSwatch.FillColor = barColors()
	r.barSwatch.Refresh()
	r.innerSwatch.Refresh()
	r.barText.SetText(r.legend.bar)
	r.innerText.SetText(r.legend.inner)
}

func (r *legendRenderer) Layout(s fyne.Size)           { r.box.Resize(s) }
func (r *legendRenderer) MinSize() fyne.Size           { return r.box.MinSize() }
func (r *legendRenderer) Objects() []fyne.CanvasObject { return []fyne.CanvasObject{r.box} }
func (r *legendRenderer) Destroy()                     {}
