package printing

import (
	"os"
	"path/filepath"
	"runtime"
	"time"
)

// TempFile returns a new file in the temporary folder to write a document
// to before printing it, readable by its owner only, and the function
// that removes it once the print system has it: at once where lp has read
// it when Print returns; on Windows, where the PDF program reads it after
// printto returns, a day later (TempFile removes what is older than that).
func TempFile() (path string, done func(), err error) {
	dir := filepath.Join(os.TempDir(), "peiyang-print")
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return "", nil, err
	}
	entries, _ := os.ReadDir(dir)
	for _, en := range entries {
		if fi, err := en.Info(); err == nil && time.Since(fi.ModTime()) > 24*time.Hour {
			os.Remove(filepath.Join(dir, en.Name()))
		}
	}
	f, err := os.CreateTemp(dir, "*.pdf")
	if err != nil {
		return "", nil, err
	}
	f.Close()
	if runtime.GOOS == "windows" {
		return f.Name(), func() {}, nil
	}
	return f.Name(), func() { os.Remove(f.Name()) }, nil
}
