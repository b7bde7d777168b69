package lists

import (
	"fmt"
	"io"
	"slices"
	"strconv"

	"peiyang/models"
	"peiyang/reports/pdfkit"
	"peiyang/training"
)

// signInColumns are the sign-in sheet's columns on A4 portrait (180 mm
// inside the margins); the signature box is a tall blank cell.
var signInColumns = []pdfkit.Column{
	{Header: "序号", Width: 13, Align: pdfkit.AlignCenter},
	{Header: "姓名", Width: 31},
	{Header: term(models.TermHomeRegion), Width: 52},
	{Header: "本人签名", Width: 50},
	{Header: "备注", Width: 34},
}

// signInRowHeight is the height of a row, room for a handwritten name.
const signInRowHeight = 12

// SignIn writes the sign-in sheets (签到表) of the sessions as one PDF to
// w, each session starting on a new page: the course, topic, date, time,
// venue and instructor in the heading, then a row per trainee in pinyin
// order with a blank box to sign in. It returns the number of pages.
func SignIn(w io.Writer, m Meta, sessions []*training.SessionList) (int, error) {
	if len(sessions) == 0 {
		return 0, models.Errorf(models.EINVALID, "session", "There is no session to print a sign-in sheet for.")
	}
	s, err := newSheet(m, "签到表", sessions[0].Course.Title, false)
	if err != nil {
		return 0, err
	}
	for i, l := range sessions {
		if i > 0 {
			s.newPage()
		}
		if err := s.signIn(l); err != nil {
			return 0, s.fail(err)
		}
	}
	return s.finish(w)
}

func (s *sheet) signIn(l *training.SessionList) error {
	ses, c := l.Session, l.Course
	s.setCaption(fmt.Sprintf("签到表 %s %s", dotDate(ses.Date), ses.Start))
	if err := s.title(c.Title); err != nil {
		return err
	}
	if err := s.centred("签　到　表", sizeTitle+2, 1.5); err != nil {
		return err
	}
	if err := s.metaLine(); err != nil {
		return err
	}
	venue := ses.Venue
	if venue == "" {
		venue = c.Venue
	}
	instructor := ""
	if in := l.Instructor; in != nil {
		instructor = in.Name
		if in.Position != "" {
			instructor += "（" + in.Position + "）"
		}
	}
	when := fmt.Sprintf("%s（%s）", ses.Date.Chinese(), weekday(ses.Date))
	clock := fmt.Sprintf("%s—%s（%s 学时）", ses.Start, ses.End, hoursText(ses.Hours))
	if err := s.fields([][2]string{{term(models.TermTopic), ses.Topic}}); err != nil {
		return err
	}
	if err := s.fieldPairs([][4]string{
		{"日　　期", when, "时　　间", clock},
		{"地　　点", venue, "授课教师", instructor},
	}); err != nil {
		return err
	}
	s.y += 2
	ts := slices.Clone(l.Trainees)
	sortByName(ts, func(t *models.Trainee) string { return t.Name })
	rows := make([][]string, len(ts))
	for i, t := range ts {
		rows[i] = []string{strconv.Itoa(i + 1), t.Name, t.HomeRegion.String(), "", ""}
	}
	t := pdfkit.Table{Columns: signInColumns, FontSize: sizeBody, MinRowHeight: signInRowHeight}
	if err := s.table(t, rows); err != nil {
		return err
	}
	s.SetFontSize(sizeBody)
	lh := s.LineHeight(sizeBody)
	s.y += 3
	s.room(2 * lh)
	summary := fmt.Sprintf("应到 %d 人　　实到＿＿＿人　　请假＿＿＿人　　缺勤＿＿＿人", len(ts))
	if err := s.Text(s.left(), s.y+s.Baseline(lh, sizeBody), summary); err != nil {
		return err
	}
	if err := s.AlignedText(s.left(), s.y+lh+s.Baseline(lh, sizeBody), s.width(), "记录人（签字）：＿＿＿＿＿＿＿＿", pdfkit.AlignRight); err != nil {
		return err
	}
	s.y += 2 * lh
	return nil
}

// fields draws "label：value" lines across the content box, values
// wrapped under themselves.
func (s *sheet) fields(fs [][2]string) error {
	for _, f := range fs {
		if err := s.field(s.left(), s.width(), f[0], f[1]); err != nil {
			return err
		}
	}
	return nil
}

// fieldPairs draws two "label：value" fields side by side per line.
func (s *sheet) fieldPairs(fs [][4]string) error {
	half := s.width() / 2
	for _, f := range fs {
		y := s.y
		if err := s.field(s.left(), half-3, f[0], f[1]); err != nil {
			return err
		}
		left := s.y
		s.y = y
		if err := s.field(s.left()+half, half, f[2], f[3]); err != nil {
			return err
		}
		s.y = max(s.y, left)
	}
	return nil
}

// field draws "label：" and the value wrapped beside it in the box from x,
// w wide, at the cursor, and moves the cursor below.
func (s *sheet) field(x, w float64, label, value string) error {
	s.SetFontSize(sizeBody + 0.5)
	size := s.FontSize()
	lh := s.LineHeight(size)
	label += "："
	lw := s.MeasureString(label, size)
	lines := s.WrapLines(value, w-lw, size)
	s.room(float64(max(1, len(lines))) * lh)
	if err := s.Text(x, s.y+s.Baseline(lh, size), label); err != nil {
		return err
	}
	h, err := s.Paragraph(x+lw, s.y, w-lw, lh, value, pdfkit.AlignLeft)
	if err != nil {
		return err
	}
	s.y += max(h, lh)
	return nil
}
