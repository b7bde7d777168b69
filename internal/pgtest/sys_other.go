//go:build unix && !linux

package pgtest

import "syscall"

// sysProcAttr runs a server program as cred (nil: as this process), in a
// process group of its own.
func sysProcAttr(cred *credential) *syscall.SysProcAttr {
	a := &syscall.SysProcAttr{Setpgid: true}
	if cred != nil {
		a.Credential = &syscall.Credential{Uid: uint32(cred.uid), Gid: uint32(cred.gid), NoSetGroups: true}
	}
	return a
}
