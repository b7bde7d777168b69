// Command window measures the memory the window holds: it builds the
// binary, makes the demo database at the report's scale if it is missing
// (40,630 trainees), runs the real window on it under Xvfb in Chinese,
// and prints the process's peak resident memory (VmHWM) once the window
// has settled on the dashboard, and again after it has shown every screen
// once (the "tour" route, as a user clicking down the sidebar would).
// After the tour it lists what the process holds resident by mapping,
// largest first: the anonymous memory (the Go heap, the C allocations of
// the GL driver), the binary with its embedded font, the GL libraries.
//
//	make bench-window
//	go run ./bench/window -db /tmp/peiyang-shots.db -display :98
//
// It prints too how long the window took to show the dashboard's data
// (PEIYANG_TIMING); with -store postgres the database is made on a
// throwaway PostgreSQL server on loopback instead:
//
//	go run ./bench/window -store postgres -display :98
//
// The targets (issue 10): 250 MB after start, 300 MB after every screen;
// (issue 14) the dashboard's data within 2 s on both stores.
// Linux only: it reads /proc and needs Xvfb.
package main

import (
	"bufio"
	"flag"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"time"

	"peiyang/bench/internal/realwindow"
	"peiyang/bench/internal/stores"
)

func main() {
	db := flag.String("db", "/tmp/peiyang-shots.db", "the demo database, made when missing")
	display := flag.String("display", ":98", "the Xvfb display to use")
	which := flag.String("store", "sqlite", "sqlite: the file -db; postgres: a new database on a throwaway PostgreSQL server")
	flag.Parse()
	err := func() error {
		if *which == "sqlite" {
			return run(*db, *display)
		}
		kinds, stop, err := stores.Parse(*which)
		if err != nil {
			return err
		}
		defer stop()
		target, err := kinds[0].New()
		if err != nil {
			return err
		}
		return run(target, *display)
	}()
	if err != nil {
		fmt.Fprintln(os.Stderr, "window bench:", err)
		os.Exit(1)
	}
}

func run(db, display string) error {
	dir, err := os.MkdirTemp("", "peiyang-window-bench-")
	if err != nil {
		return err
	}
	defer os.RemoveAll(dir)
	bin, err := realwindow.Build(dir)
	if err != nil {
		return err
	}
	if out, err := exec.Command(bin, "--db", db, "demo", "--if-empty").CombinedOutput(); err != nil {
		return fmt.Errorf("demo data: %v\n%s", err, out)
	}
	win, err := realwindow.Start(bin, db, display, "tour")
	if err != nil {
		return err
	}
	defer win.Stop()
	return measure(win.Pid(), bufio.NewScanner(win.Logs))
}

// measure reads VmHWM when the tour starts and when it is done.
func measure(pid int, logs *bufio.Scanner) error {
	var start int
	started := false
	deadline := time.AfterFunc(3*time.Minute, func() { syscallKill(pid) })
	defer deadline.Stop()
	for logs.Scan() {
		line := logs.Text()
		switch {
		case strings.Contains(line, "peiyang: timing: dashboard data shown") && !started:
			started = true // the tour shows the dashboard again later
			fmt.Println("window start:", line[strings.Index(line, "dashboard"):])
		case strings.HasSuffix(line, "peiyang: tour: start"):
			kb, err := hwm(pid)
			if err != nil {
				return err
			}
			start = kb
		case strings.HasSuffix(line, "peiyang: tour done"):
			kb, err := hwm(pid)
			if err != nil {
				return err
			}
			fmt.Printf("window memory (VmHWM, demo database of 40,630 trainees, Xvfb 1366×768): after start %d MB; after every screen once %d MB\n",
				start/1024, kb/1024)
			return printResident(pid)
		}
	}
	return fmt.Errorf("the window ended before its tour did")
}

// hwm is the process's peak resident set, in kB.
func hwm(pid int) (int, error) {
	b, err := os.ReadFile(fmt.Sprintf("/proc/%d/status", pid))
	if err != nil {
		return 0, err
	}
	for _, line := range strings.Split(string(b), "\n") {
		if rest, ok := strings.CutPrefix(line, "VmHWM:"); ok {
			return strconv.Atoi(strings.TrimSuffix(strings.TrimSpace(rest), " kB"))
		}
	}
	return 0, fmt.Errorf("no VmHWM in /proc/%d/status", pid)
}

func syscallKill(pid int) {
	if p, err := os.FindProcess(pid); err == nil {
		p.Kill()
	}
}

// printResident prints what the process holds resident now, by mapping
// (the program's anonymous memory, which holds the Go heap, its binary, the
// GL driver's libraries ...), largest first: where the figure goes.
func printResident(pid int) error {
	b, err := os.ReadFile(fmt.Sprintf("/proc/%d/smaps", pid))
	if err != nil {
		return err
	}
	kb := map[string]int{}
	name := ""
	for _, line := range strings.Split(string(b), "\n") {
		fields := strings.Fields(line)
		switch {
		case len(fields) >= 5 && strings.Contains(fields[0], "-") && !strings.HasSuffix(fields[0], ":"):
			name = "[anonymous]"
			if len(fields) > 5 {
				name = filepath.Base(fields[5])
			}
		case len(fields) == 3 && fields[0] == "Rss:":
			n, err := strconv.Atoi(fields[1])
			if err != nil {
				return fmt.Errorf("smaps: %q: %w", line, err)
			}
			kb[name] += n
		}
	}
	names := make([]string, 0, len(kb))
	for n := range kb {
		names = append(names, n)
	}
	sort.Slice(names, func(i, j int) bool { return kb[names[i]] > kb[names[j]] })
	fmt.Println("resident now, by mapping:")
	for _, n := range names[:min(6, len(names))] {
		fmt.Printf("  %4d MB  %s\n", kb[n]/1024, n)
	}
	return nil
}
