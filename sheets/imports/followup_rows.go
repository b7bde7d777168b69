package imports

import (
	"context"
	"fmt"

	"peiyang/models"
	"peiyang/sheets"
	"peiyang/training"
)

// Mentors' contact logs and shadow-study placements from spreadsheets,
// through the machinery of the outcome imports (outcomes.go): every row
// matched to a trainee by ID number, checked with the rules, all or
// nothing.

// The kinds of follow-up import beside the outcomes.
const (
	KindContacts   = "contacts"
	KindPlacements = "placements"
)

// Messages of the contact and placement imports.
const (
	MsgNoMentorship  = "No mentorship of {{.Mentor}} with {{.Name}} runs on {{.Date}}; assign the mentor first (Mentors)."
	MsgModeBad       = "Not a way of contact: {{.Text}}. Write 走访, 电话, 视频通话, 消息 or 谈心谈话."
	MsgGradeBad      = "Not an evaluation: {{.Text}}. Write 优秀, 良好, 合格 or 不合格."
	MsgContactTwice  = "Rows {{.First}} and {{.Row}} record the same contact."
	MsgContactStored = "The contact of {{.Mentor}} with {{.Name}} on {{.Date}} is recorded already: not stored twice."
	MsgPlacedAlready = "The placement of {{.Name}} at {{.Village}} from {{.Date}} is recorded already: not stored twice."
)

// ImportContacts takes in a mentor's contact log: mentor, trainee, date,
// way and content.
func (im *Importer) ImportContacts(ctx context.Context, path string, opts OutcomeOptions) (*Report, error) {
	return im.importOutcomes(ctx, path, KindContacts, opts)
}

// ImportPlacements takes in shadow-study placements: trainee, village,
// start, end, and the host's evaluation and comment when given.
func (im *Importer) ImportPlacements(ctx context.Context, path string, opts OutcomeOptions) (*Report, error) {
	return im.importOutcomes(ctx, path, KindPlacements, opts)
}

// contactRow is a row of a contact log and the contact read from it.
type contactRow struct {
	outcomeRow
	c *models.Contact
}

// placementRow is a row of placements and the placement read from it.
type placementRow struct {
	outcomeRow
	p *models.Placement
}

// modeWords are the ways people write a way of contact.
var modeWords = map[string]models.ContactMode{
	"走访": models.ContactVisit, "上门走访": models.ContactVisit, "实地走访": models.ContactVisit, "见面": models.ContactVisit,
	"电话": models.ContactPhone, "电话联系": models.ContactPhone, "打电话": models.ContactPhone,
	"视频通话": models.ContactVideo, "视频连线": models.ContactVideo,
	"消息": models.ContactMessage, "微信": models.ContactMessage, "短信": models.ContactMessage, "信息": models.ContactMessage,
	"谈心谈话": models.ContactMeeting, "谈心": models.ContactMeeting, "谈话": models.ContactMeeting, "面谈": models.ContactMeeting,
}

// gradeWords are the ways people write a placement's evaluation.
var gradeWords = map[string]models.Grade{
	"优秀": models.GradeExcellent, "良好": models.GradeGood, "合格": models.GradePass, "称职": models.GradePass,
	"不合格": models.GradeFail, "不称职": models.GradeFail,
}

func (o *outcomeImport) readContact(r outcomeRow) error {
	if o.unfilled(r, []string{"date", "mode", "summary"}) {
		return nil
	}
	cell := func(k string) string { return r.pt.h.Cell(r.row, k) }
	formulaCells(o.rep, r.pt.h, r.row, []string{"name", "id_number", "mentor"}, nil)
	before := len(o.rep.Problems)
	t, err := o.trainee(r)
	if err != nil {
		return err
	}
	date, dateOK := o.date(r, "date")
	mode, ok := modeWords[sheets.Clean(cell("mode"))]
	if !ok {
		o.problem(r, "mode", MsgModeBad, "Text", sheets.Clean(cell("mode")))
	}
	if t == nil || !dateOK || !ok {
		return nil
	}
	mentor := sheets.NormalizeName(cell("mentor"))
	ms, err := o.im.svc.FollowUp.FindMentorships(o.ctx, models.MentorshipFilter{TraineeID: t.ID, ActiveOn: date})
	if err != nil {
		return err
	}
	ins, err := o.im.svc.Courses.FindInstructors(o.ctx, models.InstructorFilter{Name: mentor})
	if err != nil {
		return err
	}
	named := map[int64]bool{}
	for _, in := range ins {
		named[in.ID] = sheets.NormalizeName(in.Name) == mentor
	}
	var m *models.Mentorship
	for _, x := range ms {
		if named[x.MentorID] {
			m = x
		}
	}
	if m == nil {
		o.problem(r, "mentor", MsgNoMentorship, "Mentor", mentor, "Name", t.Name, "Date", date.String())
		return nil
	}
	c := &models.Contact{MentorshipID: m.ID, Date: date, Mode: mode, Summary: sheets.Clean(cell("summary"))}
	if err := c.Validate(); err != nil {
		o.fieldErr(r, "summary", err)
	}
	if date.After(o.today) {
		o.problem(r, "date", "The contact's date is in the future.")
	}
	if len(o.rep.Problems) > before {
		return nil
	}
	data := map[string]any{"Mentor": mentor, "Name": t.Name, "Date": date.String()}
	stored, err := o.im.svc.FollowUp.FindContacts(o.ctx, models.ContactFilter{MentorshipID: m.ID})
	if err != nil {
		return err
	}
	for _, s := range stored {
		if s.Date == date && s.Mode == mode && s.Summary == c.Summary {
			r.passOver(o.rep, MsgContactStored, data)
			return nil
		}
	}
	key := fmt.Sprint("c|", m.ID, "|", date, "|", mode, "|", c.Summary)
	if f, dup := o.seenRet[key]; dup {
		o.problem(r, "date", MsgContactTwice, "First", f.row.Num, "Row", r.row.Num)
		return nil
	}
	o.seenRet[key] = r
	o.contacts = append(o.contacts, &contactRow{outcomeRow: r, c: c})
	return nil
}

func (o *outcomeImport) readPlacement(r outcomeRow) error {
	if o.unfilled(r, []string{"village", "start", "end", "grade", "comment", "supervisor"}) {
		return nil
	}
	cell := func(k string) string { return r.pt.h.Cell(r.row, k) }
	formulaCells(o.rep, r.pt.h, r.row, []string{"name", "id_number"}, nil)
	before := len(o.rep.Problems)
	t, err := o.trainee(r)
	if err != nil {
		return err
	}
	v, err := o.village(r)
	if err != nil {
		return err
	}
	start, startOK := o.date(r, "start")
	end, endOK := o.date(r, "end")
	p := &models.Placement{StartDate: start, EndDate: end, Supervisor: sheets.NormalizeName(cell("supervisor")),
		Comment: sheets.Clean(cell("comment"))}
	if text := sheets.Clean(cell("grade")); text != "" {
		g, ok := gradeWords[text]
		if !ok {
			o.problem(r, "grade", MsgGradeBad, "Text", text)
		}
		p.Grade = g
	}
	if t == nil || v == nil || !startOK || !endOK || len(o.rep.Problems) > before {
		return nil
	}
	p.TraineeID, p.VillageID = t.ID, v.ID
	mine, err := o.im.svc.FollowUp.FindPlacements(o.ctx, models.PlacementFilter{TraineeID: t.ID})
	if err != nil {
		return err
	}
	for _, s := range mine {
		if s.VillageID == v.ID && s.StartDate == start {
			r.passOver(o.rep, MsgPlacedAlready, map[string]any{"Name": t.Name, "Village": v.Name, "Date": start.String()})
			return nil
		}
	}
	there, err := o.im.svc.FollowUp.FindPlacements(o.ctx, models.PlacementFilter{VillageID: v.ID})
	if err != nil {
		return err
	}
	check := *p
	check.Grade, check.Comment = models.GradeNone, ""
	if err := check.Validate(); err != nil {
		o.fieldErr(r, "start", err)
	} else if err := training.CheckPlacement(&check, v, t, mine, there); err != nil {
		o.fieldErr(r, "village", err)
	}
	o.placements = append(o.placements, &placementRow{outcomeRow: r, p: p})
	return nil
}

// writeFollowUps records the valid contacts and placements (a placement
// with its evaluation, when given) through the service's rules.
func (o *outcomeImport) writeFollowUps(ctx context.Context, bad map[rowKey]bool) (int, error) {
	n := 0
	for _, c := range o.contacts {
		if bad[c.key()] {
			continue
		}
		if err := o.im.svc.FollowUp.LogContact(ctx, c.c); err != nil {
			return n, fmt.Errorf("row %d: %w", c.row.Num, err)
		}
		n++
	}
	for _, p := range o.placements {
		if bad[p.key()] {
			continue
		}
		grade, comment := p.p.Grade, p.p.Comment
		if err := o.im.svc.FollowUp.PlaceTrainee(ctx, p.p); err != nil {
			return n, fmt.Errorf("row %d: %w", p.row.Num, err)
		}
		if grade != models.GradeNone {
			if err := o.im.svc.FollowUp.EvaluatePlacement(ctx, p.p.ID, grade, comment); err != nil {
				return n, fmt.Errorf("row %d: %w", p.row.Num, err)
			}
		}
		n++
	}
	return n, nil
}
