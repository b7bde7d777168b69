package imports

import (
	"strings"
	"testing"

	"peiyang/models"
)

// importOne imports a one-trainee workbook with the headers and values and
// returns the trainee stored and the report.
func importOne(t *testing.T, f *fixture, name string, headers []string, values []any) (*models.Trainee, *Report) {
	t.Helper()
	h := make([]any, len(headers))
	for i, s := range headers {
		h[i] = s
	}
	p := f.xlsx(name, [][]any{h, values})
	rep, err := f.im.ImportTrainees(f.ctx, p, TraineeOptions{})
	if err != nil {
		t.Fatalf("%s: %v%s", name, err, dumpProblems(rep))
	}
	ts, err := f.svc.Trainees.FindTrainees(f.ctx, models.TraineeFilter{IDNumbers: []string{values[2].(string)}})
	if err != nil || len(ts) != 1 {
		t.Fatalf("%s: trainees %v %v", name, ts, err)
	}
	return ts[0], rep
}

// warned reports whether the report warns with the message.
func warned(rep *Report, key string, data map[string]any) bool {
	for _, w := range rep.Warnings {
		if w.Key != key {
			continue
		}
		ok := true
		for k, v := range data {
			ok = ok && w.Data[k] == v
		}
		if ok {
			return true
		}
	}
	return false
}

// A county ledger's headers: the outflow party organisation is the
// branch, not a place; of 户籍所在地 and 籍贯 the more specific is used
// and the report says so; 外出务工地点, 从事职业 and 类别 land in their
// fields, 流入地党组织 and 外出时间 in the notes.
func TestImportLedgerHeaders(t *testing.T) {
	f := newFixture(t)
	tr, rep := importOne(t, f, "中江县台账.xlsx",
		[]string{"序号", "姓名", "身份证号", "流出地党组织", "流入地党组织", "户籍所在地", "籍贯", "外出务工地点", "从事职业", "类别", "外出时间"},
		[]any{1.0, "张三", id1, "中共中江县南华镇先锋村支部委员会", "锦江区快递行业流动党员党支部", "四川省德阳市中江县",
			"四川中江", "四川省成都市锦江区", "快递员", "流出", "2023年5月"})
	if tr.Branch != "中共中江县南华镇先锋村支部委员会" || tr.HomeRegion != (models.Region{Province: "四川省", City: "德阳市", County: "中江县"}) ||
		tr.CurrentDistrict != "锦江区" || tr.Employer != "快递员" || tr.Direction != models.Outflow {
		t.Errorf("张三 %+v", tr)
	}
	if tr.Notes != "流入地党组织：锦江区快递行业流动党员党支部；外出时间：2023年5月" {
		t.Errorf("notes %q", tr.Notes)
	}
	if rep.Columns["branch"] != "流出地党组织" || rep.Columns["home_region"] != "户籍所在地" || rep.Columns["current_district"] != "外出务工地点" ||
		len(rep.Unknown) != 0 {
		t.Errorf("columns %v, unknown %v", rep.Columns, rep.Unknown)
	}
	if !warned(rep, MsgDuplicateColumn, map[string]any{"Used": "户籍所在地", "Ignored": "籍贯"}) ||
		!warned(rep, MsgKeptInNotes, map[string]any{"Column": "流入地党组织"}) || !warned(rep, MsgKeptInNotes, map[string]any{"Column": "外出时间"}) {
		t.Errorf("warnings %+v", rep.Warnings)
	}
}

// Other ledgers' names: 党组织关系所在党组织, 流入地, 务工单位, 流动类型,
// 流入时间; 党员类别 (full or probationary) is not read as the direction.
func TestImportLedgerHeadersInflow(t *testing.T) {
	f := newFixture(t)
	tr, rep := importOne(t, f, "郫都区台账.xlsx",
		[]string{"序号", "姓名", "公民身份证号码", "党组织关系所在党组织", "流入地", "务工单位", "流动类型", "流入时间", "党员类别"},
		[]any{1.0, "李四", id2, "中共广汉市雒城街道某社区委员会", "成都市郫都区", "某外卖平台", "流入党员", "2022-03", "正式党员"})
	if tr.Branch != "中共广汉市雒城街道某社区委员会" || tr.CurrentDistrict != "郫都区" || tr.Employer != "某外卖平台" ||
		tr.Direction != models.Inflow || tr.Notes != "流入时间：2022-03" || tr.HomeRegion != (models.Region{}) {
		t.Errorf("李四 %+v", tr)
	}
	if rep.Columns["direction"] != "流动类型" || rep.Columns["id_number"] != "公民身份证号码" || len(rep.Unknown) != 0 {
		t.Errorf("columns %v, unknown %v", rep.Columns, rep.Unknown)
	}
}

// Two names for the inflow district and for the employer: the one listed
// first is used, the other reported; 证件号码 is the ID number.
func TestImportLedgerHeadersTwoNames(t *testing.T) {
	f := newFixture(t)
	tr, rep := importOne(t, f, "两列.xlsx",
		[]string{"序号", "姓名", "证件号码", "外出地点", "就业单位", "务工地点", "从事职业", "户籍地"},
		[]any{1.0, "王五", id3, "四川省成都市温江区", "某物流公司", "四川省成都市双流区", "驾驶员", "四川省德阳市中江县"})
	if tr.CurrentDistrict != "双流区" || tr.Employer != "某物流公司" || tr.HomeRegion.County != "中江县" {
		t.Errorf("王五 %+v", tr)
	}
	if !warned(rep, MsgDuplicateColumn, map[string]any{"Used": "务工地点", "Ignored": "外出地点"}) ||
		!warned(rep, MsgDuplicateColumn, map[string]any{"Used": "就业单位", "Ignored": "从事职业"}) {
		t.Errorf("warnings %+v", rep.Warnings)
	}
	for _, w := range rep.Warnings {
		if w.Row != 0 || !strings.Contains(w.Message, "was used") && w.Key == MsgDuplicateColumn {
			t.Errorf("warning %+v", w)
		}
	}
}

// The attendance import reads the ID number under 证件号码 too.
func TestImportAttendanceIDHeaders(t *testing.T) {
	f := newFixture(t)
	c, _, ts := attendanceCourse(f)
	for _, header := range []string{"证件号码", "居民身份证号码", "公民身份证号码"} {
		p := f.xlsx("签到-"+header+".xlsx", [][]any{
			{"序号", "姓名", header, "6月9日"},
			{1.0, "张三", ts[0].IDNumber, "√"},
		})
		rep, err := f.im.ImportAttendance(f.ctx, p, AttendanceOptions{CourseID: c.ID, DryRun: true})
		if err != nil || rep.Columns["id_number"] != header || rep.Marks != 1 {
			t.Errorf("%s: %v, columns %v, marks %d%s", header, err, rep.Columns, rep.Marks, dumpProblems(rep))
		}
	}
}
