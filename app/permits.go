package app

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/widget"

	"peiyang/app/kit"
	"peiyang/models"
	"peiyang/sheets/imports"
)

// What the window's account may do, the one way the screens follow it
// (may and allow are in live.go): an action the account may not take has
// no button (actionButton hides it), no editable input (readOnly), and a
// handler reached anyway (a route, a key, a test) says why it refuses and
// changes nothing (guard, permit). The database refuses it anyway; the
// window only spares the user the attempt. On a database file the person
// at the desk is admin and everything is there.

// permit reports whether the account may do it; when not, it shows the
// translated refusal.
func (u *ui) permit(p models.Permission) bool {
	if u.may(p) {
		return true
	}
	u.refuse()
	return false
}

// refuse says that the account may not do what was asked, and that
// nothing was changed.
func (u *ui) refuse() {
	a := u.whoAmI()
	msg := T("account.refused", "User", a.Name, "Role", roleLabel(a.Role))
	if a.Role == models.RoleViewer {
		msg = T("account.viewer_refused", "User", a.Name)
	}
	u.refusal = kit.Inform(u.win, T("account.refused_title"), msg)
}

// guard returns fn, run only when the account may do it.
func (u *ui) guard(p models.Permission, fn func()) func() {
	return func() {
		if u.permit(p) {
			fn()
		}
	}
}

// actionButton is the button of an action that needs the permission:
// hidden for an account without it, and refusing if tapped anyway.
func (u *ui) actionButton(p models.Permission, label string, icon fyne.Resource, fn func()) *widget.Button {
	b := widget.NewButtonWithIcon(label, icon, u.guard(p, fn))
	u.allow(p, b)
	return b
}

// readOnly disables the inputs when the account may not change what
// they hold.
func (u *ui) readOnly(p models.Permission, inputs ...fyne.Disableable) {
	if u.may(p) {
		return
	}
	for _, in := range inputs {
		in.Disable()
	}
}

// importNeed is the permission taking in a kind of list needs: a nominee
// list its own, returns and elections recording them, the others (a
// course's schedule or attendance, outcomes, contacts, placements) the
// programme's daily work.
func importNeed(kind string) models.Permission {
	switch kind {
	case "trainees":
		return models.PermImportNominees
	case imports.KindReturns, imports.KindElections:
		return models.PermFollowUp
	}
	return models.PermImport
}

// importKinds are the kinds of list (allImportKinds) the account may take
// in, in the chooser's order.
func (u *ui) importKinds() []string {
	var out []string
	for _, k := range allImportKinds {
		if u.may(importNeed(k)) {
			out = append(out, k)
		}
	}
	return out
}
