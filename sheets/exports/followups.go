package exports

import (
	"context"
	"fmt"

	"peiyang/models"
	"peiyang/sheets"
)

// Filter selects the records of the follow-up lists by their trainee's
// home region (text found in it) and, for returns and elections, the year.
type Filter struct {
	Region string
	Year   int
}

// keep reports whether the trainee passes the region filter.
func (f Filter) keep(t *models.Trainee) bool {
	return t != nil && t.HomeRegion.Contains(f.Region)
}

var (
	placementCols = []sheets.Col{{Header: "姓名"}, {Header: "身份证号", Width: 21}, {Header: term(models.TermHomeRegion)},
		{Header: "跟班村（社区）"}, {Header: "开始日期", Kind: sheets.Date}, {Header: "结束日期", Kind: sheets.Date},
		{Header: term(models.TermSupervisor)}, {Header: term(models.TermGrade)}, {Header: term(models.TermComment), Width: 40}}
	mentorCols = []sheets.Col{{Header: "导师"}, {Header: "导师职务"}, {Header: "导师单位"}, {Header: "姓名"},
		{Header: "身份证号", Width: 21}, {Header: term(models.TermHomeRegion)}, {Header: "开始日期", Kind: sheets.Date},
		{Header: "结束日期", Kind: sheets.Date}, {Header: "帮带目标", Width: 40}, {Header: "联系次数", Kind: sheets.Int},
		{Header: "最近联系", Kind: sheets.Date}}
	returnCols = []sheets.Col{{Header: "姓名"}, {Header: "身份证号", Width: 21}, {Header: term(models.TermHomeRegion)},
		{Header: "回引村（社区）"}, {Header: "回引日期", Kind: sheets.Date}, {Header: "担任职务"}, {Header: "备注", Width: 40},
		recordCol}
	electionCols = []sheets.Col{{Header: "姓名"}, {Header: "身份证号", Width: 21}, {Header: term(models.TermHomeRegion)},
		{Header: "村（社区）"}, {Header: "选举日期", Kind: sheets.Date}, {Header: "委员会"}, {Header: "职务"},
		{Header: "结果"}, {Header: "任期（年）", Kind: sheets.Int}, {Header: "得票数", Kind: sheets.Int}, recordCol}
	// recordCol is the trainee's number (系统编号), by which a list with
	// masked ID numbers imports again (import outcomes).
	recordCol = sheets.Col{Header: "系统编号", Kind: sheets.Int}
)

// Placements writes the shadow-study placements of the trainees whose
// home region matches.
func (x *Exporter) Placements(ctx context.Context, path string, f Filter, o Options) (int, error) {
	w, err := sheets.NewWorkbook()
	if err != nil {
		return 0, err
	}
	defer w.Close()
	n, err := x.placementSheet(ctx, w, models.PlacementFilter{}, f, o)
	if err != nil {
		return n, fmt.Errorf("exports: placements: %w", err)
	}
	return n, save(w, "placements", path)
}

func (x *Exporter) placementSheet(ctx context.Context, w *sheets.Workbook, pf models.PlacementFilter, f Filter, o Options) (int, error) {
	var all []*models.Placement
	pf.Page = models.Page{Limit: pageSize}
	for {
		ps, err := x.svc.FollowUp.FindPlacements(ctx, pf)
		if err != nil {
			return 0, err
		}
		all = append(all, ps...)
		if len(ps) < pageSize {
			break
		}
		pf.AfterID = ps[len(ps)-1].ID
	}
	return x.writePlacements(ctx, w, all, f, o)
}

func (x *Exporter) writePlacements(ctx context.Context, w *sheets.Workbook, ps []*models.Placement, f Filter, o Options) (int, error) {
	ids := make([]int64, len(ps))
	for i, p := range ps {
		ids[i] = p.TraineeID
	}
	ts, err := x.traineesByID(ctx, ids)
	if err != nil {
		return 0, err
	}
	s, err := w.AddSheet("跟班学习", placementCols)
	if err != nil {
		return 0, err
	}
	n := 0
	for _, p := range ps {
		t := ts[p.TraineeID]
		if !f.keep(t) {
			continue
		}
		village, err := x.orgName(ctx, p.VillageID)
		if err != nil {
			return n, err
		}
		id, _ := o.ids(t)
		if err := s.Write(t.Name, id, t.HomeRegion.String(), village, p.StartDate, p.EndDate, p.Supervisor,
			p.Grade.Chinese(), p.Comment); err != nil {
			return n, err
		}
		n++
	}
	return n, nil
}

// Mentors writes the mentorships of the trainees whose home region
// matches, with the number of contacts and the last one.
func (x *Exporter) Mentors(ctx context.Context, path string, f Filter, o Options) (int, error) {
	w, err := sheets.NewWorkbook()
	if err != nil {
		return 0, err
	}
	defer w.Close()
	var all []*models.Mentorship
	mf := models.MentorshipFilter{Page: models.Page{Limit: pageSize}}
	for {
		ms, err := x.svc.FollowUp.FindMentorships(ctx, mf)
		if err != nil {
			return 0, fmt.Errorf("exports: mentors: %w", err)
		}
		all = append(all, ms...)
		if len(ms) < pageSize {
			break
		}
		mf.AfterID = ms[len(ms)-1].ID
	}
	n, err := x.writeMentors(ctx, w, all, f, o)
	if err != nil {
		return n, fmt.Errorf("exports: mentors: %w", err)
	}
	return n, save(w, "mentors", path)
}

func (x *Exporter) writeMentors(ctx context.Context, w *sheets.Workbook, ms []*models.Mentorship, f Filter, o Options) (int, error) {
	ids := make([]int64, len(ms))
	for i, m := range ms {
		ids[i] = m.TraineeID
	}
	ts, err := x.traineesByID(ctx, ids)
	if err != nil {
		return 0, err
	}
	s, err := w.AddSheet("导师帮带", mentorCols)
	if err != nil {
		return 0, err
	}
	mentors := map[int64]*models.Instructor{}
	n := 0
	for _, m := range ms {
		t := ts[m.TraineeID]
		if !f.keep(t) {
			continue
		}
		mentor, ok := mentors[m.MentorID]
		if !ok {
			if mentor, err = x.svc.Courses.FindInstructorByID(ctx, m.MentorID); err != nil {
				return n, err
			}
			mentors[m.MentorID] = mentor
		}
		contacts, err := x.svc.FollowUp.FindContacts(ctx, models.ContactFilter{MentorshipID: m.ID})
		if err != nil {
			return n, err
		}
		var last models.Date
		if len(contacts) > 0 {
			last = contacts[len(contacts)-1].Date
		}
		id, _ := o.ids(t)
		if err := s.Write(mentor.Name, mentor.Position, mentor.Organisation, t.Name, id, t.HomeRegion.String(),
			m.StartDate, m.EndDate, m.Goals, len(contacts), last); err != nil {
			return n, err
		}
		n++
	}
	return n, nil
}

// Returns writes the returns (回引) and, on a second sheet, the elections
// of the trainees whose home region matches, in the year when given. It
// returns the number of returns.
func (x *Exporter) Returns(ctx context.Context, path string, f Filter, o Options) (int, error) {
	w, err := sheets.NewWorkbook()
	if err != nil {
		return 0, err
	}
	defer w.Close()
	n, err := x.returnSheets(ctx, w, f, o)
	if err != nil {
		return n, fmt.Errorf("exports: returns: %w", err)
	}
	return n, save(w, "returns", path)
}

func (x *Exporter) returnSheets(ctx context.Context, w *sheets.Workbook, f Filter, o Options) (int, error) {
	var rets []*models.Return
	rf := models.ReturnFilter{Region: f.Region, Year: f.Year, Page: models.Page{Limit: pageSize}}
	for {
		rs, err := x.svc.FollowUp.FindReturns(ctx, rf)
		if err != nil {
			return 0, err
		}
		rets = append(rets, rs...)
		if len(rs) < pageSize {
			break
		}
		rf.AfterID = rs[len(rs)-1].ID
	}
	var els []*models.Election
	ef := models.ElectionFilter{Region: f.Region, Year: f.Year, Page: models.Page{Limit: pageSize}}
	for {
		es, err := x.svc.FollowUp.FindElections(ctx, ef)
		if err != nil {
			return 0, err
		}
		els = append(els, es...)
		if len(es) < pageSize {
			break
		}
		ef.AfterID = es[len(es)-1].ID
	}
	return x.writeReturns(ctx, w, rets, els, f, o)
}

func (x *Exporter) writeReturns(ctx context.Context, w *sheets.Workbook, rets []*models.Return, els []*models.Election, f Filter, o Options) (int, error) {
	var ids []int64
	for _, r := range rets {
		ids = append(ids, r.TraineeID)
	}
	for _, e := range els {
		ids = append(ids, e.TraineeID)
	}
	ts, err := x.traineesByID(ctx, ids)
	if err != nil {
		return 0, err
	}
	s, err := w.AddSheet("回引", returnCols)
	if err != nil {
		return 0, err
	}
	village := map[int64]int64{} // return ID → village ID
	n := 0
	for _, r := range rets {
		village[r.ID] = r.VillageID
		t := ts[r.TraineeID]
		if !f.keep(t) {
			continue
		}
		name, err := x.orgName(ctx, r.VillageID)
		if err != nil {
			return n, err
		}
		id, _ := o.ids(t)
		if err := s.Write(t.Name, id, t.HomeRegion.String(), name, r.ReturnDate, r.Post, r.Notes, t.ID); err != nil {
			return n, err
		}
		n++
	}
	s, err = w.AddSheet(term(models.TermElectionRecord), electionCols)
	if err != nil {
		return n, err
	}
	for _, e := range els {
		t := ts[e.TraineeID]
		if !f.keep(t) {
			continue
		}
		vid, ok := village[e.ReturnID]
		if !ok {
			r, err := x.svc.FollowUp.FindReturnByID(ctx, e.ReturnID)
			if err != nil {
				return n, err
			}
			vid = r.VillageID
		}
		name, err := x.orgName(ctx, vid)
		if err != nil {
			return n, err
		}
		id, _ := o.ids(t)
		if err := s.Write(t.Name, id, t.HomeRegion.String(), name, e.Date, e.Committee.Chinese(), e.Post.Chinese(),
			e.Result.Chinese(), e.TermYears, votes(e.Votes), t.ID); err != nil {
			return n, err
		}
	}
	return n, nil
}

// votes is an election's votes as a cell: empty when not reported.
func votes(v *int) any {
	if v == nil {
		return nil
	}
	return *v
}
