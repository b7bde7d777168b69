package exports

import (
	"context"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"

	"peiyang/internal/userfile"
	"peiyang/models"
	"peiyang/sheets"
	"peiyang/training"
)

// OutcomeReportFunc writes an outflow region's outcome report as a PDF.
// The documents part provides it; until then callers pass nil and the
// feedback package holds the workbook alone.
type OutcomeReportFunc func(ctx context.Context, region string, w io.Writer) error

// FeedbackOptions tune a feedback package.
type FeedbackOptions struct {
	Options
	// OutcomeReport, when set, writes the region's outcome report, saved
	// beside the workbook as 成果报告_REGION_DATE.pdf.
	OutcomeReport OutcomeReportFunc
}

// Feedback is what a feedback package holds.
type Feedback struct {
	Region   string `json:"region"`
	Trainees int    `json:"trainees"`
	Workbook string `json:"workbook"`
	Report   string `json:"report,omitempty"` // the PDF, "" without an OutcomeReport
}

// MsgNoMembers is the error when no trainee's home region matches.
const MsgNoMembers = "No trainee's home region contains {{.Region}}."

// Feedback writes the feedback package of one outflow region into dir: a
// workbook (培养反馈_REGION_DATE.xlsx) of the members whose home region
// contains the text, with sheets for the members, their training records,
// attendance totals, certificates, placements, mentors, returns and
// elections, and two sheets the region fills in with its members' returns
// and election results (feedback_fill.go); and, when opts.OutcomeReport is set, the region's outcome
// report PDF. dir is created (mode 0700) when missing. Everything is read
// in one read transaction, so that the workbook and the report agree.
func (x *Exporter) Feedback(ctx context.Context, dir, region string, opts FeedbackOptions) (*Feedback, error) {
	var fb *Feedback
	err := x.svc.View(ctx, func(ctx context.Context) error {
		var err error
		fb, err = x.feedback(ctx, dir, strings.TrimSpace(region), opts)
		return err
	})
	if err != nil {
		return nil, fmt.Errorf("exports: feedback: %w", err)
	}
	return fb, nil
}

func (x *Exporter) feedback(ctx context.Context, dir, region string, opts FeedbackOptions) (*Feedback, error) {
	if region == "" {
		return nil, models.Errorf(models.EINVALID, "region", "Give the outflow region, such as 德阳市 or 中江县.")
	}
	var recs []*training.TraineeRecord
	f := models.TraineeFilter{Region: region, Page: models.Page{Limit: pageSize}}
	for {
		ts, err := x.svc.Trainees.FindTrainees(ctx, f)
		if err != nil {
			return nil, err
		}
		for _, t := range ts {
			rec, err := x.svc.Trainees.TraineeRecord(ctx, t.ID)
			if err != nil {
				return nil, err
			}
			recs = append(recs, rec)
		}
		if len(ts) < pageSize {
			break
		}
		f.AfterID = ts[len(ts)-1].ID
	}
	if len(recs) == 0 {
		return nil, models.Errorf(models.ENOTFOUND, "region", MsgNoMembers, "Region", region)
	}
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return nil, err
	}
	base := region + "_" + x.today().String()
	fb := &Feedback{Region: region, Trainees: len(recs), Workbook: filepath.Join(dir, userfile.SafeName("培养反馈_"+base+".xlsx"))}
	if err := x.feedbackWorkbook(ctx, fb.Workbook, recs, opts.Options); err != nil {
		return nil, err
	}
	if opts.OutcomeReport != nil {
		fb.Report = filepath.Join(dir, userfile.SafeName("成果报告_"+base+".pdf"))
		if err := userfile.Write(fb.Report, func(w io.Writer) error { return opts.OutcomeReport(ctx, region, w) }); err != nil {
			return nil, fmt.Errorf("outcome report: %w", err)
		}
	}
	return fb, nil
}

func (x *Exporter) feedbackWorkbook(ctx context.Context, path string, recs []*training.TraineeRecord, o Options) error {
	w, err := sheets.NewWorkbook()
	if err != nil {
		return err
	}
	defer w.Close()
	s, err := w.AddSheet("培养对象", traineeCols(o))
	if err != nil {
		return err
	}
	for _, r := range recs {
		vals, err := x.traineeValues(ctx, r.Trainee, r.Stage, o)
		if err != nil {
			return err
		}
		if err := s.Write(vals...); err != nil {
			return err
		}
	}
	if err := writeCourses(w, recs, o); err != nil {
		return err
	}
	if err := writeCertificates(w, recs, o); err != nil {
		return err
	}
	byID := map[int64]*models.Trainee{}
	var ps []*models.Placement
	var ms []*models.Mentorship
	var rets []*models.Return
	var els []*models.Election
	for _, r := range recs {
		byID[r.Trainee.ID] = r.Trainee
		for _, p := range r.Placements {
			ps = append(ps, p.Placement)
		}
		for _, m := range r.Mentorships {
			ms = append(ms, m.Mentorship)
		}
		for _, rr := range r.Returns {
			rets = append(rets, rr.Return)
			els = append(els, rr.Elections...)
		}
	}
	all := Filter{}
	if _, err := x.writePlacements(ctx, w, ps, all, o); err != nil {
		return err
	}
	if _, err := x.writeMentors(ctx, w, ms, all, o); err != nil {
		return err
	}
	if _, err := x.writeReturns(ctx, w, rets, els, all, o); err != nil {
		return err
	}
	if err := writeFillIn(w, recs, o); err != nil {
		return err
	}
	return w.Save(path)
}

// writeCourses writes the training records and the attendance totals.
func writeCourses(w *sheets.Workbook, recs []*training.TraineeRecord, o Options) error {
	s, err := w.AddSheet("培训记录", []sheets.Col{{Header: "姓名"}, {Header: "身份证号", Width: 21}, {Header: "课程"},
		{Header: term(models.TermTheme)}, {Header: "开始日期", Kind: sheets.Date}, {Header: "结束日期", Kind: sheets.Date}, {Header: "状态"},
		{Header: "已举行课次", Kind: sheets.Int}, {Header: "出勤课次", Kind: sheets.Int}, {Header: "出勤率"},
		{Header: "获得学时", Kind: sheets.Number}, {Header: "成绩", Kind: sheets.Number}, {Header: "结业说明", Width: 40}})
	if err != nil {
		return err
	}
	for _, r := range recs {
		id, _ := o.ids(r.Trainee)
		for _, c := range r.Courses {
			rate := ""
			if c.SessionsHeld > 0 {
				rate = fmt.Sprintf("%.0f%%", float64(c.Attended)*100/float64(c.SessionsHeld))
			}
			var score any
			if c.Enrolment.Score != nil {
				score = *c.Enrolment.Score
			}
			if err := s.Write(r.Trainee.Name, id, c.Course.Title, c.Course.Theme.Chinese(), c.Course.StartDate,
				c.Course.EndDate, c.Enrolment.Status.Chinese(), c.SessionsHeld, c.Attended, rate, c.Hours, score,
				c.Enrolment.Reason); err != nil {
				return err
			}
		}
	}
	s, err = w.AddSheet("出勤汇总", []sheets.Col{{Header: "姓名"}, {Header: "身份证号", Width: 21}, {Header: "课程"},
		{Header: "出勤", Kind: sheets.Int}, {Header: "迟到", Kind: sheets.Int}, {Header: "请假", Kind: sheets.Int},
		{Header: "缺勤", Kind: sheets.Int}, {Header: "未记录", Kind: sheets.Int}, {Header: "获得学时", Kind: sheets.Number}})
	if err != nil {
		return err
	}
	for _, r := range recs {
		id, _ := o.ids(r.Trainee)
		for _, c := range r.Courses {
			a := c.Attendance
			recorded := a[models.Present] + a[models.Late] + a[models.Excused] + a[models.Absent]
			if err := s.Write(r.Trainee.Name, id, c.Course.Title, a[models.Present], a[models.Late], a[models.Excused],
				a[models.Absent], max(c.SessionsHeld-recorded, 0), c.Hours); err != nil {
				return err
			}
		}
	}
	return nil
}

func writeCertificates(w *sheets.Workbook, recs []*training.TraineeRecord, o Options) error {
	titles := map[int64]string{}
	for _, r := range recs {
		for _, c := range r.Courses {
			titles[c.Course.ID] = c.Course.Title
		}
	}
	s, err := w.AddSheet("结业证书", []sheets.Col{{Header: "姓名"}, {Header: "身份证号", Width: 21}, {Header: "证书编号"},
		{Header: "课程"}, {Header: "学时", Kind: sheets.Number}, {Header: "发证日期", Kind: sheets.Date}, {Header: "状态"}})
	if err != nil {
		return err
	}
	for _, r := range recs {
		id, _ := o.ids(r.Trainee)
		for _, c := range r.Certificates {
			if err := s.Write(r.Trainee.Name, id, c.Serial, titles[c.CourseID], c.Hours, c.IssuedOn, c.Status.Chinese()); err != nil {
				return err
			}
		}
	}
	return nil
}
