//go:build !windows

package sysopen

import (
	"errors"
	"os/exec"
	"time"
)

// The launchers of macOS, Linux and the BSDs (open, xdg-open) are
// programs; Windows asks its shell instead (open_windows.go).

// startWait is how long a launcher may run before it is taken to have
// started the viewer in the foreground.
var startWait = 5 * time.Second

// errFailed is a launcher's failure: it ended with an error status.
var errFailed = errors.New("sysopen: the launcher failed")

// launch runs a launcher and reports whether it started the viewer: it
// ended well, or it still runs after startWait (then it is left to end on
// its own).
func launch(name string, args ...string) error {
	cmd := exec.Command(name, args...)
	if err := cmd.Start(); err != nil {
		return err
	}
	done := make(chan error, 1)
	go func() { done <- cmd.Wait() }()
	select {
	case err := <-done:
		if err != nil {
			return errors.Join(errFailed, err)
		}
		return nil
	case <-time.After(startWait):
		return nil
	}
}
