package certificate_test

import (
	"bytes"
	"context"
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
	refusesHostileFiles(t, settings.CertBackground, settings.MaxImageBytes, imageMessages{settings.MsgImageNotFile,
		settings.MsgImageType, settings.MsgImageTooBig, settings.MsgImagePixels, settings.MsgImageDamaged, settings.MsgImageUnreadable})
}

// The scan of the seal is held to the background's pixel limits (a PNG
// of 16384² pixels, which the PDF writer would take, is refused before it
// is decoded) and to its own smaller size.
func TestSealRefusesHostileFiles(t *testing.T) {
	refusesHostileFiles(t, settings.CertSealImage, settings.MaxSealBytes, imageMessages{settings.MsgSealNotFile,
		settings.MsgSealType, settings.MsgSealTooBig, settings.MsgSealPixels, settings.MsgSealDamaged, settings.MsgSealUnreadable})
}

// imageMessages are the refusals of a setting that names an image file.
type imageMessages struct{ notFile, typ, tooBig, pixels, damaged, unreadable string }

func refusesHostileFiles(t *testing.T, key string, maxBytes int, m imageMessages) {
	f := certtest.New(t)
	dir := t.TempDir()
	write := func(name string, b []byte) string {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, b, 0o600); err != nil {
			t.Fatal(err)
		}
		return p
	}
	cases := map[string][2]string{
		"a folder":               {dir, m.notFile},
		"a text file":            {write("bg.png", []byte("not an image")), m.typ},
		"a file over the limit":  {write("big.png", append(pngOf(t, 4, 4), make([]byte, maxBytes)...)), m.tooBig},
		"a PNG of 20000² pixels": {write("huge.png", pngHeader(20000, 20000)), m.pixels},
		"a PNG of 16384² pixels": {write("max.png", pngHeader(16384, 16384)), m.pixels},
		"a PNG of 9000×9000":     {write("wide.png", pngHeader(9000, 9000)), m.pixels},
		"a damaged PNG":          {write("cut.png", pngOf(t, 64, 64)[:80]), m.damaged},
		"a missing file":         {filepath.Join(dir, "none.png"), m.unreadable},
	}
	for what, path := range specialFiles(t, dir) {
		cases[what] = [2]string{path, m.notFile}
	}
	for what, c := range cases {
		done := make(chan error, 1)
		go func() { done <- f.Svc.Settings.SaveSettings(f.Ctx, map[string]string{key: c[0]}) }()
		var err error
		select {
		case err = <-done:
		case <-time.After(time.Minute): // a hang, not a slow machine
			t.Fatalf("%s: still reading after a minute", what)
		}
		var l models.ErrorList
		if !errors.As(err, &l) || len(l) != 1 || l[0].Message != c[1] || l[0].Field != key {
			t.Errorf("%s: %v, want %q", what, err, c[1])
		}
	}
	if v, _ := f.Svc.Settings.Setting(f.Ctx, key); v != "" {
		t.Errorf("a refused %s was stored: %q", key, v)
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

// sealCopy is a database holding a seal image setting and its copy.
type sealCopy struct{ data []byte }

func (sealCopy) Setting(_ context.Context, key string) (string, error) {
	if key == settings.CertSealImage {
		return "seal.png", nil
	}
	return "", nil
}

func (c sealCopy) SettingFile(_ context.Context, key string) (*models.SettingFile, error) {
	if key == settings.CertSealImage {
		return &models.SettingFile{Key: key, Data: c.data}, nil
	}
	return nil, nil
}

// A seal's copy kept in the database is checked again when it is read,
// with the settings' limits: one the PDF writer would still take (16384²
// pixels) is refused before it is decoded, and so is one over the size.
func TestSealCopyHeldToTheLimits(t *testing.T) {
	for what, c := range map[string]struct {
		data []byte
		want string
	}{
		"16384² pixels":    {pngHeader(16384, 16384), settings.MsgSealPixels},
		"over 2 MB":        {append(pngOf(t, 4, 4), make([]byte, settings.MaxSealBytes)...), settings.MsgSealTooBig},
		"not an image":     {[]byte("not an image"), settings.MsgSealType},
		"a truncated scan": {pngOf(t, 64, 64)[:80], settings.MsgSealDamaged},
	} {
		_, err := certificate.LoadSettings(context.Background(), sealCopy{c.data})
		var l models.ErrorList
		if !errors.As(err, &l) || l.ByField()[settings.CertSealImage] == nil || l.ByField()[settings.CertSealImage].Message != c.want {
			t.Errorf("a copy of %s: %v, want %q", what, err, c.want)
		}
	}
	if _, err := certificate.LoadSettings(context.Background(), sealCopy{pngOf(t, 64, 64)}); err != nil {
		t.Errorf("a good copy: %v", err)
	}
}
