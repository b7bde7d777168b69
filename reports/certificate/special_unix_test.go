//go:build unix

package certificate_test

import (
	"path/filepath"
	"syscall"
	"testing"
)

// specialFiles are files that are not regular, by what they are: a device
// that never ends and a named pipe that blocks whoever opens it.
func specialFiles(t *testing.T, dir string) map[string]string {
	fifo := filepath.Join(dir, "pipe.png")
	if err := syscall.Mkfifo(fifo, 0o600); err != nil {
		t.Fatal(err)
	}
	return map[string]string{"/dev/zero": "/dev/zero", "a named pipe": fifo}
}
