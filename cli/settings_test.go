package cli

import "testing"

func TestSettingsCommands(t *testing.T) {
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
