// Package userdirs finds the user's documents folder the way the platform
// defines it: on Windows the Documents known folder (which may have been
// moved to OneDrive or another drive), on Linux and the BSDs the XDG
// documents directory (XDG_DOCUMENTS_DIR, from the environment or
// user-dirs.dirs, e.g. ~/文档 on a Chinese desktop), else ~/Documents.
package userdirs

// Documents returns the user's documents folder. It does not make it.
func Documents() (string, error) { return documents() }
