package app

import (
	"context"
	"io"
	"os"
	"path/filepath"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"peiyang/app/internal/sysopen"
	"peiyang/app/kit"
	"peiyang/internal/userdirs"
	"peiyang/internal/userfile"
	"peiyang/printing"
)

// The window's one way to save a file the user asked for (a roster, a
// sign-in sheet, a list, certificates, a workbook, a calibration page, a
// backup):
//
//  1. the save dialog asks where: it opens in the folder last used for
//     that kind of document (else the folder the Settings screen names,
//     else Peiyang in the documents folder), with the file's name offered;
//  2. a file that is there already is replaced only when the user says
//     so;
//  3. the file is written in the background, whole or not at all
//     (userfile.Write), and the audit trail records it;
//  4. the window says where it went, with Open and Show in folder, and
//     says so when no program could open it.

// docKind is a kind of document, whose folder the save dialog remembers.
type docKind string

const (
	docLists        docKind = "lists" // rosters, sign-in sheets, lists, reports
	docCertificates docKind = "certificates"
	docExports      docKind = "exports" // workbooks, feedback packages
	docBackups      docKind = "backups"
)

// prefDefaultFolder is the preference of the folder documents are saved
// to until a kind has its own; the Settings screen sets it.
const prefDefaultFolder = "folder.default"

// prefFolder is the preference that remembers a kind's last folder.
func prefFolder(k docKind) string { return "folder." + string(k) }

// openFile and revealFile open a saved file or show it in its folder;
// tests record what they would have opened.
var (
	openFile   = sysopen.Open
	revealFile = sysopen.Reveal
)

// saveJob is a file the user asked for.
type saveJob struct {
	kind  docKind
	title string // the dialogs' and the progress's title
	name  string // the file name offered; made safe
	ext   string // ".pdf"
	// write writes the file in the background, reporting progress.
	write func(ctx context.Context, p *Progress, w io.Writer) error
	// audit is what the audit trail records of it.
	audit auditNote
	// saved is the confirmation's first line, once the file is written.
	saved func() string
}

// auditNote is an audit entry of a print or an export: no personal data.
type auditNote struct {
	action, entity string // "print", "export"; the kind of record, "" for none
	id             int64
	detail         map[string]any // "what" at least
}

// save asks where to save the file, writes it and says where it went; a
// PDF may be printed instead (print_dialog.go).
func (u *ui) save(j saveJob) {
	d := u.askSave(j.kind, j.title, j.name, j.ext, func(path string) { u.writeSaved(j, path) })
	if j.ext == ".pdf" {
		d.offerPrint(j.title, func(o printing.Options) { u.printSaveJob(j, o) })
	}
}

// writeSaved writes the file in the background and confirms it.
func (u *ui) writeSaved(j saveJob, path string) *task {
	return u.runTask(j.title, func(ctx context.Context, p *Progress) error {
		if err := userfile.Write(path, func(w io.Writer) error { return j.write(ctx, p, w) }); err != nil {
			return err
		}
		return u.auditFile(ctx, j.audit, path)
	}, func() {
		msg := ""
		if j.saved != nil {
			msg = j.saved()
		}
		u.showSaved(j.title, msg, path)
	})
}

// auditFile records a print or an export of the file, as the command line
// does.
func (u *ui) auditFile(ctx context.Context, n auditNote, path string) error {
	detail := map[string]any{"file": filepath.Base(path)}
	for k, v := range n.detail {
		detail[k] = v
	}
	return u.audit(ctx, n.action, n.entity, n.id, detail)
}

// audit records in the audit trail an event that changes no record (a
// print, an export, a reveal); detail holds no personal data.
func (u *ui) audit(ctx context.Context, action, entity string, id int64, detail map[string]any) error {
	detail["source"] = "window"
	return u.svc.Audit.RecordAudit(ctx, action, entity, id, detail)
}

// folderFor is where the save dialog opens for a kind of document.
func (u *ui) folderFor(kind docKind) string {
	prefs := u.app.Preferences()
	for _, dir := range []string{prefs.String(prefFolder(kind)), prefs.String(prefDefaultFolder)} {
		if dir != "" && isFolder(dir) {
			return dir
		}
	}
	return defaultDocFolder()
}

// defaultDocFolder is Peiyang in the user's documents folder, made when
// missing; the home folder when it cannot be.
func defaultDocFolder() string {
	home, _ := os.UserHomeDir()
	docs, err := userdirs.Documents()
	if err != nil {
		return home
	}
	dir := filepath.Join(docs, "Peiyang")
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return docs
	}
	return dir
}

func isFolder(dir string) bool {
	fi, err := os.Stat(dir)
	return err == nil && fi.IsDir()
}

// remember keeps the folder as the kind's for next time.
func (u *ui) remember(kind docKind, dir string) { u.app.Preferences().SetString(prefFolder(kind), dir) }

// showSaved says where a file or folder was saved, with Open and Show in
// folder; a failure to open is said, not swallowed.
func (u *ui) showSaved(title, message, path string) *kit.Dialog {
	where := widget.NewLabel(T("files.saved_to", "Path", path))
	where.Wrapping = fyne.TextWrapBreak
	where.Selectable = true
	objs := []fyne.CanvasObject{where}
	if message != "" {
		objs = append([]fyne.CanvasObject{kit.WrapLabel(message, widget.MediumImportance)}, objs...)
	}
	report := func(err error) {
		if err != nil {
			u.showError(err)
		}
	}
	open := kit.Action{Label: T("files.open_file"), Icon: theme.FileIcon(), Importance: widget.HighImportance,
		Then: func() { u.launch(openFile, path, report) }}
	reveal := kit.Action{Label: T("files.show_in_folder"), Icon: theme.FolderOpenIcon(),
		Then: func() { u.launch(revealFile, path, report) }}
	return kit.Show(u.win, title, kit.Stack(520, objs...), fyne.Size{}, kit.Close(), reveal, open)
}

// launch runs an opener off the UI thread (it may wait for the launcher)
// and hands its outcome back.
func (u *ui) launch(fn func(string) error, path string, done func(error)) {
	u.jobs.Add(1)
	go func() {
		defer u.jobs.Done()
		err := fn(path)
		onUI(func() { done(err) })
	}()
}

// saveDialog asks where to save a file: the folder (changed with the
// folder dialog) and the name.
type saveDialog struct {
	u      *ui
	kind   docKind
	ext    string
	dir    string
	folder *widget.Label
	name   *kit.Entry
	form   *kit.Form
	dialog *kit.Dialog
}

// askSave asks where to save a file named name (made safe, ending in
// ext) and hands the path to then. A file there already is replaced only
// when the user confirms it.
func (u *ui) askSave(kind docKind, title, name, ext string, then func(path string)) *saveDialog {
	d := &saveDialog{u: u, kind: kind, ext: ext, dir: u.folderFor(kind), form: kit.NewForm()}
	d.folder = widget.NewLabel(d.dir)
	d.folder.Wrapping = fyne.TextWrapBreak
	change := widget.NewButtonWithIcon(T("files.change_folder"), theme.FolderOpenIcon(), func() {
		kit.ChooseFolder(u.win, T("files.choose_folder_title"), d.dir, d.setDir)
	})
	d.name = kit.NewEntry()
	d.name.SetText(userfile.SafeName(name))
	body := d.form.Grid(
		kit.Row(T("files.folder"), container.NewBorder(nil, nil, nil, change, d.folder)),
		d.form.Row("name", T("files.name"), d.name),
	)
	d.form.Contain(body)
	d.dialog = kit.ShowForm(u.win, title, kit.Stack(560, body, d.form.General()), fyne.Size{}, d.form, func() bool {
		d.submit(then)
		return false
	})
	d.dialog.Button(1).SetText(T("files.save"))
	u.win.Canvas().Focus(d.name)
	u.saving = d
	return d
}

// setDir takes the folder chosen.
func (d *saveDialog) setDir(dir string) {
	d.dir = dir
	d.folder.SetText(dir)
	d.form.Set("name", "")
}

// path is the file the dialog names: its name made safe, with the
// extension.
func (d *saveDialog) path() string {
	name := strings.TrimSpace(d.name.Text)
	if !strings.EqualFold(filepath.Ext(name), d.ext) {
		name += d.ext
	}
	return filepath.Join(d.dir, userfile.SafeName(name))
}

// submit checks the name and the folder, asks before replacing a file,
// and hands on the path.
func (d *saveDialog) submit(then func(path string)) {
	if strings.TrimSpace(strings.TrimSuffix(d.name.Text, d.ext)) == "" {
		d.form.Set("name", T("files.need_name"))
		return
	}
	path := d.path()
	go1 := func() {
		d.dialog.Hide()
		d.u.remember(d.kind, d.dir)
		then(path)
	}
	fi, err := os.Stat(path)
	switch {
	case err == nil && fi.IsDir():
		d.form.Set("name", T("files.is_folder", "File", filepath.Base(path)))
	case err == nil:
		kit.Confirm(d.u.win, T("files.replace_title"), T("files.replace_message", "File", filepath.Base(path), "Dir", d.dir),
			T("files.replace"), go1)
	default:
		go1()
	}
}

// docImports and docImages are the kinds of the files the window reads:
// lists to import, images for certificates.
const (
	docImports docKind = "imports"
	docImages  docKind = "images"
)

// chooseFile asks for a file of one of the extensions (".xlsx"), starting
// in the folder last used for the kind, and hands its path to done.
func (u *ui) chooseFile(kind docKind, title string, exts []string, done func(path string)) *kit.Dialog {
	return kit.ChooseFile(u.win, title, u.folderFor(kind), exts, func(path string) {
		u.remember(kind, filepath.Dir(path))
		done(path)
	})
}

// askFolder asks for the folder a set of files goes to (one certificate
// each, a feedback package), starting in the kind's last folder.
func (u *ui) askFolder(kind docKind, title string, done func(dir string)) *kit.Dialog {
	return kit.ChooseFolder(u.win, title, u.folderFor(kind), func(dir string) {
		u.remember(kind, dir)
		done(dir)
	})
}
