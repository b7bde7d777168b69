package imports

import (
	"testing"

	"peiyang/models"
)

// A mentor's contact log: each row matched to the mentorship of the
// mentor and the trainee running on the day; a way of contact written
// the office's way; a row for a mentor who is not the trainee's, or a way
// not known, reported; the same log again stores nothing twice.
func TestImportContacts(t *testing.T) {
	f := newOutcomeFixture(t)
	mentor := f.instructor("刘明")
	f.instructor("陈静")
	m := &models.Mentorship{MentorID: mentor.ID, TraineeID: f.t1.ID, StartDate: models.MustDate("2025-01-01")}
	must(t, f.db.CreateMentorship(f.ctx, m))
	log := f.xlsx("联系记录.xlsx", [][]any{
		{"导师帮带联系记录"},
		{"导师", "学员姓名", "身份证号", "联系日期", "联系方式", "联系内容"},
		{"刘明", "张三", outID1, "2025-03-02", "电话", "了解务工情况"},
		{"刘明", "张三", outID1, "2025-04-10", "微信", "推送学习材料"},
		{"陈静", "张三", outID1, "2025-04-11", "走访", "到工地看望"},
		{"刘明", "张三", outID1, "2025-04-12", "写信", "寄送书籍"},
		{"合计：4次"},
	})
	rep, err := f.im.ImportContacts(f.ctx, log, OutcomeOptions{})
	if models.ErrorCode(err) != models.EINVALID || !hasProblem(rep, 5, "导师", "No mentorship of 陈静") ||
		!hasProblem(rep, 6, "联系方式", "Not a way of contact") {
		t.Fatalf("err %v%s", err, dumpProblems(rep))
	}
	rep, err = f.im.ImportContacts(f.ctx, log, OutcomeOptions{SkipInvalid: true})
	if err != nil || rep.Imported != 2 {
		t.Fatalf("skip invalid: %v, imported %d", err, rep.Imported)
	}
	cs, err := f.svc.FollowUp.FindContacts(f.ctx, models.ContactFilter{MentorshipID: m.ID})
	if err != nil || len(cs) != 2 || cs[0].Mode != models.ContactPhone || cs[1].Mode != models.ContactMessage {
		t.Fatalf("contacts %+v, %v", cs, err)
	}
	rep, err = f.im.ImportContacts(f.ctx, log, OutcomeOptions{SkipInvalid: true})
	if err != nil || rep.Imported != 0 || rep.Skipped != 3 {
		t.Fatalf("again: %v, imported %d, skipped %d", err, rep.Imported, rep.Skipped)
	}
}

// Placements with the host's evaluation: a key village takes them, with
// the grade and comment recorded; a village that is not a key village and
// an evaluation not known are reported.
func TestImportPlacements(t *testing.T) {
	f := newOutcomeFixture(t)
	key := f.place("先锋村", models.OrgVillage, "中江县", "石泉乡")
	key.KeyVillage, key.PlacementCapacity = true, 5
	must(t, f.db.UpdateOrganisation(f.ctx, key))
	list := f.xlsx("跟班学习.xlsx", [][]any{
		{"姓名", "身份证号", "跟班村（社区）", "开始日期", "结束日期", "指导人", "鉴定等次", "鉴定意见"},
		{"张三", outID1, "先锋村", "2025-03-01", "2025-04-30", "王书记", "优秀", "表现突出"},
		{"李四", outID2, "先锋村", "2025-03-01", "2025-04-30", "", "", ""},
		{"王五", outID3, "东街社区", "2025-03-01", "2025-04-30", "", "", ""},
		{"王五", outID3, "先锋村", "2025-03-01", "2025-04-30", "", "很好", ""},
	})
	rep, err := f.im.ImportPlacements(f.ctx, list, OutcomeOptions{})
	if models.ErrorCode(err) != models.EINVALID || !hasProblem(rep, 4, "跟班村(社区)", "not a key village") ||
		!hasProblem(rep, 5, "鉴定等次", "Not an evaluation") {
		t.Fatalf("err %v%s", err, dumpProblems(rep))
	}
	rep, err = f.im.ImportPlacements(f.ctx, list, OutcomeOptions{SkipInvalid: true})
	if err != nil || rep.Imported != 2 {
		t.Fatalf("skip invalid: %v, imported %d%s", err, rep.Imported, dumpProblems(rep))
	}
	ps, err := f.svc.FollowUp.FindPlacements(f.ctx, models.PlacementFilter{TraineeID: f.t1.ID})
	if err != nil || len(ps) != 1 || ps[0].Grade != models.GradeExcellent || ps[0].Comment != "表现突出" || ps[0].Supervisor != "王书记" {
		t.Fatalf("张三's placement %+v, %v", ps, err)
	}
}
