// Package userfile writes the files a user asks for (printed documents,
// workbooks, exports, certificates) and names them. The window, the
// command line and the report packages all write through it, so that every
// such file is written the same way: whole or not at all, readable by its
// owner only, with a clear message when the folder or the disk refuses it.
package userfile

import (
	"bufio"
	"errors"
	"io"
	"io/fs"
	"os"
	"path/filepath"

	"peiyang/internal/private"
	"peiyang/models"
)

// Messages of the errors Write returns; each is a *models.Error on the
// field "file" whose data name the file (File) and its folder (Dir).
const (
	MsgNoFolder   = "{{.File}} was not saved: the folder {{.Dir}} does not exist."
	MsgPermission = "{{.File}} was not saved: you may not write in the folder {{.Dir}}."
	MsgDiskFull   = "{{.File}} was not saved: the disk is full."
	MsgReplace    = "{{.File}} was not saved: the file there is read-only or open in another program. Close it, or save under another name."
	MsgFailed     = "{{.File}} was not saved: {{.Err}}"
)

// Write writes the file at path with what write writes, through a
// temporary file in the same folder: the data are buffered, flushed and
// synced to the disk, and only then does the file take path's name,
// replacing any file there. So path holds either its old content or the
// whole new one, never part of it, even when the program stops half way.
// The file is readable and writable by its owner only (private.Restrict:
// mode 0600, or on Windows an access list for the user alone), before a
// byte is written: what users print holds personal data.
//
// On every failure (write's own error, a panic in write, a full disk, a
// refused rename) the temporary file is removed and path is left as it
// was. An error of write that did not come from writing passes through
// unchanged; a failure of the file system is a *models.Error (see the Msg
// constants) whose message says what to do.
func Write(path string, write func(w io.Writer) error) (err error) {
	dir := filepath.Dir(path)
	tmp, err := os.CreateTemp(dir, ".peiyang-*.tmp")
	if err != nil {
		return fail(path, err, false)
	}
	done := false
	defer func() {
		if !done {
			tmp.Close()
			os.Remove(tmp.Name())
		}
	}()
	if err := private.Restrict(tmp.Name()); err != nil {
		return fail(path, err, false)
	}
	w := &errWriter{w: bufio.NewWriterSize(tmp, 256<<10)}
	if err := write(w); err != nil {
		if w.err != nil {
			return fail(path, w.err, false)
		}
		return err
	}
	if w.err != nil {
		return fail(path, w.err, false)
	}
	for _, step := range []func() error{w.w.Flush, tmp.Sync, tmp.Close} {
		if err := step(); err != nil {
			return fail(path, err, false)
		}
	}
	if err := os.Rename(tmp.Name(), path); err != nil {
		return fail(path, err, true)
	}
	done = true
	syncDir(dir)
	return nil
}

// WriteBytes writes data to the file at path as Write does.
func WriteBytes(path string, data []byte) error {
	return Write(path, func(w io.Writer) error {
		_, err := w.Write(data)
		return err
	})
}

// errWriter remembers the first error of the file underneath, so that
// Write can tell a failing disk from write's own errors.
type errWriter struct {
	w   *bufio.Writer
	err error
}

func (e *errWriter) Write(p []byte) (int, error) {
	if e.err != nil {
		return 0, e.err
	}
	n, err := e.w.Write(p)
	if err != nil {
		e.err = err
	}
	return n, err
}

// fail turns a file system error into the message a user can act on;
// replacing tells that the data were written and only the rename failed.
func fail(path string, err error, replacing bool) error {
	data := []any{"File", filepath.Base(path), "Dir", filepath.Dir(path)}
	msg := MsgFailed
	switch {
	case isDiskFull(err):
		msg = MsgDiskFull
	case replacing && (errors.Is(err, fs.ErrPermission) || inUse(err)):
		msg = MsgReplace
	case errors.Is(err, fs.ErrNotExist):
		msg = MsgNoFolder
	case errors.Is(err, fs.ErrPermission):
		msg = MsgPermission
	default:
		data = append(data, "Err", errText(err))
	}
	return models.Errorf(models.EINVALID, "file", msg, data...)
}

// errText is the system's reason for a failure, without the paths the
// *PathError and *LinkError wrappers add.
func errText(err error) string {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err.Error()
	}
	var le *os.LinkError
	if errors.As(err, &le) {
		return le.Err.Error()
	}
	return err.Error()
}
