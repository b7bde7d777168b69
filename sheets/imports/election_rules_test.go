package imports

import (
	"testing"

	"peiyang/models"
)

// An election import keeps the election rules as the window and the
// command line do (issue 11 item 2, issue 12): only the posts a committee
// has, appointment only to a party committee's posts and never as 书记兼主任,
// each refusal with its reason beside the column.
func TestImportElectionsKeepTheLaw(t *testing.T) {
	f := newOutcomeFixture(t)
	r := &models.Return{TraineeID: f.t1.ID, VillageID: f.village.ID, ReturnDate: models.MustDate("2024-03-01")}
	must(t, f.svc.FollowUp.RecordReturn(f.ctx, r))
	els := f.xlsx("选举.xlsx", [][]any{
		{"姓名", "身份证号", "选举日期", "职务", "结果"},
		{"张三", outID1, "2024-12-20", "村委会书记", "当选"},
		{"张三", outID1, "2024-12-21", "村委会主任", "任命"},
		{"张三", outID1, "2024-12-22", "书记兼主任", "上级党组织任命"},
		{"张三", outID1, "2024-12-23", "村委会委员", "上级党组织任命"},
		{"张三", outID1, "2024-12-24", "党支部副书记", "上级党组织任命"},
	})
	rep, err := f.im.ImportElections(f.ctx, els, OutcomeOptions{})
	if models.ErrorCode(err) != models.EINVALID {
		t.Fatalf("want EINVALID, got %v", err)
	}
	for _, c := range []struct {
		row       int
		col, text string
	}{
		{2, "职务", "The 村民委员会 has no post of 书记: choose one of 主任、副主任、委员."},
		{3, "结果", "nobody can be appointed to the 村民委员会"},
		{4, "结果", "Secretary and chair cannot be appointed"},
		{5, "结果", "nobody can be appointed to the 村民委员会"},
	} {
		if !hasProblem(rep, c.row, c.col, c.text) {
			t.Errorf("row %d, %s: no problem saying %q%s", c.row, c.col, c.text, dumpProblems(rep))
		}
	}
	if hasProblem(rep, 6, "职务", "") || hasProblem(rep, 6, "结果", "") {
		t.Errorf("an appointed deputy secretary is refused:%s", dumpProblems(rep))
	}
	if len(f.elections()) != 0 {
		t.Fatal("a rejected import wrote elections")
	}
}
