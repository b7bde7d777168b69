package training

import (
	"context"
	"math"
	"strconv"
	"strings"

	"peiyang/models"
)

// Completion: the rule (hours, attendance rate, score, placement) that
// decides who completes a course, with a reason for every failed condition.

// epsilon absorbs floating-point noise when a value is compared with its
// threshold: a value exactly at the threshold meets it.
const epsilon = 1e-9

// DecisionInput is what the completion rule needs to know of one trainee
// on one course.
type DecisionInput struct {
	Course          *models.Course
	Sessions        []*models.Session    // all the course's sessions
	Attendance      []*models.Attendance // the trainee's sign-ins (others' are ignored)
	TraineeID       int64
	Score           *float64    // the assessment score, nil if not recorded
	PlacementPassed bool        // the trainee has a placement with a passing grade
	AsOf            models.Date // sessions after this day are not held yet; zero: every session counts
}

// Decision is the completion decision for one trainee, with its reasons.
// Reasons holds one English sentence per failed condition; Failures holds
// the same as domain errors (message template and data) for translation.
type Decision struct {
	TraineeID       int64
	Completed       bool
	Hours           float64 // class hours earned: sessions attended present or late
	AttendanceRate  float64 // 0 to 1, over the sessions held
	SessionsHeld    int
	SessionsPresent int // held sessions attended present or late
	Score           *float64
	PlacementPassed bool
	Reasons         []string
	Failures        []*models.Error
	Summary         string
}

// HoursEarned sums the class hours of the sessions the trainee attended
// present or late.
func HoursEarned(sessions []*models.Session, attendance []*models.Attendance, traineeID int64) float64 {
	counts := countingSessions(attendance, traineeID)
	h := 0.0
	for _, s := range sessions {
		if counts[s.ID] {
			h += s.Hours
		}
	}
	return h
}

func countingSessions(attendance []*models.Attendance, traineeID int64) map[int64]bool {
	m := map[int64]bool{}
	for _, a := range attendance {
		if a.TraineeID == traineeID && a.Status.Counts() {
			m[a.SessionID] = true
		}
	}
	return m
}

// Decide applies the course's completion rule to one trainee. Class hours
// come from the sessions attended present or late (excused leave and
// absence earn nothing); the attendance rate is the share of the sessions
// held by in.AsOf attended present or late (0 when none was held). Each
// condition is met at exactly its threshold: the minimum attendance rate,
// the minimum class hours (the rule's MinHours; the course's RequiredHours,
// its nominal total, plays no part), the pass score (when above 0; a
// missing score then fails) and, when the rule asks for it, a passed
// placement.
func Decide(in DecisionInput) Decision {
	c := in.Course
	counts := countingSessions(in.Attendance, in.TraineeID)
	d := Decision{TraineeID: in.TraineeID, Score: in.Score, PlacementPassed: in.PlacementPassed}
	for _, s := range in.Sessions {
		if counts[s.ID] {
			d.Hours += s.Hours
		}
		if in.AsOf.IsZero() || !s.Date.After(in.AsOf) {
			d.SessionsHeld++
			if counts[s.ID] {
				d.SessionsPresent++
			}
		}
	}
	return Judge(c.Rule, d)
}

// Judge applies a completion rule to a trainee's counts: d carries
// TraineeID, Hours, SessionsHeld, SessionsPresent, Score and
// PlacementPassed; Judge fills in the attendance rate, the verdict, the
// failed conditions and the summary. Decide gathers the counts from the
// records; the demo generator calls Judge directly.
func Judge(r models.CompletionRule, d Decision) Decision {
	d.AttendanceRate = 0
	if d.SessionsHeld > 0 {
		d.AttendanceRate = float64(d.SessionsPresent) / float64(d.SessionsHeld)
	}
	fail := func(msg string, data ...any) {
		d.Failures = append(d.Failures, models.Errorf(models.EINVALID, "", msg, data...))
	}
	if d.AttendanceRate+epsilon < r.MinAttendanceRate {
		fail("attendance {{.Rate}} is below the required {{.Min}} (short by {{.Short}} points)",
			"Rate", percent(d.AttendanceRate), "Min", percent(r.MinAttendanceRate), "Short", round((r.MinAttendanceRate-d.AttendanceRate)*100, 1))
	}
	if need := r.MinHours; d.Hours+epsilon < need {
		fail("class hours {{.Hours}} are {{.Short}} short of the required {{.Min}}",
			"Hours", number(d.Hours), "Short", number(need-d.Hours), "Min", number(need))
	}
	if r.PassScore > 0 {
		if d.Score == nil {
			fail("no assessment score is recorded (the pass score is {{.Pass}})", "Pass", number(r.PassScore))
		} else if *d.Score+epsilon < r.PassScore {
			fail("score {{.Score}} is below the pass score {{.Pass}} (short by {{.Short}})",
				"Score", number(*d.Score), "Pass", number(r.PassScore), "Short", number(r.PassScore-*d.Score))
		}
	}
	if r.RequirePlacement && !d.PlacementPassed {
		fail("no shadow-study placement has been passed")
	}
	d.Completed = len(d.Failures) == 0
	for _, f := range d.Failures {
		d.Reasons = append(d.Reasons, models.Render(f.Message, f.Data))
	}
	if d.Completed {
		parts := []string{"attendance " + percent(d.AttendanceRate), "class hours " + number(d.Hours)}
		if d.Score != nil {
			parts = append(parts, "score "+number(*d.Score))
		}
		d.Summary = "Completed: " + strings.Join(parts, ", ") + "."
	} else {
		d.Summary = "Not completed: " + strings.Join(d.Reasons, "; ") + "."
	}
	return d
}

// percent formats a rate as a percentage with at most one decimal: 0.75 →
// "75%", 0.8333 → "83.3%".
func percent(r float64) string { return round(r*100, 1) + "%" }

// number formats a value with at most two decimals and no trailing zeros.
func number(v float64) string { return round(v, 2) }

// round formats v rounded to at most the given decimals.
func round(v float64, decimals int) string {
	p := math.Pow(10, float64(decimals))
	v = math.Round(v*p) / p
	if v == 0 {
		v = 0 // no "-0"
	}
	return strconv.FormatFloat(v, 'f', -1, 64)
}

// Decisions computes the completion decision of every trainee holding a
// place on the course, counting the sessions held by today, and writes
// nothing.
func (s *EnrolmentService) Decisions(ctx context.Context, courseID int64) ([]Decision, error) {
	return read(s.rules, ctx, "decisions", func(ctx context.Context) ([]Decision, error) {
		ds, _, err := s.decisions(ctx, courseID)
		return ds, err
	})
}

// DecideCompletion computes the decisions as Decisions does and records
// each one on its enrolment (status completed or not_completed, and the
// decision's summary as Reason), in one transaction. A cancelled course is
// refused, and so is a course that is not over (sessions to come, scores
// missing: see course_over.go); DecideCompletionEarly decides one anyway.
func (s *EnrolmentService) DecideCompletion(ctx context.Context, courseID int64) ([]Decision, error) {
	return s.decideCompletion(ctx, courseID, "")
}

// DecideCompletionEarly decides a course that is not over yet (closed
// early, say), for the reason given, which the audit trail records; a
// blank reason is refused.
func (s *EnrolmentService) DecideCompletionEarly(ctx context.Context, courseID int64, reason string) ([]Decision, error) {
	if strings.TrimSpace(reason) == "" {
		return nil, invalid("reason", MsgEarlyReason)
	}
	return s.decideCompletion(ctx, courseID, reason)
}

func (s *EnrolmentService) decideCompletion(ctx context.Context, courseID int64, reason string) ([]Decision, error) {
	var out []Decision
	err := s.update(ctx, "decide completion", func(ctx context.Context) error {
		ds, es, err := s.decisions(ctx, courseID)
		if err != nil {
			return err
		}
		course, err := s.store.FindCourseByID(ctx, courseID)
		if err != nil {
			return err
		}
		sessions, err := s.store.FindSessions(ctx, models.SessionFilter{CourseID: courseID})
		if err != nil {
			return err
		}
		if err := s.early(ctx, course, sessions, es, "completion decided before the course was over", reason); err != nil {
			return err
		}
		for i, d := range ds {
			e := es[i]
			e.Status = models.NotCompleted
			if d.Completed {
				e.Status = models.Completed
			}
			e.Reason = d.Summary
			if err := s.store.UpdateEnrolment(ctx, e); err != nil {
				return err
			}
		}
		out = ds
		return nil
	})
	return out, err
}

// decisions returns the decisions and, at the same index, the enrolments
// they are for.
func (s *rules) decisions(ctx context.Context, courseID int64) ([]Decision, []*models.Enrolment, error) {
	course, err := s.store.FindCourseByID(ctx, courseID)
	if err != nil {
		return nil, nil, err
	}
	if course.Status == models.CourseCancelled {
		return nil, nil, conflict("", "The course {{.Course}} is cancelled: nobody can complete it.", "Course", course.Title)
	}
	sessions, err := s.store.FindSessions(ctx, models.SessionFilter{CourseID: courseID})
	if err != nil {
		return nil, nil, err
	}
	att, err := s.store.FindAttendance(ctx, models.AttendanceFilter{CourseID: courseID})
	if err != nil {
		return nil, nil, err
	}
	all, err := s.store.FindEnrolments(ctx, models.EnrolmentFilter{CourseID: courseID})
	if err != nil {
		return nil, nil, err
	}
	var ds []Decision
	var es []*models.Enrolment
	for _, e := range all {
		if !e.Status.HoldsPlace() {
			continue
		}
		passed := false
		if course.Rule.RequirePlacement {
			if passed, err = s.placementPassed(ctx, e.TraineeID); err != nil {
				return nil, nil, err
			}
		}
		ds = append(ds, Decide(DecisionInput{
			Course: course, Sessions: sessions, Attendance: att, TraineeID: e.TraineeID,
			Score: e.Score, PlacementPassed: passed, AsOf: s.today(),
		}))
		es = append(es, e)
	}
	return ds, es, nil
}

// placementPassed reports whether the trainee has a placement with a
// passing grade.
func (s *rules) placementPassed(ctx context.Context, traineeID int64) (bool, error) {
	ps, err := s.store.FindPlacements(ctx, models.PlacementFilter{TraineeID: traineeID})
	if err != nil {
		return false, err
	}
	for _, p := range ps {
		if p.Grade.Passed() {
			return true, nil
		}
	}
	return false, nil
}
