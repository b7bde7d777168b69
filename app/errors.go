package app

import (
	"errors"
	"strings"

	"fyne.io/fyne/v2"

	"peiyang/app/kit"
	"peiyang/models"
)

// showError is the one way the window reports a failure: it logs the full
// error without personal data and shows the user the translated message
// (for an ErrorList, each field's message on its own line). Call it on the
// UI thread.
func showError(win fyne.Window, err error) {
	if err == nil {
		return
	}
	logError("error shown", err)
	kit.Inform(win, T("error.title"), UserMessage(err))
}

// showError reports err in the window.
func (u *ui) showError(err error) { showError(u.win, err) }

// logText renders err for the log: the chain of operations, and for a
// domain error its code, field and message template instead of the
// rendered message, so that names, ID numbers and phone numbers held in
// the error's data never reach the log. What wrapping adds is scrubbed
// too: Chinese text (names, titles) and long digit runs are blanked.
func logText(err error) string {
	var list models.ErrorList
	if errors.As(err, &list) {
		parts := make([]string, len(list))
		for i, e := range list {
			parts[i] = domainLogText(e)
		}
		return models.ScrubLog(opsOf(err, list.Error())) + "[invalid] " + strings.Join(parts, "; ")
	}
	var e *models.Error
	if errors.As(err, &e) {
		return models.ScrubLog(opsOf(err, e.Error())) + domainLogText(e)
	}
	return models.ScrubLog(err.Error())
}

func domainLogText(e *models.Error) string {
	s := "[" + e.Code + "] "
	if e.Field != "" {
		s += e.Field + ": "
	}
	return s + e.Message
}

// opsOf returns the wrapping prefix of err's message ("training: update
// trainee: "), the part before the domain error's own text.
func opsOf(err error, own string) string {
	full := err.Error()
	if strings.HasSuffix(full, own) {
		return strings.TrimSuffix(full, own)
	}
	return ""
}

// fieldErrors maps each field of a validation failure to its translated
// message; nil when err is no ErrorList or single field error.
func fieldErrors(err error) map[string]string {
	var list models.ErrorList
	if errors.As(err, &list) {
		out := map[string]string{}
		for f, e := range list.ByField() {
			out[f] = ErrorText(e)
		}
		return out
	}
	var e *models.Error
	if errors.As(err, &e) && e.Field != "" {
		return map[string]string{e.Field: ErrorText(e)}
	}
	return nil
}
