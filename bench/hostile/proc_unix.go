//go:build unix

package main

import (
	"os"
	"os/exec"
	"syscall"
	"time"
)

// newGroup starts the command in a process group of its own, so that
// killGroup reaches the import the launcher started.
func newGroup(cmd *exec.Cmd) { cmd.SysProcAttr = &syscall.SysProcAttr{Setpgid: true} }

func killGroup(cmd *exec.Cmd) { _ = syscall.Kill(-cmd.Process.Pid, syscall.SIGKILL) }

// usage is the ended process's peak resident set size (ru_maxrss, in
// kilobytes on Linux) and its user and system time.
func usage(ps *os.ProcessState) (int64, time.Duration) {
	ru, ok := ps.SysUsage().(*syscall.Rusage)
	if !ok || ru == nil {
		return 0, 0
	}
	return ru.Maxrss << 10, time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}
