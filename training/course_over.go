package training

import (
	"context"
	"errors"
	"strings"

	"peiyang/models"
)

// A course's completion is decided, and its certificates issued, once the
// course is over: its sessions held and, when its rule asks for a pass
// score, every trainee holding a place scored. Deciding earlier would mark
// people 未结业 on attendance they have not yet had the chance to give,
// and print certificates dated before the course ends. For the rare real
// case (a course closed early) the Early variants take a reason, which the
// audit trail records beside the decision.

// Messages of a course that is not over.
const (
	MsgSessionsToCome = "{{.Course}} is not over: {{.N}} session(s) are still to come, the last on {{.Last}}."
	MsgEndsLater      = "{{.Course}} is not over: it ends on {{.End}}."
	MsgScoresMissing  = "{{.N}} trainee(s) of {{.Course}} have no assessment score yet."
	MsgEarlyReason    = "Give the reason for deciding before the course is over (a course closed early, say)."
)

// notOver returns why the course is not over, nil when it is.
func (s *rules) notOver(course *models.Course, sessions []*models.Session, enrolments []*models.Enrolment) error {
	today := s.today()
	var l models.ErrorList
	left, last := 0, models.Date{}
	for _, ses := range sessions {
		if ses.Date.After(today) {
			left++
			if ses.Date.After(last) {
				last = ses.Date
			}
		}
	}
	switch {
	case left > 0:
		l = append(l, conflict("", MsgSessionsToCome, "Course", course.Title, "N", left, "Last", last.String()))
	case course.EndDate.After(today):
		l = append(l, conflict("", MsgEndsLater, "Course", course.Title, "End", course.EndDate.String()))
	}
	if course.Rule.PassScore > 0 {
		missing := 0
		for _, e := range enrolments {
			if e.Status.HoldsPlace() && e.Score == nil {
				missing++
			}
		}
		if missing > 0 {
			l = append(l, conflict("", MsgScoresMissing, "Course", course.Title, "N", missing))
		}
	}
	return l.Err()
}

// early checks that a course may be decided: over, or for a reason given,
// which it records in the audit trail (what: the decision taken early).
func (s *rules) early(ctx context.Context, course *models.Course, sessions []*models.Session, enrolments []*models.Enrolment, what, reason string) error {
	notOver := s.notOver(course, sessions, enrolments)
	if notOver == nil {
		return nil
	}
	if reason == "" {
		return notOver
	}
	reason = strings.TrimSpace(reason)
	if reason == "" {
		return invalid("reason", MsgEarlyReason)
	}
	if err := models.CheckText("reason", reason, models.MaxText); err != nil {
		return err
	}
	return s.store.RecordAudit(ctx, "override", "courses", course.ID, map[string]any{
		"what": what, "reason": reason, "not_over": models.ErrorCode(notOver)})
}

// WhyNotOver says why the course is not over yet (sessions to come, its
// end date ahead, scores missing): what DecideCompletion would refuse; an
// empty list when it is over.
func (s *EnrolmentService) WhyNotOver(ctx context.Context, courseID int64) (models.ErrorList, error) {
	return read(s.rules, ctx, "course over", func(ctx context.Context) (models.ErrorList, error) {
		course, err := s.store.FindCourseByID(ctx, courseID)
		if err != nil {
			return nil, err
		}
		sessions, err := s.store.FindSessions(ctx, models.SessionFilter{CourseID: courseID})
		if err != nil {
			return nil, err
		}
		es, err := s.store.FindEnrolments(ctx, models.EnrolmentFilter{CourseID: courseID})
		if err != nil {
			return nil, err
		}
		var list models.ErrorList
		errors.As(s.notOver(course, sessions, es), &list)
		return list, nil
	})
}
