package kit

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// The window's text has one style: the embedded font has no bold or
// monospace face, and every other style would make Fyne load the whole
// font once more (some 50 MB). Headings stand out by their size instead.

// Heading is a large label.
func Heading(text string) *widget.Label {
	l := widget.NewLabel(text)
	l.SizeName = theme.SizeNameSubHeadingText
	return l
}

// Caption is a small label.
func Caption(text string) *widget.Label {
	l := widget.NewLabel(text)
	l.SizeName = theme.SizeNameCaptionText
	return l
}

// WrapLabel is a label wrapped at words, of the importance.
func WrapLabel(text string, imp widget.Importance) *widget.Label {
	l := widget.NewLabel(text)
	l.Wrapping = fyne.TextWrapWord
	l.Importance = imp
	return l
}

// TrailingLabel is a form's label, aligned to its field.
func TrailingLabel(text string) *widget.Label {
	return widget.NewLabelWithStyle(text, fyne.TextAlignTrailing, fyne.TextStyle{})
}

// ErrorLabel is the red message shown beside a field; empty and hidden
// until a message is set.
func ErrorLabel() *widget.Label {
	l := widget.NewLabel("")
	l.Importance = widget.DangerImportance
	l.Wrapping = fyne.TextWrapWord
	l.SizeName = theme.SizeNameCaptionText
	l.Hide()
	return l
}

// LineHeight is the height of one line of the label's text, for the
// room a message keeps whether it is shown or not.
func LineHeight(l *widget.Label) float32 {
	probe := widget.NewLabel("Xg")
	probe.SizeName = l.SizeName
	return probe.MinSize().Height
}

// SetMessage shows msg in the label, or hides it when msg is "".
func SetMessage(l *widget.Label, msg string) {
	l.SetText(msg)
	if msg == "" {
		l.Hide()
	} else {
		l.Show()
	}
}

// Card is a titled panel with a light background.
func Card(title string, body fyne.CanvasObject) fyne.CanvasObject {
	return CardWithHeading(Heading(title), body)
}

// CardWithHeading is a card whose heading the caller keeps to change it.
func CardWithHeading(title *widget.Label, body fyne.CanvasObject) fyne.CanvasObject {
	bg := canvas.NewRectangle(theme.Color(theme.ColorNameInputBackground))
	bg.CornerRadius = theme.InputRadiusSize()
	return container.NewStack(bg, container.NewPadded(container.NewBorder(title, nil, nil, nil, body)))
}

// TwoLineItem is the template of a list row: a title and a detail line;
// fill it with SetTwoLines.
func TwoLineItem() fyne.CanvasObject {
	title := widget.NewLabel("title")
	title.Truncation = fyne.TextTruncateEllipsis
	detail := Caption("detail")
	detail.Truncation = fyne.TextTruncateEllipsis
	return container.New(&tightVBox{}, title, detail)
}

// SetTwoLines fills a TwoLineItem.
func SetTwoLines(o fyne.CanvasObject, title, detail string) {
	box := o.(*fyne.Container)
	box.Objects[0].(*widget.Label).SetText(title)
	box.Objects[1].(*widget.Label).SetText(detail)
}

// WrapCaption is a caption wrapped at words: a legend or a note that may
// take two lines in a narrow window.
func WrapCaption(text string) *widget.Label {
	l := Caption(text)
	l.Wrapping = fyne.TextWrapWord
	return l
}
