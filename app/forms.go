package app

import (
	"errors"
	"strconv"
	"strings"

	"fyne.io/fyne/v2"

	"peiyang/app/kit"
	"peiyang/models"
)

// What the forms share: turning a save's failure into the messages shown
// beside the fields, and reading the fields that must parse (dates,
// numbers) with their errors gathered in one list.

// fieldMessages turns a validation failure into its translated messages,
// in the order the rules gave them (the first one of each field); ok is
// false when err is no validation failure.
func fieldMessages(err error) (msgs []kit.Message, ok bool) {
	var list models.ErrorList
	if !errors.As(err, &list) {
		var e *models.Error
		if !errors.As(err, &e) || e.Field == "" {
			return nil, false
		}
		list = models.ErrorList{e}
	}
	seen := map[string]bool{}
	for _, e := range list {
		if e.Field != "" && seen[e.Field] {
			continue
		}
		seen[e.Field] = true
		msgs = append(msgs, kit.Message{Field: e.Field, Text: ErrorText(e)})
	}
	return msgs, true
}

// showFormError shows a failed save: each message beside its field, or a
// failure that is no validation error in the error dialog.
func showFormError(win fyne.Window, f *kit.Form, err error) {
	if msgs, ok := fieldMessages(err); ok {
		f.Show(msgs)
		return
	}
	f.Clear()
	showError(win, err)
}

// formText is an input's text as a form reads it: trimmed, full-width
// digits and letters made half-width.
func formText(s string) string { return strings.TrimSpace(models.ToHalfWidth(s)) }

// parseDate reads a date field, adding its error to l; "" is the zero
// date.
func parseDate(l *models.ErrorList, field, text string) models.Date {
	text = formText(text)
	d, err := models.ParseDate(text)
	var e *models.Error
	if errors.As(err, &e) {
		*l = append(*l, models.Errorf(e.Code, field, e.Message, "Text", text))
	}
	return d
}

// parseClock reads a time of day, adding its error to l.
func parseClock(l *models.ErrorList, field, text string) models.Clock {
	text = formText(text)
	c, err := models.ParseClock(text)
	var e *models.Error
	if errors.As(err, &e) {
		*l = append(*l, models.Errorf(e.Code, field, e.Message, "Text", text))
	}
	return c
}

// parseNumber reads a number field, adding its error to l; "" is 0.
func parseNumber(l *models.ErrorList, field, text string) float64 {
	text = formText(text)
	if text == "" {
		return 0
	}
	n, err := strconv.ParseFloat(text, 64)
	if err != nil {
		l.Add(field, T("courses.error.number", "Text", text))
	}
	return n
}

// parseWhole reads a whole number field, adding its error to l; "" is 0.
func parseWhole(l *models.ErrorList, field, text string) int {
	text = formText(text)
	if text == "" {
		return 0
	}
	n, err := strconv.Atoi(text)
	if err != nil {
		l.Add(field, T("courses.error.whole_number", "Text", text))
	}
	return n
}

// withChecks returns the errors of fields that did not parse together with
// those the record's own checks find in the other fields, so that every
// message shows at once; nil when every field parsed.
func withChecks(l models.ErrorList, validate func() error) error {
	if len(l) == 0 {
		return nil
	}
	seen := map[string]bool{}
	for _, e := range l {
		seen[e.Field] = true
	}
	var more models.ErrorList
	if errors.As(validate(), &more) {
		for _, e := range more {
			if !seen[e.Field] {
				l = append(l, e)
			}
		}
	}
	return l.Err()
}

// labels translates a list of values.
func labels[V any](vs []V, label func(V) string) []string {
	out := make([]string, len(vs))
	for i, v := range vs {
		out[i] = label(v)
	}
	return out
}
