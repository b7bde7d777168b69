package lists

import (
	"fmt"
	"io"
	"slices"
	"strconv"

	"peiyang/pinyin"
	"peiyang/reports/pdfkit"
	"peiyang/training"
)

// mentorColumns are the pairing list's columns on A4 landscape (267 mm).
var mentorColumns = []pdfkit.Column{
	{Header: "序号", Width: 12, Align: pdfkit.AlignCenter},
	{Header: "导师", Width: 20},
	{Header: "职务", Width: 28},
	{Header: "导师单位", Width: 40},
	{Header: "学员", Width: 20},
	{Header: "学员户籍地（流出地）", Width: 58},
	{Header: "结对期间", Width: 44, Align: pdfkit.AlignCenter},
	{Header: "联系次数", Width: 18, Align: pdfkit.AlignCenter},
	{Header: "最近联系", Width: 27, Align: pdfkit.AlignCenter},
}

// Mentors writes the mentor pairing list (导师帮带结对名单) as a PDF to w:
// A4 landscape, one row per mentorship, grouped by mentor in pinyin order
// and then by start date and the trainee's name. It returns the number of
// pages.
func Mentors(w io.Writer, m Meta, pairs []training.MentorPair) (int, error) {
	s, err := newSheet(m, "导师帮带结对名单", "流动党员导师帮带结对", true)
	if err != nil {
		return 0, err
	}
	if err := s.mentors(pairs); err != nil {
		return 0, s.fail(err)
	}
	return s.finish(w)
}

func (s *sheet) mentors(pairs []training.MentorPair) error {
	if err := s.title("流动党员导师帮带结对名单"); err != nil {
		return err
	}
	ps := slices.Clone(pairs)
	mentors := map[int64]bool{}
	active := 0
	today := s.meta.date()
	for _, p := range ps {
		mentors[p.Mentor.ID] = true
		if p.Mentorship.ActiveOn(today) {
			active++
		}
	}
	info := fmt.Sprintf("导师 %d 名，结对 %d 对，其中正在帮带 %d 对", len(mentors), len(ps), active)
	if err := s.centred(info, sizeSubtitle, 1.6); err != nil {
		return err
	}
	if err := s.metaLine(); err != nil {
		return err
	}
	sortBy(ps, func(p training.MentorPair) string {
		return fmt.Sprintf("%s\x00%012d\x00%s\x00%s", pinyin.SortKey(p.Mentor.Name), p.Mentor.ID,
			p.Mentorship.StartDate, pinyin.SortKey(p.Trainee.Name))
	})
	rows := make([][]string, len(ps))
	for i, p := range ps {
		contacts := "—"
		if p.Contacts > 0 {
			contacts = strconv.Itoa(p.Contacts) + " 次"
		}
		rows[i] = []string{strconv.Itoa(i + 1), p.Mentor.Name, p.Mentor.Position, p.Mentor.Organisation,
			p.Trainee.Name, p.Trainee.HomeRegion.String(), dateRange(p.Mentorship.StartDate, p.Mentorship.EndDate),
			contacts, dotDate(p.LastContact)}
	}
	if err := s.table(pdfkit.Table{Columns: mentorColumns, FontSize: 9}, rows); err != nil {
		return err
	}
	if len(rows) == 0 {
		s.y += 4
		return s.centred("暂无导师帮带结对。", sizeBody, 1.5)
	}
	return nil
}
