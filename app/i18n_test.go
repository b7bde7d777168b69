package app

import (
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"testing"
	"testing/fstest"

	"fyne.io/fyne/v2/lang"

	"peiyang/models"
)

// The translation files stay complete: every key the window uses is in
// both, both have the same keys and template fields, no Chinese text is
// left in English, and every message of the domain's errors (models,
// training, store) has its Chinese translation.

func readJSON(t *testing.T, code string) map[string]string {
	t.Helper()
	m, err := readTexts(code)
	if err != nil {
		t.Fatal(err)
	}
	return m
}

// literalKeys returns the keys of the T("…") calls in the package's
// source, leaving out prefixes of keys built at run time ("stage.").
func literalKeys(t *testing.T) map[string][]string {
	t.Helper()
	files, err := filepath.Glob("*.go")
	if err != nil {
		t.Fatal(err)
	}
	kitFiles, err := filepath.Glob("kit/*.go")
	if err != nil {
		t.Fatal(err)
	}
	files = append(files, kitFiles...)
	re := regexp.MustCompile(`\b(?:T|Translate)\("((?:[^"\\]|\\.)*)"`)
	keys := map[string][]string{}
	for _, f := range files {
		if strings.HasSuffix(f, "_test.go") {
			continue
		}
		src, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		for _, m := range re.FindAllStringSubmatch(string(src), -1) {
			if !strings.HasSuffix(m[1], ".") {
				keys[m[1]] = append(keys[m[1]], f)
			}
		}
	}
	if len(keys) < 50 {
		t.Fatalf("found only %d keys; is the scan broken?", len(keys))
	}
	return keys
}

// messagePatterns find the English messages of domain errors in source:
// Errorf, ErrorList.Add, the training helpers, completion failures,
// schedule conflicts and the store's message constants.
var messagePatterns = func() []*regexp.Regexp {
	s := `"((?:[^"\\]|\\.)*)"`
	var out []*regexp.Regexp
	for _, p := range []string{
		`Errorf\((?:models\.)?E[A-Z]+,\s*(?:"[^"]*"|[\w.]+),\s*` + s,
		`Errorf\((?:models\.)?E[A-Z]+,\s*(?:"[^"]*"|[\w.]+),\s*\n\s*` + s,
		`\.Add\((?:"[^"]*"|[\w.]+),\s*` + s,
		`\b(?:invalid|conflict)\((?:"[^"]*"|[\w.]+),\s*` + s,
		`\bnotFound\(\s*` + s,
		`\bbadFile\(\s*` + s, // store/backup.go
		`refNotFound\([^,]+,\s*"[^"]*",\s*` + s,
		`\bfail\(\s*` + s,
		`sc\.conflict\([^"]*?` + s,
		`\bmsg\w+\s*=\s*` + s,
		`\bMsg\w*\s*=\s*` + s, // sheets/imports, sheets
		`\bbad\(\s*` + s,      // reports/certificate's settings
		`\.say\(\s*` + s,      // certsign's verdicts
	} {
		out = append(out, regexp.MustCompile(p))
	}
	return out
}()

// domainMessages returns the messages found in the non-test Go files of
// the folder.
func domainMessages(t *testing.T, dir string) map[string]string {
	t.Helper()
	files, err := filepath.Glob(filepath.Join("..", dir, "*.go"))
	if err != nil {
		t.Fatal(err)
	}
	out := map[string]string{}
	for _, f := range files {
		if strings.HasSuffix(f, "_test.go") {
			continue
		}
		src, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		for _, re := range messagePatterns {
			for _, m := range re.FindAllStringSubmatch(string(src), -1) {
				out[m[1]] = f
			}
		}
	}
	return out
}

func TestTranslationFilesMatch(t *testing.T) {
	en, zh := readJSON(t, LangEnglish), readJSON(t, LangChinese)
	fields := regexp.MustCompile(`\{\{\s*\.(\w+)\s*\}\}`)
	set := func(s string) string {
		var fs []string
		for _, m := range fields.FindAllStringSubmatch(s, -1) {
			fs = append(fs, m[1])
		}
		sort.Strings(fs)
		return strings.Join(fs, ",")
	}
	reserved := map[string]bool{"id": true, "description": true, "hash": true, "leftdelim": true,
		"rightdelim": true, "zero": true, "one": true, "two": true, "few": true, "many": true,
		"other": true, "translation": true}
	for k, v := range en {
		z, ok := zh[k]
		switch {
		case !ok:
			t.Errorf("zh.json lacks %q", k)
		case strings.TrimSpace(v) == "" || strings.TrimSpace(z) == "":
			t.Errorf("%q has an empty text", k)
		case set(v) != set(z):
			t.Errorf("%q: template fields %s in English, %s in Chinese", k, set(v), set(z))
		}
		if reserved[strings.ToLower(k)] {
			t.Errorf("%q is a word go-i18n reserves; it would break the whole file", k)
		}
	}
	for k := range zh {
		if _, ok := en[k]; !ok {
			t.Errorf("en.json lacks %q", k)
		}
	}
	// No English left in the Chinese file.
	allowed := regexp.MustCompile(`\{\{[^}]*\}\}|\{year\}|\{seq(:N)?\}|\{org\}|Ctrl\+F|UTF-8|YYYY-MM-DD|HH:MM|Excel|WPS|xlsx|xls|csv|CSV|PNG|JPEG|PostgreSQL|postgres://[^\s。，；）]*|PGPASSWORD|~/\.pgpass`)
	for k, z := range zh {
		if englishWord.MatchString(allowed.ReplaceAllString(z, "")) {
			t.Errorf("zh.json %q is not translated: %q", k, z)
		}
	}
}

func TestEveryKeyIsTranslated(t *testing.T) {
	en, zh := readJSON(t, LangEnglish), readJSON(t, LangChinese)
	used := map[string]bool{}
	for k, files := range literalKeys(t) {
		used[k] = true
		if _, ok := en[k]; !ok {
			t.Errorf("%s: T(%q) is not in en.json", files[0], k)
		}
		if _, ok := zh[k]; !ok {
			t.Errorf("%s: T(%q) is not in zh.json", files[0], k)
		}
	}
	for _, k := range dynamicKeys() {
		used[k] = true
		if _, ok := zh[k]; !ok {
			t.Errorf("the run-time key %q is not in zh.json", k)
		}
		if _, ok := en[k]; !ok {
			t.Errorf("the run-time key %q is not in en.json", k)
		}
	}
	messages := map[string]bool{}
	// The import report, the certificate settings and printing, and the
	// verdicts on certificate codes, and saving files show these packages'
	// messages too.
	for _, dir := range []string{"models", "training", "settings", "store", "sheets/imports", "sheets", "reports/certificate", "sheets/exports", "certsign", "backup", "internal/userfile", "photo", "app/internal/sysopen", "printing"} {
		for m, f := range domainMessages(t, dir) {
			messages[m] = true
			if _, ok := zh[m]; !ok {
				t.Errorf("%s: the message %q has no Chinese translation", f, m)
			}
			if en[m] != m {
				t.Errorf("%s: en.json must map the message %q to itself", f, m)
			}
		}
	}
	if len(domainMessages(t, "models")) < 60 {
		t.Fatal("found too few messages in models; is the scan broken?")
	}
	for k := range en {
		if !used[k] && !messages[k] {
			t.Errorf("en.json holds %q, which nothing uses", k)
		}
	}
}

func TestLanguageSwitch(t *testing.T) {
	defer SetLanguage(LangEnglish)
	if err := SetLanguage(LangChinese); err != nil {
		t.Fatal(err)
	}
	if got := T("nav.trainees"); got != "学员" {
		t.Errorf("zh nav.trainees = %q", got)
	}
	if got := lang.L("Cancel"); got != "取消" {
		t.Errorf("Fyne's own Cancel in Chinese = %q", got)
	}
	if got := T("trainees.count", "N", formatInt(40630)); got != "共 40630 人" {
		t.Errorf("template, a count in Chinese: %q", got)
	}
	e := models.Errorf(models.ECONFLICT, "course_id", "The course {{.Course}} is {{.Status}} and takes no enrolments.",
		"Course", "乡村振兴班", "Status", "finished")
	if got := ErrorText(e); got != "培训班乡村振兴班已结束，不再接受报名。" {
		t.Errorf("error with enum data: %q", got)
	}
	unknown := models.Errorf(models.EINVALID, "", "A message nobody translated: {{.N}}.", "N", 3)
	if got := ErrorText(unknown); got != "A message nobody translated: 3." {
		t.Errorf("an untranslated message falls back to English: %q", got)
	}
	if err := SetLanguage(LangEnglish); err != nil {
		t.Fatal(err)
	}
	if got := T("trainees.count", "N", formatInt(40630)); got != "40,630 trainees" {
		t.Errorf("template, a count in English: %q", got)
	}
	if err := SetLanguage(LangEnglish); err != nil {
		t.Fatal(err)
	}
	if got := T("nav.trainees"); got != "Trainees" {
		t.Errorf("en nav.trainees = %q", got)
	}
	if got := ErrorText(e); got != "The course 乡村振兴班 is finished and takes no enrolments." {
		t.Errorf("en error: %q", got)
	}
	if SetLanguage("fr") == nil {
		t.Error("French accepted")
	}
}

func TestChooseLanguage(t *testing.T) {
	t.Setenv(EnvLanguage, "")
	if got := ChooseLanguage("zh"); got != LangChinese {
		t.Errorf("setting zh: %s", got)
	}
	t.Setenv(EnvLanguage, "en")
	if got := ChooseLanguage("zh"); got != LangEnglish {
		t.Errorf("env en over setting zh: %s", got)
	}
	t.Setenv(EnvLanguage, "")
	t.Setenv("LANGUAGE", "")
	t.Setenv("LC_MESSAGES", "")
	t.Setenv("LC_ALL", "zh_CN.UTF-8")
	if got := ChooseLanguage(""); got != LangChinese {
		t.Errorf("system zh_CN: %s", got)
	}
	t.Setenv("LC_ALL", "en_GB.UTF-8")
	if got := ChooseLanguage(""); got != LangEnglish {
		t.Errorf("system en_GB: %s", got)
	}
	// Chinese by default: a language the window does not have, or a
	// locale that names none, gets the programme's language.
	for _, l := range []string{"de_DE.UTF-8", "C.UTF-8", "POSIX"} {
		t.Setenv("LC_ALL", l)
		if got := ChooseLanguage(""); got != LangChinese {
			t.Errorf("system %s: %s", l, got)
		}
	}
	t.Setenv("LC_ALL", "")
	t.Setenv("LANGUAGE", "en_US:zh_CN")
	if got := ChooseLanguage(""); got != LangEnglish {
		t.Errorf("LANGUAGE en_US:zh_CN: %s", got)
	}
}

func TestTranslationsAreValidJSON(t *testing.T) {
	files, err := filepath.Glob(filepath.Join("..", "assets", "i18n", "*.json"))
	if err != nil || len(files) < 2 {
		t.Fatalf("translation files: %v %v", files, err)
	}
	for _, f := range files {
		base := filepath.Base(f)
		if !strings.HasSuffix(base, "en.json") && !strings.HasSuffix(base, "zh.json") {
			t.Errorf("%s: translation files are named CODE.json or AREA.CODE.json (en or zh)", base)
		}
		data, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		var m map[string]any
		if err := json.Unmarshal(data, &m); err != nil {
			t.Fatalf("%s: %v", base, err)
		}
		for k, v := range m {
			if _, ok := v.(string); !ok {
				t.Errorf("%s: %q is not a flat string", base, k)
			}
		}
	}
}

// TestLocaleEnv runs the test binary again under the C locale: Fyne must
// not complain about it (see internal/localeenv), and the window speaks
// Chinese, the programme's language: the C locale chooses none.
func TestLocaleEnv(t *testing.T) {
	if os.Getenv("PEIYANG_LOCALE_CHILD") != "" {
		if got := os.Getenv("LANGUAGE"); got != "en" {
			t.Fatalf("LANGUAGE = %q under the C locale", got)
		}
		if got := ChooseLanguage(""); got != LangChinese {
			t.Fatalf("C locale chooses %s", got)
		}
		return
	}
	cmd := exec.Command(os.Args[0], "-test.run=^TestLocaleEnv$", "-test.count=1")
	var env []string
	for _, kv := range os.Environ() {
		if k, _, _ := strings.Cut(kv, "="); k != "LANGUAGE" && k != "LC_ALL" && k != "LC_MESSAGES" && k != "LANG" {
			env = append(env, kv)
		}
	}
	cmd.Env = append(env, "LANG=C.UTF-8", "PEIYANG_LOCALE_CHILD=1")
	out, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("child: %v\n%s", err, out)
	}
	if strings.Contains(string(out), "Error parsing user locale") {
		t.Errorf("Fyne still complains about the C locale:\n%s", out)
	}
}

func TestTranslationFilesMerge(t *testing.T) {
	fsys := fstest.MapFS{
		"i18n/en.json":         {Data: []byte(`{"Save": "Save"}`)},
		"i18n/courses.en.json": {Data: []byte(`{"Sessions": "Sessions"}`)},
		"i18n/courses.zh.json": {Data: []byte(`{"Sessions": "课次"}`)},
		"i18n/zh.json":         {Data: []byte(`{"Save": "保存"}`)},
		"i18n/menu.json":       {Data: []byte(`{"Other": "ignored"}`)},
	}
	m, err := readTextsFrom(fsys, LangChinese)
	if err != nil || len(m) != 2 || m["Save"] != "保存" || m["Sessions"] != "课次" {
		t.Fatalf("merged zh: %v %v", m, err)
	}
	fsys["i18n/dup.zh.json"] = &fstest.MapFile{Data: []byte(`{"Save": "存"}`)}
	if _, err := readTextsFrom(fsys, LangChinese); err == nil || !strings.Contains(err.Error(), "defined twice") {
		t.Errorf("a key in two files: %v", err)
	}
}
