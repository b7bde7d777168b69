//go:build !windows

package userdirs

import (
	"os"
	"path/filepath"
	"testing"
)

func TestXDGDocuments(t *testing.T) {
	home := t.TempDir()
	env := map[string]string{}
	getenv := func(k string) string { return env[k] }
	// Nothing configured, no ~/Documents: the home folder.
	if got := xdgDocuments(getenv, home); got != home {
		t.Errorf("bare home: %s", got)
	}
	os.Mkdir(filepath.Join(home, "Documents"), 0o700)
	if got := xdgDocuments(getenv, home); got != filepath.Join(home, "Documents") {
		t.Errorf("~/Documents: %s", got)
	}
	// A Chinese desktop's user-dirs.dirs wins over ~/Documents.
	conf := filepath.Join(home, ".config")
	os.Mkdir(conf, 0o700)
	dirs := "# written by xdg-user-dirs-update\nXDG_DESKTOP_DIR=\"$HOME/桌面\"\nXDG_DOCUMENTS_DIR=\"$HOME/文档\"\n"
	if err := os.WriteFile(filepath.Join(conf, "user-dirs.dirs"), []byte(dirs), 0o600); err != nil {
		t.Fatal(err)
	}
	if got := xdgDocuments(getenv, home); got != filepath.Join(home, "文档") {
		t.Errorf("user-dirs.dirs: %s", got)
	}
	// An absolute path, and $XDG_CONFIG_HOME elsewhere.
	other := t.TempDir()
	os.WriteFile(filepath.Join(other, "user-dirs.dirs"), []byte("XDG_DOCUMENTS_DIR=\"/srv/docs\"\n"), 0o600)
	env["XDG_CONFIG_HOME"] = other
	if got := xdgDocuments(getenv, home); got != "/srv/docs" {
		t.Errorf("absolute entry: %s", got)
	}
	// "$HOME" alone turns the folder off.
	os.WriteFile(filepath.Join(other, "user-dirs.dirs"), []byte("XDG_DOCUMENTS_DIR=\"$HOME\"\n"), 0o600)
	if got := xdgDocuments(getenv, home); got != filepath.Join(home, "Documents") {
		t.Errorf("$HOME entry: %s", got)
	}
	// The environment wins.
	env["XDG_DOCUMENTS_DIR"] = "/data/文件"
	if got := xdgDocuments(getenv, home); got != "/data/文件" {
		t.Errorf("environment: %s", got)
	}
}
