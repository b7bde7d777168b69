package app

import (
	"os"
	"strings"

	"fyne.io/fyne/v2/lang"

	"peiyang/app/internal/localeenv"
)

// Which language the window starts in.

// ChooseLanguage picks the window's language: $PEIYANG_LANG when it names
// one, else the saved setting, else Chinese, the programme's language,
// unless the user's locale says English (en_US, en_GB…). A C or POSIX
// locale, a container's or a server's default, says nothing and gets
// Chinese; so does any other language, the window having only these two.
func ChooseLanguage(setting string) string {
	for _, v := range []string{os.Getenv(EnvLanguage), setting} {
		if v = normLanguage(v); v != "" {
			return v
		}
	}
	if systemLanguage() == LangEnglish {
		return LangEnglish
	}
	return LangChinese
}

// systemLanguage is the language of the user's locale, normalised, or ""
// when it is neither: the first of $LANGUAGE (its first entry), $LC_ALL,
// $LC_MESSAGES and $LANG that is set, as on Linux, where the C locale and
// LANGUAGE=en set for it by localeenv say nothing; else, with none set (as
// on Windows), the system's locale as Fyne reads it.
func systemLanguage() string {
	for _, k := range []string{"LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG"} {
		v := os.Getenv(k)
		if k == "LANGUAGE" {
			if localeenv.FromC && v == "en" {
				continue
			}
			v, _, _ = strings.Cut(v, ":")
		}
		if v != "" {
			return normLanguage(v)
		}
	}
	return normLanguage(lang.SystemLocale().LanguageString())
}

// normLanguage maps zh, zh_CN, zh-Hans… to zh and en… to en; anything
// else to "".
func normLanguage(v string) string {
	v = strings.ToLower(strings.TrimSpace(v))
	switch {
	case strings.HasPrefix(v, "zh"):
		return LangChinese
	case strings.HasPrefix(v, "en"):
		return LangEnglish
	}
	return ""
}
