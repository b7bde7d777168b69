package lists

import (
	"bytes"
	"fmt"
	"strings"
	"testing"

	"peiyang/models"
	"peiyang/training"
)

// outcome is the outcome of 100 trainees from 德阳市: 60 nominated, 15
// trained (rural), 10 placed, 8 mentored, 4 returned, 3 elected (the last
// ones governance), and three seated members.
func outcome() *training.RegionOutcome {
	var facts []models.StageFacts
	add := func(n int, f models.StageFacts) {
		for range n {
			facts = append(facts, f)
		}
	}
	zj := models.Region{Province: "四川省", City: "德阳市", County: "中江县"}
	gh := models.Region{Province: "四川省", City: "德阳市", County: "广汉市"}
	rural := []models.Theme{models.ThemeRural}
	gov := []models.Theme{models.ThemeGovernance}
	add(40, models.StageFacts{HomeRegion: zj})
	add(20, models.StageFacts{HomeRegion: gh})
	add(15, models.StageFacts{HomeRegion: zj, Themes: rural, CoursesDone: 1})
	add(10, models.StageFacts{HomeRegion: gh, Themes: rural, CoursesDone: 1, Placed: true})
	add(8, models.StageFacts{HomeRegion: zj, Themes: gov, CoursesDone: 1, Placed: true, Mentored: true})
	add(4, models.StageFacts{HomeRegion: zj, Themes: gov, CoursesDone: 1, Mentored: true, Returned: true})
	add(3, models.StageFacts{HomeRegion: gh, Themes: gov, CoursesDone: 1, Returned: true, Elected: true})
	ts := rosterCourse(0).Trainees
	v1 := &models.Organisation{ID: 20, Name: "先锋村", Kind: models.OrgVillage}
	v2 := &models.Organisation{ID: 21, Name: "三星社区", Kind: models.OrgCommunity}
	seat := func(t *models.Trainee, v *models.Organisation, c models.Committee, p models.Post, r models.ElectionResult, date string) training.SeatedMember {
		return training.SeatedMember{Trainee: t, Village: v, Return: &models.Return{TraineeID: t.ID, VillageID: v.ID},
			Election: &models.Election{TraineeID: t.ID, Committee: c, Post: p, Result: r, Date: models.MustDate(date), TermYears: 5}}
	}
	return &training.RegionOutcome{Query: "德阳", Region: "四川省德阳市", Counts: training.CountPipeline(facts), Seated: []training.SeatedMember{
		seat(ts[7], v1, models.CommitteeVillageParty, models.PostBoth, models.Elected, "2025-06-20"),
		seat(ts[1], v2, models.CommitteeCommunityParty, models.PostMember, models.Appointed, "2025-03-02"),
		seat(ts[2], v1, models.CommitteeVillagers, models.PostDeputyChair, models.Elected, "2025-06-20"),
	}}
}

// TestOutcomes reads the outcome report back: the summary, the funnel
// table, the chart (inked), themes, counties and the seated members in
// pinyin order.
func TestOutcomes(t *testing.T) {
	o := outcome()
	pdf, n := print(t, func(w *bytes.Buffer) (int, error) { return Outcomes(w, meta, o) })
	ps := pages(t, pdf)
	all := noSpace(strings.Join(ps, ""))
	footer(t, ps)
	wantAll(t, "the report", all, "四川省德阳市流动党员联合培养成果报告", "流出地：四川省德阳市", "统计截至：2025年11月26日",
		"纳入联合培养100人", "专题培训结业40人", "跟班学习25人", "由导师帮带15人", "回引7人", "“两委”3人，占纳入培养人数的3.0%",
		// The funnel: at the stage, reached, share.
		"纳入培养60100100.0%", "培训结业154040.0%", "跟班学习102525.0%", "导师帮带81515.0%", "回引477.0%", "进入“两委”333.0%",
		// The chart's labels.
		"图1各培养环节累计人数", "100人（100.0%）", "40人（40.0%）", "3人（3.0%）",
		// Themes: reached per stage from trained on.
		"乡村振兴2510000", "基层治理15151573",
		// Counties.
		"德阳市中江县6727121240", "德阳市广汉市331313333",
		"五、进入村（社区）“两委”人员名单（3人次）")
	wantInOrder(t, all, "一、总体情况", "二、各培养环节人数", "三、按培训专题统计", "四、按县（市、区）统计", "五、进入村（社区）")
	// The seated members, one line each, in pinyin order.
	var lines []string
	for _, l := range strings.Split(strings.Join(ps, "\n"), "\n") {
		if s := noSpace(l); strings.Contains(s, "先锋村") || strings.Contains(s, "三星社区") {
			lines = append(lines, s)
		}
	}
	want := []string{"1安然先锋村村民委员会副主任当选2025.06.20", "2白雪三星社区社区党组织委员会委员上级党组织任命2025.03.02", "3张伟先锋村村党组织委员会书记兼主任当选2025.06.20"}
	if fmt.Sprint(lines) != fmt.Sprint(want) {
		t.Errorf("seated members:\n%v\nwant\n%v", lines, want)
	}
	// The chart's bars: ink right of the labels on the page with the chart.
	y, ok := wordY(t, pdf, 1, "图")
	if !ok {
		t.Fatal("no chart caption on page 1")
	}
	if got := ink(render(t, pdf, 1, 50), 50, 15+26+1, y+6, 60, 50); got < 800 {
		t.Errorf("the chart's bars are (nearly) blank: %d dark pixels", got)
	}
	allPagesInked(t, pdf, n)
}
