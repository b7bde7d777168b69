package app

import (
	"strings"
	"unicode"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"peiyang/app/kit"
	"peiyang/training"
)

// sessionBlock is a session in the week: a tinted box with a bar of its
// theme's colour and its time, course, venue and instructor, as much as
// fits; outlined in red when it clashes with another session.
type sessionBlock struct {
	widget.BaseWidget
	item      training.SessionItem
	conflicts []training.Conflict
	onTap     func()

	day, lane, lanes int
}

func newSessionBlock(it training.SessionItem, cs []training.Conflict, onTap func()) *sessionBlock {
	b := &sessionBlock{item: it, conflicts: cs, onTap: onTap, lanes: 1}
	b.ExtendBaseWidget(b)
	return b
}

// Tapped shows the session.
func (b *sessionBlock) Tapped(*fyne.PointEvent) {
	if b.onTap != nil {
		b.onTap()
	}
}

// clashes reports whether the session clashes with another.
func (b *sessionBlock) clashes() bool { return len(b.conflicts) > 0 }

// texts are the block's lines before wrapping: the time (marked when it
// clashes), the course, the venue and the instructor.
func (b *sessionBlock) texts() []string {
	s := b.item.Session
	when := s.Start.String() + "–" + s.End.String()
	if b.clashes() {
		when = "⚠ " + when
	}
	out := []string{when, b.item.Course.Title, sessionVenue(b.item)}
	if b.item.Instructor != nil {
		out = append(out, b.item.Instructor.Name)
	}
	return out
}

func (b *sessionBlock) CreateRenderer() fyne.WidgetRenderer {
	c := themeColor(b.item.Course.Theme)
	back := theme.Color(theme.ColorNameBackground)
	r := &blockRenderer{b: b, bg: canvas.NewRectangle(blend(c, back, 0.18)), bar: canvas.NewRectangle(c)}
	if b.clashes() {
		r.bg.FillColor = blend(theme.Color(theme.ColorNameError), back, 0.22)
		r.bg.StrokeColor = theme.Color(theme.ColorNameError)
		r.bg.StrokeWidth = 2
		r.bar.FillColor = theme.Color(theme.ColorNameError)
	}
	r.bg.CornerRadius = 3
	for i := range r.lines {
		t := canvas.NewText("", theme.Color(theme.ColorNameForeground))
		t.TextSize = theme.CaptionTextSize()
		r.lines[i] = t
	}
	r.lines[0].TextStyle.Bold = true
	if b.clashes() {
		r.lines[0].Color = theme.Color(theme.ColorNameError)
	}
	return r
}

type blockRenderer struct {
	b     *sessionBlock
	bg    *canvas.Rectangle
	bar   *canvas.Rectangle
	lines [12]*canvas.Text
}

func (r *blockRenderer) Layout(size fyne.Size) {
	r.bg.Resize(size)
	r.bar.Resize(fyne.NewSize(4, size.Height))
	const pad = 4
	w := size.Width - 4 - 2*pad
	ts := theme.CaptionTextSize()
	lineH := fyne.MeasureText("国", ts, fyne.TextStyle{}).Height
	room := min(len(r.lines), max(1, int((size.Height-2)/lineH)))
	var lines []string
	for i, t := range r.b.texts() {
		if i == 0 {
			if fyne.MeasureText(t, ts, fyne.TextStyle{}).Width > w {
				t = strings.TrimSuffix(t, "–"+r.b.item.Session.End.String()) // the start alone
			}
			lines = append(lines, kit.Fit(t, w, ts))
			continue
		}
		lines = append(lines, wrapText(t, w, ts)...)
	}
	if len(lines) > room {
		last := lines[room-1]
		lines = append(lines[:room-1], kit.Fit(last+"…", w, ts))
	}
	lines = lines[:min(len(lines), len(r.lines))]
	for i, t := range r.lines {
		if i < len(lines) {
			t.Text = lines[i]
			t.Move(fyne.NewPos(4+pad, 1+float32(i)*lineH))
			t.Show()
		} else {
			t.Text = ""
			t.Hide()
		}
		t.Refresh()
	}
}

func (r *blockRenderer) MinSize() fyne.Size { return fyne.NewSize(10, 10) }

func (r *blockRenderer) Refresh() { r.Layout(r.b.Size()) }

func (r *blockRenderer) Objects() []fyne.CanvasObject {
	objs := []fyne.CanvasObject{r.bg, r.bar}
	for _, t := range r.lines {
		objs = append(objs, t)
	}
	return objs
}

func (r *blockRenderer) Destroy() {}

// wrapText breaks s into lines no wider than w: anywhere between Chinese
// characters, at spaces within Latin words.
func wrapText(s string, w, size float32) []string {
	var out []string
	rs := []rune(strings.TrimSpace(s))
	for len(rs) > 0 {
		n := 1
		for n < len(rs) && fyne.MeasureText(string(rs[:n+1]), size, fyne.TextStyle{}).Width <= w {
			n++
		}
		if n > 1 && n < len(rs) && strings.ContainsRune("）)，,。.、；;：:！!？?」』”’》〕】…", rs[n]) {
			n-- // no line starts with closing punctuation
		}
		if n < len(rs) && isLatin(rs[n]) && isLatin(rs[n-1]) {
			for k := n - 1; k > 0; k-- {
				if rs[k] == ' ' {
					n = k + 1
					break
				}
			}
		}
		out = append(out, strings.TrimSpace(string(rs[:n])))
		rs = []rune(strings.TrimLeft(string(rs[n:]), " "))
	}
	return out
}

func isLatin(r rune) bool { return r < 0x2000 && (unicode.IsLetter(r) || unicode.IsDigit(r)) }
