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

// Outcomes writes an outflow region's outcome report (流出地培养成果报告)
// as a PDF to w: A4 portrait, a summary, the counts per pipeline stage
// (funnel) as a table and a bar chart, per theme and per county, and the
// list of the members seated on a village (community) committee. It
// returns the number of pages.
func Outcomes(w io.Writer, m Meta, o *training.RegionOutcome) (int, error) {
	s, err := newSheet(m, "流出地培养成果报告", regionName(o), false)
	if err != nil {
		return 0, err
	}
	if err := s.outcomes(o); err != nil {
		return 0, s.fail(err)
	}
	return s.finish(w)
}

// regionName is the region the report is about.
func regionName(o *training.RegionOutcome) string {
	if o.Region != "" {
		return o.Region
	}
	return o.Query
}

func (s *sheet) outcomes(o *training.RegionOutcome) error {
	region := regionName(o)
	if err := s.title(region + "流动党员联合培养成果报告"); err != nil {
		return err
	}
	info := fmt.Sprintf("流出地：%s　　统计截至：%s", region, s.meta.date().Chinese())
	if err := s.centred(info, sizeSubtitle, 1.6); err != nil {
		return err
	}
	if err := s.metaLine(); err != nil {
		return err
	}
	all := o.Counts.Overall
	if err := s.heading("一、总体情况", 3*s.LineHeight(sizeBody)); err != nil {
		return err
	}
	r := all.Reached
	summary := fmt.Sprintf("截至%s，户籍地（流出地）为%s的流动党员纳入联合培养 %d 人。按已达到的培养环节统计："+
		"专题培训结业 %d 人，参加重点村（社区）跟班学习 %d 人，由导师帮带 %d 人，回引 %d 人，"+
		"进入村（社区）“两委” %d 人，占纳入培养人数的 %s。",
		s.meta.date().Chinese(), region, all.Total, r[models.StageTrained], r[models.StagePlaced],
		r[models.StageMentored], r[models.StageReturned], r[models.StageElected], share(r[models.StageElected], all.Total))
	if err := s.flow(summary, sizeBody, 0); err != nil {
		return err
	}
	s.y += 4
	if err := s.funnel(all); err != nil {
		return err
	}
	s.y += 4
	if err := s.themes(o.Counts.ByTheme); err != nil {
		return err
	}
	s.y += 4
	if err := s.counties(o.Counts.ByCounty); err != nil {
		return err
	}
	s.y += 4
	return s.seated(o.Seated)
}

// share writes n of total as a percentage with one decimal.
func share(n, total int) string {
	if total == 0 {
		return "0%"
	}
	return strconv.FormatFloat(float64(n)*100/float64(total), 'f', 1, 64) + "%"
}

// funnel draws the counts per stage as a table and a bar chart.
func (s *sheet) funnel(f training.Funnel) error {
	cols := []pdfkit.Column{
		{Header: "培养环节", Width: 45},
		{Header: "处于本环节（人）", Width: 45, Align: pdfkit.AlignRight},
		{Header: "累计达到（人）", Width: 45, Align: pdfkit.AlignRight},
		{Header: "占纳入培养人数", Width: 45, Align: pdfkit.AlignRight},
	}
	rows := make([][]string, len(models.Stages))
	for i, st := range models.Stages {
		rows[i] = []string{st.Chinese(), strconv.Itoa(f.At[st]), strconv.Itoa(f.Reached[st]), share(f.Reached[st], f.Total)}
	}
	t := pdfkit.Table{Columns: cols, FontSize: sizeTable}
	if err := s.heading("二、各培养环节人数", s.tableStart(t, rows)); err != nil {
		return err
	}
	if err := s.table(t, rows); err != nil {
		return err
	}
	s.y += 1.5
	if err := s.flow("注：每人按已达到的最远培养环节统计；“累计达到”含已进入后续环节的人数。", sizeMeta, 0); err != nil {
		return err
	}
	s.y += 3
	return s.barChart("图 1　各培养环节累计人数", f)
}

// barChart draws the funnel's Reached counts as horizontal bars.
func (s *sheet) barChart(caption string, f training.Funnel) error {
	const barH, gap, labelW, valueW = 6.5, 2.5, 26.0, 34.0
	n := len(models.Stages)
	height := s.LineHeight(sizeBody) + 2 + float64(n)*(barH+gap)
	s.room(height)
	s.SetFontSize(sizeBody)
	if err := s.AlignedText(s.left(), s.y+s.Baseline(s.LineHeight(sizeBody), sizeBody), s.width(), caption, pdfkit.AlignCenter); err != nil {
		return err
	}
	s.y += s.LineHeight(sizeBody) + 2
	x0 := s.left() + labelW
	maxW := s.width() - labelW - valueW
	top := s.y
	for i, st := range models.Stages {
		y := top + float64(i)*(barH+gap)
		base := y + s.Baseline(barH, sizeBody)
		if err := s.AlignedText(s.left(), base, labelW-3, st.Chinese(), pdfkit.AlignRight); err != nil {
			return err
		}
		v := f.Reached[st]
		w := 0.0
		if f.Total > 0 {
			w = maxW * float64(v) / float64(f.Total)
		}
		if w > 0 {
			if err := s.FillRect(x0, y, max(w, 0.6), barH, fillBar); err != nil {
				return err
			}
		}
		label := fmt.Sprintf("%d 人（%s）", v, share(v, f.Total))
		if err := s.Text(x0+max(w, 0.6)+2, base, label); err != nil {
			return err
		}
	}
	bottom := top + float64(n)*(barH+gap) - gap
	if err := s.Line(x0, top-1, x0, bottom+1, 0.3); err != nil {
		return err
	}
	s.y = bottom + gap
	return nil
}

// themes draws the counts per theme of the courses completed.
func (s *sheet) themes(groups []training.ThemeGroup) error {
	stages := models.Stages[1:] // everyone in a theme's group was trained
	cols := []pdfkit.Column{{Header: term(models.TermTheme), Width: 40}}
	for _, st := range stages {
		cols = append(cols, pdfkit.Column{Header: st.Chinese() + "（人）", Width: 28, Align: pdfkit.AlignRight})
	}
	rows := make([][]string, 0, len(groups))
	for _, g := range groups {
		row := []string{g.Theme.Chinese()}
		if row[0] == "" {
			row[0] = string(g.Theme)
		}
		for _, st := range stages {
			row = append(row, strconv.Itoa(g.Reached[st]))
		}
		rows = append(rows, row)
	}
	t := pdfkit.Table{Columns: cols, FontSize: sizeTable}
	if err := s.heading("三、按培训专题统计", s.tableStart(t, rows)); err != nil {
		return err
	}
	if len(rows) == 0 {
		return s.flow("尚无人员专题培训结业。", sizeBody, 0)
	}
	if err := s.table(t, rows); err != nil {
		return err
	}
	s.y += 1.5
	return s.flow("注：按已结业的专题培训班的培训专题统计，参加多个专题培训并结业的人员分别计入各专题。", sizeMeta, 0)
}

// counties draws the counts per county of the region.
func (s *sheet) counties(groups []training.Group) error {
	cols := []pdfkit.Column{{Header: "县（市、区）", Width: 54}}
	for _, st := range models.Stages {
		cols = append(cols, pdfkit.Column{Header: st.Chinese(), Width: 21, Align: pdfkit.AlignRight})
	}
	rows := make([][]string, 0, len(groups))
	for _, g := range groups {
		key := g.Key
		if key == "" {
			key = "（未填写）"
		}
		row := []string{key}
		for _, st := range models.Stages {
			row = append(row, strconv.Itoa(g.Reached[st]))
		}
		rows = append(rows, row)
	}
	t := pdfkit.Table{Columns: cols, FontSize: sizeTable}
	if err := s.heading("四、按县（市、区）统计（累计达到人数）", s.tableStart(t, rows)); err != nil {
		return err
	}
	return s.table(t, rows)
}

// seated lists the members seated on a committee, in pinyin order.
func (s *sheet) seated(members []training.SeatedMember) error {
	cols := []pdfkit.Column{
		{Header: "序号", Width: 11, Align: pdfkit.AlignCenter},
		{Header: "姓名", Width: 20},
		{Header: "村（社区）", Width: 34},
		{Header: "委员会", Width: 34},
		{Header: "职务", Width: 26},
		{Header: "产生方式", Width: 30, Align: pdfkit.AlignCenter},
		{Header: "日期", Width: 25, Align: pdfkit.AlignCenter},
	}
	ms := slices.Clone(members)
	sortBy(ms, func(m training.SeatedMember) string {
		return pinyin.SortKey(m.Trainee.Name) + "\x00" + m.Election.Date.String()
	})
	rows := make([][]string, len(ms))
	for i, m := range ms {
		e := m.Election
		rows[i] = []string{strconv.Itoa(i + 1), m.Trainee.Name, m.Village.Name, e.Committee.Chinese(),
			e.Post.Chinese(), e.Result.Chinese(), dotDate(e.Date)}
	}
	t := pdfkit.Table{Columns: cols, FontSize: sizeTable}
	title := fmt.Sprintf("五、进入村（社区）“两委”人员名单（%d 人次）", len(ms))
	if err := s.heading(title, s.tableStart(t, rows)); err != nil {
		return err
	}
	if len(rows) == 0 {
		return s.flow("尚无人员进入村（社区）“两委”。", sizeBody, 0)
	}
	return s.table(t, rows)
}
