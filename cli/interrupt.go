package cli

import (
	"context"
	"os"
	"os/signal"
	"sync/atomic"
	"syscall"
)

// Ctrl+C. While a command runs, SIGINT (Ctrl+C) and SIGTERM cancel its
// context: the transaction under way rolls back, files being written are
// not put in place (or are removed), and the command exits with
// exitInterrupted. A second signal ends the program at once, as usual.

// exitInterrupted is the exit code of a command stopped by a signal: 128
// plus SIGINT's number, as shells report it.
const exitInterrupted = 130

// interruptSignals returns the channel the signals that stop a command
// arrive on, and the function that stops their delivery; tests replace it.
var interruptSignals = func() (<-chan os.Signal, func()) {
	c := make(chan os.Signal, 1)
	signal.Notify(c, os.Interrupt, syscall.SIGTERM)
	return c, func() { signal.Stop(c) }
}

// interruptible returns a context that a signal cancels, whether a signal
// came, and the function to call when the command is done. The signals stay
// caught after that, until the program exits: a Ctrl+C that comes once the
// work is done neither kills the program with its work committed (the
// shell would then report 130) nor changes anything.
func interruptible(parent context.Context) (context.Context, *atomic.Bool, func()) {
	ctx, cancel := context.WithCancel(parent)
	sigs, stop := interruptSignals()
	var got atomic.Bool
	done := make(chan struct{})
	go func() {
		select {
		case <-sigs:
			got.Store(true)
			stop() // a second signal takes its default course
			cancel()
		case <-done:
		}
	}()
	return ctx, &got, func() {
		close(done)
		cancel()
	}
}
