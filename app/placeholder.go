package app

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/widget"
)

// placeholderScreen stands for a screen not built yet: its title, what it
// will do, and that it is coming.
type placeholderScreen struct {
	box fyne.CanvasObject
}

// placeholderFor returns the builder of the placeholder of screen id; its
// description is the translation "placeholder.<id>".
func placeholderFor(id string) func(u *ui) screen {
	return func(u *ui) screen {
		info := screens[screenIndex(id)]
		icon := widget.NewIcon(info.icon())
		iconBox := container.NewGridWrap(fyne.NewSize(64, 64), icon)
		what := widget.NewLabel(T("placeholder." + id))
		what.Wrapping = fyne.TextWrapWord
		what.Alignment = fyne.TextAlignCenter
		coming := widget.NewLabel(T("placeholder.coming"))
		coming.Alignment = fyne.TextAlignCenter
		coming.TextStyle.Italic = true
		title := heading(T(info.title))
		title.Alignment = fyne.TextAlignCenter
		body := container.NewVBox(container.NewCenter(iconBox), title, what, coming)
		return &placeholderScreen{box: container.NewCenter(fixedWidth(520, body))}
	}
}

func (p *placeholderScreen) content() fyne.CanvasObject { return p.box }
func (p *placeholderScreen) shown()                     {}
