//go:build unix

// Command hostile measures what each hostile file of internal/hostile
// costs the real program: it builds the files, runs
// `peiyang import trainees FILE --dry-run` on each in a child process on a
// new database, and prints the wall time, the child's peak resident set
// size (getrusage's ru_maxrss) and the first line of its message.
//
//	go run ./bench/hostile [-bin ./peiyang] [-only merge] [-timeout 120s] [-cap-mb 4096]
//
// Without -bin it builds the program from this tree first. A child that
// runs past -timeout is killed; one is also held to -cap-mb of address
// space (prlimit --as), so that a file that would take the machine's
// memory fails there instead. Both show in the table.
//
// The child is started by a small launcher process (this program again,
// with -launch), not by the benchmark itself: a process started from a
// big one inherits its peak resident set size in ru_maxrss, and the
// benchmark holds the files it builds.
package main

import (
	"bytes"
	"errors"
	"flag"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"time"

	"peiyang/internal/hostile"
)

func main() {
	bin := flag.String("bin", "", "the peiyang binary to run (default: build this tree)")
	only := flag.String("only", "", "run only the files whose name contains this text")
	timeout := flag.Duration("timeout", 120*time.Second, "kill a child that runs longer")
	capMB := flag.Int("cap-mb", 4096, "address-space limit of a child, in MB (0: none)")
	keep := flag.String("keep", "", "write the files to this folder and keep them")
	launch := flag.Bool("launch", false, "internal: run the command after the flags and print its peak RSS")
	flag.Parse()
	if *launch {
		os.Exit(launchChild(flag.Args()))
	}
	if err := run(*bin, *only, *keep, *timeout, *capMB); err != nil {
		fmt.Fprintln(os.Stderr, "hostile bench:", err)
		os.Exit(1)
	}
}

func run(bin, only, keep string, timeout time.Duration, capMB int) error {
	dir := keep
	if dir == "" {
		d, err := os.MkdirTemp("", "peiyang-hostile-")
		if err != nil {
			return err
		}
		defer os.RemoveAll(d)
		dir = d
	} else if err := os.MkdirAll(dir, 0o700); err != nil {
		return err
	}
	if bin == "" {
		bin = filepath.Join(dir, "peiyang")
		fmt.Println("building peiyang…")
		cmd := exec.Command("go", "build", "-o", bin, ".")
		cmd.Stdout, cmd.Stderr = os.Stdout, os.Stderr
		if err := cmd.Run(); err != nil {
			return fmt.Errorf("build: %w", err)
		}
	}
	fmt.Printf("%-26s %9s %9s %9s %9s  %s\n", "file", "size", "wall", "CPU", "peak RSS", "outcome")
	for _, f := range hostile.Files() {
		if only != "" && !strings.Contains(f.Name, only) {
			continue
		}
		path := filepath.Join(dir, f.Name)
		data := f.Build()
		if err := os.WriteFile(path, data, 0o600); err != nil {
			return err
		}
		r := measure(bin, path, filepath.Join(dir, f.Name+".db"), timeout, capMB)
		fmt.Printf("%-26s %9s %9s %9s %8.0fM  %s\n", f.Name, size(len(data)), r.took.Round(10*time.Millisecond),
			r.cpu.Round(10*time.Millisecond), float64(r.rss)/(1<<20), r.outcome)
		for _, s := range []string{"", "-wal", "-shm"} {
			os.Remove(filepath.Join(dir, f.Name+".db"+s))
		}
		if keep == "" {
			os.Remove(path)
		}
	}
	return nil
}

type result struct {
	took    time.Duration // wall time
	cpu     time.Duration // user and system time of the child
	rss     int64
	outcome string
}

// measure runs one dry-run import in a child process, through the
// launcher.
func measure(bin, file, db string, timeout time.Duration, capMB int) result {
	self, err := os.Executable()
	if err != nil {
		return result{outcome: err.Error()}
	}
	args := []string{"-launch", "--", bin, "--db", db, "import", "trainees", file, "--dry-run"}
	if capMB > 0 {
		args = append([]string{"-launch", "--", "prlimit", fmt.Sprintf("--as=%d", int64(capMB)<<20), "--"}, args[2:]...)
	}
	cmd := exec.Command(self, args...)
	newGroup(cmd)
	var out bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &out
	start := time.Now()
	if err := cmd.Start(); err != nil {
		return result{outcome: err.Error()}
	}
	timer := time.AfterFunc(timeout, func() { killGroup(cmd) })
	err = cmd.Wait()
	r := result{took: time.Since(start)}
	killed := !timer.Stop()
	text := out.String()
	if i := strings.LastIndex(text, "\nlauncher: rss="); i >= 0 {
		var cpuMS int64
		fmt.Sscanf(text[i:], "\nlauncher: rss=%d cpu=%d", &r.rss, &cpuMS)
		r.cpu = time.Duration(cpuMS) * time.Millisecond
		text = text[:i]
	}
	var ee *exec.ExitError
	switch {
	case killed:
		r.outcome = fmt.Sprintf("KILLED after %s (still running)", timeout)
	case err == nil:
		r.outcome = "exit 0: " + firstLine(text)
	case errors.As(err, &ee) && ee.ExitCode() >= 0:
		r.outcome = fmt.Sprintf("exit %d: %s", ee.ExitCode(), firstLine(text))
	default:
		r.outcome = fmt.Sprintf("%v: %s", err, firstLine(text))
	}
	return r
}

// launchChild runs the command and prints its peak resident set size
// last; it returns the command's exit code.
func launchChild(args []string) int {
	cmd := exec.Command(args[0], args[1:]...)
	cmd.Stdout, cmd.Stderr = os.Stdout, os.Stderr
	err := cmd.Run()
	if cmd.ProcessState != nil {
		rss, cpu := usage(cmd.ProcessState)
		fmt.Printf("\nlauncher: rss=%d cpu=%d\n", rss, cpu.Milliseconds())
	}
	var ee *exec.ExitError
	if errors.As(err, &ee) {
		return ee.ExitCode()
	}
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		return 1
	}
	return 0
}

func firstLine(s string) string {
	s = strings.TrimSpace(s)
	if i := strings.IndexByte(s, '\n'); i >= 0 {
		s = s[:i]
	}
	if r := []rune(s); len(r) > 110 {
		s = string(r[:110]) + "…"
	}
	return s
}

func size(n int) string {
	switch {
	case n >= 1<<20:
		return fmt.Sprintf("%.1f MB", float64(n)/(1<<20))
	case n >= 1<<10:
		return fmt.Sprintf("%.1f KB", float64(n)/(1<<10))
	}
	return fmt.Sprintf("%d B", n)
}
