package certificate_test

import (
	"bytes"
	"database/sql"
	"encoding/binary"
	"errors"
	"hash/crc32"
	"image"
	"image/color"
	"image/png"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	_ "modernc.org/sqlite"

	"peiyang/models"
	"peiyang/reports/certificate"
	"peiyang/reports/certificate/certtest"
	"peiyang/settings"
	"peiyang/store"
	"peiyang/training"
)

func pngOf(t *testing.T, w, h int) []byte {
	t.Helper()
	img := image.NewRGBA(image.Rect(0, 0, w, h))
	for i := range img.Pix {
		img.Pix[i] = 0xE0
	}
	img.Set(0, 0, color.RGBA{0xB5, 0x12, 0x1B, 0xFF})
	var b bytes.Buffer
	if err := png.Encode(&b, img); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

// pngHeader is the start of a PNG that claims w×h pixels: all a decoder
// reads before it allocates them.
func pngHeader(w, h uint32) []byte {
	var ihdr [13]byte
	binary.BigEndian.PutUint32(ihdr[0:], w)
	binary.BigEndian.PutUint32(ihdr[4:], h)
	ihdr[8], ihdr[9] = 8, 2 // 8 bits, RGB
	chunk := append([]byte("IHDR"), ihdr[:]...)
	out := []byte("\x89PNG\r\n\x1a\n")
	out = binary.BigEndian.AppendUint32(out, 13)
	out = append(out, chunk...)
	return binary.BigEndian.AppendUint32(out, crc32.ChecksumIEEE(chunk))
}

// The background setting reads only a regular image file within the
// limits, refusing devices, pipes, folders, huge files and images whose
// pixels would not fit in memory before reading them; each refusal says
// why.
func TestBackgroundRefusesHostileFiles(t *testing.T) {
	f := certtest.New(t)
	dir := t.TempDir()
	write := func(name string, b []byte) string {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, b, 0o600); err != nil {
			t.Fatal(err)
		}
		return p
	}
	big := write("big.png", append(pngOf(t, 4, 4), make([]byte, settings.MaxImageBytes)...))
	cases := map[string]string{
		"a folder":               dir,
		"a text file":            write("bg.png", []byte("not an image")),
		"a file over 20 MB":      big,
		"a PNG of 20000² pixels": write("huge.png", pngHeader(20000, 20000)),
		"a PNG of 9000×9000":     write("wide.png", pngHeader(9000, 9000)),
		"a damaged PNG":          write("cut.png", pngOf(t, 64, 64)[:80]),
		"a missing file":         filepath.Join(dir, "none.png"),
	}
	want := map[string]string{
		"a folder": settings.MsgImageNotFile, "a text file": settings.MsgImageType, "a file over 20 MB": settings.MsgImageTooBig,
		"a PNG of 20000² pixels": settings.MsgImagePixels, "a PNG of 9000×9000": settings.MsgImagePixels,
		"a damaged PNG": settings.MsgImageDamaged, "a missing file": settings.MsgImageUnreadable,
	}
	for what, path := range specialFiles(t, dir) {
		cases[what], want[what] = path, settings.MsgImageNotFile
	}
	for what, path := range cases {
		done := make(chan error, 1)
		go func() { done <- f.Svc.Settings.SaveSettings(f.Ctx, map[string]string{settings.CertBackground: path}) }()
		var err error
		select {
		case err = <-done:
		case <-time.After(time.Minute): // a hang, not a slow machine
			t.Fatalf("%s: still reading after a minute", what)
		}
		var l models.ErrorList
		if !errors.As(err, &l) || len(l) != 1 || l[0].Message != want[what] || l[0].Field != settings.CertBackground {
			t.Errorf("%s: %v, want %q", what, err, want[what])
		}
	}
	if v, _ := f.Svc.Settings.Setting(f.Ctx, settings.CertBackground); v != "" {
		t.Errorf("a refused background was stored: %q", v)
	}
}

// The image is copied into the database when it is set: printing uses
// the copy after the file is changed or gone, the copy is checked again
// when it is read, and the audit trail names it without its bytes.
func TestBackgroundCopiedIntoTheDatabase(t *testing.T) {
	f := certtest.New(t)
	path := filepath.Join(t.TempDir(), "底纹.png")
	img := pngOf(t, 60, 42)
	if err := os.WriteFile(path, img, 0o600); err != nil {
		t.Fatal(err)
	}
	if err := f.Svc.Settings.SaveSettings(f.Ctx, map[string]string{settings.CertBackground: path}); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, []byte("changed"), 0o600); err != nil {
		t.Fatal(err)
	}
	s, err := certificate.LoadSettings(f.Ctx, f.Svc.Settings)
	if err != nil || s.Background != path {
		t.Fatalf("after the file changed: %v, background %q", err, s.Background)
	}
	os.Remove(path)
	if _, err := certificate.LoadSettings(f.Ctx, f.Svc.Settings); err != nil {
		t.Fatalf("after the file went: %v", err)
	}
	kept, err := f.Svc.Settings.SettingFile(f.Ctx, settings.CertBackground)
	if err != nil || kept == nil || !bytes.Equal(kept.Data, img) || kept.Type != "PNG" || kept.Name != "底纹.png" {
		t.Fatalf("copy %+v %v", kept, err)
	}
	entries, err := f.DB.FindAudit(f.Ctx, store.AuditFilter{})
	if err != nil {
		t.Fatal(err)
	}
	found := false
	for _, e := range entries {
		if e.Entity == "setting_files" {
			found = true
			if !strings.Contains(e.After, kept.SHA256) || len(e.After) > 400 {
				t.Errorf("audit entry %q", e.After)
			}
		}
	}
	if !found {
		t.Error("no audit entry for the copy")
	}

	// A copy damaged in the database is refused when read.
	f.Close()
	raw, err := sql.Open("sqlite", f.Path)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := raw.Exec(`UPDATE setting_files SET data = ?`, pngHeader(30000, 30000)); err != nil {
		t.Fatal(err)
	}
	raw.Close()
	db, err := store.Open(f.Path)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	_, err = certificate.LoadSettings(f.Ctx, db)
	var l models.ErrorList
	if !errors.As(err, &l) || l.ByField()[settings.CertBackground] == nil || l.ByField()[settings.CertBackground].Message != settings.MsgImagePixels {
		t.Fatalf("damaged copy: %v", err)
	}

	// Emptying the setting removes the copy.
	if err := training.New(db).Settings.SaveSettings(f.Ctx, map[string]string{settings.CertBackground: ""}); err != nil {
		t.Fatal(err)
	}
	if kept, _ := db.SettingFile(f.Ctx, settings.CertBackground); kept != nil {
		t.Error("the copy outlived the setting")
	}
}
