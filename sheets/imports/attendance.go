package imports

import (
	"context"
	"fmt"
	"strings"

	"peiyang/models"
	"peiyang/sheets"
	"peiyang/training"
)

// AttendanceOptions tune an attendance import.
type AttendanceOptions struct {
	ReadOptions
	CourseID int64
	DryRun   bool
}

// Messages of the attendance import.
const (
	MsgMarkBad          = "Not a sign-in mark: {{.Text}}. Write √ (present), 迟到 (late), 请假 (excused leave) or × (absent)."
	MsgNameNotOnCourse  = "No trainee called {{.Name}} holds a place on {{.Course}}."
	MsgIDUnknown        = "No trainee with this ID number is on record."
	MsgNameTwice        = "More than one trainee on the course is called {{.Name}}; add a 身份证号 column to tell them apart."
	MsgNameMismatch     = "The name {{.Name}} is not that of the trainee with this ID number, {{.Recorded}}."
	MsgTraineeTwice     = "Rows {{.First}} and {{.Row}} are the same trainee."
	MsgSessionFuture    = "The session on {{.Date}} has not taken place yet."
	MsgScoreRange       = "The score must be between 0 and 100."
	MsgNoSessionColumns = "No column matches a session of the course: head them with the date (2025-06-02 or 6月2日, with 上午, 下午 or the time when a day has two sessions), with 第1次, 第2次 ..., or with the topic."
	MsgSessionAmbiguous = "The column {{.Column}} matches more than one session on {{.Date}}; add the time (上午, 下午 or 09:00)."
	MsgSessionTwice     = "The columns {{.First}} and {{.Column}} are the same session."
	MsgColumnsBad       = "The file's columns have problems, so nothing was imported."
)

// mark is one sign-in to record.
type mark struct {
	session *models.Session
	status  models.AttendanceStatus
}

// gridRow is one trainee's row of the grid.
type gridRow struct {
	row     int
	trainee *models.Trainee
	marks   []mark
	score   *float64
}

// ImportAttendance reads a course's attendance grid: one row per trainee
// (by 姓名, or 身份证号 when the file has it), one column per session
// (headed by its date, with the time or 上午/下午 when a day has more than
// one, by 第N次, or by its topic), cells marked √, 迟到, 请假 or ×; an
// optional 成绩 column holds the assessment scores. Every mark is checked
// with the core's rules (a place on the course, a session that has taken
// place), and all are recorded in one transaction, or none.
func (im *Importer) ImportAttendance(ctx context.Context, path string, opts AttendanceOptions) (*Report, error) {
	const kind = "attendance"
	course, err := im.svc.Courses.FindCourseByID(ctx, opts.CourseID)
	if err != nil {
		if models.IsNotFound(err) {
			err = models.Errorf(models.EINVALID, "course_id", MsgCourseGone, "ID", opts.CourseID)
		}
		return nil, fmt.Errorf("imports: %s: %w", kind, err)
	}
	parts, rep, err := im.readParts(path, kind, AttendanceFields, 1, opts.ReadOptions, false)
	if err != nil {
		return rep, err
	}
	t, h := parts[0].t, parts[0].h
	rep.DryRun = opts.DryRun
	g, err := im.newGrid(ctx, course, rep, h)
	if err != nil {
		return rep, fmt.Errorf("imports: %s: %w", kind, err)
	}
	dataFrom := g.matchColumns(t)
	if len(g.columns) == 0 {
		return rep, fmt.Errorf("imports: %s: %w", kind, models.Errorf(models.EINVALID, "", MsgNoSessionColumns))
	}
	var rows []gridRow
	parts[0].from = dataFrom
	for _, r := range parts[0].rows(rep, []string{"name", "id_number"}, "id_number", opts.ReadOptions) {
		gr, err := g.parse(r)
		if err != nil {
			return rep, fmt.Errorf("imports: %s: row %d: %w", kind, r.Num, err)
		}
		rows = append(rows, gr)
	}
	rep.settle(parts, false)
	for _, r := range rows {
		rep.Marks += len(r.marks)
		if r.score != nil {
			rep.Scores++
		}
	}
	if len(rep.Problems) > 0 {
		if rep.Rejected == 0 {
			return rep, fmt.Errorf("imports: %s: %w", kind, models.Errorf(models.EINVALID, "", MsgColumnsBad))
		}
		return rep, rejectedErr(kind, rep)
	}
	if opts.DryRun {
		return rep, nil
	}
	err = im.svc.Update(ctx, func(ctx context.Context) error {
		for _, r := range rows {
			for _, m := range r.marks {
				if err := im.svc.Enrolment.RecordAttendance(ctx, m.session.ID, r.trainee.ID, m.status); err != nil {
					return fmt.Errorf("row %d: %w", r.row, err)
				}
			}
			if r.score != nil {
				if err := im.svc.Enrolment.RecordScore(ctx, course.ID, r.trainee.ID, *r.score); err != nil {
					return fmt.Errorf("row %d: %w", r.row, err)
				}
			}
		}
		return nil
	})
	if err != nil {
		return rep, fmt.Errorf("imports: %s: %w", kind, err)
	}
	rep.Imported = len(rows)
	return rep, nil
}

// grid is the state of an attendance import.
type grid struct {
	im        *Importer
	ctx       context.Context
	course    *models.Course
	rep       *Report
	h         *sheets.Header
	sessions  []*models.Session
	columns   map[int]*models.Session      // column index → session
	headers   map[int]string               // column index → a session column's header
	order     []int                        // the session columns' indexes, in order
	holders   map[string][]*models.Trainee // name → trainees holding a place
	waiting   map[string][]*models.Trainee // name → trainees enrolled without a place
	enrolment map[int64]*models.Enrolment  // trainee ID → enrolment, any status
	seen      map[int64]int                // trainee ID → first row
	today     models.Date
}

func (im *Importer) newGrid(ctx context.Context, course *models.Course, rep *Report, h *sheets.Header) (*grid, error) {
	g := &grid{im: im, ctx: ctx, course: course, rep: rep, h: h, columns: map[int]*models.Session{}, headers: map[int]string{},
		holders: map[string][]*models.Trainee{}, waiting: map[string][]*models.Trainee{}, enrolment: map[int64]*models.Enrolment{}, seen: map[int64]int{}, today: im.today()}
	var err error
	if g.sessions, err = im.svc.Courses.FindSessions(ctx, models.SessionFilter{CourseID: course.ID}); err != nil {
		return nil, err
	}
	es, err := im.svc.Enrolment.FindEnrolments(ctx, models.EnrolmentFilter{CourseID: course.ID})
	if err != nil {
		return nil, err
	}
	var ids []int64
	for _, e := range es {
		g.enrolment[e.TraineeID] = e
		ids = append(ids, e.TraineeID)
	}
	if len(ids) > 0 {
		ts, err := im.svc.Trainees.FindTrainees(ctx, models.TraineeFilter{IDs: ids})
		if err != nil {
			return nil, err
		}
		for _, t := range ts {
			if g.enrolment[t.ID].Status.HoldsPlace() {
				g.holders[t.Name] = append(g.holders[t.Name], t)
			} else {
				g.waiting[t.Name] = append(g.waiting[t.Name], t)
			}
		}
	}
	return g, nil
}

// matchColumns matches the header's other columns to sessions and returns
// the index of the first data row. A second header row below the first
// (6月2日 over 上午 and 下午), recognised by the same 姓名 merged down, is
// read together with it.
func (g *grid) matchColumns(t *sheets.Table) int {
	h := g.h
	head := append([]string(nil), h.Cells...)
	candidates := append([]int(nil), h.UnknownColumns...)
	dataFrom := h.First()
	if dataFrom < len(t.Rows) {
		next := t.Rows[dataFrom]
		if nameCol := h.Columns["name"]; nameCol < len(next.Cells) && sheets.Clean(next.Cells[nameCol]) == h.Names["name"] {
			dataFrom++
			isCand := map[int]bool{}
			for _, i := range candidates {
				isCand[i] = true
			}
			for i, c := range next.Cells {
				if i >= len(head) {
					head = append(head, "")
				}
				if sheets.Clean(c) == "" || sheets.Clean(c) == sheets.Clean(head[i]) {
					continue
				}
				if head[i] == "" || isCand[i] {
					head[i] = sheets.Clean(head[i] + " " + c)
					if !isCand[i] {
						candidates = append(candidates, i)
						isCand[i] = true
					}
				}
			}
		}
	}
	g.rep.Unknown = nil
	first := map[int64]string{}
	for _, i := range candidates {
		text := sheets.Clean(head[i])
		s, ambiguous := matchSession(text, g.sessions, g.course)
		switch {
		case ambiguous != "":
			g.rep.Problems = append(g.rep.Problems, newProblem(0, text, "", MsgSessionAmbiguous, map[string]any{"Column": text, "Date": ambiguous}))
		case s == nil:
			g.rep.Unknown = append(g.rep.Unknown, text)
		case first[s.ID] != "":
			g.rep.Problems = append(g.rep.Problems, newProblem(0, text, "", MsgSessionTwice, map[string]any{"First": first[s.ID], "Column": text}))
		default:
			first[s.ID] = text
			g.columns[i] = s
			g.headers[i] = text
			g.order = append(g.order, i)
			g.rep.Columns[fmt.Sprintf("session:%d", s.ID)] = text
		}
	}
	return dataFrom
}

func (g *grid) problem(row int, column, field, key string, data ...any) {
	g.rep.Problems = append(g.rep.Problems, newProblem(row, column, field, key, dataMap(data)))
}

// parse reads one trainee's row.
func (g *grid) parse(r sheets.Row) (gridRow, error) {
	h := g.h
	out := gridRow{row: r.Num}
	formulaCells(g.rep, h, r, []string{"name", "id_number"}, g.headers)
	t, err := g.trainee(r)
	if err != nil || t == nil {
		return out, err
	}
	out.trainee = t
	if f, dup := g.seen[t.ID]; dup {
		g.problem(r.Num, h.Names["name"], "name", MsgTraineeTwice, "First", f, "Row", r.Num)
	} else {
		g.seen[t.ID] = r.Num
	}
	for _, i := range g.order {
		s := g.columns[i]
		if i >= len(r.Cells) {
			continue
		}
		text := r.Cells[i]
		status, ok := parseMark(text)
		col := g.rep.Columns[fmt.Sprintf("session:%d", s.ID)]
		switch {
		case !ok:
			g.problem(r.Num, col, "status", MsgMarkBad, "Text", sheets.Clean(text))
		case status == "":
		case s.Date.After(g.today):
			g.problem(r.Num, col, "session_id", MsgSessionFuture, "Date", s.Date.String())
		default:
			out.marks = append(out.marks, mark{session: s, status: status})
		}
	}
	if text := h.Cell(r, "score"); !blank(text) {
		v, err := sheets.ParseNumber(text)
		switch {
		case err != nil:
			g.problem(r.Num, h.Names["score"], "score", err.(*models.Error).Message, "Text", sheets.Clean(text))
		case v < 0 || v > 100:
			g.problem(r.Num, h.Names["score"], "score", MsgScoreRange)
		default:
			out.score = &v
		}
	}
	return out, nil
}

// trainee finds the row's trainee, by ID number when the row has one,
// else by name among the course's place holders; nil, with the problem
// reported, when there is none.
func (g *grid) trainee(r sheets.Row) (*models.Trainee, error) {
	h := g.h
	name := sheets.NormalizeName(h.Cell(r, "name"))
	nameCol, idCol := h.Names["name"], h.Names["id_number"]
	if !blank(h.Cell(r, "id_number")) {
		id, err := sheets.NormalizeIDNumber(h.Cell(r, "id_number"))
		if err != nil {
			de := err.(*models.Error)
			g.problem(r.Num, idCol, "id_number", de.Message, "Text", "")
			return nil, nil
		}
		ts, err := g.im.svc.Trainees.FindTrainees(g.ctx, models.TraineeFilter{IDNumber: id})
		if err != nil {
			return nil, err
		}
		if len(ts) == 0 {
			g.problem(r.Num, idCol, "id_number", MsgIDUnknown)
			return nil, nil
		}
		t := ts[0]
		if name != "" && name != t.Name {
			g.problem(r.Num, nameCol, "name", MsgNameMismatch, "Name", name, "Recorded", t.Name)
			return nil, nil
		}
		if err := training.CheckPlaceHolder(g.course, t, g.enrolment[t.ID]); err != nil {
			de := err.(*models.Error)
			g.rep.Problems = append(g.rep.Problems, newProblem(r.Num, idCol, "trainee_id", de.Message, de.Data))
			return nil, nil
		}
		return t, nil
	}
	switch ts := g.holders[name]; len(ts) {
	case 1:
		return ts[0], nil
	case 0:
		if w := g.waiting[name]; len(w) == 1 {
			de := training.CheckPlaceHolder(g.course, w[0], g.enrolment[w[0].ID]).(*models.Error)
			g.rep.Problems = append(g.rep.Problems, newProblem(r.Num, nameCol, "trainee_id", de.Message, de.Data))
			return nil, nil
		}
		g.problem(r.Num, nameCol, "name", MsgNameNotOnCourse, "Name", name, "Course", g.course.Title)
	default:
		g.problem(r.Num, nameCol, "name", MsgNameTwice, "Name", name)
	}
	return nil, nil
}

// parseMark reads a sign-in mark; an empty cell, or a dash, is no mark
// (status ""). ok is false for text that is no mark.
func parseMark(s string) (models.AttendanceStatus, bool) {
	switch strings.ToLower(strings.ReplaceAll(sheets.Clean(s), " ", "")) {
	case "", "-", "—", "/", "－":
		return "", true
	case "√", "✓", "✔", "☑", "到", "出勤", "出席", "已到", "正常", "签到", "已签到", "p", "present", "1", "是", "y":
		return models.Present, true
	case "迟", "迟到", "l", "late":
		return models.Late, true
	case "假", "请假", "病假", "事假", "公假", "e", "excused", "△":
		return models.Excused, true
	case "×", "✗", "✘", "x", "缺", "缺勤", "缺席", "旷", "旷课", "未到", "a", "absent", "0", "否", "n":
		return models.Absent, true
	}
	return "", false
}
