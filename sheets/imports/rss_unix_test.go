//go:build unix

package imports

import (
	"os"
	"syscall"
)

// maxRSS is the ended process's ru_maxrss, in bytes (kilobytes on Linux).
func maxRSS(ps *os.ProcessState) int64 {
	if ru, ok := ps.SysUsage().(*syscall.Rusage); ok && ru != nil {
		return ru.Maxrss << 10
	}
	return 0
}
