package app

import (
	"context"
	"io"

	"peiyang/reports/lists"
)

// Printing a list from the follow-up screens (mentors, placements,
// returns): the data are gathered in the background first, so that a
// region without trainees says so before anything is asked; then the PDF
// is saved where the user says (save.go) and recorded in the audit trail.

// listDoc writes a gathered document and returns its pages.
type listDoc func(w io.Writer, m lists.Meta) (int, error)

// printList prints a list: title names the task, name is the file name
// offered, what is the audit trail's description (no personal data).
func printList(u *ui, title, name, what string, gather func(ctx context.Context) (listDoc, error)) {
	var doc listDoc
	u.runTask(title, func(ctx context.Context, p *Progress) error {
		p.Note(T("mentors.print_gathering"))
		d, err := gather(ctx)
		doc = d
		return err
	}, func() {
		var pages int
		u.save(saveJob{kind: docLists, title: title, name: name, ext: ".pdf",
			write: func(ctx context.Context, p *Progress, w io.Writer) error {
				p.Note(T("mentors.print_writing"))
				m, err := u.listsMeta(ctx, false)
				if err != nil {
					return err
				}
				pages, err = doc(w, m)
				return err
			},
			audit: auditNote{action: "print", detail: map[string]any{"what": what}},
			saved: func() string { return T("files.pages", "Pages", pages) },
		})
	})
}

// listFileName is a file name for a printed list: the title and today.
func listFileName(u *ui, title string) string { return title + "-" + u.stamp() + ".pdf" }
