package lists

import (
	"fmt"
	"io"
	"slices"
	"strconv"

	"peiyang/models"
	"peiyang/pinyin"
	"peiyang/reports/pdfkit"
	"peiyang/training"
)

// placementColumns are the placement list's columns on A4 landscape.
var placementColumns = []pdfkit.Column{
	{Header: "序号", Width: 12, Align: pdfkit.AlignCenter},
	{Header: "姓名", Width: 22},
	{Header: "性别", Width: 10, Align: pdfkit.AlignCenter},
	{Header: term(models.TermHomeRegion), Width: 50},
	{Header: "跟班学习时间", Width: 44, Align: pdfkit.AlignCenter},
	{Header: term(models.TermSupervisor), Width: 28},
	{Header: term(models.TermGrade), Width: 18, Align: pdfkit.AlignCenter},
	{Header: term(models.TermComment), Width: 83},
}

// Placements writes the shadow-study placement list (跟班学习安排表) as a
// PDF to w: A4 landscape, a section per key village (by region, then name
// in pinyin order) with its placements by start date. It returns the
// number of pages.
func Placements(w io.Writer, m Meta, villages []training.VillagePlacements) (int, error) {
	s, err := newSheet(m, "跟班学习安排表", "重点村（社区）跟班学习", true)
	if err != nil {
		return 0, err
	}
	if err := s.placements(villages); err != nil {
		return 0, s.fail(err)
	}
	return s.finish(w)
}

func (s *sheet) placements(villages []training.VillagePlacements) error {
	if err := s.title("重点村（社区）跟班学习安排表"); err != nil {
		return err
	}
	vs := slices.Clone(villages)
	n := 0
	for _, v := range vs {
		n += len(v.Placements)
	}
	info := fmt.Sprintf("重点村（社区）%d 个，跟班学习 %d 人次", len(vs), n)
	if len(vs) == 1 {
		info = fmt.Sprintf("%s，跟班学习 %d 人次", vs[0].Village.Name, n)
	}
	if err := s.centred(info, sizeSubtitle, 1.6); err != nil {
		return err
	}
	if err := s.metaLine(); err != nil {
		return err
	}
	sortBy(vs, func(v training.VillagePlacements) string {
		return pinyin.SortKey(v.Village.Region.String()) + "\x00" + pinyin.SortKey(v.Village.Name)
	})
	for i, v := range vs {
		if i > 0 {
			s.y += 5
		}
		if err := s.villageSection(i+1, v); err != nil {
			return err
		}
	}
	if len(vs) == 0 {
		return s.centred("暂无跟班学习安排。", sizeBody, 1.5)
	}
	return nil
}

// villageSection draws one village's heading and placements.
func (s *sheet) villageSection(n int, v training.VillagePlacements) error {
	ps := slices.Clone(v.Placements)
	sortBy(ps, func(p training.PlacedTrainee) string {
		return p.Placement.StartDate.String() + "\x00" + pinyin.SortKey(p.Trainee.Name)
	})
	rows := make([][]string, len(ps))
	for i, p := range ps {
		pl := p.Placement
		rows[i] = []string{strconv.Itoa(i + 1), p.Trainee.Name, p.Trainee.Gender.Chinese(), p.Trainee.HomeRegion.String(),
			dateRange(pl.StartDate, pl.EndDate), pl.Supervisor, pl.Grade.Chinese(), pl.Comment}
	}
	t := pdfkit.Table{Columns: placementColumns, FontSize: 9}
	o := v.Village
	about := "所在地：" + o.Region.String()
	if o.PlacementCapacity > 0 {
		about += fmt.Sprintf("　　%s：%d 人", term(models.TermVillageCapacity), o.PlacementCapacity)
	}
	if o.ContactPerson != "" {
		about += "　　联系人：" + o.ContactPerson
	}
	aboutH := float64(len(s.WrapLines(about, s.width(), sizeMeta))) * s.LineHeight(sizeMeta)
	if err := s.heading(fmt.Sprintf("%d. %s（%d 人次）", n, o.Name, len(ps)), aboutH+1+s.tableStart(t, rows)); err != nil {
		return err
	}
	s.SetFontSize(sizeMeta)
	h, err := s.Paragraph(s.left(), s.y, s.width(), s.LineHeight(sizeMeta), about, pdfkit.AlignLeft)
	if err != nil {
		return err
	}
	s.y += h + 1
	if len(rows) == 0 {
		return s.centred("暂无跟班学习安排。", sizeBody, 1.5)
	}
	return s.table(t, rows)
}
