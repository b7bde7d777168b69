package app

import (
	"context"
	"errors"
	"image/color"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"peiyang/app/kit"
	"peiyang/certsign"
	"peiyang/models"
)

// Checking a certificate's QR code: the text a scanner reads from it is
// pasted in, and certsign.Check says whether the certificate is valid,
// void, replaced or forged, in a coloured banner, with what the code says
// and where the record differs from it now.

// certVerifier is the verify dialog.
type certVerifier struct {
	s       *certificatesScreen
	input   *kit.Entry
	check   *widget.Button
	banner  *canvas.Rectangle
	verdict *canvas.Text
	message *widget.Label
	details *fyne.Container
	values  map[string]*widget.Label
	notes   *widget.Label
	result  *verification // the last verdict shown; for tests
	body    *fyne.Container
	dialog  *kit.Dialog
}

// verification is a verdict with what is needed to show it.
type verification struct {
	r     *certsign.Result
	parse *models.Error // why the text is no certificate code
	diffs []string      // translated notes on where the record differs
	// The differences, as found: the record's issue date, name and course
	// when they differ from the code's, and whether the ID number does.
	date, name, course string
	idChanged          bool
}

// openVerify opens the verify dialog.
func (s *certificatesScreen) openVerify() *certVerifier {
	v := &certVerifier{s: s, values: map[string]*widget.Label{}}
	v.input = kit.NewMultiLineEntry()
	v.input.SubmitOnEnter = true
	v.input.OnSubmitted = func(string) { v.run() }
	v.input.SetPlaceHolder(T("certificates.verify_placeholder"))
	v.input.Wrapping = fyne.TextWrapBreak
	v.input.SetMinRowsVisible(3)
	v.check = widget.NewButtonWithIcon(T("certificates.verify_check"), theme.ConfirmIcon(), v.run)
	v.check.Importance = widget.HighImportance

	v.banner = canvas.NewRectangle(color.Transparent)
	v.banner.CornerRadius = theme.InputRadiusSize()
	v.verdict = canvas.NewText("", color.White)
	v.verdict.TextStyle.Bold = true
	v.verdict.TextSize = theme.TextSubHeadingSize()
	v.message = widget.NewLabel(T("certificates.verify_hint"))
	v.message.Wrapping = fyne.TextWrapWord
	var rows []fyne.CanvasObject
	for _, k := range []struct{ key, label string }{
		{"serial", T("certificates.serial")},
		{"name", T("certificates.name")},
		{"course", T("certificates.course")},
		{"issued", T("certificates.issued_on")},
		{"id", T("certificates.masked_id")},
	} {
		l := widget.NewLabel("")
		l.Wrapping = fyne.TextWrapWord
		v.values[k.key] = l
		rows = append(rows, kit.Row(k.label, l)...)
	}
	v.details = container.New(layout.NewFormLayout(), rows...)
	v.details.Hide()
	v.notes = widget.NewLabel("")
	v.notes.Wrapping = fyne.TextWrapWord
	v.notes.Importance = widget.WarningImportance
	v.notes.Hide()
	banner := container.NewStack(v.banner, container.NewPadded(container.NewCenter(v.verdict)))
	v.body = container.NewVBox(
		widget.NewLabel(T("certificates.verify_intro")),
		container.NewBorder(nil, nil, nil, v.check, v.input),
		banner, v.message, v.details, v.notes)
	v.dialog = kit.Show(s.u.win, T("certificates.verify_title"), kit.Width(640, v.body), fyne.NewSize(700, 560), kit.Close())
	s.u.win.Canvas().Focus(v.input)
	s.verifier = v
	return v
}

// run checks the pasted text in the background.
func (v *certVerifier) run() {
	text := strings.TrimSpace(v.input.Text)
	if text == "" {
		return
	}
	svc := v.s.u.svc
	goLoad(v.s.u, func(ctx context.Context) (*verification, error) {
		r, err := svc.Certificates.VerifyCertificate(ctx, text)
		if err != nil {
			return nil, err
		}
		out := &verification{r: r}
		if r.Payload == nil {
			if _, _, perr := certsign.Parse(text); perr != nil {
				errors.As(perr, &out.parse)
			}
			return out, nil
		}
		if r.Status == certsign.StatusForged || r.Status == certsign.StatusUnknown {
			return out, nil
		}
		// Where the record differs from the code now, as Check notes it.
		p := r.Payload
		c, err := svc.Certificates.FindCertificateBySerial(ctx, p.Serial)
		if err != nil {
			return nil, err
		}
		t, err := svc.Trainees.FindTraineeByID(ctx, c.TraineeID)
		if err != nil {
			return nil, err
		}
		course, err := svc.Courses.FindCourseByID(ctx, c.CourseID)
		if err != nil {
			return nil, err
		}
		want := certsign.NewPayload(c, t.Name, t.IDNumber, course.Title)
		if !c.IssuedOn.Equal(p.IssuedOn) {
			out.date = c.IssuedOn.String()
		}
		if want.Name != p.Name {
			out.name = t.Name
		}
		if want.Course != p.Course {
			out.course = course.Title
		}
		out.idChanged = !models.MaskedIDMatches(p.MaskedID, t.IDNumber)
		return out, nil
	}, v.show)
}

// verdictColour is the banner's colour, dark enough for white text in
// either theme: green for a valid certificate, orange for a genuine one
// that no longer holds, red for a forged or unknown one.
func verdictColour(s certsign.Status) color.Color {
	switch s {
	case certsign.StatusValid:
		return color.NRGBA{R: 0x1B, G: 0x7F, B: 0x3B, A: 0xFF}
	case certsign.StatusVoid, certsign.StatusReplaced:
		return color.NRGBA{R: 0xB2, G: 0x5E, B: 0x00, A: 0xFF}
	}
	return color.NRGBA{R: 0xC6, G: 0x28, B: 0x28, A: 0xFF}
}

// verdictText names the verdict.
func verdictText(s certsign.Status) string {
	switch s {
	case certsign.StatusValid:
		return T("certificates.verdict_valid")
	case certsign.StatusVoid:
		return T("certificates.verdict_void")
	case certsign.StatusReplaced:
		return T("certificates.verdict_replaced")
	case certsign.StatusUnknown:
		return T("certificates.verdict_unknown")
	}
	return T("certificates.verdict_forged")
}

// show puts the verdict on screen.
func (v *certVerifier) show(res *verification) {
	v.result = res
	r := res.r
	v.banner.FillColor = verdictColour(r.Status)
	v.banner.Refresh()
	v.verdict.Text = verdictText(r.Status)
	if res.parse != nil {
		v.verdict.Text = T("certificates.verdict_not_code")
	}
	v.verdict.Refresh()
	switch {
	case res.parse != nil:
		v.message.SetText(ErrorText(res.parse))
	default:
		v.message.SetText(ErrorText(&models.Error{Message: r.MessageKey, Data: r.Data}))
	}
	if p := r.Payload; p != nil && r.Status != certsign.StatusForged {
		v.values["serial"].SetText(p.Serial)
		v.values["name"].SetText(p.Name)
		v.values["course"].SetText(p.Course)
		v.values["issued"].SetText(dateText(p.IssuedOn))
		v.values["id"].SetText(models.MaskIDNumber(p.MaskedID)) // by today's policy, for older certificates too
		v.details.Show()
	} else {
		v.details.Hide()
	}
	res.diffs = nil
	if res.date != "" {
		res.diffs = append(res.diffs, T("certificates.diff_date", "Date", res.date))
	}
	if res.name != "" {
		res.diffs = append(res.diffs, T("certificates.diff_name", "Name", res.name))
	}
	if res.idChanged {
		res.diffs = append(res.diffs, T("certificates.diff_id"))
	}
	if res.course != "" {
		res.diffs = append(res.diffs, T("certificates.diff_course", "Course", res.course))
	}
	if len(res.diffs) > 0 {
		v.notes.SetText(strings.Join(res.diffs, "\n"))
		v.notes.Show()
	} else {
		v.notes.Hide()
	}
	v.body.Refresh() // lay out what was shown or hidden
}
