package store

import "time"

// SetBusyTimeout shortens the busy timeout of the connections opened from
// now on and returns a function that puts it back.
func SetBusyTimeout(d time.Duration) (restore func()) {
	old := busyTimeout
	busyTimeout = d
	return func() { busyTimeout = old }
}
