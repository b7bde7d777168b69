// Package kit is the toolkit the window's screens are built from, so that
// each screen reads as its layout and its handlers:
//
//   - Form: a form whose messages appear beside their fields, in the
//     form's order, cleared as soon as the field changes, and that knows
//     whether it holds unsaved changes;
//   - Table: one table, its columns described by Column;
//   - Latest: the guard that drops the results of a load the user has
//     moved on from;
//   - Show, ShowForm, Confirm, Inform: the dialogs, all closed by Escape;
//   - Entry, Select, List: inputs that hand Escape to the open dialog and
//     take Enter as "save";
//   - labels, cards and layouts shared by the screens.
//
// It knows nothing of the domain. Its own texts (Save, Cancel, Close…)
// come from the window's translations through Translate.
package kit

import "fyne.io/fyne/v2"

// Translate returns the window's text for a key of its translation files;
// the window sets it (app.T). Until then a key shows as it is.
var Translate = func(key string, data ...any) string { return key }

// Relayout lays the containers out again, in order (inner ones first),
// after objects in them were shown, hidden or rewrapped: Fyne lays out a
// container only when it is refreshed or resized.
func Relayout(objs ...fyne.CanvasObject) {
	for _, o := range objs {
		if o != nil {
			o.Refresh()
		}
	}
}
