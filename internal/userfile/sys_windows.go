package userfile

import (
	"errors"
	"syscall"
)

// Windows error numbers Write tells apart.
const (
	errorHandleDiskFull  syscall.Errno = 39
	errorDiskFull        syscall.Errno = 112
	errorSharingViolated syscall.Errno = 32
	errorLockViolated    syscall.Errno = 33
)

// isDiskFull reports whether err says the disk is full.
func isDiskFull(err error) bool {
	return errors.Is(err, errorDiskFull) || errors.Is(err, errorHandleDiskFull)
}

// inUse reports whether err says another program holds the file open, as
// a PDF reader does with the file it shows.
func inUse(err error) bool {
	return errors.Is(err, errorSharingViolated) || errors.Is(err, errorLockViolated)
}

// syncDir does nothing: Windows makes a rename durable with the file.
func syncDir(string) {}
