package imports

import (
	"context"
	"fmt"
	"math"
	"strings"

	"peiyang/models"
	"peiyang/sheets"
	"peiyang/training"
)

// SessionOptions tune a schedule import.
type SessionOptions struct {
	ReadOptions
	CourseID int64
	DryRun   bool
}

// Messages of the schedule import.
const (
	MsgNoTimeColumn       = "The file has no column for the times: add 时间 (09:00-11:30) or 开始时间 and 结束时间."
	MsgTimeMissing        = "The time is missing."
	MsgInstructorUnknown  = "No instructor called {{.Name}} is on record."
	MsgInstructorTwice    = "More than one instructor is called {{.Name}}."
	MsgHoursFromLength    = "The file has no 学时 column: each session earns one class hour per hour it lasts."
	MsgCourseGone         = "The course no. {{.ID}} does not exist."
	MsgConflictWithinFile = "{{.Conflict}} (row {{.OtherRow}})"
)

// sessionRow is one data row and the session read from it.
type sessionRow struct {
	row     int
	session *models.Session
	valid   bool // no problem of its own: its clashes with later rows count
}

// ImportSessions reads a course's schedule. Each session is checked with
// the core's scheduling rules: its own fields, the course's dates, and
// conflicts over a venue, an instructor or a trainee with the sessions on
// record and with the file's other rows, each reported as the core words
// it. Nothing is written unless every row is valid; then all sessions are
// created in one transaction.
func (im *Importer) ImportSessions(ctx context.Context, path string, opts SessionOptions) (*Report, error) {
	const kind = "sessions"
	course, err := im.svc.Courses.FindCourseByID(ctx, opts.CourseID)
	if err != nil {
		if models.IsNotFound(err) {
			err = models.Errorf(models.EINVALID, "course_id", MsgCourseGone, "ID", opts.CourseID)
		}
		return nil, fmt.Errorf("imports: %s: %w", kind, err)
	}
	parts, rep, err := im.readParts(path, kind, SessionFields, 2, opts.ReadOptions, false)
	if err != nil {
		return rep, err
	}
	h := parts[0].h
	rep.DryRun = opts.DryRun
	if !h.Has("time") && !(h.Has("start") && h.Has("end")) {
		return rep, fmt.Errorf("imports: %s: %w", kind, models.Errorf(models.EINVALID, "", MsgNoTimeColumn))
	}
	if !h.Has("hours") {
		rep.Warnings = append(rep.Warnings, newProblem(0, "", "hours", MsgHoursFromLength, nil))
	}
	p := &sessionParser{im: im, ctx: ctx, h: h, course: course, rep: rep, instructors: map[string][]*models.Instructor{}}
	var rows []sessionRow
	for _, r := range parts[0].rows(rep, []string{"date", "topic"}, "", opts.ReadOptions) {
		s, ok, err := p.parse(r)
		if err != nil {
			return rep, fmt.Errorf("imports: %s: row %d: %w", kind, r.Num, err)
		}
		if ok {
			if err := p.conflicts(r.Num, s, rows); err != nil {
				return rep, fmt.Errorf("imports: %s: row %d: %w", kind, r.Num, err)
			}
		}
		rows = append(rows, sessionRow{row: r.Num, session: s, valid: ok})
	}
	rep.settle(parts, false)
	if rep.Rejected > 0 {
		return rep, rejectedErr(kind, rep)
	}
	if opts.DryRun {
		return rep, nil
	}
	err = im.svc.Update(ctx, func(ctx context.Context) error {
		for _, r := range rows {
			if err := im.svc.Courses.CreateSession(ctx, r.session); err != nil {
				return fmt.Errorf("row %d: %w", r.row, err)
			}
		}
		return nil
	})
	if err != nil {
		return rep, fmt.Errorf("imports: %s: %w", kind, err)
	}
	rep.settle(parts, true)
	return rep, nil
}

type sessionParser struct {
	im          *Importer
	ctx         context.Context
	h           *sheets.Header
	course      *models.Course
	rep         *Report
	instructors map[string][]*models.Instructor
}

func (p *sessionParser) columnOf(field string) string {
	switch field {
	case "start", "end":
		if n, ok := p.h.Names["time"]; ok {
			return n
		}
	case "instructor_id":
		field = "instructor"
	case "course_id":
		return ""
	}
	return p.h.Names[field]
}

func (p *sessionParser) add(row int, field string, err error) {
	for _, de := range flatten(err) {
		if de.Field == "" {
			de = &models.Error{Code: de.Code, Field: field, Message: de.Message, Data: de.Data}
		}
		p.rep.Problems = append(p.rep.Problems, problemOf(row, de, p.columnOf))
	}
}

// parse reads a row into a session of the course and checks its fields
// and dates. ok reports whether it is valid so far.
func (p *sessionParser) parse(r sheets.Row) (*models.Session, bool, error) {
	cell := func(key string) string { return p.h.Cell(r, key) }
	before := len(p.rep.Problems)
	formulaCells(p.rep, p.h, r, nil, nil)
	s := &models.Session{CourseID: p.course.ID, Topic: sheets.Clean(cell("topic")), Venue: sheets.Clean(cell("venue"))}
	var err error
	if s.Date, _, err = sheets.ParseDate(cell("date")); err != nil {
		p.add(r.Num, "date", err)
	}
	timesOK := true
	switch {
	case !blank(cell("time")):
		if s.Start, s.End, err = sheets.ParseTimeRange(cell("time")); err != nil {
			p.add(r.Num, "time", err)
			timesOK = false
		}
	case !blank(cell("start")) || !blank(cell("end")):
		if s.Start, err = sheets.ParseClock(cell("start")); err != nil {
			p.add(r.Num, "start", err)
			timesOK = false
		}
		if s.End, err = sheets.ParseClock(cell("end")); err != nil {
			p.add(r.Num, "end", err)
			timesOK = false
		}
	default:
		field := "time"
		if !p.h.Has("time") {
			field = "start"
		}
		p.add(r.Num, field, models.Errorf(models.EINVALID, field, MsgTimeMissing))
		timesOK = false
	}
	if text := cell("hours"); !blank(text) {
		if s.Hours, err = sheets.ParseNumber(text); err != nil {
			p.add(r.Num, "hours", err)
		}
	} else if timesOK && s.End > s.Start {
		s.Hours = math.Round(float64(s.End-s.Start)/30) / 2
	}
	if name := sheets.NormalizeName(cell("instructor")); name != "" {
		if err := p.instructor(r.Num, s, name); err != nil {
			return nil, false, err
		}
	}
	if s.Venue == "" {
		s.Venue = p.course.Venue
	}
	if timesOK {
		if err := training.ValidateSession(p.course, s); err != nil {
			p.add(r.Num, "", err)
		}
	}
	return s, len(p.rep.Problems) == before, nil
}

// instructor sets the session's instructor by exact name.
func (p *sessionParser) instructor(row int, s *models.Session, name string) error {
	found, ok := p.instructors[name]
	if !ok {
		all, err := p.im.svc.Courses.FindInstructors(p.ctx, models.InstructorFilter{Name: name})
		if err != nil {
			return err
		}
		for _, in := range all {
			if in.Name == name {
				found = append(found, in)
			}
		}
		p.instructors[name] = found
	}
	switch len(found) {
	case 1:
		s.InstructorID = found[0].ID
	case 0:
		p.add(row, "instructor", models.Errorf(models.EINVALID, "instructor", MsgInstructorUnknown, "Name", name))
	default:
		p.add(row, "instructor", models.Errorf(models.EINVALID, "instructor", MsgInstructorTwice, "Name", name))
	}
	return nil
}

// conflicts reports the session's clashes with the sessions on record, as
// the training service finds them, and with the file's earlier rows.
func (p *sessionParser) conflicts(row int, s *models.Session, earlier []sessionRow) error {
	cs, err := p.im.svc.Courses.CheckSessionConflicts(p.ctx, s)
	if err != nil {
		return err
	}
	for _, c := range cs {
		p.rep.Problems = append(p.rep.Problems, newProblem(row, p.h.Names["date"], "date", c.Message, c.Data))
	}
	var others []*models.Session
	rowOf := map[*models.Session]int{}
	for _, e := range earlier {
		if !e.valid {
			continue
		}
		others = append(others, e.session)
		rowOf[e.session] = e.row
	}
	sc := training.Schedule{Courses: map[int64]*models.Course{p.course.ID: p.course}, Instructors: map[int64]string{}}
	for _, list := range p.instructors {
		for _, in := range list {
			sc.Instructors[in.ID] = in.Name
		}
	}
	for _, w := range training.SessionWarnings(s) {
		p.rep.Warnings = append(p.rep.Warnings, newProblem(row, p.h.Names["date"], "date", w.Message, w.Data))
	}
	for _, c := range training.CheckSession(p.course, s, others, sc) {
		data := map[string]any{"Conflict": c.String(), "OtherRow": rowOf[c.Other]}
		pr := newProblem(row, p.h.Names["date"], "date", MsgConflictWithinFile, data)
		pr.Message = strings.TrimSpace(pr.Message)
		p.rep.Problems = append(p.rep.Problems, pr)
	}
	return nil
}
