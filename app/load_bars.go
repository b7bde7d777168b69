package app

import (
	"fmt"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/widget"

	"peiyang/app/kit"
)

// The load lists of the mentors and placements screens: a row per mentor
// or village, its name and detail beside a bar of its load today of its
// maximum.

// mentorLoadItem is the template of a row of the load list: the name and
// a detail line beside the bar.
func mentorLoadItem() fyne.CanvasObject {
	return container.NewBorder(nil, nil, nil, container.NewCenter(kit.AtLeast(150, 0, loadBar())), kit.TwoLineItem())
}

// setLoadItem fills a row of a load list.
func setLoadItem(o fyne.CanvasObject, title, detail string, n, max int) {
	box := o.(*fyne.Container)
	kit.SetTwoLines(box.Objects[0], title, detail)
	bar := box.Objects[1].(*fyne.Container).Objects[0].(*fyne.Container).Objects[1].(*widget.ProgressBar)
	setLoadBar(bar, n, max)
}

// loadBar is a load bar: value of max, with the text "3 / 5".
func loadBar() *widget.ProgressBar {
	b := widget.NewProgressBar()
	b.TextFormatter = func() string {
		return fmt.Sprintf("%d / %d", int(b.Value), int(b.Max))
	}
	return b
}

// setLoadBar shows n of max on the bar; a value over the maximum fills it.
func setLoadBar(b *widget.ProgressBar, n, max int) {
	b.Max = float64(max)
	b.Value = float64(n)
	if max <= 0 {
		b.Max = 1
	}
	b.Refresh()
}
