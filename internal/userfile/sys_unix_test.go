//go:build !windows

package userfile

import "syscall"

// diskFullErr is what the system says when the disk is full.
var diskFullErr error = syscall.ENOSPC
