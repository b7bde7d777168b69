// Package settings declares every setting Peiyang keeps in its database:
// its key, its default, what it means, whether it is secret or kept by the
// program itself, and the check a value must pass. The declarations are
// the table in registry.go; adding a setting is one entry there. The
// command line (settings list, get, set) and the window's settings screen
// both save through training.Service.SaveSettings, which checks values
// here, so a value is refused or accepted alike wherever it is typed.
package settings

import (
	"errors"
	"path/filepath"
	"sort"
	"strings"

	"peiyang/models"
)

// maxText is the longest value of a setting, in characters.
const maxText = 4000

// Setting is the declaration of one setting.
type Setting struct {
	Key string
	// Default is the value while the setting is unset; "" when there is
	// none or it depends on something else, which Description says.
	Default string
	// Description says what the setting means and which values it takes,
	// in English, as `peiyang settings list` prints it.
	Description string
	// Secret settings are never shown nor set by hand, and the audit
	// trail hides their values.
	Secret bool
	// Internal settings are kept by the program itself: shown, but not
	// set by hand.
	Internal bool
	// Check refuses a value the program cannot use; nil accepts any
	// text. The empty value, which restores the default, is not checked.
	Check func(value string, c Context) error
	// File, for a setting whose value names a file, reads the file and
	// checks it, giving its bytes and type; it is the setting's check.
	// The file is copied into the database when the setting is saved
	// (see ReadFile) and read from there afterwards.
	File func(value string) (data []byte, typ string, err error)
}

// Context is what a check may need besides the value.
type Context struct {
	Year         int    // the current year, for examples such as a serial
	OrgShortName string // org.short_name, which a serial's {org} needs
}

// Lookup returns the declaration of a setting.
func Lookup(key string) (Setting, bool) {
	s, ok := index[key]
	return s, ok
}

// All returns every declared setting, by key.
func All() []Setting {
	out := make([]Setting, 0, len(index))
	for _, s := range index {
		out = append(out, s)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Key < out[j].Key })
	return out
}

// IsSecret reports whether the setting's value must never be shown or
// logged.
func IsSecret(key string) bool { return index[key].Secret }

// DefaultOf returns the default of a setting, "" for an unknown one.
func DefaultOf(key string) string { return index[key].Default }

// Messages of refused keys.
const (
	MsgUnknown  = "Peiyang has no setting {{.Key}}; `peiyang settings list` shows them all."
	MsgSecret   = "The setting {{.Key}} is never shown."
	MsgInternal = "The setting {{.Key}} is kept by Peiyang itself and cannot be set by hand."
)

// CheckKey refuses a key that is not declared; byHand refuses as well a
// secret or internal setting, which only the program sets.
func CheckKey(key string, byHand bool) error {
	s, ok := Lookup(key)
	switch {
	case !ok:
		return models.Errorf(models.EINVALID, "key", MsgUnknown, "Key", key)
	case byHand && s.Secret:
		return models.Errorf(models.EINVALID, "key", "The setting {{.Key}} cannot be set by hand.", "Key", key)
	case byHand && s.Internal:
		return models.Errorf(models.EINVALID, "key", MsgInternal, "Key", key)
	}
	return nil
}

// Check refuses a value of a declared setting that the program cannot
// use: too long, with control characters, or failing the setting's own
// check. The error is an EINVALID *models.Error whose field is the key.
func Check(key, value string, c Context) error {
	if err := CheckKey(key, false); err != nil {
		return err
	}
	if err := models.CheckText(key, value, maxText); err != nil {
		return err
	}
	s := index[key]
	var err error
	switch {
	case value == "":
	case s.File != nil:
		_, _, err = s.File(value)
	case s.Check != nil:
		err = s.Check(value, c)
	}
	if err != nil {
		return onKey(key, err)
	}
	return nil
}

// ReadFile reads and checks the file a setting's value names, for a
// setting declared with File, to be copied into the database with the
// setting. The empty value, which removes the file, gives nil.
func ReadFile(key, value string) (*models.SettingFile, error) {
	if err := CheckKey(key, false); err != nil {
		return nil, err
	}
	s := index[key]
	if s.File == nil {
		return nil, onKey(key, errors.New("the setting names no file"))
	}
	if value == "" {
		return nil, nil
	}
	if err := models.CheckText(key, value, maxText); err != nil {
		return nil, err
	}
	data, typ, err := s.File(value)
	if err != nil {
		return nil, onKey(key, err)
	}
	return &models.SettingFile{Key: key, Name: filepath.Base(strings.TrimSpace(value)), Type: typ, Data: data}, nil
}

// onKey returns err as a *models.Error about the setting key.
func onKey(key string, err error) *models.Error {
	var e *models.Error
	if !errors.As(err, &e) {
		e = models.Errorf(models.EINVALID, "", "{{.Error}}", "Error", err.Error())
	}
	out := *e
	out.Field = key
	return &out
}

// index holds the declarations by key.
var index = func() map[string]Setting {
	m := make(map[string]Setting)
	for _, s := range registry() {
		if _, dup := m[s.Key]; dup {
			panic("settings: " + s.Key + " declared twice")
		}
		m[s.Key] = s
	}
	return m
}()
