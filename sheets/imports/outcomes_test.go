package imports

import (
	"os"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"peiyang/models"
)

var (
	outID1 = idn("51062319880215123")
	outID2 = idn("51068119900101002")
	outID3 = idn("51062319920304567")
	outID4 = idn("11010519491231001") // not a trainee
)

// outcomeFixture holds three trainees, a village and a community.
type outcomeFixture struct {
	*fixture
	t1, t2, t3     *models.Trainee
	village, other *models.Organisation
	community      *models.Organisation
}

func newOutcomeFixture(t *testing.T) *outcomeFixture {
	f := &outcomeFixture{fixture: newFixture(t)}
	f.t1 = f.trainee("张三", outID1)
	f.t2 = f.trainee("李四", outID2)
	f.t3 = f.trainee("王五", outID3)
	f.village = f.place("石泉村", models.OrgVillage, "中江县", "石泉乡")
	f.other = f.place("石泉村", models.OrgVillage, "广汉市", "向阳镇") // the same name elsewhere
	f.community = f.place("东街社区", models.OrgCommunity, "中江县", "凯江镇")
	return f
}

func (f *outcomeFixture) place(name string, kind models.OrgKind, county, town string) *models.Organisation {
	f.t.Helper()
	o := &models.Organisation{Name: name, Kind: kind, Region: models.Region{Province: "四川省", City: "德阳市", County: county, Town: town}}
	must(f.t, f.db.CreateOrganisation(f.ctx, o))
	return o
}

func (f *outcomeFixture) returns() []*models.Return {
	f.t.Helper()
	rs, err := f.svc.FollowUp.FindReturns(f.ctx, models.ReturnFilter{})
	must(f.t, err)
	return rs
}

func (f *outcomeFixture) elections() []*models.Election {
	f.t.Helper()
	es, err := f.svc.FollowUp.FindElections(f.ctx, models.ElectionFilter{})
	must(f.t, err)
	return es
}

// A county's list of returns, laid out for printing: a title, synonyms
// of the headers, the town and county narrowing a village name two
// places share, a footer; then its election results, posts written the
// ways ledgers write them.
func TestImportReturnsThenElections(t *testing.T) {
	f := newOutcomeFixture(t)
	rets := f.xlsx("回引.xlsx", [][]any{
		{"中江县流动党员回引情况统计表"},
		{"序号", "姓　名", "公民身份号码", "回引村/社区", "乡镇", "县（市、区）", "返乡时间", "担任职务", "备注"},
		{1.0, "张三", outID1, "石泉村", "石泉乡", "中江县", "2024-03-01", "村委会委员", ""},
		{2.0, "李四", "'" + outID2, "东街社区", "", "", "2024.5", "", "经营合作社"},
		{3.0, "王五", outID3, "石泉村", "石泉乡", "", "2024年6月10日", "", ""},
		{},
		{"合计：3人"},
		{"填表人：刘洋", "", "联系电话：0838-1234567"},
	})
	rep, err := f.im.ImportReturns(f.ctx, rets, OutcomeOptions{})
	if err != nil {
		t.Fatalf("import returns: %v%s", err, dumpProblems(rep))
	}
	if rep.Imported != 3 || rep.Skipped != 2 {
		t.Fatalf("imported %d, skipped %d; want 3 and 2 (the total and the footer)", rep.Imported, rep.Skipped)
	}
	got := map[int64]*models.Return{}
	for _, r := range f.returns() {
		got[r.TraineeID] = r
	}
	if r := got[f.t1.ID]; r == nil || r.VillageID != f.village.ID || r.ReturnDate.String() != "2024-03-01" || r.Post != "村委会委员" {
		t.Fatalf("张三's return: %+v (want the 石泉村 of 中江县, 2024-03-01, 村委会委员)", r)
	}
	if r := got[f.t2.ID]; r == nil || r.VillageID != f.community.ID || r.ReturnDate.String() != "2024-05-01" || r.Notes != "经营合作社" {
		t.Fatalf("李四's return: %+v", r)
	}
	if !hasWarning(rep, 4, "返乡时间", "no day") {
		t.Fatalf("a month without a day gives no warning: %v", rep.Warnings)
	}

	els := f.xlsx("选举结果.xlsx", [][]any{
		{"姓名", "身份证\n号码", "村（社区）", "选举日期", "委员会", "职务", "选举结果", "得票数"},
		{"张三", outID1, "石泉村", "2024-12-20", "", "书记、主任", "当选", 312.0},
		{"李四", outID2, "东街社区", "2024-12-21", "居委会", "委员", "当选", ""},
		{"王五", outID3, "石泉村", "2024-12-20", "", "村委会主任", "未当选", "88票"},
	})
	rep, err = f.im.ImportElections(f.ctx, els, OutcomeOptions{})
	if err != nil {
		t.Fatalf("import elections: %v%s", err, dumpProblems(rep))
	}
	byTrainee := map[int64]*models.Election{}
	for _, e := range f.elections() {
		byTrainee[e.TraineeID] = e
	}
	want := map[int64][3]string{
		f.t1.ID: {string(models.CommitteeVillageParty), string(models.PostBoth), string(models.Elected)},
		f.t2.ID: {string(models.CommitteeResidents), string(models.PostMember), string(models.Elected)},
		f.t3.ID: {string(models.CommitteeVillagers), string(models.PostChair), string(models.NotElected)},
	}
	for id, w := range want {
		e := byTrainee[id]
		if e == nil || string(e.Committee) != w[0] || string(e.Post) != w[1] || string(e.Result) != w[2] || e.ReturnID != got[id].ID {
			t.Fatalf("trainee %d's election: %+v, want %v after return %d", id, e, w, got[id].ID)
		}
	}
	if v := byTrainee[f.t1.ID].Votes; v == nil || *v != 312 {
		t.Fatalf("张三's votes: %v", v)
	}
	if v := byTrainee[f.t3.ID].Votes; v == nil || *v != 88 {
		t.Fatalf("王五's votes (88票): %v", v)
	}
	if byTrainee[f.t2.ID].Votes != nil {
		t.Fatal("votes not reported were stored")
	}

	// The same file again: every row repeats an election on record, so
	// every row is passed over, nothing stored twice.
	rep, err = f.im.ImportElections(f.ctx, els, OutcomeOptions{})
	if err != nil || rep.Skipped != 3 || rep.Imported != 0 || len(f.elections()) != 3 {
		t.Fatalf("a repeat import: err %v, skipped %d, imported %d, stored %d", err, rep.Skipped, rep.Imported, len(f.elections()))
	}
	if !strings.Contains(rep.SkippedRows[0].Message, "recorded already") {
		t.Fatalf("the repeat is not said: %v", rep.SkippedRows[0])
	}
}

func hasWarning(rep *Report, row int, column, msgPart string) bool {
	for _, p := range rep.Warnings {
		if p.Row == row && p.Column == column && strings.Contains(p.Message, msgPart) {
			return true
		}
	}
	return false
}

// Rows are matched by ID number and never guessed: a person who is not a
// trainee, a name that is not the number's, a village not on record or
// one the row does not narrow down, an election before any return, an
// election twice in the file and one that contradicts a stored one are
// each reported, and nothing is written.
func TestImportOutcomeProblems(t *testing.T) {
	f := newOutcomeFixture(t)
	r := &models.Return{TraineeID: f.t1.ID, VillageID: f.village.ID, ReturnDate: models.MustDate("2024-03-01")}
	must(t, f.svc.FollowUp.RecordReturn(f.ctx, r))
	must(t, f.svc.FollowUp.RecordElection(f.ctx, &models.Election{ReturnID: r.ID, Date: models.MustDate("2024-12-20"),
		Committee: models.CommitteeVillageParty, Post: models.PostSecretary, Result: models.Elected, TermYears: 5}))

	rets := f.xlsx("回引.xlsx", [][]any{
		{"姓名", "身份证号", "回引村（社区）", "回引日期"},
		{"赵六", outID4, "石泉村", "2024-03-01"},
		{"李五", outID2, "东街社区", "2024-03-01"},
		{"王五", outID3, "石泉村", "2024-03-01"},
		{"王五", outID3, "新华村", "2024-03-01"},
		{"张三", outID1, "东街社区", "2030-01-01"},
	})
	rep, err := f.im.ImportReturns(f.ctx, rets, OutcomeOptions{})
	if models.ErrorCode(err) != models.EINVALID {
		t.Fatalf("want EINVALID, got %v", err)
	}
	for _, c := range []struct {
		row       int
		col, text string
	}{
		{2, "身份证号", "not a trainee"},
		{3, "姓名", "not 李五"},
		{4, "回引村(社区)", "give its town and county"},
		{5, "回引村(社区)", "No village or community called 新华村"},
		{6, "回引日期", "future"},
	} {
		if !hasProblem(rep, c.row, c.col, c.text) {
			t.Errorf("row %d, %s: no problem saying %q%s", c.row, c.col, c.text, dumpProblems(rep))
		}
	}
	if len(f.returns()) != 1 {
		t.Fatal("a rejected import wrote returns")
	}

	els := f.xlsx("选举.xlsx", [][]any{
		{"姓名", "身份证号", "选举日期", "职务", "结果"},
		{"李四", outID2, "2024-12-20", "村委会主任", "当选"},
		{"张三", outID1, "2024-12-20", "党支部书记", "未当选"},
		{"张三", outID1, "2025-01-10", "村委会主任", "当选"},
		{"张三", outID1, "2025-01-10", "村民委员会主任", "当选"},
		{"张三", outID1, "2025-01-11", "副职", "当选"},
		{"张三", outID1, "2025-01-12", "村委会委员", "任命"},
	})
	rep, err = f.im.ImportElections(f.ctx, els, OutcomeOptions{})
	if models.ErrorCode(err) != models.EINVALID {
		t.Fatalf("want EINVALID, got %v", err)
	}
	for _, c := range []struct {
		row       int
		col, text string
	}{
		{2, "选举日期", "no return recorded on or before"},
		{3, "职务", "another post or result"},
		{5, "职务", "Rows 4 and 5"},
		{6, "职务", "副职 is not a post"},
		{7, "结果", ""},
	} {
		if !hasProblem(rep, c.row, c.col, c.text) {
			t.Errorf("row %d, %s: no problem saying %q%s", c.row, c.col, c.text, dumpProblems(rep))
		}
	}
	if hasProblem(rep, 4, "职务", "") {
		t.Errorf("row 4 is valid: %s", dumpProblems(rep))
	}
	if len(f.elections()) != 1 {
		t.Fatal("a rejected import wrote elections")
	}
}

// A dry run writes nothing; --skip-invalid writes the valid rows and the
// rejected ones, with their reasons, to a workbook beside the source; the
// import is in the audit trail.
func TestImportOutcomesDryRunSkipInvalid(t *testing.T) {
	f := newOutcomeFixture(t)
	rets := f.xlsx("回引.xlsx", [][]any{
		{"姓名", "身份证号", "回引村（社区）", "乡镇（街道）", "回引日期"},
		{"张三", outID1, "石泉村", "石泉乡", "2024-03-01"},
		{"赵六", outID4, "石泉村", "石泉乡", "2024-03-01"},
	})
	rep, err := f.im.ImportReturns(f.ctx, rets, OutcomeOptions{DryRun: true, SkipInvalid: true})
	if err != nil || rep.Valid != 1 || rep.Rejected != 1 || len(f.returns()) != 0 {
		t.Fatalf("dry run: err %v, valid %d, rejected %d, stored %d", err, rep.Valid, rep.Rejected, len(f.returns()))
	}
	rep, err = f.im.ImportReturns(f.ctx, rets, OutcomeOptions{SkipInvalid: true})
	if err != nil || rep.Imported != 1 || len(f.returns()) != 1 {
		t.Fatalf("skip invalid: err %v, imported %d, stored %d", err, rep.Imported, len(f.returns()))
	}
	x, err := excelize.OpenFile(rep.RejectedFile)
	if err != nil {
		t.Fatalf("rejected workbook: %v", err)
	}
	defer x.Close()
	rows, _ := x.GetRows(x.GetSheetList()[0])
	if len(rows) != 2 || rows[1][0] != "3" || !strings.Contains(strings.Join(rows[1], "|"), "not a trainee") {
		t.Fatalf("rejected rows: %q", rows)
	}
	es, err := f.svc.Audit.FindAudit(f.ctx, models.AuditFilter{})
	must(t, err)
	found := false
	for _, e := range es {
		found = found || e.Action == "import" && e.Entity == "returns"
	}
	if !found {
		t.Fatal("the import is not in the audit trail")
	}
	_ = os.Remove(rep.RejectedFile)
}

// One workbook with a sheet of returns and a sheet of elections (as a
// feedback package comes back): the election follows the return of the
// same file; the other sheets are left alone without a word.
func TestImportOutcomesOneWorkbook(t *testing.T) {
	f := newOutcomeFixture(t)
	path := f.workbook("反馈.xlsx",
		sheetSpec{name: "说明", rows: [][]any{{"请填写回引和选任情况"}}},
		sheetSpec{name: "选任情况", rows: [][]any{
			{"姓名", "身份证号", "村（社区）", "选举日期", "委员会", "职务", "结果"},
			{"李四", outID2, "东街社区", "2024-12-21", "社区党组织委员会", "书记", "当选"},
		}},
		sheetSpec{name: "回引情况", rows: [][]any{
			{"姓名", "身份证号", "回引村（社区）", "回引日期"},
			{"李四", outID2, "东街社区", "2024-03-01"},
		}},
	)
	rep, err := f.im.ImportOutcomes(f.ctx, path, OutcomeOptions{})
	if err != nil {
		t.Fatalf("import outcomes: %v%s", err, dumpProblems(rep))
	}
	es := f.elections()
	rs := f.returns()
	if len(rs) != 1 || len(es) != 1 || es[0].ReturnID != rs[0].ID || es[0].Committee != models.CommitteeCommunityParty {
		t.Fatalf("returns %+v, elections %+v", rs, es)
	}
	if len(rep.Sheets) != 2 || rep.Imported != 2 {
		t.Fatalf("report: sheets %+v, imported %d", rep.Sheets, rep.Imported)
	}
	for _, w := range rep.Warnings {
		if strings.Contains(w.Message, "回引情况") || strings.Contains(w.Message, "选任情况") {
			t.Fatalf("a sheet read is reported as refused: %v", w)
		}
	}
}
