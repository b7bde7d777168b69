package app

import (
	"context"
	"fmt"
	"io"
	"path/filepath"
	"slices"
	"strconv"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"peiyang/app/kit"
	"peiyang/models"
	"peiyang/reports/certificate"
	"peiyang/reports/lists"
	"peiyang/sheets/exports"
)

// exportForm writes Peiyang's lists as workbooks: the trainees (with
// filters), a course's roster or attendance, the placements, mentors,
// returns, and an outflow region's feedback package. ID numbers and
// phones are masked unless "Full ID numbers" is ticked.
type exportForm struct {
	s    *importExportScreen
	card fyne.CanvasObject

	kind      *widget.Select
	rows      *fyne.Container // the form: the list chosen and its filters
	region    *kit.Entry
	regionErr *widget.Label
	cohort    *widget.Select
	direction *widget.Select
	keyTarget *widget.Check
	course    *widget.Select
	courseErr *widget.Label
	year      *widget.Select
	years     []int
	fullIDs   *widget.Check
	button    *widget.Button

	whatRow    []fyne.CanvasObject
	filterRows map[string][]fyne.CanvasObject
	last       *task // the export running or run last; for tests
}

// exportKinds are the lists, in the chooser's order.
var exportKinds = []string{"trainees", "roster", "attendance", "placements", "mentors", "returns", "feedback"}

func exportKindLabel(kind string) string {
	switch kind {
	case "roster":
		return T("import.export_roster")
	case "attendance":
		return T("import.export_attendance")
	case "placements":
		return T("import.export_placements")
	case "mentors":
		return T("import.export_mentors")
	case "returns":
		return T("import.export_returns")
	case "feedback":
		return T("import.export_feedback")
	}
	return T("import.export_trainees")
}

// exportFilters are the filter rows each kind shows.
var exportFilters = map[string][]string{
	"trainees":   {"region", "cohort", "direction"},
	"roster":     {"course"},
	"attendance": {"course"},
	"placements": {"region"},
	"mentors":    {"region"},
	"returns":    {"region", "year"},
	"feedback":   {"region"},
}

func newExportForm(s *importExportScreen) *exportForm {
	f := &exportForm{s: s, filterRows: map[string][]fyne.CanvasObject{}}
	kinds := make([]string, len(exportKinds))
	for i, k := range exportKinds {
		kinds[i] = exportKindLabel(k)
	}
	f.kind = widget.NewSelect(kinds, nil)
	f.kind.SetSelectedIndex(0)
	f.kind.OnChanged = func(string) { f.kindChanged() }
	f.region = kit.NewEntry()
	f.region.SetPlaceHolder(T("trainees.region_placeholder"))
	f.region.OnSubmitted = func(string) { f.start() }
	f.regionErr = kit.ErrorLabel()
	f.cohort = widget.NewSelect([]string{T("trainees.all_cohorts")}, nil)
	f.cohort.SetSelectedIndex(0)
	f.direction = widget.NewSelect([]string{T("import.all_directions"), directionLabel(models.Inflow), directionLabel(models.Outflow)}, nil)
	f.direction.SetSelectedIndex(0)
	f.keyTarget = widget.NewCheck(T("import.key_targets_only"), nil)
	f.course = widget.NewSelect(nil, func(string) { kit.SetMessage(f.courseErr, "") })
	f.course.PlaceHolder = T("certificates.choose_course")
	f.courseErr = kit.ErrorLabel()
	thisYear := s.u.svc.Today().Year()
	yopts := []string{T("certificates.all_years")}
	for y := thisYear; y > thisYear-10; y-- {
		f.years = append(f.years, y)
		yopts = append(yopts, strconv.Itoa(y))
	}
	f.year = widget.NewSelect(yopts, nil)
	f.year.SetSelectedIndex(0)
	f.fullIDs = widget.NewCheck(T("import.full_ids"), nil)
	s.u.allow(models.PermReveal, f.fullIDs)
	f.button = widget.NewButtonWithIcon(T("import.export_button"), theme.DocumentSaveIcon(), func() { f.start() })
	f.button.Importance = widget.HighImportance

	f.whatRow = kit.Row(T("import.what"), f.kind)
	f.filterRows["region"] = kit.Row(T("import.region"), container.NewVBox(f.region, f.regionErr))
	f.filterRows["cohort"] = kit.Row(T("import.cohort"), f.cohort)
	f.filterRows["direction"] = kit.Row(T("import.direction"), container.NewVBox(f.direction, f.keyTarget))
	f.filterRows["course"] = kit.Row(T("certificates.course"), container.NewVBox(f.course, f.courseErr))
	f.filterRows["year"] = kit.Row(T("import.year"), f.year)
	f.rows = container.New(layout.NewFormLayout())
	note := kit.Caption(T("import.full_ids_note"))
	note.Wrapping = fyne.TextWrapWord
	bottom := container.NewBorder(nil, nil, nil, f.button, container.NewVBox(f.fullIDs))
	f.card = kit.Card(T("import.export_title"), container.NewVBox(f.rows, bottom, note))
	f.kindChanged()
	return f
}

// exportKind is the list chosen.
func (f *exportForm) exportKind() string {
	if i := f.kind.SelectedIndex(); i >= 0 {
		return exportKinds[i]
	}
	return "trainees"
}

// kindChanged shows the filters of the list chosen.
func (f *exportForm) kindChanged() {
	objs := slices.Clone(f.whatRow)
	for _, k := range exportFilters[f.exportKind()] {
		objs = append(objs, f.filterRows[k]...)
	}
	f.rows.Objects = objs
	f.rows.Refresh()
	kit.SetMessage(f.regionErr, "")
	kit.SetMessage(f.courseErr, "")
}

// setChoices fills the course and cohort choices once they are read.
func (f *exportForm) setChoices() {
	s := f.s
	kit.SetOptions(f.course, names(s.courses, func(c *models.Course) string { return c.Title }), "")
	kit.SetOptions(f.cohort, append([]string{T("trainees.all_cohorts")}, names(s.cohorts, func(c *models.Cohort) string { return c.Name })...), T("trainees.all_cohorts"))
}

// start checks the filters, asks where to write and exports.
func (f *exportForm) start() {
	kind := f.exportKind()
	region := strings.TrimSpace(f.region.Text)
	var course *models.Course
	if i := f.course.SelectedIndex(); i >= 0 && i < len(f.s.courses) {
		course = f.s.courses[i]
	}
	kit.SetMessage(f.regionErr, "")
	kit.SetMessage(f.courseErr, "")
	switch {
	case kind == "feedback" && region == "":
		kit.SetMessage(f.regionErr, T("import.need_region"))
		return
	case (kind == "roster" || kind == "attendance") && course == nil:
		kit.SetMessage(f.courseErr, T("import.need_course"))
		return
	}
	u := f.s.u
	if kind == "feedback" {
		u.askFolder(docExports, T("import.export_title"), func(dir string) { f.export(kind, dir) })
		return
	}
	name := exportKindLabel(kind)
	switch {
	case course != nil && (kind == "roster" || kind == "attendance"):
		name += "_" + course.Title
	case region != "":
		name += "_" + region
	}
	u.askSave(docExports, T("import.export_title"), name+"_"+u.stamp()+".xlsx", ".xlsx", func(path string) { f.export(kind, path) })
}

// export writes the list to path (for the feedback package, into the
// folder path) in the background, then says where.
func (f *exportForm) export(kind, path string) *task {
	u := f.s.u
	opts := exports.Options{FullIDs: f.fullIDs.Checked}
	region := strings.TrimSpace(f.region.Text)
	var tf models.TraineeFilter
	tf.Region = region
	if i := f.cohort.SelectedIndex(); i > 0 && i-1 < len(f.s.cohorts) {
		tf.CohortID = f.s.cohorts[i-1].ID
	}
	if i := f.direction.SelectedIndex(); i > 0 {
		tf.Direction = models.Directions[i-1]
	}
	if f.keyTarget.Checked {
		yes := true
		tf.KeyTarget = &yes
	}
	var courseID int64
	if i := f.course.SelectedIndex(); i >= 0 && i < len(f.s.courses) {
		courseID = f.s.courses[i].ID
	}
	year := 0
	if i := f.year.SelectedIndex(); i > 0 && i-1 < len(f.years) {
		year = f.years[i-1]
	}
	label := exportKindLabel(kind)
	var n int
	var fb *exports.Feedback
	f.last = u.runTask(T("import.export_title"), func(ctx context.Context, p *Progress) error {
		p.Note(T("import.exporting", "What", label))
		x := exports.New(u.svc, u.now)
		var err error
		switch kind {
		case "roster":
			n, err = x.Roster(ctx, path, courseID, opts)
		case "attendance":
			n, err = x.Attendance(ctx, path, courseID, opts)
		case "placements":
			n, err = x.Placements(ctx, path, exports.Filter{Region: region}, opts)
		case "mentors":
			n, err = x.Mentors(ctx, path, exports.Filter{Region: region}, opts)
		case "returns":
			n, err = x.Returns(ctx, path, exports.Filter{Region: region, Year: year}, opts)
		case "feedback":
			fb, err = x.Feedback(ctx, path, region, exports.FeedbackOptions{Options: opts, OutcomeReport: u.outcomeReport(opts.FullIDs)})
		default:
			n, err = x.Trainees(ctx, path, tf, opts)
		}
		if err != nil {
			return err
		}
		detail := map[string]any{"what": fmt.Sprintf("%d %s", n, kind), "file": filepath.Base(path), "full_ids": opts.FullIDs}
		if fb != nil {
			detail["what"] = fmt.Sprintf("feedback package of %d trainee(s)", fb.Trainees)
			detail["file"] = filepath.Base(fb.Workbook)
		}
		return u.audit(ctx, "export", "", 0, detail)
	}, func() {
		if fb != nil {
			u.showSaved(T("import.export_title"), T("import.exported_feedback", "Region", fb.Region, "N", fb.Trainees), path)
			return
		}
		u.showSaved(T("import.export_title"), T("import.exported", "N", n, "What", label), path)
	})
	return f.last
}

// outcomeReport writes an outflow region's outcome report as a PDF, for
// its feedback package.
func (u *ui) outcomeReport(fullIDs bool) exports.OutcomeReportFunc {
	return func(ctx context.Context, region string, w io.Writer) error {
		o, err := u.svc.FollowUp.RegionOutcome(ctx, region)
		if err != nil {
			return err
		}
		org, err := u.svc.Settings.Setting(ctx, certificate.KeyOrgFallback)
		if err != nil {
			return err
		}
		_, err = lists.Outcomes(w, lists.Meta{Org: org, Date: u.svc.Today(), FullIDs: fullIDs}, o)
		return err
	}
}
