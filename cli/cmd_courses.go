package cli

import (
	"context"
	"fmt"

	"peiyang/models"
)

func runCoursesList(e *env, args []string) error {
	status := e.fs.String("status", "", "only courses with this status: planned, open, running, finished, cancelled")
	theme := e.fs.String("theme", "", "only courses on this theme: rural_revitalisation, grassroots_governance, industrial_planning, party_theory, other")
	year := e.fs.Int("year", 0, "only courses starting in this year")
	e.fs.BoolVar(&e.json, "json", false, "print JSON")
	if _, err := e.parse(args, 0); err != nil {
		return err
	}
	if err := e.open(); err != nil {
		return err
	}
	courses, err := e.svc.Courses.FindCourses(e.ctx, models.CourseFilter{Status: models.CourseStatus(*status), Theme: models.Theme(*theme), Year: *year})
	if err != nil {
		return err
	}
	if e.json {
		return e.writeJSON(courses)
	}
	tb := e.table("ID", "title", "theme", "dates", "capacity", "hours", "status")
	for _, c := range courses {
		tb.row(c.ID, c.Title, c.Theme.Chinese(), c.StartDate.String()+" – "+c.EndDate.String(), c.Capacity, hours(c.RequiredHours), c.Status)
	}
	if err := tb.flush(); err != nil {
		return err
	}
	fmt.Fprintf(e.stdout, "%d course(s)\n", len(courses))
	return nil
}

// courseView is what `courses show` prints.
type courseView struct {
	Course     *models.Course    `json:"course"`
	Sessions   []*models.Session `json:"sessions"`
	Enrolments []enrolmentView   `json:"enrolments"`
	Decisions  []decisionView    `json:"decisions"`
}

type enrolmentView struct {
	TraineeID    int64                  `json:"trainee_id"`
	Name         string                 `json:"name"`
	Status       models.EnrolmentStatus `json:"status"`
	WaitPosition int                    `json:"wait_position,omitempty"`
	Score        *float64               `json:"score,omitempty"`
}

type decisionView struct {
	TraineeID      int64   `json:"trainee_id"`
	Name           string  `json:"name"`
	Completed      bool    `json:"completed"`
	Hours          float64 `json:"hours"`
	AttendanceRate float64 `json:"attendance_rate"`
	Reason         string  `json:"reason"`
}

func runCoursesShow(e *env, args []string) error {
	e.fs.BoolVar(&e.json, "json", false, "print JSON")
	pos, err := e.parse(args, 1)
	if err != nil {
		return err
	}
	id, err := e.argID(pos[0], "the course ID")
	if err != nil {
		return err
	}
	if err := e.open(); err != nil {
		return err
	}
	v, err := e.courseView(id)
	if err != nil {
		return err
	}
	if e.json {
		return e.writeJSON(v)
	}
	c := v.Course
	fmt.Fprintf(e.stdout, "%s\n%s · %s – %s · %s · capacity %d · %s class hours required · %s\n",
		c.Title, c.Theme.Chinese(), c.StartDate, c.EndDate, c.Venue, c.Capacity, hours(c.RequiredHours), c.Status)
	r := c.Rule
	fmt.Fprintf(e.stdout, "Completion: attendance ≥ %s, class hours ≥ %s, score ≥ %s, placement required: %v\n\n",
		percent(r.MinAttendanceRate), hours(r.MinHours), hours(r.PassScore), r.RequirePlacement)
	fmt.Fprintf(e.stdout, "Sessions (%d):\n", len(v.Sessions))
	tb := e.table("ID", "date", "time", "venue", "topic", "hours")
	for _, s := range v.Sessions {
		tb.row(s.ID, s.Date, s.Start.String()+"–"+s.End.String(), s.Venue, s.Topic, hours(s.Hours))
	}
	if err := tb.flush(); err != nil {
		return err
	}
	fmt.Fprintf(e.stdout, "\nEnrolments (%d):\n", len(v.Enrolments))
	tb = e.table("trainee", "name", "status", "waiting", "score")
	for _, en := range v.Enrolments {
		score := "-"
		if en.Score != nil {
			score = hours(*en.Score)
		}
		wait := ""
		if en.WaitPosition > 0 {
			wait = fmt.Sprint(en.WaitPosition)
		}
		tb.row(en.TraineeID, en.Name, en.Status, wait, score)
	}
	if err := tb.flush(); err != nil {
		return err
	}
	fmt.Fprintf(e.stdout, "\nCompletion decisions (%d):\n", len(v.Decisions))
	tb = e.table("trainee", "name", "decision", "hours", "attendance", "reason")
	for _, d := range v.Decisions {
		verdict := "not completed"
		if d.Completed {
			verdict = "completed"
		}
		tb.row(d.TraineeID, d.Name, verdict, hours(d.Hours), percent(d.AttendanceRate), d.Reason)
	}
	return tb.flush()
}

// courseView gathers a course with its sessions, enrolments and the
// completion decisions as the rules compute them now, in one read
// transaction.
func (e *env) courseView(id int64) (*courseView, error) {
	var v *courseView
	err := e.svc.View(e.ctx, func(ctx context.Context) error {
		var err error
		v, err = e.readCourseView(ctx, id)
		return err
	})
	return v, err
}

func (e *env) readCourseView(ctx context.Context, id int64) (*courseView, error) {
	c, err := e.svc.Courses.FindCourseByID(ctx, id)
	if err != nil {
		return nil, err
	}
	sessions, err := e.svc.Courses.FindSessions(ctx, models.SessionFilter{CourseID: id})
	if err != nil {
		return nil, err
	}
	ens, err := e.svc.Enrolment.FindEnrolments(ctx, models.EnrolmentFilter{CourseID: id})
	if err != nil {
		return nil, err
	}
	names, err := e.traineeNames(ctx, ens)
	if err != nil {
		return nil, err
	}
	v := &courseView{Course: c, Sessions: sessions, Enrolments: []enrolmentView{}, Decisions: []decisionView{}}
	for _, en := range ens {
		v.Enrolments = append(v.Enrolments, enrolmentView{TraineeID: en.TraineeID, Name: names[en.TraineeID], Status: en.Status, WaitPosition: en.WaitPosition, Score: en.Score})
	}
	decisions, err := e.svc.Enrolment.Decisions(ctx, id)
	if err != nil {
		return nil, err
	}
	for _, d := range decisions {
		v.Decisions = append(v.Decisions, decisionView{TraineeID: d.TraineeID, Name: names[d.TraineeID], Completed: d.Completed, Hours: d.Hours, AttendanceRate: d.AttendanceRate, Reason: d.Summary})
	}
	return v, nil
}

// traineeNames returns the names of the enrolments' trainees.
func (e *env) traineeNames(ctx context.Context, ens []*models.Enrolment) (map[int64]string, error) {
	ids := make([]int64, 0, len(ens))
	for _, en := range ens {
		ids = append(ids, en.TraineeID)
	}
	names := make(map[int64]string, len(ids))
	if len(ids) == 0 {
		return names, nil
	}
	ts, err := e.svc.Trainees.FindTrainees(ctx, models.TraineeFilter{IDs: ids})
	if err != nil {
		return nil, err
	}
	for _, t := range ts {
		names[t.ID] = t.Name
	}
	return names, nil
}
