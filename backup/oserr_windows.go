//go:build windows

package backup

import (
	"errors"

	"golang.org/x/sys/windows"
)

// isDiskFull reports whether err says the disk is full.
func isDiskFull(err error) bool {
	return errors.Is(err, windows.ERROR_DISK_FULL) || errors.Is(err, windows.ERROR_HANDLE_DISK_FULL)
}

// isInUse reports whether err says another program holds the file: the
// "sharing violation" of a file another process has open.
func isInUse(err error) bool {
	return errors.Is(err, windows.ERROR_SHARING_VIOLATION) || errors.Is(err, windows.ERROR_LOCK_VIOLATION)
}

// syncDir does nothing: Windows cannot sync a folder, and NTFS journals
// its renames.
func syncDir(string) error { return nil }
