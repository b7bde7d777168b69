package models

import (
	"errors"
	"fmt"
	"sort"
	"strings"
	"text/template"
)

// Error codes, after the shape of WTF Dial: a small closed set that callers
// switch on, independent of the human message.
const (
	ECONFLICT       = "conflict"        // the change clashes with existing data
	EINTERNAL       = "internal"        // a fault of the program or its storage
	EINVALID        = "invalid"         // the input breaks a validation rule
	ENOTFOUND       = "not_found"       // the record does not exist
	ENOTIMPLEMENTED = "not_implemented" // the feature is not there yet
	EFORBIDDEN      = "forbidden"       // the account may not do it (its role or region)
	ESTALE          = "stale"           // someone else changed the record since it was read
)

// Error is a domain error. Message is an English sentence that doubles as the
// translation key; it may hold template fields such as {{.Name}} that are
// filled from Data. Field names the input field the error belongs to, when
// there is one, so a form can show the message beside it.
type Error struct {
	Code    string
	Message string
	Field   string
	Data    map[string]any
}

// Errorf returns a new *Error. data holds alternating key and value pairs
// for the message template.
func Errorf(code, field, message string, data ...any) *Error {
	e := &Error{Code: code, Field: field, Message: message}
	if len(data) > 0 {
		e.Data = make(map[string]any, len(data)/2)
		for i := 0; i+1 < len(data); i += 2 {
			e.Data[fmt.Sprint(data[i])] = data[i+1]
		}
	}
	return e
}

// Error renders the English message with its data.
func (e *Error) Error() string {
	msg := Render(e.Message, e.Data)
	if e.Field != "" {
		return e.Field + ": " + msg
	}
	return msg
}

// Render fills a message template with data; a message without template
// fields is returned as it is.
func Render(message string, data map[string]any) string {
	if !strings.Contains(message, "{{") {
		return message
	}
	t, err := template.New("m").Option("missingkey=zero").Parse(message)
	if err != nil {
		return message
	}
	var b strings.Builder
	if err := t.Execute(&b, data); err != nil {
		return message
	}
	return b.String()
}

// ErrorList gathers several validation errors, one per broken rule, so that
// a form can show every message at once. Its code is EINVALID.
type ErrorList []*Error

// Error joins the messages.
func (l ErrorList) Error() string {
	parts := make([]string, len(l))
	for i, e := range l {
		parts[i] = e.Error()
	}
	return strings.Join(parts, "; ")
}

// ByField returns the first error for each field.
func (l ErrorList) ByField() map[string]*Error {
	m := make(map[string]*Error, len(l))
	for _, e := range l {
		if _, ok := m[e.Field]; !ok {
			m[e.Field] = e
		}
	}
	return m
}

// Fields lists the fields with errors, sorted.
func (l ErrorList) Fields() []string {
	var out []string
	for f := range l.ByField() {
		out = append(out, f)
	}
	sort.Strings(out)
	return out
}

// Add appends an error built with Errorf(EINVALID, ...).
func (l *ErrorList) Add(field, message string, data ...any) {
	*l = append(*l, Errorf(EINVALID, field, message, data...))
}

// Err returns nil for an empty list, the list otherwise.
func (l ErrorList) Err() error {
	if len(l) == 0 {
		return nil
	}
	return l
}

// ErrorCode returns the code of a domain error anywhere in err's chain,
// EINTERNAL for any other error and "" for nil.
func ErrorCode(err error) string {
	if err == nil {
		return ""
	}
	var e *Error
	if errors.As(err, &e) {
		return e.Code
	}
	var l ErrorList
	if errors.As(err, &l) {
		return EINVALID
	}
	return EINTERNAL
}

// ErrorMessage returns the English message a user may see: the domain
// error's rendered message, or a generic one for internal errors.
func ErrorMessage(err error) string {
	if err == nil {
		return ""
	}
	var e *Error
	if errors.As(err, &e) {
		return e.Error()
	}
	var l ErrorList
	if errors.As(err, &l) {
		return l.Error()
	}
	return "An internal error occurred."
}

// IsNotFound reports whether err is an ENOTFOUND domain error.
func IsNotFound(err error) bool { return ErrorCode(err) == ENOTFOUND }
