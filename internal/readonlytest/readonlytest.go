// Package readonlytest runs a test against a folder its user cannot
// write, such as a database on a read-only share. Root writes whatever
// the modes say, and CI runs as root: there the test runs as the
// unprivileged user nobody in a process of its own. Tests only.
package readonlytest

import (
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"testing"
)

// envDir names the read-only folder in the child process.
const envDir = "PEIYANG_READONLY_TEST_DIR"

// Dir returns the read-only folder when this process is the child Run
// started, "" otherwise (the child test then skips).
func Dir() string { return os.Getenv(envDir) }

// Run makes dir and the files in it read-only (modes 0555 and 0444, its
// parents traversable) and runs the test named name of this test binary
// against it in a new process, as nobody when this one is root. It fails
// t with the child's output when the child fails, and gives the folder
// back its modes at the end.
func Run(t *testing.T, dir, name string) {
	t.Helper()
	if runtime.GOOS == "windows" {
		t.Skip("read-only folders are not modes on Windows")
	}
	exe, err := os.Executable()
	if err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command(exe, "-test.run=^"+name+"$", "-test.count=1", "-test.v")
	cmd.Env = append(os.Environ(), envDir+"="+dir)
	if os.Geteuid() == 0 {
		// The test binary sits in a private build folder: copy it where
		// nobody may run it.
		bin := filepath.Join(t.TempDir(), "test.bin")
		copyFile(t, exe, bin)
		for _, d := range []string{filepath.Dir(bin), filepath.Dir(filepath.Dir(bin))} {
			os.Chmod(d, 0o755)
		}
		cmd.Path, cmd.Args[0] = bin, bin
		cmd.Dir = filepath.Dir(bin)
		asNobody(cmd)
		cmd.Env = append(cmd.Env, "HOME="+os.TempDir(), "GOCACHE="+os.TempDir())
	}
	protect(t, dir)
	out, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("%s as a user who cannot write %s: %v\n%s", name, dir, err, out)
	}
	t.Logf("%s", out)
}

// protect makes the folder and its files read-only and their parents
// traversable, and gives them write permission back at the end.
func protect(t *testing.T, dir string) {
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range entries {
		if err := os.Chmod(filepath.Join(dir, e.Name()), 0o444); err != nil {
			t.Fatal(err)
		}
	}
	for d := dir; d != filepath.Dir(d) && d != os.TempDir(); d = filepath.Dir(d) {
		if fi, err := os.Stat(d); err == nil && fi.Mode().Perm()&0o005 != 0o005 {
			os.Chmod(d, fi.Mode().Perm()|0o005)
		}
	}
	if err := os.Chmod(dir, 0o555); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		os.Chmod(dir, 0o755)
		for _, e := range entries {
			os.Chmod(filepath.Join(dir, e.Name()), 0o644)
		}
	})
}

func copyFile(t *testing.T, from, to string) {
	in, err := os.Open(from)
	if err != nil {
		t.Fatal(err)
	}
	defer in.Close()
	out, err := os.OpenFile(to, os.O_WRONLY|os.O_CREATE|os.O_TRUNC, 0o755)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := io.Copy(out, in); err != nil {
		t.Fatal(err)
	}
	if err := out.Close(); err != nil {
		t.Fatal(err)
	}
}
