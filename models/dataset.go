package models

// Dataset is a whole programme's records with their IDs set, as the demo
// generator produces them and as a bulk load writes them in one
// transaction. References between records use those IDs.
type Dataset struct {
	Organisations []*Organisation
	Programmes    []*Programme
	Cohorts       []*Cohort
	Instructors   []*Instructor
	Trainees      []*Trainee
	Courses       []*Course
	Sessions      []*Session
	Enrolments    []*Enrolment
	Attendance    []*Attendance
	Placements    []*Placement
	Mentorships   []*Mentorship
	Contacts      []*Contact
	Returns       []*Return
	Elections     []*Election
	Certificates  []*Certificate
	Settings      map[string]string
}
