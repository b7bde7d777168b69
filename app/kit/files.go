package kit

import (
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"peiyang/internal/userdirs"
)

// The window's file dialogs: a folder or a file on this computer, chosen
// in the window's language (Fyne's own dialog names its places in English
// only), with the places on the left, the folder's path above its content,
// Up and New folder.

// Place is a folder offered on the left of the file dialogs.
type Place struct {
	Name, Dir string
}

// Places lists the folders the file dialogs offer first: the home and
// documents folders, the desktop, the downloads and the computer's drives
// (its root on Linux). Those that do not exist are left out.
var Places = func() []Place {
	home, _ := os.UserHomeDir()
	docs, _ := userdirs.Documents()
	ps := []Place{{Translate("files.home"), home}, {Translate("files.documents"), docs}}
	for _, p := range []Place{{Translate("files.desktop"), "Desktop"}, {Translate("files.desktop"), "桌面"},
		{Translate("files.downloads"), "Downloads"}, {Translate("files.downloads"), "下载"}} {
		if dir := filepath.Join(home, p.Dir); isDir(dir) && !slices.ContainsFunc(ps, func(q Place) bool { return q.Name == p.Name }) {
			ps = append(ps, Place{p.Name, dir})
		}
	}
	if runtime.GOOS != "windows" {
		return append(ps, Place{Translate("files.computer"), "/"})
	}
	for l := 'C'; l <= 'Z'; l++ {
		if d := string(l) + `:\`; isDir(d) {
			ps = append(ps, Place{Translate("files.drive", "Drive", string(l)), d})
		}
	}
	return ps
}

func isDir(p string) bool {
	fi, err := os.Stat(p)
	return err == nil && fi.IsDir()
}

// chooser is a file dialog: it shows a folder's subfolders, and with exts
// its files of those extensions too.
type chooser struct {
	dir     string
	exts    []string // nil: folders only
	entries []os.DirEntry
	chosen  string // the file selected, "" for none
	path    *widget.Label
	list    *List
	message *widget.Label
	dialog  *Dialog
}

// ChooseFolder asks for a folder, starting in start, and hands it to done.
func ChooseFolder(win fyne.Window, title, start string, done func(dir string)) *Dialog {
	c := &chooser{}
	return c.show(win, title, start, Action{Label: Translate("files.choose_folder"), Icon: theme.ConfirmIcon(),
		Importance: widget.HighImportance, Then: func() { done(c.dir) }})
}

// ChooseFile asks for a file with one of the extensions (".xlsx"),
// starting in start, and hands its path to done.
func ChooseFile(win fyne.Window, title, start string, exts []string, done func(path string)) *Dialog {
	c := &chooser{exts: exts}
	return c.show(win, title, start, Action{Label: Translate("files.open"), Icon: theme.FolderOpenIcon(),
		Importance: widget.HighImportance, Do: func() bool {
			if c.chosen == "" {
				SetMessage(c.message, Translate("files.choose_a_file"))
				return false
			}
			c.dialog.Hide()
			done(c.chosen)
			return false
		}})
}

func (c *chooser) show(win fyne.Window, title, start string, act Action) *Dialog {
	c.path = widget.NewLabel("")
	c.path.Wrapping = fyne.TextWrapBreak
	c.message = ErrorLabel()
	c.list = NewList(func() int { return len(c.entries) },
		func() fyne.CanvasObject {
			l := widget.NewLabel("")
			l.Truncation = fyne.TextTruncateEllipsis
			return container.NewBorder(nil, nil, widget.NewIcon(theme.FolderIcon()), nil, l)
		}, c.updateEntry)
	c.list.OnSelected = c.selected
	places := c.places()
	up := widget.NewButtonWithIcon(Translate("files.up"), theme.MoveUpIcon(), func() { c.open(filepath.Dir(c.dir)) })
	mkdir := widget.NewButtonWithIcon(Translate("files.new_folder"), theme.FolderNewIcon(), func() { c.askNewFolder(win) })
	top := container.NewBorder(nil, nil, nil, container.NewHBox(up, mkdir), c.path)
	body := container.NewBorder(top, c.message, nil, nil, c.list)
	split := container.NewHSplit(places, body)
	split.Offset = 0.25
	c.dialog = Show(win, title, AtLeast(640, 380, split), fyne.NewSize(860, 560), Cancel(), act)
	c.open(start)
	return c.dialog
}

// places is the list of places that exist.
func (c *chooser) places() fyne.CanvasObject {
	var ps []Place
	for _, p := range Places() {
		if p.Dir != "" && isDir(p.Dir) {
			ps = append(ps, p)
		}
	}
	l := widget.NewList(func() int { return len(ps) },
		func() fyne.CanvasObject { return widget.NewLabel("") },
		func(id widget.ListItemID, o fyne.CanvasObject) { o.(*widget.Label).SetText(ps[id].Name) })
	l.OnSelected = func(id widget.ListItemID) {
		c.open(ps[id].Dir)
		l.UnselectAll()
	}
	return l
}

// open shows a folder's content; a folder that cannot be read says so
// and the one shown stays.
func (c *chooser) open(dir string) {
	if dir == "" {
		dir, _ = os.UserHomeDir()
	}
	es, err := os.ReadDir(dir)
	if err != nil {
		SetMessage(c.message, Translate("files.cannot_read", "Dir", dir))
		if c.dir != "" {
			return
		}
		es = nil
	} else {
		SetMessage(c.message, "")
	}
	c.dir, c.chosen = dir, ""
	c.entries = c.entries[:0]
	for _, e := range es {
		if strings.HasPrefix(e.Name(), ".") {
			continue
		}
		if e.IsDir() || c.wanted(e.Name()) {
			c.entries = append(c.entries, e)
		}
	}
	slices.SortFunc(c.entries, func(a, b os.DirEntry) int {
		if a.IsDir() != b.IsDir() {
			if a.IsDir() {
				return -1
			}
			return 1
		}
		return strings.Compare(strings.ToLower(a.Name()), strings.ToLower(b.Name()))
	})
	c.path.SetText(dir)
	c.list.UnselectAll()
	c.list.ScrollToTop()
	c.list.Refresh()
}

// wanted reports whether a file has one of the extensions asked for.
func (c *chooser) wanted(name string) bool {
	ext := strings.ToLower(filepath.Ext(name))
	return c.exts != nil && slices.ContainsFunc(c.exts, func(e string) bool { return strings.ToLower(e) == ext })
}

func (c *chooser) updateEntry(id widget.ListItemID, o fyne.CanvasObject) {
	if id >= len(c.entries) {
		return
	}
	e := c.entries[id]
	box := o.(*fyne.Container)
	icon := theme.FolderIcon()
	if !e.IsDir() {
		icon = theme.FileIcon()
	}
	box.Objects[0].(*widget.Label).SetText(e.Name())
	box.Objects[1].(*widget.Icon).SetResource(icon)
}

// selected goes into a folder, or chooses a file.
func (c *chooser) selected(id widget.ListItemID) {
	if id >= len(c.entries) {
		return
	}
	e := c.entries[id]
	if e.IsDir() {
		c.open(filepath.Join(c.dir, e.Name()))
		return
	}
	c.chosen = filepath.Join(c.dir, e.Name())
	SetMessage(c.message, "")
}

// askNewFolder asks for a name and makes the folder, then opens it.
func (c *chooser) askNewFolder(win fyne.Window) {
	f := NewForm()
	name := NewEntry()
	var d *Dialog
	d = ShowForm(win, Translate("files.new_folder"), Width(360, f.Grid(f.Row("name", Translate("files.folder_name"), name))),
		fyne.Size{}, f, func() bool {
			n := strings.TrimSpace(name.Text)
			if n == "" || strings.ContainsAny(n, `/\:*?"<>|`) || n == "." || n == ".." {
				f.Set("name", Translate("files.bad_folder_name"))
				return false
			}
			dir := filepath.Join(c.dir, n)
			if err := os.Mkdir(dir, 0o700); err != nil && !os.IsExist(err) {
				f.Set("name", Translate("files.cannot_make", "Dir", dir))
				return false
			}
			d.Hide()
			c.open(dir)
			return false
		})
	win.Canvas().Focus(name)
}
