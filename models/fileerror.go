package models

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"
)

// FileError turns a file system error about a path into a domain error
// that names the folder or file and says what is wrong, in words a user
// can act on and that the window translates: a folder that does not
// exist (Windows' raw "The system cannot find the path specified", Unix's
// "no such file or directory"), a file that does not exist, a folder or
// file the user may not write to. Domain errors and other errors are
// returned as they are.
func FileError(err error) error {
	var de *Error
	var pe *fs.PathError
	if err == nil || errors.As(err, &de) || !errors.As(err, &pe) || pe.Path == "" {
		return err
	}
	switch {
	case errors.Is(pe.Err, fs.ErrNotExist):
		if folder := missingFolder(pe.Path); folder != "" {
			return Errorf(ENOTFOUND, "", "The folder {{.Folder}} does not exist.", "Folder", folder)
		}
		return Errorf(ENOTFOUND, "", "The file {{.File}} does not exist.", "File", pe.Path)
	case errors.Is(pe.Err, fs.ErrPermission):
		return Errorf(EINVALID, "", "Peiyang may not open {{.File}}: ask for access, or choose another folder.", "File", pe.Path)
	}
	return err
}

// missingFolder returns the outermost folder of path that does not exist,
// or "" when path's folder exists.
func missingFolder(path string) string {
	dir := filepath.Dir(path)
	missing := ""
	for {
		if _, err := os.Stat(dir); err == nil || !errors.Is(err, fs.ErrNotExist) {
			return missing
		}
		missing = dir
		parent := filepath.Dir(dir)
		if parent == dir {
			return missing
		}
		dir = parent
	}
}
