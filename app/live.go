package app

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
