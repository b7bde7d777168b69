package app

import (
	"context"
	"sort"
	"strconv"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"peiyang/app/kit"
	"peiyang/models"
	"peiyang/training"
)

// traineeDetail shows one trainee's record: every field, the ID and phone
// numbers and the birth date masked until revealed, and a timeline of courses, attendance,
// placements, mentors, return and elections.
type traineeDetail struct {
	s        *traineesScreen
	rec      *training.TraineeRecord
	revealed bool
	loadID   int64
	form     *traineeForm // the form opened last

	name     *widget.Label
	stage    *widget.Label
	saved    *widget.Label            // "saved" after the form saved the trainee shown
	labels   map[string]*widget.Label // the fields' labels, by key
	values   map[string]*widget.Label
	reveal   *widget.Button
	edit     *widget.Button
	timeline *fyne.Container
	box      fyne.CanvasObject
}

// detailFields are the fields shown, in order: key (the model's field
// name, also the label's translation key after "trainee.") and value.
var detailFields = []struct {
	key   string
	value func(d *traineeDetail, r *training.TraineeRecord) string
}{
	{"name", func(_ *traineeDetail, r *training.TraineeRecord) string { return r.Trainee.Name }},
	{"gender", func(_ *traineeDetail, r *training.TraineeRecord) string { return genderLabel(r.Trainee.Gender) }},
	{"ethnicity", func(_ *traineeDetail, r *training.TraineeRecord) string { return ethnicityLabel(r.Trainee.Ethnicity) }},
	{"birth_date", func(d *traineeDetail, r *training.TraineeRecord) string { return dateText(d.shown(r).BirthDate) }},
	{"id_number", func(d *traineeDetail, r *training.TraineeRecord) string { return d.shown(r).IDNumber }},
	{"phone", func(d *traineeDetail, r *training.TraineeRecord) string { return d.shown(r).Phone }},
	{"education", func(_ *traineeDetail, r *training.TraineeRecord) string { return educationLabel(r.Trainee.Education) }},
	{"joined_party", func(_ *traineeDetail, r *training.TraineeRecord) string { return dateText(r.Trainee.JoinedParty) }},
	{"branch", func(_ *traineeDetail, r *training.TraineeRecord) string { return r.Trainee.Branch }},
	{"direction", func(_ *traineeDetail, r *training.TraineeRecord) string { return directionLabel(r.Trainee.Direction) }},
	{"home_region", func(_ *traineeDetail, r *training.TraineeRecord) string { return r.Trainee.HomeRegion.String() }},
	{"region_code", func(_ *traineeDetail, r *training.TraineeRecord) string { return r.Trainee.HomeRegion.Code }},
	{"current_district", func(_ *traineeDetail, r *training.TraineeRecord) string { return r.Trainee.CurrentDistrict }},
	{"employer", func(_ *traineeDetail, r *training.TraineeRecord) string { return r.Trainee.Employer }},
	{"nominated_by", func(_ *traineeDetail, r *training.TraineeRecord) string {
		if r.NominatedBy == nil {
			return ""
		}
		return r.NominatedBy.Name
	}},
	{"cohort", func(_ *traineeDetail, r *training.TraineeRecord) string {
		if r.Cohort == nil {
			return ""
		}
		return r.Cohort.Name
	}},
	{"key_target", func(_ *traineeDetail, r *training.TraineeRecord) string { return yesNo(r.Trainee.KeyTarget) }},
	{"notes", func(_ *traineeDetail, r *training.TraineeRecord) string { return r.Trainee.Notes }},
}

// shown is the record's trainee as the pane shows it: masked by the
// policy (models.Trainee.Masked: ID number, phone, birth date to the
// month) until revealed.
func (d *traineeDetail) shown(r *training.TraineeRecord) *models.Trainee {
	return r.Trainee.MaskedUnless(d.revealed)
}

// birthLabel is the label over a birth date as it is shown: 出生年月 over
// a date masked to its month, 出生日期 over a full one.
func birthLabel(d models.Date) string {
	if d.IsMonthOnly() {
		return T("trainee.birth_month")
	}
	return T("trainee.birth_date")
}

func yesNo(b bool) string {
	if b {
		return T("value.yes")
	}
	return T("value.no")
}

func newTraineeDetail(s *traineesScreen) *traineeDetail {
	d := &traineeDetail{s: s, labels: map[string]*widget.Label{}, values: map[string]*widget.Label{}}
	d.name = kit.Heading("")
	d.stage = widget.NewLabel("")
	d.stage.Importance = widget.HighImportance
	d.saved = widget.NewLabel("")
	d.saved.Importance = widget.SuccessImportance
	d.reveal = s.u.actionButton(models.PermReveal, T("trainee.reveal"), theme.VisibilityIcon(), d.toggleReveal)
	d.edit = s.u.actionButton(models.PermEdit, T("button.edit"), theme.DocumentCreateIcon(), d.editRevealed)
	closeBtn := widget.NewButtonWithIcon("", theme.CancelIcon(), s.hideDetail)
	closeBtn.Importance = widget.LowImportance
	cols := []*fyne.Container{container.New(layout.NewFormLayout()), container.New(layout.NewFormLayout())}
	for i, f := range detailFields {
		label := widget.NewLabelWithStyle(T("trainee."+f.key), fyne.TextAlignTrailing, fyne.TextStyle{Bold: true})
		value := widget.NewLabel("")
		value.Selectable = true
		if f.key != "id_number" && f.key != "phone" {
			value.Wrapping = fyne.TextWrapWord
		}
		d.labels[f.key], d.values[f.key] = label, value
		col := cols[0]
		if i >= (len(detailFields)+1)/2 {
			col = cols[1]
		}
		col.Add(label)
		col.Add(value)
	}
	grid := container.NewGridWithColumns(2, cols[0], cols[1])
	d.timeline = container.NewVBox()
	header := container.NewBorder(nil, nil, nil, container.NewHBox(d.reveal, d.edit, closeBtn),
		container.NewHBox(d.name, d.stage, d.saved))
	body := container.NewVScroll(container.NewVBox(grid, widget.NewSeparator(), kit.Heading(T("trainee.timeline")), d.timeline))
	d.box = container.NewBorder(header, nil, nil, nil, body)
	return d
}

// load reads the trainee's record in the background and shows it.
func (d *traineeDetail) load(id int64) {
	if d.rec == nil || d.rec.Trainee.ID != id {
		d.revealed = false
		d.saved.SetText("")
	}
	d.loadID = id
	goLoad(d.s.u, func(ctx context.Context) (*training.TraineeRecord, error) {
		return d.s.u.svc.Trainees.TraineeRecord(ctx, id)
	}, func(rec *training.TraineeRecord) {
		if rec.Trainee.ID != d.loadID {
			return // the user chose another trainee meanwhile
		}
		d.set(rec)
		if d.s.u.takeShow("trainees") == "edit" {
			d.revealNumbers("edit", d.openEdit)
		}
	})
}

// set shows a record.
func (d *traineeDetail) set(rec *training.TraineeRecord) {
	d.rec = rec
	d.show()
	d.timeline.Objects = nil
	for _, ev := range timelineOf(rec) {
		d.timeline.Add(timelineRow(ev))
	}
	if len(d.timeline.Objects) == 0 {
		d.timeline.Add(kit.Caption(T("trainee.timeline_empty")))
	}
	d.timeline.Refresh()
}

// show fills the fields from the record.
func (d *traineeDetail) show() {
	rec := d.rec
	if rec == nil {
		return
	}
	d.name.SetText(rec.Trainee.Name)
	d.stage.SetText(stageLabel(rec.Stage))
	for _, f := range detailFields {
		d.values[f.key].SetText(f.value(d, rec))
	}
	d.labels["birth_date"].SetText(birthLabel(d.shown(rec).BirthDate))
	if d.revealed {
		d.reveal.SetText(T("trainee.hide"))
		d.reveal.SetIcon(theme.VisibilityOffIcon())
	} else {
		d.reveal.SetText(T("trainee.reveal"))
		d.reveal.SetIcon(theme.VisibilityIcon())
	}
}

// toggleReveal shows or masks the ID and phone numbers and the birth date.
func (d *traineeDetail) toggleReveal() {
	if d.revealed {
		d.revealed = false
		d.show()
		return
	}
	d.revealNumbers("detail", nil)
}

// revealNumbers records in the audit trail that the trainee's full ID and
// phone numbers are shown (from where: "detail", "edit") and then shows
// them and calls then (which may be nil); when the entry cannot be
// recorded, the numbers stay masked.
func (d *traineeDetail) revealNumbers(from string, then func()) {
	if d.rec == nil {
		return
	}
	id := d.rec.Trainee.ID
	u := d.s.u
	goLoad(u, func(ctx context.Context) (struct{}, error) {
		return struct{}{}, u.audit(ctx, "reveal", "trainee", id,
			map[string]any{"fields": []string{"id_number", "phone", "birth_date"}, "from": from})
	}, func(struct{}) {
		if d.rec == nil || d.rec.Trainee.ID != id {
			return // the user chose another trainee meanwhile
		}
		d.revealed = true
		d.show()
		if then != nil {
			then()
		}
	})
}

// editRevealed opens the edit form, which shows the full numbers: after
// recording their reveal unless they are shown already.
func (d *traineeDetail) editRevealed() {
	if d.revealed {
		d.openEdit()
		return
	}
	d.revealNumbers("edit", d.openEdit)
}

// openEdit opens the edit form on the trainee.
func (d *traineeDetail) openEdit() {
	if d.rec == nil {
		return
	}
	d.saved.SetText("")
	d.form = openTraineeForm(d.s, d.rec.Trainee)
	// Leaving the form, however, masks the numbers again.
	d.form.dialog.OnClosed = func() {
		d.revealed = false
		d.show()
	}
}

// savedNow says beside the name that the form saved the trainee.
func (d *traineeDetail) savedNow() {
	d.saved.SetText(T("trainee.saved_at", "Time", time.Now().Format("15:04")))
}

// timelineEvent is one dated line of a trainee's timeline.
type timelineEvent struct {
	date   models.Date
	title  string
	detail string
}

// timelineOf lists the record's events, oldest first.
func timelineOf(rec *training.TraineeRecord) []timelineEvent {
	var evs []timelineEvent
	if !rec.Trainee.JoinedParty.IsZero() {
		evs = append(evs, timelineEvent{rec.Trainee.JoinedParty, T("timeline.joined_party"), rec.Trainee.Branch})
	}
	for _, c := range rec.Courses {
		detail := T("timeline.course_detail", "Status", enrolStatusLabel(c.Enrolment.Status),
			"Attended", c.Attended, "Held", c.SessionsHeld, "Hours", strconv.FormatFloat(c.Hours, 'f', -1, 64))
		if n := c.Attendance[models.Excused] + c.Attendance[models.Absent]; n > 0 {
			detail += T("list.separator") + T("timeline.missed", "Excused", c.Attendance[models.Excused], "Absent", c.Attendance[models.Absent])
		}
		if c.Enrolment.Score != nil {
			detail += T("list.separator") + T("timeline.score", "Score", strconv.FormatFloat(*c.Enrolment.Score, 'f', -1, 64))
		}
		evs = append(evs, timelineEvent{c.Course.StartDate, T("timeline.course", "Course", c.Course.Title, "Theme", themeLabel(c.Course.Theme)), detail})
	}
	for _, p := range rec.Placements {
		detail := T("timeline.period", "From", dateText(p.Placement.StartDate), "To", dateText(p.Placement.EndDate)) +
			T("list.separator") + gradeLabel(p.Placement.Grade)
		evs = append(evs, timelineEvent{p.Placement.StartDate, T("timeline.placement", "Village", p.Village.Name), detail})
	}
	for _, m := range rec.Mentorships {
		detail := T("timeline.period", "From", dateText(m.Mentorship.StartDate), "To", dateText(m.Mentorship.EndDate)) +
			T("list.separator") + T("timeline.contacts", "N", len(m.Contacts))
		evs = append(evs, timelineEvent{m.Mentorship.StartDate, T("timeline.mentor", "Mentor", m.Mentor.Name), detail})
	}
	for _, r := range rec.Returns {
		evs = append(evs, timelineEvent{r.Return.ReturnDate, T("timeline.return", "Village", r.Village.Name), r.Return.Notes})
		for _, e := range r.Elections {
			evs = append(evs, timelineEvent{e.Date, T("timeline.election", "Committee", committeeLabel(e.Committee), "Post", postLabel(e.Post)),
				resultLabel(e.Result) + T("list.separator") + T("timeline.term", "N", e.TermYears)})
		}
	}
	for _, c := range rec.Certificates {
		evs = append(evs, timelineEvent{c.IssuedOn, T("timeline.certificate", "Serial", c.Serial), certStatusLabel(c.Status)})
	}
	sort.SliceStable(evs, func(i, j int) bool { return evs[i].date.Before(evs[j].date) })
	return evs
}

// timelineRow is an event: its date beside its title and detail.
func timelineRow(ev timelineEvent) fyne.CanvasObject {
	date := widget.NewLabel(dateText(ev.date))
	title := widget.NewLabel(ev.title)
	title.Wrapping = fyne.TextWrapWord
	detail := kit.Caption(ev.detail)
	detail.Wrapping = fyne.TextWrapWord
	return container.NewBorder(nil, nil, kit.Width(104, date), nil, container.NewVBox(title, detail))
}
