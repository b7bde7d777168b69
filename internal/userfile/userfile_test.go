package userfile

import (
	"errors"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"unicode/utf8"

	"peiyang/internal/private"
	"peiyang/models"
)

// entries lists the names in dir.
func entries(t *testing.T, dir string) []string {
	t.Helper()
	es, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, e := range es {
		out = append(out, e.Name())
	}
	return out
}

func TestWriteReplacesWholeFilePrivately(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "花名册.pdf")
	if err := os.WriteFile(path, []byte("old"), 0o644); err != nil {
		t.Fatal(err)
	}
	err := Write(path, func(w io.Writer) error {
		// Until the rename, the old file is untouched.
		if b, _ := os.ReadFile(path); string(b) != "old" {
			t.Errorf("the file changed while being written: %q", b)
		}
		_, err := io.WriteString(w, strings.Repeat("新", 200000))
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	b, err := os.ReadFile(path)
	if err != nil || string(b) != strings.Repeat("新", 200000) {
		t.Fatalf("read back %d bytes, %v", len(b), err)
	}
	if private.Unverifiable() == "" {
		if err := private.Check(path); err != nil {
			t.Error(err)
		}
	}
	if got := entries(t, dir); len(got) != 1 {
		t.Errorf("the folder holds %v", got)
	}
}

func TestWriteFailureLeavesOldFile(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "roster.pdf")
	if err := os.WriteFile(path, []byte("old"), 0o600); err != nil {
		t.Fatal(err)
	}
	refused := models.Errorf(models.EINVALID, "", "The font has no glyph for {{.Chars}}.")
	err := Write(path, func(w io.Writer) error {
		io.WriteString(w, "half a document")
		return refused
	})
	if err != refused {
		t.Errorf("write's own error came back as %v", err)
	}
	func() {
		defer func() {
			if recover() == nil {
				t.Error("the panic did not come through")
			}
		}()
		Write(path, func(w io.Writer) error { panic("drawing failed") })
	}()
	if b, _ := os.ReadFile(path); string(b) != "old" {
		t.Errorf("after the failures the file holds %q", b)
	}
	if got := entries(t, dir); len(got) != 1 {
		t.Errorf("a temporary file was left behind: %v", got)
	}
}

func TestWriteNamesFolderProblems(t *testing.T) {
	dir := t.TempDir()
	err := WriteBytes(filepath.Join(dir, "missing", "x.pdf"), []byte("x"))
	var e *models.Error
	if !errors.As(err, &e) || e.Message != MsgNoFolder || e.Field != "file" || e.Data["File"] != "x.pdf" {
		t.Errorf("a missing folder gave %v", err)
	}
	// A folder in the place of the file: the rename is refused.
	if err := os.Mkdir(filepath.Join(dir, "taken.pdf"), 0o700); err != nil {
		t.Fatal(err)
	}
	err = WriteBytes(filepath.Join(dir, "taken.pdf"), []byte("x"))
	if !errors.As(err, &e) || e.Code != models.EINVALID {
		t.Errorf("replacing a folder gave %v", err)
	}
	if got := entries(t, dir); len(got) != 1 {
		t.Errorf("a temporary file was left behind: %v", got)
	}
}

func TestFailMessages(t *testing.T) {
	path := filepath.Join("/data", "out.xlsx")
	pe := func(err error) error { return &fs.PathError{Op: "write", Path: path, Err: err} }
	for _, c := range []struct {
		err       error
		replacing bool
		want      string
	}{
		{pe(diskFullErr), false, MsgDiskFull},
		{pe(fs.ErrPermission), false, MsgPermission},
		{&os.LinkError{Op: "rename", Old: "a", New: path, Err: fs.ErrPermission}, true, MsgReplace},
		{pe(fs.ErrNotExist), false, MsgNoFolder},
		{pe(syscall.EIO), false, MsgFailed},
	} {
		var e *models.Error
		if !errors.As(fail(path, c.err, c.replacing), &e) || e.Message != c.want {
			t.Errorf("%v: got %v, want %q", c.err, e, c.want)
		}
		if c.want == MsgFailed && (e.Data["Err"] != syscall.EIO.Error() || strings.Contains(e.Error(), "/data/out")) {
			t.Errorf("the reason %q should be the system's, without the path", e.Data["Err"])
		}
	}
}

func TestSafeName(t *testing.T) {
	for _, c := range []struct{ in, want string }{
		{"2026年乡村振兴专题班-花名册.pdf", "2026年乡村振兴专题班-花名册.pdf"},
		{"〔2024〕第0012号-阿依古丽·买买提.pdf", "〔2024〕第0012号-阿依古丽·买买提.pdf"},
		{`德阳市/中江县\县城:a*b?"c"<d>|e.pdf`, "德阳市_中江县_县城_a_b__c__d__e.pdf"},
		{"tab\there\nline.pdf", "tab here line.pdf"},
		{"..", "_"},
		{"../../etc/passwd", "_.._etc_passwd"},
		{".hidden.pdf", "hidden.pdf"},
		{"report. . ", "report"},
		{"   ", "_"},
		{"CON", "_CON"},
		{"con.pdf", "_con.pdf"},
		{"Nul .txt", "_Nul .txt"},
		{"COM1.xlsx", "_COM1.xlsx"},
		{"lpt9", "_lpt9"},
		{"COM10.pdf", "COM10.pdf"},
		{"CONSOLE.pdf", "CONSOLE.pdf"},
		{"AUXILIARY", "AUXILIARY"},
	} {
		if got := SafeName(c.in); got != c.want {
			t.Errorf("SafeName(%q) = %q, want %q", c.in, got, c.want)
		}
	}
	long := strings.Repeat("村（社区）“两委”后备力量", 20) + ".xlsx"
	got := SafeName(long)
	if len(got) > MaxNameBytes || !strings.HasSuffix(got, ".xlsx") || !utf8.ValidString(got) ||
		!strings.HasPrefix(long, strings.TrimSuffix(got, ".xlsx")) {
		t.Errorf("long name shortened to %q (%d bytes)", got, len(got))
	}
	if got := SafeName(strings.Repeat("a", 300) + ".not-an-extension!"); len(got) > MaxNameBytes {
		t.Errorf("%d bytes", len(got))
	}
}

// BenchmarkWrite writes a certificate-sized file (60 KB) the way every
// user file is written: temporary file, sync, rename.
func BenchmarkWrite(b *testing.B) {
	dir := b.TempDir()
	data := make([]byte, 60<<10)
	for i := 0; b.Loop(); i++ {
		if err := WriteBytes(filepath.Join(dir, "c.pdf"), data); err != nil {
			b.Fatal(err)
		}
	}
}
