package app

import (
	"strconv"

	"peiyang/models"
)

// Enum labels: the key of a value of a closed set is its kind and value,
// "stage.placed", "theme.party_theory".

func stageLabel(s models.Stage) string { return T("stage." + string(s)) }
func themeLabel(t models.Theme) string { return T("theme." + string(t)) }
func genderLabel(g models.Gender) string {
	if g == "" {
		return ""
	}
	return T("gender." + string(g))
}
func directionLabel(d models.Direction) string         { return T("direction." + string(d)) }
func courseStatusLabel(s models.CourseStatus) string   { return T("course_status." + string(s)) }
func enrolStatusLabel(s models.EnrolmentStatus) string { return T("enrolment_status." + string(s)) }
func committeeLabel(c models.Committee) string         { return T("committee." + string(c)) }
func postLabel(p models.Post) string                   { return T("post." + string(p)) }
func resultLabel(r models.ElectionResult) string       { return T("election_result." + string(r)) }
func certStatusLabel(s models.CertificateStatus) string {
	return T("certificate_status." + string(s))
}
func gradeLabel(g models.Grade) string {
	if g == models.GradeNone {
		return T("grade.none")
	}
	return T("grade." + string(g))
}

// dynamicKeys lists the keys the window builds at run time (enum labels and
// data values), for the tests that keep the translation files complete.
func dynamicKeys() []string {
	var keys []string
	add := func(prefix string, values ...string) {
		for _, v := range values {
			keys = append(keys, prefix+v)
		}
	}
	for kind, values := range models.ValueKinds() {
		add(kind+".", values...)
	}
	for _, v := range models.Genders {
		add("value.", string(v))
	}
	for _, v := range models.CourseStatuses {
		add("value.", string(v))
	}
	add("value.", "window") // what the register of a database's users calls the window
	for _, r := range models.Roles {
		add("accounts.role_", string(r))
	}
	for d := 0; d < 7; d++ {
		add("weekday.", strconv.Itoa(d))
	}
	for _, s := range screens {
		keys = append(keys, s.title)
	}
	for _, f := range detailFields {
		add("trainee.", f.key)
	}
	for _, p := range regionParts {
		add("trainee.region.", p)
	}
	for _, f := range []string{"cohort_id", "nominated_by_id", "home_region", "key_target", "notes", "direction", "photo"} {
		keys = append(keys, formLabelKey(f))
	}
	return keys
}
