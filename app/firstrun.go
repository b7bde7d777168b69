package app

import (
	"context"
	"fmt"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// checkFirstRun offers demo data or an import when the database is empty.
func (u *ui) checkFirstRun() {
	goLoad(u, u.svc.IsEmpty, func(empty bool) {
		if empty {
			u.offerFirstRun()
		}
	})
}

// offerFirstRun asks what to start with: demo data at the report's scale,
// an imported list, or nothing for now.
func (u *ui) offerFirstRun() {
	msg := widget.NewLabel(T("firstrun.message"))
	msg.Wrapping = fyne.TextWrapWord
	var d *dialog.CustomDialog
	later := widget.NewButton(T("firstrun.later"), func() { d.Hide() })
	importBtn := widget.NewButtonWithIcon(T("firstrun.import"), theme.UploadIcon(), func() {
		d.Hide()
		u.showScreen("import")
	})
	buttons := []fyne.CanvasObject{later, importBtn}
	if u.opts.MakeDemo != nil {
		demoBtn := widget.NewButtonWithIcon(T("firstrun.demo"), theme.ContentAddIcon(), func() {
			d.Hide()
			u.createDemo()
		})
		demoBtn.Importance = widget.HighImportance
		buttons = append(buttons, demoBtn)
	}
	d = dialog.NewCustomWithoutButtons(T("firstrun.title"), fixedWidth(520, container.NewVBox(msg)), u.win)
	d.SetButtons(buttons)
	closeOnEscape(u.win, d)
	d.Show()
}

// createDemo generates demo data and loads it, in the background.
func (u *ui) createDemo() *task {
	if u.opts.MakeDemo == nil {
		return nil
	}
	return u.runTask(T("demo.title"), func(ctx context.Context, p *Progress) error {
		p.Note(T("demo.generating"))
		ds, err := u.opts.MakeDemo(ctx)
		if err != nil {
			return fmt.Errorf("app: generate demo data: %w", err)
		}
		if err := ctx.Err(); err != nil {
			return err
		}
		p.Note(T("demo.writing", "N", formatInt(len(ds.Trainees))))
		return u.svc.LoadDataset(ctx, ds)
	}, u.reloadAll)
}

// reloadAll drops what the built screens hold and reloads the current one,
// after the data changed wholesale.
func (u *ui) reloadAll() {
	if u.trainees != nil {
		u.trainees.invalidate()
	}
	if s := u.built[u.current]; s != nil {
		s.shown()
	}
}
