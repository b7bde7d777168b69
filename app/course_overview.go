package app

import (
	"math"
	"strconv"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/widget"

	"peiyang/models"
	"peiyang/training"
)

// courseOverview is the course's facts and completion rule.
type courseOverview struct {
	s      *coursesScreen
	box    fyne.CanvasObject
	values map[string]*widget.Label
}

// overviewRows are the overview's rows, in order.
var overviewRows = []string{"theme", "dates", "venue", "cohort", "places", "sessions", "required_hours", "rule", "status"}

func newCourseOverview(s *coursesScreen) *courseOverview {
	o := &courseOverview{s: s, values: map[string]*widget.Label{}}
	var objs []fyne.CanvasObject
	for _, k := range overviewRows {
		label := widget.NewLabelWithStyle(overviewLabel(k), fyne.TextAlignTrailing, fyne.TextStyle{Bold: true})
		v := widget.NewLabel("")
		v.Wrapping = fyne.TextWrapWord
		o.values[k] = v
		objs = append(objs, label, v)
	}
	o.box = container.NewVScroll(container.New(layout.NewFormLayout(), objs...))
	return o
}

// overviewLabel is the label of an overview row.
func overviewLabel(k string) string {
	switch k {
	case "theme":
		return T("courses.field.theme")
	case "dates":
		return T("courses.dates")
	case "venue":
		return T("courses.field.venue")
	case "cohort":
		return T("courses.field.cohort")
	case "places":
		return T("courses.places_label")
	case "sessions":
		return T("courses.tab_sessions")
	case "required_hours":
		return T("courses.field.required_hours")
	case "rule":
		return T("courses.rule")
	case "status":
		return T("courses.field.status")
	}
	return k
}

func (o *courseOverview) content() fyne.CanvasObject { return o.box }

// load shows the course's facts; they come with the list, so nothing is
// read.
func (o *courseOverview) load(cs *training.CourseSummary) {
	c := cs.Course
	cohort := T("value.none")
	for _, co := range o.s.cohorts {
		if co.ID == c.CohortID {
			cohort = co.Name
		}
	}
	places := T("courses.places_of", "Places", cs.Places, "Capacity", c.Capacity)
	if cs.Waiting > 0 {
		places += T("list.separator") + T("attention.waiting", "N", cs.Waiting)
	}
	venue := c.Venue
	if venue == "" {
		venue = T("value.none")
	}
	set := map[string]string{
		"theme":          themeLabel(c.Theme),
		"dates":          T("timeline.period", "From", dateText(c.StartDate), "To", dateText(c.EndDate)),
		"venue":          venue,
		"cohort":         cohort,
		"places":         places,
		"sessions":       T("courses.sessions_hours", "N", cs.Sessions, "Hours", courseNumber(cs.Hours)),
		"required_hours": courseNumber(c.RequiredHours),
		"rule":           ruleText(c.Rule),
		"status":         courseStatusLabel(c.Status),
	}
	for k, v := range set {
		o.values[k].SetText(v)
	}
}

// ruleText says the completion rule in words.
func ruleText(r models.CompletionRule) string {
	parts := []string{
		T("courses.rule_attendance", "Rate", coursePercent(r.MinAttendanceRate)),
		T("courses.rule_hours", "Hours", courseNumber(r.MinHours)),
	}
	if r.PassScore > 0 {
		parts = append(parts, T("courses.rule_score", "Score", courseNumber(r.PassScore)))
	}
	if r.RequirePlacement {
		parts = append(parts, T("courses.rule_placement"))
	}
	return strings.Join(parts, T("list.separator"))
}

// courseNumber writes a value with at most two decimals: 3, 2.5, 84.25.
func courseNumber(v float64) string {
	v = math.Round(v*100) / 100
	if v == 0 {
		v = 0
	}
	return strconv.FormatFloat(v, 'f', -1, 64)
}

// coursePercent writes a rate as a percentage: 0.8 → 80%.
func coursePercent(r float64) string { return courseNumber(math.Round(r*1000)/10) + "%" }
