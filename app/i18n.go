package app

import (
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path"
	"runtime"
	"strings"
	"sync"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/lang"
	"github.com/jeandeaual/go-locale"
	"golang.org/x/text/language"

	"peiyang/app/kit"
	"peiyang/assets"
	"peiyang/models"
	"peiyang/settings"
)

func init() { kit.Translate = T }

// Translation. Every text the window shows goes through T, which looks the
// key up with Fyne's lang package in the translations embedded from
// assets/i18n (en.json, zh.json: flat maps of key to text). Keys of the
// window's own texts are dotted names ("nav.trainees"); the domain's error
// messages are their own keys (the English sentence, template fields
// included). A key missing from the chosen language falls back to the
// English text, so a gap shows English, never a key; the tests keep both
// files complete.

// The languages the window speaks.
const (
	LangChinese = "zh"
	LangEnglish = "en"
)

// SettingLanguage is the settings key of the chosen language ("zh", "en",
// or "" to follow the system).
const SettingLanguage = settings.Language

// EnvLanguage overrides the language (zh or en), for screenshots and tests.
const EnvLanguage = "PEIYANG_LANG"

var (
	i18nMu   sync.RWMutex
	english  map[string]string // en.json, the fallback of missing keys
	current  = LangEnglish
	loadOnce sync.Once
	loadErr  error
)

// loadTexts reads both translation files once.
func loadTexts() error {
	loadOnce.Do(func() {
		var en map[string]string
		if en, loadErr = readTexts(LangEnglish); loadErr != nil {
			return
		}
		if _, loadErr = readTexts(LangChinese); loadErr != nil {
			return
		}
		i18nMu.Lock()
		english = en
		i18nMu.Unlock()
	})
	return loadErr
}

// readTexts merges the language's translation files, i18n/CODE.json and
// every i18n/AREA.CODE.json (one per group of screens, e.g.
// courses.zh.json), and the glossary's wording (addGlossary). A key
// defined twice is an error.
func readTexts(code string) (map[string]string, error) {
	m, err := readTextsFrom(assets.I18n, code)
	if err != nil {
		return nil, err
	}
	if err := addGlossary(m, code); err != nil {
		return nil, err
	}
	return m, nil
}

func readTextsFrom(fsys fs.FS, code string) (map[string]string, error) {
	names, err := fs.Glob(fsys, "i18n/*"+code+".json")
	if err != nil {
		return nil, fmt.Errorf("app: list translations %s: %w", code, err)
	}
	m := map[string]string{}
	for _, name := range names {
		base := path.Base(name)
		if base != code+".json" && !strings.HasSuffix(base, "."+code+".json") {
			continue
		}
		data, err := fs.ReadFile(fsys, name)
		if err != nil {
			return nil, fmt.Errorf("app: read translations %s: %w", name, err)
		}
		var part map[string]string
		if err := json.Unmarshal(data, &part); err != nil {
			return nil, fmt.Errorf("app: parse translations %s: %w", name, err)
		}
		for k, v := range part {
			if _, dup := m[k]; dup {
				return nil, fmt.Errorf("app: translations %s: key %q is defined twice", name, k)
			}
			m[k] = v
		}
	}
	if len(m) == 0 {
		return nil, fmt.Errorf("app: no translations for %s", code)
	}
	return m, nil
}

// SetLanguage loads the translations and makes code (zh or en) the
// language of every text, Fyne's own dialogs' included. Fyne's lang
// package follows the system locale only, so the locale it reads is set to
// code while the translations are added, then put back.
func SetLanguage(code string) error {
	if normLanguage(code) == "" {
		return fmt.Errorf("app: unknown language %q", code)
	}
	code = normLanguage(code)
	if err := loadTexts(); err != nil {
		return err
	}
	// Each language goes with Fyne's own texts as the window words them
	// (assets/i18n/fyne: 取消 and 确定 in Fyne's confirm dialog, not 不
	// and 是), over those Fyne embeds.
	en, err := chosenTextsJSON(LangEnglish)
	if err != nil {
		return err
	}
	zh, err := chosenTextsJSON(LangChinese)
	if err != nil {
		return err
	}
	chosen, err := chosenTextsJSON(code)
	if err != nil {
		return err
	}
	i18nMu.Lock()
	defer i18nMu.Unlock()
	system := systemLocales()
	if localeFollowsEnv {
		restore := overrideLocale(code)
		defer restore()
	}
	// Chinese goes with Fyne's own zh-Hans texts, so that both match the
	// same locale.
	if err := lang.AddTranslationsForLocale(zh, fyne.Locale("zh-Hans")); err != nil {
		return fmt.Errorf("app: add translations zh: %w", err)
	}
	if err := lang.AddTranslationsForLocale(en, fyne.Locale("en")); err != nil {
		return fmt.Errorf("app: add translations en: %w", err)
	}
	// Fyne uses the translation closest to the system's locale, which on
	// Windows (and macOS) is the user's locale of the system whatever the
	// environment says. The chosen language, Fyne's own texts included, is
	// registered under the system's locales as well, so that it is the
	// closest on every platform.
	for _, l := range system {
		if err := lang.AddTranslationsForLocale(chosen, l); err != nil {
			return fmt.Errorf("app: add translations %s as %s: %w", code, l, err)
		}
	}
	current = code
	return nil
}

// localeFollowsEnv tells whether Fyne reads the locale from the
// environment (LC_ALL, LANGUAGE), as on Linux and the BSDs; on Windows it
// asks the system. Tests turn it off to stand for Windows.
var localeFollowsEnv = runtime.GOOS != "windows" && runtime.GOOS != "darwin"

// systemLocales returns the locales Fyne matches its translations
// against, as it reads them: the user's locales, or "en" when there are
// none (the C locale).
func systemLocales() []fyne.Locale {
	all, err := locale.GetLocales()
	var out []fyne.Locale
	for _, l := range all {
		if t, err := language.Parse(l); err == nil {
			out = append(out, fyne.Locale(t.String()))
		}
	}
	if err != nil || len(out) == 0 {
		out = []fyne.Locale{"en"}
	}
	return out
}

// chosenTextsJSON returns the language's texts with Fyne's own texts in
// the same language, as one JSON object.
func chosenTextsJSON(code string) ([]byte, error) {
	ours, err := readTexts(code)
	if err != nil {
		return nil, err
	}
	name := "i18n/fyne/base.en.json"
	if code == LangChinese {
		name = "i18n/fyne/base.zh_Hans.json"
	}
	data, err := fs.ReadFile(assets.FyneI18n, name)
	if err != nil {
		return nil, fmt.Errorf("app: read Fyne's translations: %w", err)
	}
	m := map[string]any{} // a text, or an object of plural forms
	if err := json.Unmarshal(data, &m); err != nil {
		return nil, fmt.Errorf("app: parse %s: %w", name, err)
	}
	for k, v := range ours {
		m[k] = v
	}
	return json.Marshal(m)
}

// overrideLocale sets the locale variables the lang package reads to
// code and returns a function that restores them.
func overrideLocale(code string) func() {
	vars := []string{"LC_ALL", "LANGUAGE"}
	old := map[string]*string{}
	for _, k := range vars {
		if v, ok := os.LookupEnv(k); ok {
			old[k] = &v
		} else {
			old[k] = nil
		}
	}
	os.Setenv("LC_ALL", code)
	os.Setenv("LANGUAGE", code)
	return func() {
		for _, k := range vars {
			if v := old[k]; v != nil {
				os.Setenv(k, *v)
			} else {
				os.Unsetenv(k)
			}
		}
	}
}

// Language returns the current language, zh or en.
func Language() string {
	i18nMu.RLock()
	defer i18nMu.RUnlock()
	return current
}

// T translates key. data is either one map of template values or
// alternating names and values: T("trainees.count", "N", 12).
func T(key string, data ...any) string {
	i18nMu.RLock()
	fallback, ok := english[key]
	i18nMu.RUnlock()
	if !ok {
		fallback = key
	}
	d := templateData(data)
	if !strings.Contains(fallback, "{{") && d == nil {
		return lang.LocalizeKey(key, fallback)
	}
	return lang.LocalizeKey(key, fallback, d)
}

func templateData(data []any) map[string]any {
	switch {
	case len(data) == 0:
		return nil
	case len(data) == 1:
		if m, ok := data[0].(map[string]any); ok {
			return m
		}
	}
	m := make(map[string]any, len(data)/2)
	for i := 0; i+1 < len(data); i += 2 {
		m[fmt.Sprint(data[i])] = data[i+1]
	}
	return m
}

// hasKey reports whether the translations hold key.
func hasKey(key string) bool {
	i18nMu.RLock()
	defer i18nMu.RUnlock()
	_, ok := english[key]
	return ok
}

// ErrorText translates a domain error's message with its data. Data values
// that are enum values with a label ("value.finished") are translated too,
// so that "The course {{.Course}} is {{.Status}}" reads well in Chinese,
// and glossary terms (models.Label, models.Labels) are shown in the
// window's language.
func ErrorText(e *models.Error) string {
	if e == nil {
		return ""
	}
	var data map[string]any
	if len(e.Data) > 0 {
		data = make(map[string]any, len(e.Data))
		lang := Language()
		for k, v := range e.Data {
			switch x := v.(type) {
			case string:
				if hasKey("value." + x) {
					v = T("value." + x)
				}
			case models.Label:
				v = x.In(lang)
			case models.Labels:
				v = x.In(lang)
			}
			data[k] = v
		}
	}
	if !hasKey(e.Message) {
		return models.Render(e.Message, data)
	}
	return T(e.Message, data)
}

// UserMessage is the translated message of any error: the domain error's,
// each message of an ErrorList on its own line, or a generic message for
// internal faults (their details go to the log only).
func UserMessage(err error) string {
	if err == nil {
		return ""
	}
	err = models.FileError(err)
	var list models.ErrorList
	if errors.As(err, &list) {
		lines := make([]string, 0, len(list))
		for _, e := range list {
			lines = append(lines, ErrorText(e))
		}
		return strings.Join(lines, "\n")
	}
	var e *models.Error
	if errors.As(err, &e) && e.Code != models.EINTERNAL {
		return ErrorText(e)
	}
	return T("error.internal")
}
