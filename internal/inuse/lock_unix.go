//go:build unix

package inuse

import (
	"errors"
	"os"
	"syscall"
)

// lockFile takes flock's shared or exclusive lock on f without waiting;
// errLocked when another open file holds a conflicting one (in this
// process too: flock locks belong to the open file, not the process).
func lockFile(f *os.File, exclusive bool) error {
	how := syscall.LOCK_SH
	if exclusive {
		how = syscall.LOCK_EX
	}
	for {
		err := syscall.Flock(int(f.Fd()), how|syscall.LOCK_NB)
		switch {
		case errors.Is(err, syscall.EINTR):
			continue
		case errors.Is(err, syscall.EWOULDBLOCK):
			return errLocked
		}
		return err
	}
}

func unlockFile(f *os.File) {
	_ = syscall.Flock(int(f.Fd()), syscall.LOCK_UN)
}
