//go:build !unix

package certificate_test

import "testing"

// specialFiles: Windows has neither /dev/zero nor named pipes in folders.
func specialFiles(*testing.T, string) map[string]string { return nil }
