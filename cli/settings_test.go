package cli

import (
	"strings"
	"testing"

	"peiyang/settings"
)

func TestSettingsCommands(t *testing.T) {
	if bothStores(t, TestSettingsCommands) {
		return
	}
	db := tempDB(t)
	cmd(t, db, "settings", "set", "certificate.signatory", "张校长").want(t, 0, "certificate.signatory = 张校长")
	cmd(t, db, "settings", "get", "certificate.signatory").want(t, 0, "张校长")
	cmd(t, db, "settings", "set", "certificate.serial_format", "〔{year}〕培字第{seq:5}号").want(t, 0)
	// A format without {seq} is refused and the old value stays.
	cmd(t, db, "settings", "set", "certificate.serial_format", "〔{year}〕").want(t, 1)
	cmd(t, db, "settings", "get", "certificate.serial_format").want(t, 0, "培字第{seq:5}号")
	// A value the certificate cannot use is refused and nothing changes.
	cmd(t, db, "settings", "set", "certificate.offset_x", "left").want(t, 1, "certificate.offset_x")
	if r := cmd(t, db, "settings", "get", "certificate.offset_x"); r.stdout != "\n" {
		t.Errorf("refused value was stored: %q", r.stdout)
	}
	cmd(t, db, "settings", "get", "certificate.signing_key").want(t, 1, "never shown")
	cmd(t, db, "settings", "set", "certificate.signing_key", "x").want(t, 1, "cannot be set")
	cmd(t, db, "settings", "set", "only-key").want(t, 2)
}

// Unknown keys and values the window refuses are refused here too, and
// `settings list` shows every setting with its meaning.
func TestSettingsRegistry(t *testing.T) {
	if bothStores(t, TestSettingsRegistry) {
		return
	}
	db := tempDB(t)
	cmd(t, db, "settings", "set", "x", "1").want(t, 1, "no setting x")
	cmd(t, db, "settings", "get", "x").want(t, 1, "no setting x")
	cmd(t, db, "settings", "set", "backup.folder", "backups").want(t, 1, "full path")
	cmd(t, db, "settings", "set", "backup.keep", "0").want(t, 1, "from 1 to 1000")
	cmd(t, db, "settings", "set", "store.search_index_version", "9").want(t, 1, "cannot be set by hand")
	cmd(t, db, "settings", "set", "backup.folder", t.TempDir()).want(t, 0)
	r := cmd(t, db, "settings", "list")
	r.want(t, 0, "certificate.serial_format = (unset)", "成基党院结〔2025〕12号", "backup.keep = 10  (default)",
		"certificate.signing_key = (unset)", "How many automatic backups to keep")
	for _, s := range settings.All() {
		if !strings.Contains(r.stdout, s.Key+" = ") {
			t.Errorf("settings list lacks %s", s.Key)
		}
	}
	cmd(t, db, "certificates", "list").want(t, 0) // any command; the key stays unset
	r = cmd(t, db, "settings", "list", "--json")
	r.want(t, 0, `"key": "org.name"`)
	if strings.Contains(r.stdout, "ed25519:") {
		t.Error("the signing key is shown")
	}
}
