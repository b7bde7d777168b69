// Package privatetest asserts in tests that a file is private by the
// platform's rule (package private): mode 0600 on Unix, an access list
// for the current user alone on Windows.
package privatetest

import (
	"testing"

	"peiyang/internal/private"
)

// Assert fails the test unless only the owner can read the file or folder
// at path. Where that cannot be told (Wine), it logs so and checks nothing.
func Assert(t testing.TB, path string) {
	t.Helper()
	if why := private.Unverifiable(); why != "" {
		t.Logf("%s: privacy not checked: %s", path, why)
		return
	}
	if err := private.Check(path); err != nil {
		t.Error(err)
	}
}
