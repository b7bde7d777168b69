package userdirs

import (
	"os"
	"path/filepath"
	"runtime"
	"testing"
)

// On Windows the known folder is asked for; under Wine it is the prefix's
// C:\users\NAME\Documents (or whatever the registry redirects it to).
func TestDocuments(t *testing.T) {
	d, err := Documents()
	if err != nil {
		t.Fatal(err)
	}
	if !filepath.IsAbs(d) {
		t.Errorf("Documents() = %q, not absolute", d)
	}
	if runtime.GOOS == "windows" {
		if fi, err := os.Stat(d); err != nil || !fi.IsDir() {
			t.Errorf("Documents() = %q, not a folder: %v", d, err)
		}
	}
}
