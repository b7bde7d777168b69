package certificate

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"sync/atomic"
	"testing"

	"peiyang/internal/userfile"
	"peiyang/models"
	"peiyang/reports/certificate/certtest"
)

// A split print that fails part way (here the disk fills up at the 20th
// file) leaves no file under a certificate's name, empty, truncated or
// whole, and keeps the files an earlier print left in the folder; the
// same print on a disk with room writes them all.
func TestSplitFullDiskLeavesNoCertificateNames(t *testing.T) {
	f := certtest.New(t)
	names := make([]string, 70) // two chunks
	for i := range names {
		names[i] = fmt.Sprintf("学员%c%c", 0x4E00+i*37, 0x4E00+i*11)
	}
	c, _ := f.Course("乡村振兴专题培训班", names, len(names))
	f.Issue(c)
	dir := t.TempDir()
	job := Job{CourseID: c.ID, Mode: Split, Path: dir}
	first, err := Print(f.Ctx, f.Svc, job)
	if err != nil {
		t.Fatal(err)
	}
	earlier := map[string][]byte{}
	for _, p := range first.Paths {
		b, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		earlier[filepath.Base(p)] = b
	}
	// An earlier print's files are now one certificate each.
	stray := filepath.Join(dir, "说明.txt")
	if err := os.WriteFile(stray, []byte("keep"), 0o600); err != nil {
		t.Fatal(err)
	}

	// From the 20th file on the disk is full, as userfile reports it.
	var written atomic.Int32
	writeFile = func(path string, data []byte) error {
		if written.Add(1) >= 20 {
			return models.Errorf(models.EINVALID, "file", userfile.MsgDiskFull, "File", filepath.Base(path), "Dir", filepath.Dir(path))
		}
		return userfile.WriteBytes(path, data)
	}
	defer func() { writeFile = userfile.WriteBytes }()
	_, err = Print(f.Ctx, f.Svc, job)
	if err == nil || !strings.Contains(models.ErrorMessage(err), "the disk is full") {
		t.Fatalf("print on a full disk: %v", err)
	}
	entries, _ := os.ReadDir(dir)
	if len(entries) != len(earlier)+1 {
		var got []string
		for _, e := range entries {
			got = append(got, e.Name())
		}
		t.Fatalf("%d entries left, want the %d earlier files: %v", len(entries), len(earlier)+1, got)
	}
	for name, want := range earlier {
		if b, err := os.ReadFile(filepath.Join(dir, name)); err != nil || !bytes.Equal(b, want) {
			t.Fatalf("%s changed by the failed print (%v)", name, err)
		}
	}

	// With room, every file is replaced.
	writeFile = userfile.WriteBytes
	if _, err := Print(context.Background(), f.Svc, job); err != nil {
		t.Fatal(err)
	}
	if entries, _ := os.ReadDir(dir); len(entries) != len(earlier)+1 {
		t.Errorf("%d entries after the second print", len(entries))
	}
}

// When a file cannot take its place part way through the renames (open
// in a viewer on Windows; here its staged copy is gone), the files
// already moved are taken back and the replaced ones put back.
func TestSplitCommitIsAllOrNothing(t *testing.T) {
	dir, stage := t.TempDir(), t.TempDir()
	write := func(path, s string) {
		if err := os.WriteFile(path, []byte(s), 0o600); err != nil {
			t.Fatal(err)
		}
	}
	write(filepath.Join(stage, "a.pdf"), "new a")
	write(filepath.Join(stage, "b.pdf"), "new b")
	write(filepath.Join(dir, "a.pdf"), "old a")
	write(filepath.Join(dir, "c.pdf"), "old c")
	_, err := commitFiles(stage, dir, []string{"a.pdf", "b.pdf", "c.pdf"})
	if models.ErrorMessage(err) == "" {
		t.Fatalf("commit: %v", err)
	}
	for name, want := range map[string]string{"a.pdf": "old a", "c.pdf": "old c"} {
		if b, _ := os.ReadFile(filepath.Join(dir, name)); string(b) != want {
			t.Errorf("%s holds %q, want %q", name, b, want)
		}
	}
	if _, err := os.Stat(filepath.Join(dir, "b.pdf")); err == nil {
		t.Error("b.pdf was left")
	}
}
