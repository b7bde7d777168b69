package app

import (
	"context"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/storage"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"peiyang/app/kit"
	"peiyang/internal/userfile"
)

// Files for the certificate, import and export screens: the file dialogs,
// opening what was written with the system's viewer, and small helpers.

// openWithSystem opens a file or folder with the system's viewer (a PDF
// reader, the file manager). Tests replace it: the test app's OpenURL does
// nothing, and the tests check what would have been opened.
var openWithSystem = func(a fyne.App, path string) error {
	u, err := url.Parse(storage.NewFileURI(path).String())
	if err != nil {
		return err
	}
	return a.OpenURL(u)
}

// lastFolder is the folder of the last file chosen, where the next file
// dialog opens; UI thread only.
var lastFolder string

// fileDialogSize is the size of the file dialogs: big enough for long
// Chinese file names.
var fileDialogSize = fyne.NewSize(960, 620)

// startIn makes a file dialog open in the last folder used, else the home
// folder.
func startIn(d *dialog.FileDialog) {
	for _, dir := range []string{lastFolder, homeDir()} {
		if dir == "" {
			continue
		}
		if l, err := storage.ListerForURI(storage.NewFileURI(dir)); err == nil {
			d.SetLocation(l)
			return
		}
	}
}

func homeDir() string {
	h, err := os.UserHomeDir()
	if err != nil {
		return ""
	}
	return h
}

// chooseOpenFile asks for a file with one of the extensions (".xlsx") and
// hands its path to done.
func chooseOpenFile(win fyne.Window, exts []string, done func(path string)) {
	d := dialog.NewFileOpen(func(r fyne.URIReadCloser, err error) {
		if err != nil {
			showError(win, err)
			return
		}
		if r == nil {
			return // cancelled
		}
		path := r.URI().Path()
		r.Close()
		lastFolder = filepath.Dir(path)
		done(path)
	}, win)
	d.SetFilter(storage.NewExtensionFileFilter(exts))
	startIn(d)
	d.Resize(fileDialogSize)
	d.Show()
}

// chooseSaveFile asks where to save a file, suggesting name, and hands
// the path, ending in ext (".xlsx"), to done. The dialog creates the file
// empty; the writer replaces it.
func chooseSaveFile(win fyne.Window, name, ext string, done func(path string)) {
	d := dialog.NewFileSave(func(w fyne.URIWriteCloser, err error) {
		if err != nil {
			showError(win, err)
			return
		}
		if w == nil {
			return // cancelled
		}
		path := w.URI().Path()
		w.Close()
		if !strings.EqualFold(filepath.Ext(path), ext) {
			removeIfEmpty(path)
			path += ext
		}
		lastFolder = filepath.Dir(path)
		done(path)
	}, win)
	d.SetFileName(name)
	d.SetFilter(storage.NewExtensionFileFilter([]string{ext}))
	startIn(d)
	d.Resize(fileDialogSize)
	d.Show()
}

// chooseFolder asks for a folder and hands its path to done.
func chooseFolder(win fyne.Window, done func(path string)) {
	d := dialog.NewFolderOpen(func(l fyne.ListableURI, err error) {
		if err != nil {
			showError(win, err)
			return
		}
		if l == nil {
			return
		}
		lastFolder = l.Path()
		done(l.Path())
	}, win)
	startIn(d)
	d.Resize(fileDialogSize)
	d.Show()
}

// removeIfEmpty removes a file the save dialog created and nothing
// filled.
func removeIfEmpty(path string) {
	if fi, err := os.Stat(path); err == nil && fi.Mode().IsRegular() && fi.Size() == 0 {
		os.Remove(path)
	}
}

// safeFileName makes s usable in a file name on every system
// (userfile.SafeName).
func safeFileName(s string) string { return userfile.SafeName(s) }

// stamp is today's date for file names: 2025-06-15.
func (u *ui) stamp() string { return u.svc.Today().String() }

// now is the service clock's day at the wall clock's time, for the
// packages that take a clock (imports, exports).
func (u *ui) now() time.Time {
	t := time.Now()
	d := u.svc.Today().Time()
	return time.Date(d.Year(), d.Month(), d.Day(), t.Hour(), t.Minute(), t.Second(), 0, time.Local)
}

// showWritten tells where a file or folder was written, with a button
// that opens it.
func (u *ui) showWritten(title, message, open string) {
	path := widget.NewLabel(open)
	path.Wrapping = fyne.TextWrapBreak
	path.SizeName = theme.SizeNameCaptionText
	path.Selectable = true
	openBtn := kit.Action{Label: T("import.open"), Icon: theme.FolderOpenIcon(), Then: func() {
		if err := openWithSystem(u.app, open); err != nil {
			u.showError(err)
		}
	}}
	kit.Show(u.win, title, kit.Stack(520, kit.WrapLabel(message, widget.MediumImportance), path), fyne.Size{}, kit.Close(), openBtn)
}

// audit records in the audit trail an event that changes no record (a
// print, an export), as the command line does; detail holds no personal
// data.
func (u *ui) audit(ctx context.Context, action, entity string, id int64, detail map[string]any) error {
	detail["source"] = "window"
	return u.svc.Audit.RecordAudit(ctx, action, entity, id, detail)
}
