//go:build !windows

package userfile

import (
	"errors"
	"os"
	"syscall"
)

// isDiskFull reports whether err says the disk or the user's quota is
// full.
func isDiskFull(err error) bool {
	return errors.Is(err, syscall.ENOSPC) || errors.Is(err, syscall.EDQUOT)
}

// inUse reports whether err says another program holds the file; Unix
// lets a file that is open be replaced.
func inUse(error) bool { return false }

// syncDir makes a rename in dir durable; file systems that cannot sync a
// folder are left as they are.
func syncDir(dir string) {
	if d, err := os.Open(dir); err == nil {
		d.Sync()
		d.Close()
	}
}
