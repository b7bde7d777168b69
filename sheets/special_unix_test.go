//go:build unix

package sheets

import (
	"path/filepath"
	"syscall"
	"testing"
)

// A device or a named pipe given as a list is refused before it is
// opened: reading /dev/zero would never end, opening a pipe would block.
func TestReadFileRefusesSpecialFiles(t *testing.T) {
	fifo := filepath.Join(t.TempDir(), "名单.csv")
	if err := syscall.Mkfifo(fifo, 0o600); err != nil {
		t.Fatal(err)
	}
	for _, p := range []string{"/dev/zero", fifo, t.TempDir()} {
		_, err := ReadFile(p, Options{})
		wantFileErr(t, err, MsgNotAFile)
	}
}
