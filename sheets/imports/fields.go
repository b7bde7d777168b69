package imports

import (
	"peiyang/models"
	"peiyang/sheets"
)

// The columns each import understands, with the names people give them
// (county ledgers' included), the more specific first: of two columns
// naming one field the one named first is used (户籍所在地 before 籍贯).
// Keys of trainee fields are the models.Trainee field names Validate
// reports, so that a validation error finds its column.

var seqField = sheets.Field{Key: "seq", Label: "序号", Aliases: []string{"编号", "No", "No.", "序"}, Ignore: true}

// idAliases are the headers of the resident ID number.
var idAliases = []string{"身份证号码", "公民身份号码", "公民身份证号码", "居民身份证号码", "证件号码", "身份证"}

// notesFields are the trainee list's columns kept in the notes, as
// "外出时间：2023年5月".
var notesFields = []string{"left_home", "inflow_org"}

// TraineeFields are the columns of a nominee or trainee list.
var TraineeFields = []sheets.Field{
	seqField,
	{Key: "name", Label: "姓名", Aliases: []string{"名字", "党员姓名", "学员姓名"}, Required: true},
	{Key: "id_number", Label: "身份证号", Aliases: idAliases, Required: true},
	{Key: "gender", Label: "性别"},
	{Key: "ethnicity", Label: "民族"},
	{Key: "birth_date", Label: "出生日期", Aliases: []string{"出生年月", "出生年月日", "生日"}},
	{Key: "phone", Label: "联系电话", Aliases: []string{"手机", "手机号码", "手机号", "电话", "联系方式", "电话号码"}},
	{Key: "education", Label: "学历", Aliases: []string{"文化程度", "最高学历"}},
	{Key: "joined_party", Label: "入党时间", Aliases: []string{"入党日期", "入党年月", "入党时间(年月)"}},
	// The organisation holding the membership: on the outflow side.
	{Key: "branch", Label: models.Term(models.TermBranch).Zh, Aliases: []string{"党组织关系所在党组织", "流出地党组织", "流出地党支部",
		"党组织关系所在", "所在党支部", "所在党组织", "党组织关系", "党支部"}},
	{Key: "home_region", Label: "户籍地", Aliases: []string{"户籍所在地", "户口所在地", "户籍地址", "流出地", "籍贯"}, Place: true},
	{Key: "current_district", Label: "现居住地", Aliases: []string{"现居住地址", "现居住区", "现所在区", "所在区县",
		"外出务工地点", "务工地点", "外出地点", "现工作地", "流入地"}, Place: true},
	{Key: "employer", Label: "工作单位", Aliases: []string{"现工作单位", "务工单位", "就业单位", "工作单位及职务", "单位",
		"从事职业", "从事行业"}},
	{Key: "nominated_by", Label: "推荐单位", Aliases: []string{"推荐组织", "推荐党组织"}},
	{Key: "direction", Label: models.Term(models.TermDirection).Zh, Aliases: []string{"流动方向", "流向", "类别"}},
	// 党员类别 is full or probationary membership, not the direction.
	{Key: "membership", Label: "党员身份", Aliases: []string{"党员类别"}, Ignore: true},
	// Kept in the notes, the model having no field of their own.
	{Key: "left_home", Label: "外出时间", Aliases: []string{"流入时间", "外出日期", "流出时间"}},
	{Key: "inflow_org", Label: "流入地党组织", Aliases: []string{"流入地党支部"}},
	{Key: "key_target", Label: "重点培养对象", Aliases: []string{"是否重点培养对象"}},
	{Key: "notes", Label: "备注", Aliases: []string{"说明"}},
	// Columns of Peiyang's own export, recognised on re-import.
	{Key: "cohort", Label: "批次", Ignore: true},
	{Key: "stage", Label: "培养阶段", Ignore: true},
}

// SessionFields are the columns of a course schedule.
var SessionFields = []sheets.Field{
	seqField,
	{Key: "date", Label: "日期", Aliases: []string{"上课日期", "授课日期", "培训日期"}, Required: true},
	{Key: "time", Label: "时间", Aliases: []string{"上课时间", "授课时间", "时段", "培训时间"}},
	{Key: "start", Label: "开始时间", Aliases: []string{"起始时间", "开始"}},
	{Key: "end", Label: "结束时间", Aliases: []string{"结束"}},
	{Key: "topic", Label: models.Term(models.TermTopic).Zh, Aliases: []string{"专题", "课程", "课程名称", "课题", "授课内容", "内容", "主题", "教学内容", "培训内容"}, Required: true},
	{Key: "instructor", Label: "授课教师", Aliases: []string{"主讲人", "教师", "授课人", "主讲", "讲师", "授课老师", "主讲教师"}},
	{Key: "venue", Label: "地点", Aliases: []string{"上课地点", "教室", "场地", "授课地点", "培训地点"}},
	{Key: "hours", Label: "学时", Aliases: []string{"课时"}},
	{Key: "notes", Label: "备注", Ignore: true},
}

// AttendanceFields are the trainee columns of an attendance grid; the
// other columns are matched to the course's sessions.
var AttendanceFields = []sheets.Field{
	seqField,
	{Key: "name", Label: "姓名", Aliases: []string{"学员姓名", "名字"}, Required: true},
	{Key: "id_number", Label: "身份证号", Aliases: idAliases},
	{Key: "score", Label: "成绩", Aliases: []string{"考核成绩", "考试成绩", "结业考试成绩", "分数", "得分", "考核得分"}},
	{Key: "gender", Label: "性别", Ignore: true},
	{Key: "employer", Label: "工作单位", Aliases: []string{"单位"}, Ignore: true},
	{Key: "phone", Label: "联系电话", Aliases: []string{"手机", "手机号码"}, Ignore: true},
	{Key: "notes", Label: "备注", Ignore: true},
	{Key: "totals", Label: "出勤次数", Aliases: []string{"出勤率", "合计", "总学时", "缺勤次数", "实到", "签到次数",
		"学时合计", "小计", "获得学时", "出勤", "请假", "迟到", "缺勤"}, Ignore: true},
}

// recordField is the trainee's number in the programme (系统编号), which
// the feedback package's fill-in sheets carry beside a masked ID number.
var recordField = sheets.Field{Key: "record", Label: "系统编号", Aliases: []string{"学员编号", "培养对象编号"}}

// ReturnFields are the columns of a list of returns to the home village
// or community (回引).
var ReturnFields = []sheets.Field{
	seqField,
	{Key: "name", Label: "姓名", Aliases: []string{"名字", "党员姓名", "学员姓名"}, Required: true},
	{Key: "id_number", Label: "身份证号", Aliases: idAliases, Required: true},
	recordField,
	{Key: "village", Label: "回引村（社区）", Aliases: []string{"回引村/社区", "回引村", "回引社区", "回引村(社区)",
		"村（社区）", "村/社区", "村(社区)", "所在村（社区）", "所在村", "村名", "村（居）"}, Required: true},
	{Key: "town", Label: "乡镇（街道）", Aliases: []string{"乡镇/街道", "乡（镇、街道）", "乡镇", "街道", "所在乡镇"}},
	{Key: "county", Label: "县（市、区）", Aliases: []string{"县（市区）", "县市区", "区县", "县区", "所在县"}},
	{Key: "return_date", Label: "回引日期", Aliases: []string{"回引时间", "返乡日期", "返乡时间", "回村日期", "回村时间", "回引年月"}, Required: true},
	{Key: "post", Label: "担任职务", Aliases: []string{"任职情况", "现任职务", "所任职务", "回村任职", "职务"}},
	{Key: "notes", Label: "备注", Aliases: []string{"说明"}},
	{Key: "home_region", Label: "户籍地", Aliases: []string{"户籍所在地", "流出地"}, Ignore: true, Place: true},
}

// ElectionFields are the columns of a list of election results of the
// village (community) "two committees".
var ElectionFields = []sheets.Field{
	seqField,
	{Key: "name", Label: "姓名", Aliases: []string{"名字", "党员姓名", "学员姓名"}, Required: true},
	{Key: "id_number", Label: "身份证号", Aliases: idAliases, Required: true},
	recordField,
	{Key: "village", Label: "村（社区）", Aliases: []string{"村/社区", "村(社区)", "回引村（社区）", "回引村", "所在村（社区）", "所在村", "村名"}},
	{Key: "date", Label: "选举日期", Aliases: []string{"选举时间", "换届日期", "换届时间", "任职日期", "任职时间"}, Required: true},
	{Key: "committee", Label: "委员会", Aliases: []string{"参选委员会", "参选组织", "所选委员会", "组织"}},
	{Key: "post", Label: "职务", Aliases: []string{"参选职务", "当选职务", "拟任职务", "任职", "岗位"}, Required: true},
	{Key: "result", Label: "结果", Aliases: []string{"选举结果", "是否当选", "当选情况", "选任结果"}, Required: true},
	{Key: "votes", Label: "得票数", Aliases: []string{"得票", "票数", "得票数（票）"}},
	{Key: "term", Label: "任期（年）", Aliases: []string{"任期", "任期年限"}},
	{Key: "notes", Label: "备注", Aliases: []string{"说明"}, Ignore: true},
	{Key: "home_region", Label: "户籍地", Aliases: []string{"户籍所在地", "流出地"}, Ignore: true, Place: true},
}

// ContactFields are the columns of a mentor's contact log.
var ContactFields = []sheets.Field{
	seqField,
	{Key: "mentor", Label: "导师", Aliases: []string{"导师姓名", "帮带导师", "联系人"}, Required: true},
	{Key: "name", Label: "姓名", Aliases: []string{"学员姓名", "党员姓名", "帮带对象", "培养对象"}, Required: true},
	{Key: "id_number", Label: "身份证号", Aliases: idAliases, Required: true},
	recordField,
	{Key: "date", Label: "联系日期", Aliases: []string{"联系时间", "日期", "时间"}, Required: true},
	{Key: "mode", Label: "联系方式", Aliases: []string{"方式", "形式", "联系形式"}, Required: true},
	{Key: "summary", Label: "联系内容", Aliases: []string{"内容", "谈话内容", "主要内容", "情况记录"}, Required: true},
}

// PlacementFields are the columns of a list of shadow-study placements
// and their evaluations.
var PlacementFields = []sheets.Field{
	seqField,
	{Key: "name", Label: "姓名", Aliases: []string{"学员姓名", "党员姓名"}, Required: true},
	{Key: "id_number", Label: "身份证号", Aliases: idAliases, Required: true},
	recordField,
	{Key: "village", Label: "跟班村（社区）", Aliases: []string{"跟班学习村（社区）", "跟班村", "跟班学习村", "重点村（社区）", "重点村",
		"村（社区）"}, Required: true},
	{Key: "town", Label: "乡镇（街道）", Aliases: []string{"乡镇/街道", "乡镇", "街道"}},
	{Key: "county", Label: "县（市、区）", Aliases: []string{"县市区", "区县", "县区"}},
	{Key: "start", Label: "开始日期", Aliases: []string{"开始时间", "起始日期", "跟班开始"}, Required: true},
	{Key: "end", Label: "结束日期", Aliases: []string{"结束时间", "截止日期", "跟班结束"}, Required: true},
	{Key: "supervisor", Label: "指导人", Aliases: []string{"带教指导人", "村指导人"}},
	{Key: "grade", Label: "鉴定等次", Aliases: []string{"鉴定结果", "鉴定", "考评等次", "评价等次", "等次"}},
	{Key: "comment", Label: "鉴定意见", Aliases: []string{"接收村意见", "村（社区）意见", "评语", "鉴定评语"}},
	{Key: "home_region", Label: "户籍地", Aliases: []string{"户籍所在地", "流出地"}, Ignore: true, Place: true},
}
