// Package wintest runs the Windows build of Peiyang under Wine, from Linux:
// the end-to-end command-line scenario with Windows paths (scenario_test.go).
// The Wine prefix, the stub bcryptprimitives.dll and the cross-built
// Peiyang.exe come from `make test-windows` (scripts/wine-*.sh), which sets
// PEIYANG_WINE_EXE; without it the tests skip.
package wintest

import (
	"bytes"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// EnvExe names the variable holding the Unix path of Peiyang.exe.
const EnvExe = "PEIYANG_WINE_EXE"

// Wine is a Wine prefix with Peiyang.exe installed in it.
type Wine struct {
	Prefix string // Unix path of the prefix
	Exe    string // Windows path of Peiyang.exe
	Env    []string
}

// Setup copies Peiyang.exe into "C:\Program Files\Peiyang 培养" of the
// prefix named by $WINEPREFIX, or skips the test when $PEIYANG_WINE_EXE is
// not set.
func Setup(t *testing.T) *Wine {
	t.Helper()
	exe := os.Getenv(EnvExe)
	if exe == "" {
		t.Skipf("$%s is not set: run make test-windows", EnvExe)
	}
	prefix := os.Getenv("WINEPREFIX")
	if prefix == "" {
		t.Fatal("$WINEPREFIX is not set")
	}
	if _, err := exec.LookPath("wine"); err != nil {
		t.Fatal("wine is not installed")
	}
	data, err := os.ReadFile(exe)
	if err != nil {
		t.Fatal(err)
	}
	dir := filepath.Join(prefix, "drive_c", "Program Files", "Peiyang 培养")
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "Peiyang.exe"), data, 0o755); err != nil {
		t.Fatal(err)
	}
	var env []string
	for _, kv := range os.Environ() {
		if !strings.HasPrefix(kv, "PEIYANG_") && !strings.HasPrefix(kv, "WINEDEBUG=") {
			env = append(env, kv)
		}
	}
	env = append(env, "WINEDEBUG=-all")
	return &Wine{Prefix: prefix, Exe: `C:\Program Files\Peiyang 培养\Peiyang.exe`, Env: env}
}

// Unix returns the Unix path of a Windows path on drive C:.
func (w *Wine) Unix(win string) string {
	rest, ok := strings.CutPrefix(win, `C:\`)
	if !ok {
		panic("wintest: not a path on C: " + win)
	}
	return filepath.Join(w.Prefix, "drive_c", filepath.FromSlash(strings.ReplaceAll(rest, `\`, "/")))
}

// Result is what one run printed and its exit code.
type Result struct {
	Args           []string
	Stdout, Stderr string
	Code           int
}

// Run runs Peiyang.exe with args and extra environment variables.
func (w *Wine) Run(t *testing.T, env []string, args ...string) Result {
	t.Helper()
	cmd := exec.Command("wine", append([]string{w.Exe}, args...)...)
	cmd.Env = append(append([]string{}, w.Env...), env...)
	var out, errb bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &errb
	err := cmd.Run()
	r := Result{Args: args, Stdout: out.String(), Stderr: errb.String()}
	var ee *exec.ExitError
	switch {
	case errors.As(err, &ee):
		r.Code = ee.ExitCode()
	case err != nil:
		t.Fatalf("wine %v: %v", args, err)
	}
	return r
}

// Want fails the test unless the run exited with code and its output
// holds every text of want.
func (r Result) Want(t *testing.T, code int, want ...string) Result {
	t.Helper()
	if r.Code != code {
		t.Fatalf("peiyang %s: exit %d, want %d\nstdout: %s\nstderr: %s", strings.Join(r.Args, " "), r.Code, code, r.Stdout, r.Stderr)
	}
	for _, w := range want {
		if !strings.Contains(r.Stdout+r.Stderr, w) {
			t.Errorf("peiyang %s: output lacks %q\nstdout: %s\nstderr: %s", strings.Join(r.Args, " "), w, r.Stdout, r.Stderr)
		}
	}
	return r
}
