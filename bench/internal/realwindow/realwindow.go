// Package realwindow runs the real Peiyang window for the benchmarks that
// time or measure it (bench/window, bench/live): it builds the binary,
// starts a virtual screen with Xvfb, and starts the window on a database,
// in Chinese, logging its timings (PEIYANG_TIMING) on its standard error.
// Linux only: it needs Xvfb.
package realwindow

import (
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"time"
)

// Build builds the binary from the module's root (the working directory)
// into dir and returns its path.
func Build(dir string) (string, error) {
	bin := filepath.Join(dir, "peiyang")
	if out, err := exec.Command("go", "build", "-o", bin, ".").CombinedOutput(); err != nil {
		return "", fmt.Errorf("build: %v\n%s", err, out)
	}
	return bin, nil
}

// xvfb starts a virtual screen of 1366×768 on display (":98") and gives it
// a second to come up; stop ends it.
func xvfb(display string) (stop func(), err error) {
	x := exec.Command("Xvfb", display, "-screen", "0", "1366x768x24", "-nolisten", "tcp")
	if err := x.Start(); err != nil {
		return nil, fmt.Errorf("start Xvfb (apt-get install xvfb): %w", err)
	}
	time.Sleep(time.Second)
	return func() {
		x.Process.Kill()
		x.Wait()
	}, nil
}

// Window is a running window, on a virtual screen of its own.
type Window struct {
	cmd   *exec.Cmd
	stopX func()
	// Logs is the window's standard error, where it logs its timings.
	Logs io.Reader
}

// Start starts a virtual screen on display, then bin's window on db on
// it, opening on screen (a route such as "tour" or "trainees").
func Start(bin, db, display, screen string) (*Window, error) {
	stopX, err := xvfb(display)
	if err != nil {
		return nil, err
	}
	cmd := exec.Command(bin, "--db", db)
	cmd.Env = append(os.Environ(), "DISPLAY="+display, "PEIYANG_SCREEN="+screen, "PEIYANG_LANG=zh", "PEIYANG_TIMING=1")
	logs, err := cmd.StderrPipe()
	if err == nil {
		err = cmd.Start()
	}
	if err != nil {
		stopX()
		return nil, fmt.Errorf("start the window: %w", err)
	}
	return &Window{cmd: cmd, stopX: stopX, Logs: logs}, nil
}

// Pid is the window's process ID.
func (w *Window) Pid() int { return w.cmd.Process.Pid }

// Stop kills the window and waits for it, then ends its screen.
func (w *Window) Stop() {
	w.cmd.Process.Kill()
	w.cmd.Wait()
	w.stopX()
}
