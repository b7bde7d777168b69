// Package localeenv quiets Fyne on systems whose locale is C or POSIX
// (C.UTF-8 in containers and on servers): Fyne's lang package reads the
// locale when it is initialised, cannot parse "C", and logs an error on
// every start, command-line runs included. The C locale means English, so
// when it is set and $LANGUAGE is not, this package sets LANGUAGE=en.
//
// It must be initialised before fyne.io/fyne/v2/lang. Go initialises
// packages in the order of their import paths among those whose imports
// are ready (Go 1.21 and later); this one imports only os and strings, and
// its path sorts before text/template, which the lang package imports, so
// it runs first. app imports it for its side effect; TestLocaleEnv in app
// checks the outcome.
//
// FromC records that it did so: the C locale is no one's choice of
// language, and the window's own choice (app.ChooseLanguage) must not take
// the LANGUAGE=en set here for the user's.
package localeenv

import (
	"os"
	"strings"
)

// FromC reports that LANGUAGE=en was set here, for a C or POSIX locale.
var FromC bool

func init() {
	if os.Getenv("LANGUAGE") != "" {
		return
	}
	for _, k := range []string{"LC_ALL", "LC_MESSAGES", "LANG"} {
		v := os.Getenv(k)
		if v == "" {
			continue
		}
		base, _, _ := strings.Cut(v, ".")
		if base == "C" || base == "POSIX" {
			os.Setenv("LANGUAGE", "en")
			FromC = true
		}
		return
	}
}
