//go:build !windows && !darwin

package sysopen

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"peiyang/models"
)

// fakeOpener makes the launcher a script with the body.
func fakeOpener(t *testing.T, body string) string {
	t.Helper()
	dir := t.TempDir()
	script := filepath.Join(dir, "xdg-open")
	if err := os.WriteFile(script, []byte("#!/bin/sh\n"+body+"\n"), 0o700); err != nil {
		t.Fatal(err)
	}
	old, oldWait := opener, startWait
	opener, startWait = script, 500*time.Millisecond
	t.Cleanup(func() { opener, startWait = old, oldWait })
	return filepath.Join(dir, "args")
}

func TestOpenSaysWhetherAViewerStarted(t *testing.T) {
	path := filepath.Join(t.TempDir(), "花名册 第1期.pdf")
	args := fakeOpener(t, `echo "$@" > "$(dirname "$0")/args"; exit 0`)
	if err := Open(path); err != nil {
		t.Fatalf("a launcher that ended well: %v", err)
	}
	got, _ := os.ReadFile(args)
	if strings.TrimSpace(string(got)) != path {
		t.Errorf("the launcher got %q, not the file's path", got)
	}

	fakeOpener(t, "exit 3") // xdg-open: no program for the file
	err := Open(path)
	var e *models.Error
	if !errors.As(err, &e) || e.Message != MsgNoViewer || e.Data["File"] != "花名册 第1期.pdf" {
		t.Errorf("no viewer: %v", err)
	}

	fakeOpener(t, "sleep 5") // a viewer run in the foreground
	if err := Open(path); err != nil {
		t.Errorf("a launcher still running: %v", err)
	}

	opener = filepath.Join(t.TempDir(), "missing")
	if err := Reveal(path); !errors.As(err, &e) || e.Message != MsgNoFileManager {
		t.Errorf("no launcher at all: %v", err)
	}
}
