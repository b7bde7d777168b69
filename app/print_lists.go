package app

import (
	"context"
	"io"
	"net/url"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/dialog"

	"peiyang/internal/userfile"
	"peiyang/reports/lists"
	"peiyang/settings"
)

// Printing a list from the follow-up screens (mentors, placements,
// returns): the data are gathered in the background, the user says where
// to save the PDF, it is written in the background and opened.

// listDoc writes a gathered document.
type listDoc func(w io.Writer, m lists.Meta) (int, error)

// askListPath asks where to save a file named name and calls then with the
// path; a variable so that tests answer without a file dialog.
var askListPath = func(u *ui, name string, then func(path string)) {
	d := dialog.NewFileSave(func(w fyne.URIWriteCloser, err error) {
		if err != nil {
			showError(u.win, err)
			return
		}
		if w == nil {
			return // cancelled
		}
		path := w.URI().Path()
		w.Close()
		then(path)
	}, u.win)
	d.SetFileName(name)
	d.Resize(fyne.NewSize(900, 600))
	d.Show()
}

// openListFile opens a file in the system's viewer; a variable so that
// tests open nothing.
var openListFile = func(u *ui, path string) {
	if err := u.app.OpenURL(&url.URL{Scheme: "file", Path: path}); err != nil {
		logError("open the printed file", err)
	}
}

// printList prints a list: it gathers the document's data in the
// background, asks where to save the PDF, writes it in the background and
// opens it. title names the task; name is the file name offered.
func printList(u *ui, title, name string, gather func(ctx context.Context) (listDoc, error)) {
	var doc listDoc
	u.runTask(title, func(ctx context.Context, p *Progress) error {
		p.Note(T("mentors.print_gathering"))
		d, err := gather(ctx)
		doc = d
		return err
	}, func() {
		askListPath(u, name, func(path string) { writeList(u, title, path, doc) })
	})
}

// writeList writes the document to path in the background, through a
// temporary file in the same folder so that the file appears whole or not
// at all, readable by its owner only; then it says so and opens the file.
func writeList(u *ui, title, path string, doc listDoc) {
	var pages int
	u.runTask(title, func(ctx context.Context, p *Progress) error {
		p.Note(T("mentors.print_writing"))
		org, err := u.svc.Settings.Setting(ctx, settings.OrgName)
		if err != nil {
			return err
		}
		if err := ctx.Err(); err != nil {
			return err
		}
		m := lists.Meta{Org: org, Date: u.svc.Today()}
		pages, err = writeListFile(path, func(w io.Writer) (int, error) { return doc(w, m) })
		return err
	}, func() {
		dialog.ShowInformation(title, T("mentors.print_done", "File", path, "Pages", pages), u.win)
		openListFile(u, path)
	})
}

// writeListFile writes a file whole or not at all (userfile.Write) and
// returns what write returns.
func writeListFile(path string, write func(w io.Writer) (int, error)) (n int, err error) {
	err = userfile.Write(path, func(w io.Writer) error {
		n, err = write(w)
		return err
	})
	return n, err
}

// listFileName is a file name for a printed list: the title and today.
func listFileName(u *ui, title string) string {
	return userfile.SafeName(title + "-" + u.svc.Today().String() + ".pdf")
}
