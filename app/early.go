package app

import (
	"context"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/widget"

	"peiyang/app/kit"
	"peiyang/models"
	"peiyang/training"
)

// Deciding a course's completion, or issuing its certificates, before the
// course is over is refused by the rules; for the rare real case (a course
// closed early) the window asks for the reason, which the audit trail
// records beside the decision.

// askEarly shows why the course is not over and asks for the reason to go
// ahead anyway; work runs with the reason, in the background, and done
// after it succeeded.
func (u *ui) askEarly(title string, why models.ErrorList, work func(ctx context.Context, reason string) error, done func()) *dialogForm {
	f := newDialogForm(u)
	lines := make([]string, len(why))
	for i, e := range why {
		lines[i] = ErrorText(e)
	}
	intro := kit.WrapLabel(strings.Join(lines, "\n")+"\n"+T("early.explain"), widget.WarningImportance)
	reason := f.entry("", T("early.reason_placeholder"))
	f.row("reason", T("early.reason"), reason)
	f.open(title, kit.Width(560, f.body(intro)), fyne.Size{}, func() (func(ctx context.Context) error, error) {
		r := strings.TrimSpace(reason.Text)
		if r == "" {
			return nil, models.Errorf(models.EINVALID, "reason", training.MsgEarlyReason)
		}
		return func(ctx context.Context) error { return work(ctx, r) }, nil
	}, done)
	f.dialog.Button(1).SetText(T("early.go"))
	u.win.Canvas().Focus(reason)
	return f
}

// whyNoCertificates is why a course's certificates are not issued yet:
// its sessions to come or its end ahead (the scores were settled when its
// completion was decided); none when they may be.
func (u *ui) whyNoCertificates(ctx context.Context, courseID int64) (models.ErrorList, error) {
	why, err := u.svc.Enrolment.WhyNotOver(ctx, courseID)
	var out models.ErrorList
	for _, e := range why {
		if e.Message != training.MsgScoresMissing {
			out = append(out, e)
		}
	}
	return out, err
}
