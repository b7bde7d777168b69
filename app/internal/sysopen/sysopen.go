// Package sysopen opens a file the window saved with the program the
// system associates with it (a PDF reader, a spreadsheet), or shows it in
// the file manager, and says honestly whether that worked: a system
// without a program for the file gets ErrNoViewer's message, not silence.
//
// On Linux and the BSDs it runs xdg-open on the file's absolute path, on
// macOS open, on Windows ShellExecute (no file:// URL is built by hand:
// drive letters and Chinese names survive). A launcher that is still running
// after a few seconds is taken to have started the viewer (some run it in
// the foreground).
package sysopen

import (
	"path/filepath"

	"peiyang/models"
)

// MsgNoViewer says that no program could open a file.
const MsgNoViewer = "No program on this computer opened {{.File}}. It is saved in {{.Dir}}: open it from there."

// MsgNoFileManager says that the folder could not be shown.
const MsgNoFileManager = "The folder {{.Dir}} could not be shown. {{.File}} is saved there."

// Open opens the file with the system's program for it.
func Open(path string) error {
	if err := open(path); err != nil {
		return models.Errorf(models.EINVALID, "file", MsgNoViewer, "File", filepath.Base(path), "Dir", filepath.Dir(path))
	}
	return nil
}

// Reveal shows the file in the system's file manager: its folder, with the
// file selected where the system allows.
func Reveal(path string) error {
	if err := reveal(path); err != nil {
		return models.Errorf(models.EINVALID, "file", MsgNoFileManager, "File", filepath.Base(path), "Dir", filepath.Dir(path))
	}
	return nil
}
