// Package private keeps the files Peiyang writes (the database, backups,
// exports, printed documents) readable by their owner only, on every
// platform. On Linux and other Unix systems that is mode 0600 (folders
// 0700). On Windows the mode bits mean nothing: the file gets an
// access-control list that grants the current user alone full control,
// with the entries inherited from its folder removed, so that it stays
// private wherever it is written (a shared drive, a USB stick, C:\Temp),
// not only inside the user's own %APPDATA% and Documents folders.
//
// Restrict applies the rule; Check tells whether a file follows it, for
// the tests, which so assert the platform's rule rather than a Unix mode.
package private

import "os"

// Restrict makes the file or folder at path readable and writable by its
// owner (on Windows: the current user) only.
func Restrict(path string) error { return restrict(path) }

// Check returns nil when only the owner (on Windows: the current user)
// can read the file or folder at path, and otherwise an error saying who
// else can.
func Check(path string) error { return check(path) }

// Unverifiable returns why Check cannot tell on this system, or "" when
// it can: Wine makes up a file's access list from its Unix mode and does
// not keep the one Restrict sets.
func Unverifiable() string { return unverifiable() }

// Rule describes the platform's rule in a few words, for help texts:
// "mode 0600" or "readable by your account only".
func Rule() string { return rule }

// WriteFile writes data to a new or truncated file at path and restricts
// it before a byte is written.
func WriteFile(path string, data []byte) error {
	f, err := os.OpenFile(path, os.O_WRONLY|os.O_CREATE|os.O_TRUNC, 0o600)
	if err != nil {
		return err
	}
	if err := Restrict(path); err != nil {
		f.Close()
		return err
	}
	if _, err := f.Write(data); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}
