package app

import (
	"context"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"peiyang/app/kit"
	"peiyang/models"
	"peiyang/training"
)

// The elections a schema upgrade found breaking the election rules and
// left as they were (training.ElectionReviews) reach the window's user on
// the overview: a notice saying how many, and a list of them with what is
// wrong, each to correct in the election form (under the same rules) or
// to delete when it was entered in error. The notice goes once none is
// left.

// reviewNotice is the overview's notice of elections to review.
type reviewNotice struct {
	u        *ui
	box      *fyne.Container // hidden while there is nothing to review
	text     *widget.Label
	reviews  []training.ElectionReview
	dialog   *kit.Dialog   // the list, when open; for tests
	form     *electionForm // the correction opened last; for tests
	deleting bool
	changed  func() // reads the overview again after a correction
}

func newReviewNotice(u *ui, changed func()) *reviewNotice {
	n := &reviewNotice{u: u, changed: changed}
	n.text = kit.WrapLabel("", widget.WarningImportance)
	open := widget.NewButtonWithIcon(T("review.open"), theme.WarningIcon(), n.open)
	n.box = container.NewBorder(nil, nil, nil, open, n.text)
	n.box.Hide()
	return n
}

// set shows how many elections are to review, or hides the notice.
func (n *reviewNotice) set(rs []training.ElectionReview) {
	n.reviews = rs
	if len(rs) == 0 {
		n.box.Hide()
		return
	}
	n.text.SetText(T("review.notice", "N", len(rs)))
	n.box.Show()
}

// open lists the elections to review.
func (n *reviewNotice) open() {
	rows := container.NewVBox(kit.WrapLabel(T("review.intro"), widget.MediumImportance))
	for _, r := range n.reviews {
		rows.Add(widget.NewSeparator())
		rows.Add(n.item(r))
	}
	n.dialog = kit.Show(n.u.win, T("review.title"), container.NewVScroll(rows), fyne.NewSize(780, 520), kit.Close())
}

// item is one election to review: who, where, what is recorded, what is
// wrong, and the buttons that correct or delete it.
func (n *reviewNotice) item(r training.ElectionReview) fyne.CanvasObject {
	e := r.Election
	what := T("review.item", "Trainee", r.Trainee.Name, "Village", r.Village.Name,
		"Election", T("returns.election", "Committee", committeeLabel(e.Committee), "Post", postLabel(e.Post),
			"Result", resultLabel(e.Result), "Date", e.Date.String()))
	box := container.NewVBox(widget.NewLabelWithStyle(what, fyne.TextAlignLeading, fyne.TextStyle{Bold: true}))
	for _, p := range r.Problems {
		box.Add(kit.WrapLabel(ErrorText(p), widget.DangerImportance))
	}
	edit := n.u.actionButton(models.PermFollowUp, T("review.edit"), theme.DocumentCreateIcon(), func() {
		n.dialog.Hide()
		row := training.ReturnRow{Return: r.Return, Trainee: r.Trainee, Village: r.Village}
		n.form = openElectionForm(n.u, row, e, n.changed)
	})
	del := n.u.actionButton(models.PermFollowUp, T("review.delete"), theme.DeleteIcon(), func() {
		kit.Confirm(n.u.win, T("review.delete_title"), T("review.delete_confirm", "Election", what), T("review.delete"), func() {
			n.delete(e.ID)
		})
	})
	box.Add(container.NewHBox(edit, del))
	return box
}

// delete deletes an election entered in error and reads the overview
// again.
func (n *reviewNotice) delete(id int64) {
	if n.deleting {
		return
	}
	n.u.saveInBackground(&n.deleting, func(ctx context.Context) error {
		return n.u.svc.FollowUp.DeleteElection(ctx, id)
	}, func(err error) {
		if err != nil {
			showError(n.u.win, err)
			return
		}
		if n.dialog != nil {
			n.dialog.Hide()
		}
		n.changed()
	})
}
