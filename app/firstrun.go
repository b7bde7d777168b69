package app

import (
	"context"
	"fmt"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"peiyang/app/kit"
	"peiyang/models"
)

// checkFirstRun offers demo data or an import when the database is empty.
func (u *ui) checkFirstRun() {
	goLoad(u, u.svc.IsEmpty, func(empty bool) {
		if empty && u.may(models.PermEdit) {
			u.offerFirstRun()
		}
	})
}

// offerFirstRun asks what to start with: demo data at the report's scale,
// an imported list, or nothing for now.
func (u *ui) offerFirstRun() {
	actions := []kit.Action{{Label: T("firstrun.later")},
		{Label: T("firstrun.import"), Icon: theme.UploadIcon(), Then: func() { u.showScreen("import") }}}
	if u.opts.MakeDemo != nil {
		actions = append(actions, kit.Action{Label: T("firstrun.demo"), Icon: theme.ContentAddIcon(),
			Importance: widget.HighImportance, Then: func() { u.createDemo() }})
	}
	kit.Show(u.win, T("firstrun.title"), kit.Stack(520, kit.WrapLabel(T("firstrun.message"), widget.MediumImportance)),
		fyne.Size{}, actions...)
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
