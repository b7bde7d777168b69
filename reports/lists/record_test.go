package lists

import (
	"bytes"
	"strings"
	"testing"

	"peiyang/models"
	"peiyang/reports/pdfkit"
	"peiyang/training"
)

// record is a trainee's record with something in every section.
func record() *training.TraineeRecord {
	t := trainee(9, "阿依古丽·买买提", models.Female, note)
	t.Ethnicity, t.KeyTarget = "维吾尔族", true
	score, low := 88.5, 41.0
	course := func(id int64, title string, th models.Theme, rule models.CompletionRule) *models.Course {
		return &models.Course{ID: id, Title: title, Theme: th, StartDate: models.MustDate("2025-03-01"), EndDate: models.MustDate("2025-06-30"), Rule: rule}
	}
	done := course(1, "2025年乡村振兴带头人能力提升班（第1期）", models.ThemeRural, models.CompletionRule{MinAttendanceRate: 0.8, MinHours: 20})
	failed := course(2, "2025年基层党组织书记后备人选培训班（第1期）", models.ThemeGovernance,
		models.CompletionRule{MinAttendanceRate: 0.8, MinHours: 30, PassScore: 60, RequirePlacement: true})
	village := &models.Organisation{ID: 10, Name: "战旗村", Kind: models.OrgVillage}
	home := &models.Organisation{ID: 11, Name: "先锋村", Kind: models.OrgVillage}
	mentor := &models.Instructor{ID: 3, Name: "曾华", Position: "村党委书记", Organisation: "郫都区唐昌街道战旗村党委"}
	ms := &models.Mentorship{ID: 4, MentorID: 3, TraineeID: 9, StartDate: models.MustDate("2025-03-01"), Goals: "提高群众工作能力"}
	return &training.TraineeRecord{
		Trainee: t, Stage: models.StageElected, Cohort: &models.Cohort{Name: "成德眉资联合培养2025级"},
		NominatedBy: &models.Organisation{Name: "中共中江县委组织部"},
		Courses: []training.CourseRecord{
			{Course: done, Enrolment: &models.Enrolment{TraineeID: 9, Status: models.Completed, Score: &score}, SessionsHeld: 10, Attended: 9, Hours: 27,
				Attendance: map[models.AttendanceStatus]int{models.Present: 8, models.Late: 1, models.Excused: 1}},
			{Course: failed, Enrolment: &models.Enrolment{TraineeID: 9, Status: models.NotCompleted, Score: &low}, SessionsHeld: 10, Attended: 6, Hours: 18,
				Attendance: map[models.AttendanceStatus]int{models.Present: 6, models.Absent: 4}},
		},
		Placements: []training.PlacementRecord{{Village: village, Placement: &models.Placement{VillageID: 10, StartDate: models.MustDate("2025-07-01"),
			EndDate: models.MustDate("2025-08-31"), Supervisor: "高德明", Grade: models.GradeFail, Comment: "缺勤较多。"}}},
		Mentorships: []training.MentorshipRecord{{Mentorship: ms, Mentor: mentor, Contacts: []*models.Contact{
			{Date: models.MustDate("2025-04-02"), Mode: models.ContactVisit, Summary: "走访工作站点，了解就业情况。"},
			{Date: models.MustDate("2025-03-10"), Mode: models.ContactPhone, Summary: "电话督促参加专题培训。"},
		}}},
		Returns: []training.ReturnRecord{{Village: home, Return: &models.Return{ReturnDate: models.MustDate("2025-09-01"), Notes: "返乡任村后备干部"},
			Elections: []*models.Election{{Date: models.MustDate("2025-10-12"), Committee: models.CommitteeVillageParty, Post: models.PostMember, Result: models.Elected, TermYears: 5}}}},
		Certificates: []*models.Certificate{
			{Serial: "〔2025〕第0012号", CourseID: 1, Hours: 27, IssuedOn: models.MustDate("2025-07-01"), Status: models.CertReplaced, ReplacedBy: "〔2025〕第0031号"},
			{Serial: "〔2025〕第0031号", CourseID: 1, Hours: 27, IssuedOn: models.MustDate("2025-07-15"), Status: models.CertValid, Replaces: "〔2025〕第0012号"},
		},
	}
}

// TestRecord reads a trainee's record back, masked and in full.
func TestRecord(t *testing.T) {
	r := record()
	for _, full := range []bool{false, true} {
		m := meta
		m.FullIDs = full
		pdf, n := print(t, func(w *bytes.Buffer) (int, error) { return Record(w, m, r) })
		ps := pages(t, pdf)
		all := noSpace(strings.Join(ps, ""))
		footer(t, ps)
		id, phone := models.MaskIDNumber(r.Trainee.IDNumber), models.MaskPhone(r.Trainee.Phone)
		if full {
			id, phone = r.Trainee.IDNumber, r.Trainee.Phone
		}
		wantAll(t, "the record", all, "流动党员联合培养档案", "姓名：阿依古丽·买买提", "学员编号：9", "当前培养环节：进入“两委”",
			"姓名阿依古丽·买买提性别女", "民族维吾尔族出生年月1988.02", "身份证号"+id+"联系电话"+phone, "学历大专入党时间2012.07.01",
			"流动类型流入党员重点培养对象是", "户籍地（流出地）四川省德阳市中江县仓山镇先锋村", "现居住地（流入地）锦江区推荐单位中共中江县委组织部",
			"工作单位美团外卖（骑手）", "党组织关系所在党支部锦江区新业态新就业群体流动党员党支部", "培养批次成德眉资联合培养2025级当前培养环节进入“两委”",
			"二、专题培训（2个班次）", "已结业", "88.5",
			"三、重点村（社区）跟班学习（1次）", "战旗村", "高德明", "不合格", "缺勤较多。",
			"四、导师帮带（1名导师）", "曾华", "村党委书记", "2025.03.01起", "2次", "提高群众工作能力",
			"导师联系记录（2次）", "走访工作站点，了解就业情况。", "电话督促参加专题培训。",
			"五、回引与选任（1次）", "先锋村", "2025.09.01", "返乡任村后备干部",
			"六、结业证书（2份）", "〔2025〕第0012号")
		// Cells that wrap, read from their columns.
		column := func(cols []pdfkit.Column, j int) string {
			x, w := columnX(cols, j)
			text := ""
			for p := 1; p <= n; p++ {
				text += boxText(t, pdf, p, x, 0, w, 281)
			}
			return text
		}
		for _, c := range []struct {
			cols []pdfkit.Column
			j    int
			want string
		}{
			{recordCourseColumns, 4, "已上10次：出勤8、迟到1、请假1"},
			{recordCourseColumns, 4, "已上10次：出勤6、缺勤4"},
			{recordCourseColumns, 7, "未结业：出勤率60%，低于要求的80%；学时18，比要求的30少12；考核成绩41，低于合格分数60；未通过重点村（社区）跟班学习"},
			{recordPlacementColumns, 2, "2025.07.01—2025.08.31"},
			{recordReturnColumns, 3, "2025.10.12村党组织委员会委员，当选（任期5年）"},
			{recordCertificateColumns, 5, "已补发，新证书〔2025〕第0031号有效（补发，取代〔2025〕第0012号）"},
		} {
			if got := column(c.cols, c.j); !strings.Contains(got, c.want) {
				t.Errorf("column %s lacks %s:\n%s", c.cols[c.j].Header, c.want, got)
			}
		}
		wantInOrder(t, all, "2025.03.10", "电话", "2025.04.02", "走访") // the contact log by date
		if strings.Contains(all, "Not completed") || strings.Contains(all, "attendance") {
			t.Error("English on the record")
		}
		if !full && (strings.Contains(all, r.Trainee.IDNumber) || strings.Contains(all, r.Trainee.Phone)) {
			t.Error("the masked record shows the ID number or phone")
		}
		// The 200-character note, whole, in the grid's value column.
		notes := ""
		for p := 1; p <= n; p++ {
			notes += boxText(t, pdf, p, 15+36, 0, 144, 281)
		}
		if strings.Count(notes, note) != 1 {
			t.Errorf("the note is not in the record once, whole")
		}
		allPagesInked(t, pdf, n)
	}
}

// TestRecordEmpty prints a record with nothing but the personal data.
func TestRecordEmpty(t *testing.T) {
	r := &training.TraineeRecord{Trainee: trainee(1, "安然", models.Female, ""), Stage: models.StageNominated}
	pdf, n := print(t, func(w *bytes.Buffer) (int, error) { return Record(w, meta, r) })
	all := noSpace(pdfText(t, pdf))
	if n != 1 || strings.Count(all, "（无）") != 5 {
		t.Errorf("%d pages, %d empty sections: %s", n, strings.Count(all, "（无）"), all)
	}
}

// TestLabels covers the date helpers; the values' labels are the
// glossary's (models).
func TestLabels(t *testing.T) {
	if got := weekday(models.MustDate("2025-03-02")); got != "星期日" {
		t.Errorf("weekday %s", got)
	}
	if got := dateRange(models.MustDate("2025-03-02"), models.Date{}); got != "2025.03.02起" {
		t.Errorf("open range %s", got)
	}
}
