package app

import (
	"slices"

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

// liveTables lists, by screen, the tables whose changes the screen shows:
// a change to one of them refreshes the screen while it is in front. Nil
// follows every change (the dashboard and the audit trail count them
// all); a screen not listed shows nothing others change.
var liveTables = map[string][]string{
	"dashboard":    nil,
	"audit":        nil,
	"trainees":     {"trainees", "trainee_photos", "cohorts", "organisations", "enrolments", "attendance", "courses", "sessions", "placements", "mentorships", "returns", "elections", "certificates"},
	"courses":      {"courses", "sessions", "enrolments", "attendance", "trainees", "instructors", "instructor_themes", "cohorts", "certificates"},
	"schedule":     {"courses", "sessions", "instructors", "instructor_themes"},
	"mentors":      {"mentorships", "contacts", "instructors", "trainees"},
	"placements":   {"placements", "organisations", "trainees"},
	"returns":      {"returns", "elections", "review_items", "organisations", "trainees"},
	"certificates": {"certificates", "courses", "enrolments", "trainees", "settings", "setting_files"},
	"settings":     {"settings", "setting_files", "accounts"},
}

// refresher is a screen whose shown() would lose the user's place (the
// row chosen, the cursor, the detail open): refresh reads what it shows
// again after the tables changed (nil: any may have), keeping them.
// Other screens refresh through shown(), which keeps the filters and
// what is typed in them.
type refresher interface{ refresh(tables []string) }

// staler is a screen that keeps what it read while not in front: stale
// says others changed the tables it shows, to read them again when it
// comes to the front.
type staler interface{ stale() }

// touches reports whether a change of the tables (nil: any) reaches the
// screen.
func touches(screenID string, tables []string) bool {
	watched, ok := liveTables[screenID]
	if !ok {
		return false
	}
	if watched == nil || tables == nil {
		return true
	}
	for _, t := range tables {
		if slices.Contains(watched, t) {
			return true
		}
	}
	return false
}

// dataChanged refreshes the screen in front after the tables changed
// (nil: any may have), when it shows one of them, and marks the other
// screens' readings stale. Dialogs and forms are left as they are: what
// is typed stays, and a save over a record changed meanwhile is refused
// by the optimistic check.
func (u *ui) dataChanged(tables []string) {
	if u.ctx.Err() != nil || u.closedDB {
		return
	}
	if u.onChange != nil {
		defer u.onChange(tables)
	}
	for id, s := range u.built {
		if id == u.current || !touches(id, tables) {
			continue
		}
		if st, ok := s.(staler); ok {
			st.stale()
		}
	}
	s := u.built[u.current]
	if s == nil || !touches(u.current, tables) {
		return
	}
	if r, ok := s.(refresher); ok {
		r.refresh(tables)
	} else {
		s.shown()
	}
	if u.liveShown != nil {
		// The refresh's reads have put their data on screen when the
		// window's background work is done.
		go func() {
			u.jobs.Wait()
			onUI(func() { u.liveShown(tables) })
		}()
	}
}

// may reports whether the window's account may do it: on a shared
// database its role's, on a file everything (the person at the desk is
// admin). The database refuses what a role may not do anyway; the window
// only hides the buttons of it.
func (u *ui) may(p models.Permission) bool {
	return u.whoAmI().May(p)
}

// whoAmI is the window's account, read from the store once: on a file the
// person at the desk (models.Desk), as too when it cannot be read.
func (u *ui) whoAmI() *models.Account {
	if u.account == nil {
		a, err := u.svc.Accounts.Account(u.ctx)
		if err != nil {
			logError("read the account", err)
			a = &models.Desk
		}
		u.account = a
	}
	return u.account
}

// regionOnly is the outflow region the account sees alone (a region
// account's), "" when it sees every region.
func (u *ui) regionOnly() string {
	if a := u.whoAmI(); a.Role == models.RoleRegion {
		return a.Region
	}
	return ""
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
