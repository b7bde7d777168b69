package imports

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
	"time"

	"peiyang/internal/hostile"
	"peiyang/models"
)

// Limits of any import, accepted or refused.
const (
	peakMemoryBound = 500 << 20
	// importDeadline only catches a hang: the files take a few seconds.
	importDeadline = 2 * time.Minute
)

// childEnv names the file a child process of this test binary imports.
const childEnv = "PEIYANG_TEST_IMPORT_FILE"

// TestImportChild is the child's side of TestHostileFilesAreBounded: it
// runs a dry-run trainee import of the file on a new database and prints
// the outcome. Without the variable it does nothing.
func TestImportChild(t *testing.T) {
	path := os.Getenv(childEnv)
	if path == "" {
		t.Skip("run by TestHostileFilesAreBounded")
	}
	f := newFixture(t)
	rep, err := f.im.ImportTrainees(context.Background(), path, TraineeOptions{DryRun: true})
	outcome := "read " + filepath.Base(path)
	if err != nil {
		outcome = models.ErrorMessage(err)
	} else if rep.RowsRead == 0 {
		outcome = "no rows"
	}
	// The peak resident set size of this process alone, which
	// ru_maxrss is not: a process started from another inherits the
	// peak of its parent, here a test holding the files it built.
	status, _ := os.ReadFile("/proc/self/status")
	for _, line := range strings.Split(string(status), "\n") {
		if rest, ok := strings.CutPrefix(line, "VmHWM:"); ok {
			os.Stdout.WriteString("peak: " + strings.TrimSpace(rest) + "\n")
		}
	}
	os.Stdout.WriteString("outcome: " + outcome + "\n")
}

// Every hostile file of the catalogue, imported by a process of its own,
// finishes (accepted or refused with a message) well within the
// deadline and under the peak memory bound, which the race detector's
// own overhead makes meaningless under -race.
func TestHostileFilesAreBounded(t *testing.T) {
	if testing.Short() {
		t.Skip("builds files that unpack to gigabytes")
	}
	if runtime.GOOS == "windows" {
		t.Skip("peak memory is measured on Unix; the reader is the same everywhere")
	}
	exe, err := os.Executable()
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	for _, hf := range hostile.Files() {
		t.Run(hf.Name, func(t *testing.T) {
			path := filepath.Join(dir, hf.Name)
			if err := os.WriteFile(path, hf.Build(), 0o600); err != nil {
				t.Fatal(err)
			}
			defer os.Remove(path)
			ctx, cancel := context.WithTimeout(context.Background(), importDeadline)
			defer cancel()
			cmd := exec.CommandContext(ctx, exe, "-test.run=^TestImportChild$", "-test.count=1")
			cmd.Env = append(os.Environ(), childEnv+"="+path)
			var out bytes.Buffer
			cmd.Stdout, cmd.Stderr = &out, &out
			start := time.Now()
			err := cmd.Run()
			took := time.Since(start)
			if ctx.Err() != nil {
				t.Fatalf("the import still ran after %s", importDeadline)
			}
			if err != nil {
				t.Fatalf("the import failed: %v\n%s", err, out.String())
			}
			// ru_maxrss as a bound from above where /proc is missing.
			rss := maxRSS(cmd.ProcessState)
			outcome := ""
			for _, line := range strings.Split(out.String(), "\n") {
				if rest, ok := strings.CutPrefix(line, "outcome: "); ok {
					outcome = rest
				}
				if rest, ok := strings.CutPrefix(line, "peak: "); ok {
					var kb int64
					if _, err := fmt.Sscanf(rest, "%d kB", &kb); err == nil {
						rss = kb << 10
					}
				}
			}
			if outcome == "" {
				t.Fatalf("no outcome:\n%s", out.String())
			}
			t.Logf("%s in %s, peak RSS %d MB: %s", hf.Name, took.Round(time.Millisecond), rss>>20, outcome)
			if !raceEnabled && rss > peakMemoryBound {
				t.Errorf("peak memory %d MB, more than %d MB", rss>>20, peakMemoryBound>>20)
			}
		})
	}
}
