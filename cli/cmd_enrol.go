package cli

import (
	"context"
	"fmt"
	"strconv"

	"peiyang/models"
	"peiyang/training"
)

// courseTraineeFlags declares --course and --trainee.
func (e *env) courseTraineeFlags() (course, trainee *int64) {
	return e.fs.Int64("course", 0, "course `ID` (required)"), e.fs.Int64("trainee", 0, "trainee `ID` (required)")
}

// courseTraineeCommand parses --course, --trainee and --json, requires
// both IDs and opens the database.
func (e *env) courseTraineeCommand(args []string) (course, trainee int64, err error) {
	c, t := e.courseTraineeFlags()
	e.fs.BoolVar(&e.json, "json", false, "print JSON")
	if _, err := e.parse(args, 0); err != nil {
		return 0, 0, err
	}
	if err := e.requireIDs(map[string]int64{"course": *c, "trainee": *t}); err != nil {
		return 0, 0, err
	}
	return *c, *t, e.open()
}

func (e *env) requireIDs(ids map[string]int64) error {
	for _, name := range []string{"course", "session", "trainee"} {
		if v, ok := ids[name]; ok && v < 1 {
			return e.usagef("--%s is required", name)
		}
	}
	return nil
}

func runEnrol(e *env, args []string) error {
	course, trainee, err := e.courseTraineeCommand(args)
	if err != nil {
		return err
	}
	en, err := e.svc.Enrolment.Enrol(e.ctx, course, trainee)
	if err != nil {
		return err
	}
	if e.json {
		return e.writeJSON(en)
	}
	if en.Status == models.Waitlisted {
		fmt.Fprintf(e.stdout, "The course is full: trainee %d is number %d on the waiting list.\n", en.TraineeID, en.WaitPosition)
	} else {
		fmt.Fprintf(e.stdout, "Trainee %d is enrolled on course %d.\n", en.TraineeID, en.CourseID)
	}
	return nil
}

func runWithdraw(e *env, args []string) error {
	course, trainee, err := e.courseTraineeCommand(args)
	if err != nil {
		return err
	}
	promoted, err := e.svc.Enrolment.Withdraw(e.ctx, course, trainee)
	if err != nil {
		return err
	}
	if e.json {
		return e.writeJSON(map[string]any{"withdrawn": trainee, "promoted": promoted})
	}
	fmt.Fprintf(e.stdout, "Trainee %d has withdrawn from course %d.\n", trainee, course)
	if promoted != nil {
		fmt.Fprintf(e.stdout, "Trainee %d moved up from the waiting list and is enrolled.\n", promoted.TraineeID)
	}
	return nil
}

func runAttend(e *env, args []string) error {
	session := e.fs.Int64("session", 0, "session `ID` (required)")
	trainee := e.fs.Int64("trainee", 0, "trainee `ID` (required)")
	status := e.fs.String("status", "", "present, late, excused or absent (required)")
	if _, err := e.parse(args, 0); err != nil {
		return err
	}
	if err := e.requireIDs(map[string]int64{"session": *session, "trainee": *trainee}); err != nil {
		return err
	}
	st := models.AttendanceStatus(*status)
	if !st.Counts() && st != models.Excused && st != models.Absent {
		return e.usagef("--status must be present, late, excused or absent")
	}
	if err := e.open(); err != nil {
		return err
	}
	if err := e.svc.Enrolment.RecordAttendance(e.ctx, *session, *trainee, st); err != nil {
		return err
	}
	fmt.Fprintf(e.stdout, "Trainee %d: %s at session %d.\n", *trainee, st, *session)
	return nil
}

func runScore(e *env, args []string) error {
	course, trainee := e.courseTraineeFlags()
	scoreText := e.fs.String("score", "", "assessment score from 0 to 100 (required)")
	if _, err := e.parse(args, 0); err != nil {
		return err
	}
	if err := e.requireIDs(map[string]int64{"course": *course, "trainee": *trainee}); err != nil {
		return err
	}
	score, err := strconv.ParseFloat(*scoreText, 64)
	if err != nil {
		return e.usagef("--score must be a number from 0 to 100")
	}
	if err := e.open(); err != nil {
		return err
	}
	if err := e.svc.Enrolment.RecordScore(e.ctx, *course, *trainee, score); err != nil {
		return err
	}
	fmt.Fprintf(e.stdout, "Trainee %d scored %s on course %d.\n", *trainee, hours(score), *course)
	return nil
}

func runComplete(e *env, args []string) error {
	course := e.fs.Int64("course", 0, "course `ID` (required)")
	dry := e.fs.Bool("dry-run", false, "show the decisions without recording them")
	early := e.fs.String("early", "", "decide a course that is not over yet (closed early) for this `reason`, recorded in the audit trail")
	e.fs.BoolVar(&e.json, "json", false, "print JSON")
	if _, err := e.parse(args, 0); err != nil {
		return err
	}
	if err := e.requireIDs(map[string]int64{"course": *course}); err != nil {
		return err
	}
	if err := e.open(); err != nil {
		return err
	}
	decide := e.svc.Enrolment.DecideCompletion
	switch {
	case *dry:
		decide = e.svc.Enrolment.Decisions
	case *early != "":
		decide = func(ctx context.Context, id int64) ([]training.Decision, error) {
			return e.svc.Enrolment.DecideCompletionEarly(ctx, id, *early)
		}
	}
	decisions, err := decide(e.ctx, *course)
	if err != nil {
		return err
	}
	if e.json {
		return e.writeJSON(decisions)
	}
	done := 0
	tb := e.table("trainee", "decision", "hours", "attendance", "reason")
	for _, d := range decisions {
		verdict := "not completed"
		if d.Completed {
			verdict = "completed"
			done++
		}
		tb.row(d.TraineeID, verdict, hours(d.Hours), percent(d.AttendanceRate), d.Summary)
	}
	if err := tb.flush(); err != nil {
		return err
	}
	fmt.Fprintf(e.stdout, "%d of %d completed", done, len(decisions))
	if *dry {
		fmt.Fprint(e.stdout, " (dry run: nothing recorded)")
	}
	fmt.Fprintln(e.stdout, ".")
	return nil
}
