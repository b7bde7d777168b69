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

// Xvfb starts a virtual screen of 1366×768 on display (":98") and gives it
// a second to come up; stop ends it.
func Xvfb(display string) (stop func(), err error) {
	xvfb := exec.Command("Xvfb", display, "-screen", "0", "1366x768x24", "-nolisten", "tcp")
	if err := xvfb.Start(); err != nil {
		return nil, fmt.Errorf("start Xvfb (apt-get install xvfb): %w", err)
	}
	time.Sleep(time.Second)
	return func() {
		xvfb.Process.Kill()
		xvfb.Wait()
	}, nil
}

// Window is a running window.
type Window struct {
	cmd *exec.Cmd
	// Logs is the window's standard error, where it logs its timings.
	Logs io.Reader
}

// Start starts bin's window on db, on display, opening on screen (a route
// such as "tour" or "trainees").
func Start(bin, db, display, screen string) (*Window, error) {
	cmd := exec.Command(bin, "--db", db)
	cmd.Env = append(os.Environ(), "DISPLAY="+display, "PEIYANG_SCREEN="+screen, "PEIYANG_LANG=zh", "PEIYANG_TIMING=1")
	logs, err := cmd.StderrPipe()
	if err != nil {
		return nil, err
	}
	if err := cmd.Start(); err != nil {
		return nil, fmt.Errorf("start the window: %w", err)
	}
	return &Window{cmd: cmd, Logs: logs}, nil
}

// Pid is the window's process ID.
func (w *Window) Pid() int { return w.cmd.Process.Pid }

// Stop kills the window and waits for it.
func (w *Window) Stop() {
	w.cmd.Process.Kill()
	w.cmd.Wait()
}
