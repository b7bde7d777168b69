package lists

import (
	"bytes"
	"fmt"
	"strings"
	"testing"

	"peiyang/models"
	"peiyang/training"
)

// mentorPairs are five pairs of three mentors, in no particular order.
func mentorPairs() []training.MentorPair {
	l := rosterCourse(0)
	ts := l.Trainees
	zeng := &models.Instructor{ID: 1, Name: "曾华", Position: "村党委书记", Organisation: "郫都区唐昌街道战旗村党委"}
	bai := &models.Instructor{ID: 2, Name: "白云", Position: "党校教授", Organisation: "中共成都市委党校"}
	an := &models.Instructor{ID: 3, Name: "安平", Position: "乡镇党委副书记", Organisation: "中共中江县仓山镇委员会"}
	pair := func(id int64, m *models.Instructor, t *models.Trainee, start, end string, contacts int, last string) training.MentorPair {
		ms := &models.Mentorship{ID: id, MentorID: m.ID, TraineeID: t.ID, StartDate: models.MustDate(start)}
		if end != "" {
			ms.EndDate = models.MustDate(end)
		}
		p := training.MentorPair{Mentorship: ms, Mentor: m, Trainee: t, Contacts: contacts}
		if last != "" {
			p.LastContact = models.MustDate(last)
		}
		return p
	}
	return []training.MentorPair{
		pair(1, zeng, ts[7], "2025-03-01", "", 4, "2025-10-20"),
		pair(2, bai, ts[3], "2025-04-01", "2025-09-30", 2, "2025-08-01"),
		pair(3, an, ts[5], "2024-11-01", "2025-10-31", 0, ""),
		pair(4, bai, ts[1], "2025-04-01", "", 6, "2025-11-20"),
		pair(5, bai, ts[2], "2025-01-15", "", 1, "2025-02-01"),
	}
}

// TestMentors reads the pairing list back: grouped by mentor in pinyin
// order (安 白 曾), then by start date and trainee; every field.
func TestMentors(t *testing.T) {
	pairs := mentorPairs()
	pdf, n := print(t, func(w *bytes.Buffer) (int, error) { return Mentors(w, meta, pairs) })
	ps := pages(t, pdf)
	first := noSpace(ps[0])
	wantAll(t, "the heading", first, "流动党员导师帮带结对名单", "导师3名，结对5对，其中正在帮带3对", "制表日期：2025年11月26日")
	footer(t, ps)
	order := []int{2, 4, 1, 3, 0} // 安平; 白云 with 安然 from 2025-01-15, then 阿依古丽 before 白雪 on 2025-04-01; 曾华
	rows := make([][]string, len(order))
	for i, k := range order {
		p := pairs[k]
		end, last, contacts := "起", "", "—"
		if !p.Mentorship.EndDate.IsZero() {
			end = "—" + dotDate(p.Mentorship.EndDate)
		}
		if !p.LastContact.IsZero() {
			last = dotDate(p.LastContact)
		}
		if p.Contacts > 0 {
			contacts = fmt.Sprintf("%d 次", p.Contacts)
		}
		rows[i] = []string{fmt.Sprint(i + 1), p.Mentor.Name, p.Mentor.Position, p.Mentor.Organisation, p.Trainee.Name,
			p.Trainee.HomeRegion.String(), dotDate(p.Mentorship.StartDate) + end, contacts, last}
	}
	if rows[1][4] != "安然" || rows[2][4] != "阿依古丽·买买提" || rows[3][4] != "白雪" || rows[4][1] != "曾华" {
		t.Fatalf("test order wrong: %v", rows)
	}
	checkColumns(t, pdf, n, mentorColumns, rows, 194)
	allPagesInked(t, pdf, n)
}

// villages are two key villages with placements, in no particular order.
func villages() []training.VillagePlacements {
	ts := rosterCourse(0).Trainees
	zhanqi := &models.Organisation{ID: 10, Name: "战旗村", Kind: models.OrgVillage, KeyVillage: true, PlacementCapacity: 5,
		ContactPerson: "高书记", Region: models.Region{Province: "四川省", City: "成都市", County: "郫都区", Town: "唐昌街道", Village: "战旗村"}}
	xianfeng := &models.Organisation{ID: 11, Name: "先锋村", Kind: models.OrgVillage, KeyVillage: true, PlacementCapacity: 3,
		Region: models.Region{Province: "四川省", City: "德阳市", County: "中江县", Town: "仓山镇", Village: "先锋村"}}
	place := func(id int64, t *models.Trainee, start, end, sup string, g models.Grade, comment string) training.PlacedTrainee {
		return training.PlacedTrainee{Trainee: t, Placement: &models.Placement{ID: id, TraineeID: t.ID, StartDate: models.MustDate(start),
			EndDate: models.MustDate(end), Supervisor: sup, Grade: g, Comment: comment}}
	}
	return []training.VillagePlacements{
		{Village: zhanqi, Placements: []training.PlacedTrainee{
			place(1, ts[0], "2025-05-01", "2025-06-30", "高德明", models.GradeExcellent, longNote),
			place(2, ts[4], "2025-03-01", "2025-04-30", "高德明", models.GradeGood, "表现良好。"),
			place(3, ts[2], "2025-05-01", "2025-12-31", "李红", models.GradeNone, ""),
		}},
		{Village: xianfeng, Placements: []training.PlacedTrainee{
			place(4, ts[6], "2025-07-01", "2025-08-31", "王强", models.GradeFail, "缺勤较多。"),
		}},
	}
}

// TestPlacements reads the placement list back: villages by region (成都
// before 德阳), placements by start date, every field, the 200-character
// comment whole.
func TestPlacements(t *testing.T) {
	vs := villages()
	pdf, n := print(t, func(w *bytes.Buffer) (int, error) { return Placements(w, meta, vs) })
	ps := pages(t, pdf)
	all := noSpace(strings.Join(ps, ""))
	wantAll(t, "the list", all, "重点村（社区）跟班学习安排表", "重点村（社区）2个，跟班学习4人次", "1.战旗村（3人次）",
		"所在地：四川省成都市郫都区唐昌街道战旗村", "可接收人数：5人", "联系人：高书记", "2.先锋村（1人次）")
	wantInOrder(t, all, "战旗村（3人次）", "先锋村（1人次）")
	footer(t, ps)
	var rows [][]string
	for _, v := range []struct {
		village int
		order   []int
	}{{0, []int{1, 2, 0}}, {1, []int{0}}} { // 2025-03-01 欧阳; 2025-05-01 安然 before 曾国藩
		for i, k := range v.order {
			p := vs[v.village].Placements[k]
			pl := p.Placement
			rows = append(rows, []string{fmt.Sprint(i + 1), p.Trainee.Name, p.Trainee.Gender.Chinese(), p.Trainee.HomeRegion.String(),
				dotDate(pl.StartDate) + "—" + dotDate(pl.EndDate), pl.Supervisor, pl.Grade.Chinese(), pl.Comment})
		}
	}
	if rows[0][1] != "欧阳娜娜" || rows[1][6] != "待鉴定" || rows[2][6] != "优秀" || rows[3][6] != "不合格" {
		t.Fatalf("test rows: %v", rows)
	}
	// The columns hold the rows of both villages, the second's heading
	// between them: read each village's part of the page apart.
	top, ok := wordY(t, pdf, n, "2.")
	if !ok {
		t.Fatal("no heading of the second village")
	}
	checkColumnsAbove(t, pdf, n, placementColumns, rows[:3], func(int) float64 { return top })
	allPagesInked(t, pdf, n)
}

// TestPlacementsEmptyVillage prints a village with no placement.
func TestPlacementsEmptyVillage(t *testing.T) {
	v := villages()[1]
	v.Placements = nil
	pdf, _ := print(t, func(w *bytes.Buffer) (int, error) {
		return Placements(w, meta, []training.VillagePlacements{v})
	})
	wantAll(t, "the list", noSpace(pdfText(t, pdf)), "先锋村，跟班学习0人次", "1.先锋村（0人次）", "暂无跟班学习安排")
}
