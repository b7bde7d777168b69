package lists

import (
	"fmt"
	"io"
	"slices"
	"strconv"
	"strings"

	"peiyang/models"
	"peiyang/photo"
	"peiyang/reports/pdfkit"
	"peiyang/training"
)

// Record writes a trainee's record (培养档案) as a PDF to w: A4 portrait,
// the personal data (ID number and phone masked unless m.FullIDs), then
// every part of the pipeline: courses with attendance, class hours and the
// completion decision, placements, mentors and their contacts, returns
// and elections, and certificates. It returns the number of pages.
func Record(w io.Writer, m Meta, r *training.TraineeRecord) (int, error) {
	s, err := newSheet(m, "培养档案", r.Trainee.Name, false)
	if err != nil {
		return 0, err
	}
	if err := s.record(r); err != nil {
		return 0, s.fail(err)
	}
	return s.finish(w)
}

// The columns of the record's tables on A4 portrait (180 mm).
var recordCourseColumns = []pdfkit.Column{
	{Header: "序号", Width: 10, Align: pdfkit.AlignCenter},
	{Header: "培训班", Width: 41},
	{Header: term(models.TermTheme), Width: 23, Align: pdfkit.AlignCenter},
	{Header: "培训时间", Width: 24, Align: pdfkit.AlignCenter},
	{Header: "出勤情况", Width: 30},
	{Header: "学时", Width: 12, Align: pdfkit.AlignCenter},
	{Header: "成绩", Width: 12, Align: pdfkit.AlignCenter},
	{Header: "结业情况", Width: 28},
}

var recordPlacementColumns = []pdfkit.Column{
	{Header: "序号", Width: 10, Align: pdfkit.AlignCenter},
	{Header: "重点村（社区）", Width: 46},
	{Header: "跟班学习时间", Width: 40, Align: pdfkit.AlignCenter},
	{Header: term(models.TermSupervisor), Width: 24},
	{Header: term(models.TermGrade), Width: 18, Align: pdfkit.AlignCenter},
	{Header: term(models.TermComment), Width: 42},
}

var recordMentorColumns = []pdfkit.Column{
	{Header: "序号", Width: 10, Align: pdfkit.AlignCenter},
	{Header: "导师", Width: 22},
	{Header: "职务及单位", Width: 48},
	{Header: "结对期间", Width: 40, Align: pdfkit.AlignCenter},
	{Header: "联系次数", Width: 18, Align: pdfkit.AlignCenter},
	{Header: "帮带目标", Width: 42},
}

var recordContactColumns = []pdfkit.Column{
	{Header: "序号", Width: 10, Align: pdfkit.AlignCenter},
	{Header: "日期", Width: 22, Align: pdfkit.AlignCenter},
	{Header: "导师", Width: 22},
	{Header: "方式", Width: 14, Align: pdfkit.AlignCenter},
	{Header: "联系内容", Width: 112},
}

var recordReturnColumns = []pdfkit.Column{
	{Header: "序号", Width: 10, Align: pdfkit.AlignCenter},
	{Header: "回引村（社区）", Width: 42},
	{Header: "回引日期", Width: 22, Align: pdfkit.AlignCenter},
	{Header: "选任情况", Width: 70},
	{Header: "备注", Width: 36},
}

var recordCertificateColumns = []pdfkit.Column{
	{Header: "序号", Width: 10, Align: pdfkit.AlignCenter},
	{Header: "证书编号", Width: 36},
	{Header: "培训班", Width: 66},
	{Header: "学时", Width: 14, Align: pdfkit.AlignCenter},
	{Header: "颁发日期", Width: 22, Align: pdfkit.AlignCenter},
	{Header: "状态", Width: 32},
}

// recordTable is a table of the record.
func recordTable(cols ...pdfkit.Column) pdfkit.Table {
	return pdfkit.Table{Columns: cols, FontSize: 9}
}

func (s *sheet) record(r *training.TraineeRecord) error {
	t := r.Trainee
	if err := s.title("流动党员联合培养档案"); err != nil {
		return err
	}
	info := fmt.Sprintf("姓名：%s　　学员编号：%d　　当前培养环节：%s", t.Name, t.ID, r.Stage.Chinese())
	if err := s.centred(info, sizeSubtitle, 1.6); err != nil {
		return err
	}
	if err := s.metaLine(); err != nil {
		return err
	}
	if err := s.heading("一、基本情况", 20); err != nil {
		return err
	}
	if err := s.basics(r); err != nil {
		return err
	}
	for _, part := range []func(*training.TraineeRecord) error{s.recordCourses, s.recordPlacements, s.recordMentors, s.recordReturns, s.recordCertificates} {
		s.y += 4
		if err := part(r); err != nil {
			return err
		}
	}
	return nil
}

// basics draws the personal data as a grid.
func (s *sheet) basics(r *training.TraineeRecord) error {
	t := s.meta.shown(r.Trainee)
	nominated, cohort := "", ""
	if r.NominatedBy != nil {
		nominated = r.NominatedBy.Name
	}
	if r.Cohort != nil {
		cohort = r.Cohort.Name
	}
	key := "否"
	if t.KeyTarget {
		key = "是"
	}
	g := grid{widths: []float64{40, 50, 30, 60}, size: sizeTable}
	if s.meta.Photos != nil { // the photo at the right of the grid's top rows
		g.widths = []float64{34, 46, 26, 44}
		if err := s.photoBox(t.ID, s.left()+150+2.5, s.y, photo.WidthMM); err != nil {
			return err
		}
	}
	return g.draw(s, [][]string{
		{"姓名", t.Name, "性别", t.Gender.Chinese()},
		{"民族", t.Ethnicity, term(models.TermBirthMonth), yearMonth(t.BirthDate)},
		{"身份证号", t.IDNumber, "联系电话", t.Phone},
		{"学历", t.Education, "入党时间", dotDate(t.JoinedParty)},
		{term(models.TermDirection), t.Direction.Chinese(), "重点培养对象", key},
		{term(models.TermHomeRegion), t.HomeRegion.String()},
		{term(models.TermCurrentDistrict), t.CurrentDistrict, "推荐单位", nominated},
		{"工作单位", t.Employer},
		{term(models.TermBranch), t.Branch},
		{"培养批次", cohort, "当前培养环节", r.Stage.Chinese()},
		{"备注", t.Notes},
	})
}

// section draws a section's heading and its table, or "（无）".
func (s *sheet) section(title string, t pdfkit.Table, rows [][]string) error {
	if len(rows) == 0 {
		if err := s.heading(title, s.LineHeight(sizeBody)); err != nil {
			return err
		}
		return s.flow("（无）", sizeBody, 0)
	}
	if err := s.heading(title, s.tableStart(t, rows)); err != nil {
		return err
	}
	return s.table(t, rows)
}

func (s *sheet) recordCourses(r *training.TraineeRecord) error {
	t := recordTable(recordCourseColumns...)
	passed := false
	for _, p := range r.Placements {
		passed = passed || p.Placement.Grade.Passed()
	}
	rows := make([][]string, len(r.Courses))
	for i, c := range r.Courses {
		score := "—"
		if c.Enrolment.Score != nil {
			score = number(*c.Enrolment.Score)
		}
		decision := c.Enrolment.Status.Chinese()
		if c.Enrolment.Status == models.NotCompleted {
			if why := notCompletedWhy(c, passed); why != "" {
				decision += "：" + why
			}
		}
		rows[i] = []string{strconv.Itoa(i + 1), c.Course.Title, c.Course.Theme.Chinese(),
			dateRange(c.Course.StartDate, c.Course.EndDate), attendance(c), hoursText(c.Hours), score, decision}
	}
	return s.section(fmt.Sprintf("二、专题培训（%d 个班次）", len(rows)), t, rows)
}

// attendance sums up a course's sign-ins: 已上 14 次：出勤 10、迟到 1、请假 2、缺勤 1;
// "—" for a trainee who holds no place (waiting list, withdrawn).
func attendance(c training.CourseRecord) string {
	if !c.Enrolment.Status.HoldsPlace() {
		return "—"
	}
	if c.SessionsHeld == 0 {
		return "尚未开课"
	}
	var parts []string
	for _, st := range models.AttendanceStatuses {
		if n := c.Attendance[st]; n > 0 {
			parts = append(parts, fmt.Sprintf("%s %d", st.Chinese(), n))
		}
	}
	recorded := 0
	for _, n := range c.Attendance {
		recorded += n
	}
	if rest := c.SessionsHeld - recorded; rest > 0 {
		parts = append(parts, fmt.Sprintf("未记录 %d", rest))
	}
	return fmt.Sprintf("已上 %d 次：%s", c.SessionsHeld, strings.Join(parts, "、"))
}

// notCompletedWhy gives in Chinese the conditions of the course's rule
// that the trainee does not meet, as training.Judge finds them from the
// record's counts.
func notCompletedWhy(c training.CourseRecord, placementPassed bool) string {
	d := training.Judge(c.Course.Rule, training.Decision{TraineeID: c.Enrolment.TraineeID, Hours: c.Hours,
		SessionsHeld: c.SessionsHeld, SessionsPresent: c.Attended, Score: c.Enrolment.Score, PlacementPassed: placementPassed})
	var parts []string
	for _, f := range d.Failures {
		msg, ok := failureChinese[f.Message]
		if !ok {
			msg = f.Message // no Chinese for it: the English sentence
		}
		parts = append(parts, models.Render(msg, f.Data))
	}
	return strings.Join(parts, "；")
}

// failureChinese translates training.Judge's failed conditions.
var failureChinese = map[string]string{
	"attendance {{.Rate}} is below the required {{.Min}} (short by {{.Short}} points)": "出勤率{{.Rate}}，低于要求的{{.Min}}",
	"class hours {{.Hours}} are {{.Short}} short of the required {{.Min}}":             "学时{{.Hours}}，比要求的{{.Min}}少{{.Short}}",
	"no assessment score is recorded (the pass score is {{.Pass}})":                    "无考核成绩（合格分数{{.Pass}}）",
	"score {{.Score}} is below the pass score {{.Pass}} (short by {{.Short}})":         "考核成绩{{.Score}}，低于合格分数{{.Pass}}",
	"no shadow-study placement has been passed":                                        "未通过重点村（社区）跟班学习",
}

func (s *sheet) recordPlacements(r *training.TraineeRecord) error {
	t := recordTable(recordPlacementColumns...)
	rows := make([][]string, len(r.Placements))
	for i, p := range r.Placements {
		pl := p.Placement
		rows[i] = []string{strconv.Itoa(i + 1), p.Village.Name, dateRange(pl.StartDate, pl.EndDate),
			pl.Supervisor, pl.Grade.Chinese(), pl.Comment}
	}
	return s.section(fmt.Sprintf("三、重点村（社区）跟班学习（%d 次）", len(rows)), t, rows)
}

func (s *sheet) recordMentors(r *training.TraineeRecord) error {
	t := recordTable(recordMentorColumns...)
	type logged struct {
		c      *models.Contact
		mentor string
	}
	var contacts []logged
	rows := make([][]string, len(r.Mentorships))
	for i, m := range r.Mentorships {
		who := strings.TrimSpace(strings.Join([]string{m.Mentor.Position, m.Mentor.Organisation}, "\n"))
		rows[i] = []string{strconv.Itoa(i + 1), m.Mentor.Name, who, dateRange(m.Mentorship.StartDate, m.Mentorship.EndDate),
			strconv.Itoa(len(m.Contacts)) + " 次", m.Mentorship.Goals}
		for _, c := range m.Contacts {
			contacts = append(contacts, logged{c, m.Mentor.Name})
		}
	}
	if err := s.section(fmt.Sprintf("四、导师帮带（%d 名导师）", len(rows)), t, rows); err != nil {
		return err
	}
	if len(contacts) == 0 {
		return nil
	}
	slices.SortStableFunc(contacts, func(a, b logged) int { return strings.Compare(a.c.Date.String(), b.c.Date.String()) })
	log := recordTable(recordContactColumns...)
	logRows := make([][]string, len(contacts))
	for i, c := range contacts {
		logRows[i] = []string{strconv.Itoa(i + 1), dotDate(c.c.Date), c.mentor, c.c.Mode.Chinese(), c.c.Summary}
	}
	s.y += 3
	return s.section(fmt.Sprintf("导师联系记录（%d 次）", len(logRows)), log, logRows)
}

func (s *sheet) recordReturns(r *training.TraineeRecord) error {
	t := recordTable(recordReturnColumns...)
	rows := make([][]string, len(r.Returns))
	for i, rr := range r.Returns {
		var posts []string
		for _, e := range rr.Elections {
			p := fmt.Sprintf("%s %s%s，%s", dotDate(e.Date), e.Committee.Chinese(), e.Post.Chinese(), e.Result.Chinese())
			if e.TermYears > 0 && e.Result.Seated() {
				p += fmt.Sprintf("（任期 %d 年）", e.TermYears)
			}
			posts = append(posts, p)
		}
		held := "—"
		if len(posts) > 0 {
			held = strings.Join(posts, "\n")
		}
		rows[i] = []string{strconv.Itoa(i + 1), rr.Village.Name, dotDate(rr.Return.ReturnDate), held, rr.Return.Notes}
	}
	return s.section(fmt.Sprintf("五、"+term(models.TermReturns)+"（%d 次）", len(rows)), t, rows)
}

func (s *sheet) recordCertificates(r *training.TraineeRecord) error {
	t := recordTable(recordCertificateColumns...)
	titles := map[int64]string{}
	for _, c := range r.Courses {
		titles[c.Course.ID] = c.Course.Title
	}
	rows := make([][]string, len(r.Certificates))
	for i, c := range r.Certificates {
		status := c.Status.Chinese()
		switch {
		case c.Status == models.CertVoid && c.VoidReason != "":
			status += "：" + c.VoidReason
		case c.ReplacedBy != "":
			status += "，新证书" + c.ReplacedBy
		}
		if c.Replaces != "" {
			status += "（补发，取代" + c.Replaces + "）"
		}
		title := titles[c.CourseID]
		if title == "" {
			title = fmt.Sprintf("培训班 %d", c.CourseID)
		}
		rows[i] = []string{strconv.Itoa(i + 1), c.Serial, title, hoursText(c.Hours), dotDate(c.IssuedOn), status}
	}
	return s.section(fmt.Sprintf("六、结业证书（%d 份）", len(rows)), t, rows)
}
