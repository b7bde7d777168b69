package settings

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"peiyang/models"
)

// wantCode fails unless err carries the domain error code ("" for nil).
func wantCode(t *testing.T, err error, code string) {
	t.Helper()
	if got := models.ErrorCode(err); got != code {
		t.Fatalf("error code = %q, want %q (error: %v)", got, code, err)
	}
}

// domainError returns the *models.Error in err's chain.
func domainError(t *testing.T, err error) *models.Error {
	t.Helper()
	var e *models.Error
	if !errors.As(err, &e) {
		t.Fatalf("error %v (%T) holds no *models.Error", err, err)
	}
	return e
}

func TestEverySettingIsDeclaredWell(t *testing.T) {
	all := All()
	if len(all) < 30 {
		t.Fatalf("only %d settings", len(all))
	}
	c := Context{Year: 2025}
	for _, s := range all {
		if s.Key == "" || strings.TrimSpace(s.Description) == "" {
			t.Errorf("%q: no description", s.Key)
		}
		if s.Secret && s.Internal {
			t.Errorf("%s is both secret and internal", s.Key)
		}
		// Every default passes its own setting's check.
		if err := Check(s.Key, s.Default, c); err != nil {
			t.Errorf("%s: its default %q is refused: %v", s.Key, s.Default, err)
		}
	}
	if !IsSecret(SigningKey) || IsSecret(OrgName) {
		t.Error("IsSecret")
	}
	if DefaultOf(CertTitle) != DefaultCertTitle || DefaultOf("no.such") != "" {
		t.Error("DefaultOf")
	}
}

func TestCheckRefusesWhatTheProgramCannotUse(t *testing.T) {
	c := Context{Year: 2025}
	file := filepath.Join(t.TempDir(), "f.txt")
	if err := os.WriteFile(file, []byte("x"), 0o600); err != nil {
		t.Fatal(err)
	}
	for _, tt := range []struct {
		key, value string
		ok         bool
	}{
		{"x", "1", false}, // unknown
		{OrgName, "中共成都市委党校", true},
		{OrgName, "a\x01b", false}, // control character
		{OrgName, strings.Repeat("长", 4001), false},
		{SerialFormat, "〔{year}〕培字第{seq:5}号", true},
		{SerialFormat, "〔{year}〕", false},
		{CertOffsetX, "left", false},
		{CertOffsetX, "-2mm", true},
		{CertColor, "#00339", false},
		{CertSealImage, file, false}, // not an image
		{CertBody, "{{name}}参加{{course}}", true},
		{CertBody, "{{nick}}", false},
		{CertFieldPrefix + "qr", "20,140", true},
		{CertFieldPrefix + "qr", "20,140,80", false},
		{CertPaper, "10x10", false},
		{CertBackground, file, false}, // neither PNG nor JPEG
		{BackupFolder, "backups", false},
		{BackupFolder, file, false},
		{BackupFolder, t.TempDir(), true},
		{BackupKeep, "0", false},
		{BackupKeep, "1000", true},
		{Language, "fr", false},
		{OrgName, "", true}, // empty restores the default
	} {
		err := Check(tt.key, tt.value, c)
		if (err == nil) != tt.ok {
			t.Errorf("Check(%q, %q) = %v, want ok %v", tt.key, tt.value, err, tt.ok)
			continue
		}
		if err != nil && tt.key != "x" {
			if e := domainError(t, err); e.Field != tt.key || e.Code != models.EINVALID {
				t.Errorf("Check(%q, %q): field %q code %q", tt.key, tt.value, e.Field, e.Code)
			}
		}
	}
}

func TestCheckKeyByHand(t *testing.T) {
	wantCode(t, CheckKey("x", false), models.EINVALID)
	wantCode(t, CheckKey(SigningKey, true), models.EINVALID)
	wantCode(t, CheckKey(SearchIndexVersion, true), models.EINVALID)
	wantCode(t, CheckKey(SearchIndexVersion, false), "")
	wantCode(t, CheckKey(OrgName, true), "")
	if !strings.Contains(models.ErrorMessage(CheckKey(SigningKey, true)), "cannot be set by hand") {
		t.Error(CheckKey(SigningKey, true))
	}
}

// A text the documents print is refused when the font lacks one of its
// characters, naming it, when it is saved rather than at every print.
func TestPrintedTextsNeedTheFont(t *testing.T) {
	c := Context{Year: 2025}
	for _, key := range []string{CertSignatory, CertOrgName, OrgName, CertTitle, CertBody} {
		if err := Check(key, "院长：李建国", c); err != nil {
			t.Errorf("%s: %v", key, err)
		}
		err := Check(key, "院长：李\uE000国", c)
		e := domainError(t, err)
		if e.Message != MsgNoGlyph || e.Field != key || !strings.Contains(models.ErrorMessage(err), "U+E000") {
			t.Errorf("%s: %v", key, err)
		}
	}
	if err := Check(CertBody, "{{name}}同志：\n特发此证。", c); err != nil {
		t.Errorf("a body with a line break: %v", err)
	}
}

// A serial format with the QR code's separator or a line break is
// refused; the full-width bar is fine.
func TestSerialFormatMustRoundTrip(t *testing.T) {
	c := Context{Year: 2025}
	for _, f := range []string{"{year}|{seq}", "〔{year}〕\n第{seq}号"} {
		if e := domainError(t, Check(SerialFormat, f, c)); e.Message != MsgSerialUnsafe {
			t.Errorf("%q: %v", f, e)
		}
	}
	if err := Check(SerialFormat, "{year}｜{seq}", c); err != nil {
		t.Error(err)
	}
}
