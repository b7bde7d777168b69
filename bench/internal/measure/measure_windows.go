//go:build windows

package measure

import (
	"time"

	"golang.org/x/sys/windows"
)

// CPUTime returns the user and kernel CPU time of the process so far.
func CPUTime() time.Duration {
	var created, exited, kernel, user windows.Filetime
	if err := windows.GetProcessTimes(windows.CurrentProcess(), &created, &exited, &kernel, &user); err != nil {
		return 0
	}
	// Filetime counts 100 ns intervals.
	ticks := func(f windows.Filetime) int64 { return int64(f.HighDateTime)<<32 | int64(f.LowDateTime) }
	return time.Duration((ticks(kernel) + ticks(user)) * 100)
}

// PeakKB is not measured on Windows.
func PeakKB() int { return -1 }
