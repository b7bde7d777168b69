package app

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/theme"
)

// The screens of the window and the sidebar that lists them.

// screen is one screen of the window.
type screen interface {
	// content is the screen's widget tree, built once.
	content() fyne.CanvasObject
	// shown is called each time the screen comes to the front; it
	// reloads what may have changed.
	shown()
}

// screenInfo describes one screen for the sidebar.
type screenInfo struct {
	id    string
	title string // translation key
	icon  func() fyne.Resource
	build func(u *ui) screen
}

// screenList is the sidebar, in order: every screen the issue names.
// Placeholders stand for those not built yet.
func screenList() []screenInfo {
	return []screenInfo{
		{"dashboard", "nav.dashboard", theme.HomeIcon, func(u *ui) screen { return newDashboard(u) }},
		{"trainees", "nav.trainees", theme.AccountIcon, func(u *ui) screen { return newTrainees(u) }},
		{"courses", "nav.courses", theme.FolderIcon, func(u *ui) screen { return newCourses(u) }},
		{"schedule", "nav.schedule", theme.GridIcon, func(u *ui) screen { return newSchedule(u) }},
		{"mentors", "nav.mentors", theme.ContentCopyIcon, func(u *ui) screen { return newMentors(u) }},
		{"placements", "nav.placements", theme.HomeIcon, func(u *ui) screen { return newPlacements(u) }},
		{"returns", "nav.returns", theme.MailReplyIcon, func(u *ui) screen { return newReturns(u) }},
		{"certificates", "nav.certificates", theme.DocumentPrintIcon, func(u *ui) screen { return newCertificates(u) }},
		{"import", "nav.import", theme.UploadIcon, func(u *ui) screen { return newImportExport(u) }},
		{"settings", "nav.settings", theme.SettingsIcon, func(u *ui) screen { return newSettings(u) }},
		{"audit", "audit.title", theme.HistoryIcon, func(u *ui) screen { return newAudit(u) }},
	}
}

// screens is screenList, fixed at start (in init, since screens refer to
// it).
var screens []screenInfo

func init() { screens = screenList() }

// screenIndex returns the position of the screen in the sidebar, -1 if
// there is none of that ID.
func screenIndex(id string) int {
	for i, s := range screens {
		if s.id == id {
			return i
		}
	}
	return -1
}
