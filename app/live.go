package app

import (
	"fyne.io/fyne/v2"

	"peiyang/models"
)

// Live updates on a shared database: the store reports the tables other
// people changed (training.Service.Watch, LISTEN/NOTIFY), and the window
// reloads the screen in front, as when it comes to the front, keeping the
// open forms and what is typed in them. A database file has no reports.

// watchChanges starts listening for the window's life (until u.cancel).
func (u *ui) watchChanges() {
	go func() {
		_ = u.svc.Watch(u.ctx, func(tables []string) {
			onUI(func() { u.dataChanged(tables) })
		})
	}()
}

// dataChanged reloads the screen in front after the tables changed (nil:
// any may have).
func (u *ui) dataChanged(tables []string) {
	if u.ctx.Err() != nil || u.closedDB {
		return
	}
	if u.onChange != nil {
		defer u.onChange(tables)
	}
	u.reloadAll()
}

// may reports whether the window's account may do it: on a shared
// database its role's, on a file everything (the person at the desk is
// admin). The database refuses what a role may not do anyway; the window
// only hides the buttons of it.
func (u *ui) may(p models.Permission) bool {
	if u.account == nil {
		a, err := u.svc.Accounts.Account(u.ctx)
		if err != nil {
			logError("read the account", err)
			a = &models.Desk
		}
		u.account = a
	}
	return u.account.May(p)
}

// mayChange reports whether the account may change anything: a viewer
// changes nothing.
func (u *ui) mayChange() bool {
	return u.may(models.PermEdit) || u.may(models.PermFollowUp) || u.may(models.PermImportNominees)
}

// allow hides the buttons of what the account may not do.
func (u *ui) allow(p models.Permission, objs ...fyne.CanvasObject) {
	if u.may(p) {
		return
	}
	for _, o := range objs {
		o.Hide()
	}
}
