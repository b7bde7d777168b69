// Package measure reads what the benchmarks report besides wall time: the
// process's CPU time (all threads, garbage collection included), steadier
// than wall time on a machine shared with other work, and its peak
// resident memory. Where the system cannot tell, they return zero and -1.
package measure

import (
	"fmt"
	"time"
)

// Timer measures the wall and CPU time of a step.
type Timer struct {
	wall time.Time
	cpu  time.Duration
}

// Start starts a Timer.
func Start() Timer { return Timer{time.Now(), CPUTime()} }

// Stop returns the wall time since Start and a line with both times.
func (t Timer) Stop() (time.Duration, string) {
	wall := time.Since(t.wall)
	return wall, fmt.Sprintf("%8s wall, %8s CPU", wall.Round(time.Millisecond), (CPUTime() - t.cpu).Round(time.Millisecond))
}

// PeakMemory describes the peak resident memory so far, in MB.
func PeakMemory() string {
	kb := PeakKB()
	if kb < 0 {
		return "unknown"
	}
	return fmt.Sprintf("%.0f MB", float64(kb)/1024)
}
