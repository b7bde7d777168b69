//go:build windows

package userfile

// diskFullErr is what Windows says when the disk is full (ERROR_DISK_FULL).
var diskFullErr error = errorDiskFull
