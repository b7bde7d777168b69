//go:build !unix

package main

import (
	"os"
	"os/exec"
	"time"
)

// On Windows the benchmark kills the launcher alone and measures time
// only: there is no ru_maxrss.
func newGroup(*exec.Cmd) {}

func killGroup(cmd *exec.Cmd) { _ = cmd.Process.Kill() }

func usage(ps *os.ProcessState) (int64, time.Duration) { return 0, ps.UserTime() + ps.SystemTime() }
