//go:build !unix && !windows

package measure

import "time"

// CPUTime is not measured on this system.
func CPUTime() time.Duration { return 0 }

// PeakKB is not measured on this system.
func PeakKB() int { return -1 }
