package lists

import (
	"fmt"
	"io"
	"slices"
	"strconv"

	"peiyang/models"
	"peiyang/photo"
	"peiyang/reports/pdfkit"
	"peiyang/training"
)

// rosterColumns are the roster's columns on A4 landscape (267 mm inside
// the margins), at 9 pt: wide enough for a full ID number, a five-digit
// number and an eight-character name (阿依古丽·买买提) on one line.
var rosterColumns = []pdfkit.Column{
	{Header: "序号", Width: 13, Align: pdfkit.AlignCenter},
	{Header: "姓名", Width: 27},
	{Header: "性别", Width: 10, Align: pdfkit.AlignCenter},
	{Header: "民族", Width: 16, Align: pdfkit.AlignCenter},
	{Header: term(models.TermBirthMonth), Width: 17, Align: pdfkit.AlignCenter},
	{Header: "身份证号", Width: 38},
	{Header: "联系电话", Width: 25},
	{Header: term(models.TermHomeRegion), Width: 33},
	{Header: "工作单位", Width: 30},
	{Header: term(models.TermBranch), Width: 37},
	{Header: "备注", Width: 21},
}

// rosterPhotoColumns are the roster's columns with the photos (Meta.Photos):
// a photo column after the name, taken from the last three columns.
var rosterPhotoColumns = func() []pdfkit.Column {
	cols := slices.Clone(rosterColumns)
	cols[8].Width, cols[9].Width, cols[10].Width = 26, 25, 21
	return slices.Insert(cols, 2, pdfkit.Column{Header: "照片", Width: 16, Align: pdfkit.AlignCenter})
}()

// rosterPhotoW is the width of a photo on the roster, in millimetres.
const rosterPhotoW = 12.5

// Roster writes the course's roster (花名册) as a PDF to w: A4 landscape,
// the course, cohort and dates in the heading, one row per trainee
// holding a place in pinyin order of the names, and returns the number of
// pages. The trainees are taken as given, so that any number of rows can
// be printed.
func Roster(w io.Writer, m Meta, l *training.CourseList) (int, error) {
	s, err := newSheet(m, "学员花名册", l.Course.Title, true)
	if err != nil {
		return 0, err
	}
	if err := s.roster(l); err != nil {
		return 0, s.fail(err)
	}
	return s.finish(w)
}

func (s *sheet) roster(l *training.CourseList) error {
	c := l.Course
	if err := s.title(c.Title + "学员花名册"); err != nil {
		return err
	}
	info := ""
	if l.Cohort != nil {
		info = "批次：" + l.Cohort.Name + "　　"
	}
	info += fmt.Sprintf(term(models.TermTheme)+"：%s　　培训时间：%s至%s　　学员：%d 人",
		c.Theme.Chinese(), c.StartDate.Chinese(), c.EndDate.Chinese(), len(l.Trainees))
	if err := s.centred(info, sizeSubtitle, 1.6); err != nil {
		return err
	}
	if err := s.metaLine(); err != nil {
		return err
	}
	ts := slices.Clone(l.Trainees)
	sortByName(ts, func(t *models.Trainee) string { return t.Name })
	rows := make([][]string, len(ts))
	for i, t := range ts {
		rows[i] = s.rosterRow(i+1, t)
	}
	table := pdfkit.Table{Columns: rosterColumns, FontSize: 9}
	if s.meta.Photos != nil {
		table.Columns = rosterPhotoColumns
		table.MinRowHeight = rosterPhotoW*photo.HeightMM/photo.WidthMM + 3
		for i := range rows {
			rows[i] = slices.Insert(rows[i], 2, "")
		}
		table.OnCell = func(row, col int, x, y, w, h float64) error {
			if col != 2 {
				return nil
			}
			ph := rosterPhotoW * photo.HeightMM / photo.WidthMM
			return s.photoBox(ts[row].ID, x+(w-rosterPhotoW)/2, y+(h-ph)/2, rosterPhotoW)
		}
	}
	if err := s.table(table, rows); err != nil {
		return err
	}
	if len(rows) == 0 {
		s.y += 4
		return s.centred("本班暂无学员。", sizeBody, 1.5)
	}
	return nil
}

// rosterRow is one trainee's row.
func (s *sheet) rosterRow(n int, t *models.Trainee) []string {
	t = s.meta.shown(t)
	return []string{strconv.Itoa(n), t.Name, t.Gender.Chinese(), t.Ethnicity, yearMonth(t.BirthDate),
		t.IDNumber, t.Phone, t.HomeRegion.String(), t.Employer, t.Branch, t.Notes}
}
