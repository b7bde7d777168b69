package exports

import (
	"context"
	"fmt"
	"sort"

	"peiyang/models"
	"peiyang/sheets"
)

// traineeCols are the columns of a trainee list; their headers are ones
// the trainee import recognises. Masked, the birth date is its month,
// under 出生年月; with full IDs, the date under 出生日期.
func traineeCols(o Options) []sheets.Col {
	birth := term(models.TermBirthMonth)
	if o.FullIDs {
		birth = term(models.TermBirthDate)
	}
	return []sheets.Col{
		{Header: "编号", Kind: sheets.Int}, {Header: "姓名"}, {Header: "性别"}, {Header: "民族"},
		{Header: birth, Kind: sheets.Date}, {Header: "身份证号", Width: 21}, {Header: "联系电话", Width: 14},
		{Header: "学历"}, {Header: "入党时间", Kind: sheets.Date}, {Header: term(models.TermBranch)}, {Header: term(models.TermDirection)},
		{Header: term(models.TermHomeRegion)}, {Header: term(models.TermCurrentDistrict)}, {Header: "工作单位"}, {Header: "推荐单位"}, {Header: "批次"},
		{Header: "重点培养对象"}, {Header: "培养阶段"}, {Header: "备注"},
	}
}

// traineeValues is a trainee's row of traineeCols.
func (x *Exporter) traineeValues(ctx context.Context, t *models.Trainee, stage models.Stage, o Options) ([]any, error) {
	org, err := x.orgName(ctx, t.NominatedByID)
	if err != nil {
		return nil, err
	}
	cohort, err := x.cohortName(ctx, t.CohortID)
	if err != nil {
		return nil, err
	}
	t = t.MaskedUnless(o.FullIDs)
	return []any{t.ID, t.Name, t.Gender.Chinese(), t.Ethnicity, t.BirthDate, t.IDNumber, t.Phone, t.Education, t.JoinedParty,
		t.Branch, t.Direction.Chinese(), t.HomeRegion.String(), t.CurrentDistrict, t.Employer, org, cohort,
		t.KeyTarget, stage.Chinese(), t.Notes}, nil
}

// Trainees writes the trainees the filter selects (its paging aside) with
// their pipeline stage, and returns how many.
func (x *Exporter) Trainees(ctx context.Context, path string, f models.TraineeFilter, o Options) (int, error) {
	n, err := x.trainees(ctx, path, f, o)
	if err != nil {
		return n, fmt.Errorf("exports: trainees: %w", err)
	}
	return n, nil
}

func (x *Exporter) trainees(ctx context.Context, path string, f models.TraineeFilter, o Options) (int, error) {
	stages, err := x.svc.Trainees.Stages(ctx, f)
	if err != nil {
		return 0, err
	}
	w, err := sheets.NewWorkbook()
	if err != nil {
		return 0, err
	}
	defer w.Close()
	s, err := w.AddSheet("培养对象", traineeCols(o))
	if err != nil {
		return 0, err
	}
	n := 0
	f.Page = models.Page{Limit: pageSize}
	for {
		ts, err := x.svc.Trainees.FindTrainees(ctx, f)
		if err != nil {
			return n, err
		}
		for _, t := range ts {
			vals, err := x.traineeValues(ctx, t, stages[t.ID], o)
			if err != nil {
				return n, err
			}
			if err := s.Write(vals...); err != nil {
				return n, err
			}
			n++
		}
		if len(ts) < pageSize {
			break
		}
		f.AfterID = ts[len(ts)-1].ID
	}
	return n, w.Save(path)
}

// Roster writes a course's roster (花名册): those holding a place, then
// the waiting list in order, then those who withdrew.
func (x *Exporter) Roster(ctx context.Context, path string, courseID int64, o Options) (int, error) {
	course, err := x.svc.Courses.FindCourseByID(ctx, courseID)
	if err != nil {
		return 0, fmt.Errorf("exports: roster: %w", err)
	}
	es, err := x.svc.Enrolment.FindEnrolments(ctx, models.EnrolmentFilter{CourseID: courseID})
	if err != nil {
		return 0, fmt.Errorf("exports: roster: %w", err)
	}
	rank := func(e *models.Enrolment) int {
		switch {
		case e.Status.HoldsPlace():
			return 0
		case e.Status == models.Waitlisted:
			return 1
		}
		return 2
	}
	sort.SliceStable(es, func(i, j int) bool {
		a, b := es[i], es[j]
		if rank(a) != rank(b) {
			return rank(a) < rank(b)
		}
		return a.WaitPosition < b.WaitPosition
	})
	ids := make([]int64, len(es))
	for i, e := range es {
		ids[i] = e.TraineeID
	}
	ts, err := x.traineesByID(ctx, ids)
	if err != nil {
		return 0, fmt.Errorf("exports: roster: %w", err)
	}
	w, err := sheets.NewWorkbook()
	if err != nil {
		return 0, err
	}
	defer w.Close()
	s, err := w.AddSheet("花名册", []sheets.Col{{Header: "序号", Kind: sheets.Int}, {Header: "姓名"}, {Header: "性别"},
		{Header: "民族"}, {Header: "身份证号", Width: 21}, {Header: "联系电话", Width: 14}, {Header: "工作单位"},
		{Header: term(models.TermHomeRegion)}, {Header: "状态"}, {Header: "候补顺序", Kind: sheets.Int}, {Header: "成绩", Kind: sheets.Number},
		{Header: "结业说明"}, {Header: "课程"}})
	if err != nil {
		return 0, err
	}
	for i, e := range es {
		t := ts[e.TraineeID]
		if t == nil {
			continue
		}
		id, phone := o.ids(t)
		var score, pos any
		if e.Score != nil {
			score = *e.Score
		}
		if e.WaitPosition > 0 {
			pos = e.WaitPosition
		}
		if err := s.Write(i+1, t.Name, t.Gender.Chinese(), t.Ethnicity, id, phone, t.Employer, t.HomeRegion.String(),
			e.Status.Chinese(), pos, score, e.Reason, course.Title); err != nil {
			return 0, err
		}
	}
	return len(es), save(w, "roster", path)
}

// sessionHeader heads a session's column of the attendance grid; the
// attendance import reads it back (date and time first).
func sessionHeader(s *models.Session) string {
	return s.Date.String() + " " + s.Start.String() + " " + s.Topic
}

// Attendance writes a course's attendance grid: one row per trainee
// holding a place, one column per session, marked √, 迟到, 请假 or ×,
// then the totals and the score.
func (x *Exporter) Attendance(ctx context.Context, path string, courseID int64, o Options) (int, error) {
	n, err := x.attendance(ctx, path, courseID, o)
	if err != nil {
		return n, fmt.Errorf("exports: attendance: %w", err)
	}
	return n, nil
}

func (x *Exporter) attendance(ctx context.Context, path string, courseID int64, o Options) (int, error) {
	course, err := x.svc.Courses.FindCourseByID(ctx, courseID)
	if err != nil {
		return 0, err
	}
	sessions, err := x.svc.Courses.FindSessions(ctx, models.SessionFilter{CourseID: courseID})
	if err != nil {
		return 0, err
	}
	es, err := x.svc.Enrolment.FindEnrolments(ctx, models.EnrolmentFilter{CourseID: courseID})
	if err != nil {
		return 0, err
	}
	var ids []int64
	var holders []*models.Enrolment
	for _, e := range es {
		if e.Status.HoldsPlace() {
			holders = append(holders, e)
			ids = append(ids, e.TraineeID)
		}
	}
	ts, err := x.traineesByID(ctx, ids)
	if err != nil {
		return 0, err
	}
	att, err := x.svc.Enrolment.FindAttendance(ctx, models.AttendanceFilter{CourseID: courseID})
	if err != nil {
		return 0, err
	}
	marks := map[[2]int64]models.AttendanceStatus{}
	for _, a := range att {
		marks[[2]int64{a.SessionID, a.TraineeID}] = a.Status
	}
	cols := []sheets.Col{{Header: "序号", Kind: sheets.Int}, {Header: "姓名"}, {Header: "身份证号", Width: 21}}
	for _, s := range sessions {
		cols = append(cols, sheets.Col{Header: sessionHeader(s), Width: 14})
	}
	cols = append(cols, sheets.Col{Header: "出勤次数", Kind: sheets.Int}, sheets.Col{Header: "获得学时", Kind: sheets.Number},
		sheets.Col{Header: "成绩", Kind: sheets.Number})
	w, err := sheets.NewWorkbook()
	if err != nil {
		return 0, err
	}
	defer w.Close()
	sh, err := w.AddSheet(sheetName("考勤", course.Title), cols)
	if err != nil {
		return 0, err
	}
	for i, e := range holders {
		t := ts[e.TraineeID]
		if t == nil {
			continue
		}
		id, _ := o.ids(t)
		row := []any{i + 1, t.Name, id}
		attended, hours := 0, 0.0
		for _, s := range sessions {
			st := marks[[2]int64{s.ID, t.ID}]
			row = append(row, markLabel[st])
			if st.Counts() {
				attended++
				hours += s.Hours
			}
		}
		var score any
		if e.Score != nil {
			score = *e.Score
		}
		row = append(row, attended, hours, score)
		if err := sh.Write(row...); err != nil {
			return 0, err
		}
	}
	return len(holders), w.Save(path)
}

// sheetName joins a prefix and a title into a sheet name without the
// characters Excel refuses.
func sheetName(prefix, title string) string {
	out := []rune(prefix + "-")
	for _, r := range title {
		switch r {
		case ':', '\\', '/', '?', '*', '[', ']':
			r = '_'
		}
		out = append(out, r)
	}
	if len(out) > 31 {
		out = out[:31]
	}
	return string(out)
}
