package pgtest

import "syscall"

// sysProcAttr runs a server program as cred (nil: as this process), in a
// process group of its own (a Ctrl+C in the terminal goes to the test,
// which stops the server itself), and ends the postmaster when this
// process ends, however it ends.
func sysProcAttr(cred *credential) *syscall.SysProcAttr {
	a := &syscall.SysProcAttr{Setpgid: true, Pdeathsig: syscall.SIGQUIT}
	if cred != nil {
		a.Credential = &syscall.Credential{Uid: uint32(cred.uid), Gid: uint32(cred.gid), NoSetGroups: true}
	}
	return a
}
