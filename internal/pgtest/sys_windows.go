package pgtest

import (
	"errors"
	"os"
	"syscall"
)

// On Windows the tests start no server (PostgreSQL there runs as a
// service): BinDir finds initdb only on the PATH.

type credential struct{ uid, gid int }

func unprivileged() (*credential, error) { return nil, errors.New("pgtest: not on Windows") }

var quitSignal = os.Kill

func processAlive(int) bool { return true }

func sysProcAttr(*credential) *syscall.SysProcAttr { return nil }
