//go:build !windows && !darwin

package sysopen

import "path/filepath"

// opener is the launcher; a variable for the tests.
var opener = "xdg-open"

// open hands xdg-open the file's absolute path, which it takes as it is
// (spaces, Chinese); an absolute path is never taken for an option.
func open(path string) error {
	abs, err := filepath.Abs(path)
	if err != nil {
		return err
	}
	return launch(opener, abs)
}

// reveal opens the file's folder: freedesktop has no common way to select
// the file in it.
func reveal(path string) error { return open(filepath.Dir(path)) }
