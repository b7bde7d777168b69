//go:build !unix

package readonlytest

import "os/exec"

// asNobody: Run skips on Windows before it gets here.
func asNobody(*exec.Cmd) {}
