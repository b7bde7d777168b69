//go:build unix

package pgtest

import (
	"errors"
	"os/user"
	"strconv"
	"syscall"
)

// credential is the user a server started by root runs as.
type credential struct{ uid, gid int }

// unprivileged finds the user a server started by root runs as.
func unprivileged() (*credential, error) {
	for _, name := range []string{"postgres", "nobody"} {
		u, err := user.Lookup(name)
		if err != nil {
			continue
		}
		uid, err1 := strconv.Atoi(u.Uid)
		gid, err2 := strconv.Atoi(u.Gid)
		if err1 == nil && err2 == nil {
			return &credential{uid: uid, gid: gid}, nil
		}
	}
	return nil, errors.New("pgtest: running as root, and there is no user postgres or nobody to run PostgreSQL as")
}

// quitSignal asks the postmaster for an immediate shutdown.
var quitSignal = syscall.SIGQUIT

func processAlive(pid int) bool {
	if pid <= 0 {
		return false
	}
	err := syscall.Kill(pid, 0)
	return err == nil || errors.Is(err, syscall.EPERM)
}
