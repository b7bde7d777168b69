package private

import (
	"os"
	"path/filepath"
	"testing"
)

// A file made with the default permissions is readable by others (mode
// 0644 under the usual umask; on Windows the folder's inherited entries,
// which in a temporary folder include Administrators and SYSTEM); after
// Restrict only its owner can read it, and Check says so.
func TestRestrict(t *testing.T) {
	if why := Unverifiable(); why != "" {
		t.Skip(why)
	}
	dir := t.TempDir()
	name := filepath.Join(dir, "花名册 1.pdf")
	if err := os.WriteFile(name, []byte("x"), 0o666); err != nil {
		t.Fatal(err)
	}
	if err := Check(name); err == nil {
		t.Skip("a new file is already private here (umask or folder), nothing to show")
	}
	if err := Restrict(name); err != nil {
		t.Fatal(err)
	}
	if err := Check(name); err != nil {
		t.Error(err)
	}
	// Still readable and writable by the owner.
	if err := os.WriteFile(name, []byte("yz"), 0o600); err != nil {
		t.Fatal(err)
	}
	if b, err := os.ReadFile(name); err != nil || string(b) != "yz" {
		t.Fatalf("read back %q, %v", b, err)
	}
	sub := filepath.Join(dir, "导出")
	if err := os.Mkdir(sub, 0o777); err != nil {
		t.Fatal(err)
	}
	if err := Restrict(sub); err != nil {
		t.Fatal(err)
	}
	if err := Check(sub); err != nil {
		t.Error(err)
	}
}

func TestWriteFile(t *testing.T) {
	name := filepath.Join(t.TempDir(), "b.db")
	if err := WriteFile(name, []byte("data")); err != nil {
		t.Fatal(err)
	}
	if why := Unverifiable(); why == "" {
		if err := Check(name); err != nil {
			t.Error(err)
		}
	}
	if b, _ := os.ReadFile(name); string(b) != "data" {
		t.Errorf("read back %q", b)
	}
	if Rule() == "" {
		t.Error("no rule to show")
	}
}
