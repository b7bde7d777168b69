package models

import (
	"maps"
	"strings"
)

// The glossary: the one chosen wording, in Chinese and English, of every
// value of the closed sets and of the fields and things the office names
// (shared/domain.md has the English side). The window's translations take
// these texts from here (their keys are the glossary's), and the PDFs and
// workbooks print them through Chinese() and Term; wording.go lists the
// forms the glossary does not use, which the tests look for in every
// Chinese text.

// Label is a term in the two languages the program speaks. Given as a
// message's data, it prints in Chinese (the command line, the documents,
// JSON) and the window picks the language it shows.
type Label struct{ Zh, En string }

// String returns the Chinese.
func (l Label) String() string { return l.Zh }

// MarshalText writes the Chinese, so that a message's data in JSON holds
// the term as text.
func (l Label) MarshalText() ([]byte, error) { return []byte(l.Zh), nil }

// In returns the term in a language: "zh" the Chinese, else the English.
func (l Label) In(lang string) string {
	if lang == "zh" {
		return l.Zh
	}
	return l.En
}

// Labels are terms listed in a message: 主任、副主任、委员.
type Labels []Label

// String lists the Chinese, separated by 、.
func (ls Labels) String() string { return ls.In("zh") }

// MarshalText writes the list in Chinese.
func (ls Labels) MarshalText() ([]byte, error) { return []byte(ls.String()), nil }

// In lists the terms in a language: 主任、副主任、委员 or "Chair, Deputy
// chair, Member".
func (ls Labels) In(lang string) string {
	sep := ", "
	if lang == "zh" {
		sep = "、"
	}
	out := make([]string, len(ls))
	for i, l := range ls {
		out[i] = l.In(lang)
	}
	return strings.Join(out, sep)
}

// Keys of the terms that are not values of a closed set.
const (
	TermTheme           = "term.theme"            // 培训专题, a course's theme
	TermTopic           = "term.topic"            // 课程内容, a session's topic
	TermDirection       = "term.direction"        // 流动类型: inflow or outflow member
	TermBranch          = "term.branch"           // 党组织关系所在党支部
	TermHomeRegion      = "term.home_region"      // 户籍地（流出地）
	TermCurrentDistrict = "term.current_district" // 现居住地（流入地）
	TermVillageCapacity = "term.village_capacity" // 可接收人数 of a key village
	TermSupervisor      = "term.supervisor"       // 指导人, the host village's guide
	TermGrade           = "term.grade"            // 鉴定等次 of a placement
	TermComment         = "term.comment"          // 鉴定评语
	TermElectionRecord  = "term.election_record"  // 选任记录
	TermReturns         = "term.returns"          // 回引与选任, the follow-up of returnees
	TermTwoCommittees   = "term.two_committees"   // “两委”
	TermProduct         = "term.product"          // the program's full name
	TermBirthDate       = "term.birth_date"       // 出生日期, over a full date
	TermBirthMonth      = "term.birth_month"      // 出生年月, over a year and month
)

// glossary maps each key, "kind.value" for a value of a closed set
// ("stage.placed", "post.deputy_chair") or a Term* constant, to its
// wording.
var glossary = map[string]Label{
	"stage.nominated": {"纳入培养", "Nominated"},
	"stage.trained":   {"培训结业", "Trained"},
	"stage.placed":    {"跟班学习", "Placed"},
	"stage.mentored":  {"导师帮带", "Mentored"},
	"stage.returned":  {"回引", "Returned"},
	"stage.elected":   {"进入“两委”", "Elected"},

	"theme.rural_revitalisation":  {"乡村振兴", "Rural revitalisation"},
	"theme.grassroots_governance": {"基层治理", "Grassroots governance"},
	"theme.industrial_planning":   {"产业规划", "Industrial planning"},
	"theme.party_theory":          {"党的创新理论", "Party theory"},
	"theme.other":                 {"其他", "Other"},

	"gender.male":   {"男", "Male"},
	"gender.female": {"女", "Female"},

	"direction.inflow":  {"流入党员", "Inflow member (works here)"},
	"direction.outflow": {"流出党员", "Outflow member (works elsewhere)"},

	"course_status.planned":   {"计划中", "Planned"},
	"course_status.open":      {"报名中", "Open"},
	"course_status.running":   {"进行中", "Running"},
	"course_status.finished":  {"已结束", "Finished"},
	"course_status.cancelled": {"已取消", "Cancelled"},

	"enrolment_status.enrolled":      {"在训", "Enrolled"},
	"enrolment_status.waitlisted":    {"候补", "Waiting list"},
	"enrolment_status.withdrawn":     {"已退训", "Withdrawn"},
	"enrolment_status.completed":     {"已结业", "Completed"},
	"enrolment_status.not_completed": {"未结业", "Not completed"},

	"attendance.present": {"出勤", "Present"},
	"attendance.late":    {"迟到", "Late"},
	"attendance.excused": {"请假", "Excused"},
	"attendance.absent":  {"缺勤", "Absent"},

	"grade.none":      {"待鉴定", "Not evaluated yet"},
	"grade.excellent": {"优秀", "Excellent"},
	"grade.good":      {"良好", "Good"},
	"grade.pass":      {"合格", "Pass"},
	"grade.fail":      {"不合格", "Fail"},

	"contact_mode.visit":   {"走访", "Visit"},
	"contact_mode.phone":   {"电话", "Phone"},
	"contact_mode.video":   {"视频通话", "Video call"},
	"contact_mode.message": {"消息", "Message"},
	"contact_mode.meeting": {"谈心谈话", "One-to-one talk"},

	"committee.village_party":   {"村党组织委员会", "Village party committee"},
	"committee.villagers":       {"村民委员会", "Villagers' committee"},
	"committee.community_party": {"社区党组织委员会", "Community party committee"},
	"committee.residents":       {"居民委员会", "Residents' committee"},

	"post.secretary":           {"书记", "Secretary"},
	"post.deputy_secretary":    {"副书记", "Deputy secretary"},
	"post.chair":               {"主任", "Chair"},
	"post.deputy_chair":        {"副主任", "Deputy chair"},
	"post.member":              {"委员", "Member"},
	"post.secretary_and_chair": {"书记兼主任", "Secretary and chair"},

	"election_result.elected":     {"当选", "Elected"},
	"election_result.not_elected": {"未当选", "Not elected"},
	"election_result.appointed":   {"上级党组织任命", "Appointed by the higher party organisation"},

	"certificate_status.valid":    {"有效", "Valid"},
	"certificate_status.void":     {"已作废", "Void"},
	"certificate_status.replaced": {"已补发", "Replaced"},

	TermTheme:           {"培训专题", "Theme"},
	TermTopic:           {"课程内容", "Topic"},
	TermDirection:       {"流动类型", "Inflow or outflow"},
	TermBranch:          {"党组织关系所在党支部", "Membership branch"},
	TermHomeRegion:      {"户籍地（流出地）", "Home region (outflow side)"},
	TermCurrentDistrict: {"现居住地（流入地）", "Residence (inflow side)"},
	TermVillageCapacity: {"可接收人数", "Places for trainees"},
	TermSupervisor:      {"指导人", "Host's guide"},
	TermGrade:           {"鉴定等次", "Evaluation"},
	TermComment:         {"鉴定评语", "Evaluation remarks"},
	TermElectionRecord:  {"选任记录", "Election record"},
	TermReturns:         {"回引与选任", "Returns and elections"},
	TermTwoCommittees:   {"“两委”", "two committees"},
	TermProduct:         {"流动党员联合培养管理系统", "Peiyang"},
	TermBirthDate:       {"出生日期", "Date of birth"},
	TermBirthMonth:      {"出生年月", "Month of birth"},
}

// Term returns the wording of a glossary key; the zero Label for an
// unknown key.
func Term(key string) Label { return glossary[key] }

// Glossary returns a copy of the whole glossary, by key.
func Glossary() map[string]Label { return maps.Clone(glossary) }

// label returns the wording of a value of a closed set: the glossary's
// under kind.value, or the value itself when it has none (a value read
// from an older database), so that nothing prints empty.
func label[T ~string](kind string, v T) Label {
	if l, ok := glossary[kind+"."+string(v)]; ok {
		return l
	}
	return Label{string(v), string(v)}
}

// GlossaryKey returns the glossary key of a value of a closed set:
// "stage.placed".
func GlossaryKey[T ~string](kind string, v T) string { return kind + "." + string(v) }

// ValueKinds are the kinds of the closed sets with their values, in the
// glossary's terms: each kind.value is a key of the glossary.
func ValueKinds() map[string][]string {
	out := map[string][]string{"grade": {"none"}}
	add := func(kind string, vs []string) { out[kind] = append(out[kind], vs...) }
	add("stage", stringsOf(Stages))
	add("theme", stringsOf(Themes))
	add("gender", stringsOf(Genders))
	add("direction", stringsOf(Directions))
	add("course_status", stringsOf(CourseStatuses))
	add("enrolment_status", stringsOf(EnrolmentStatuses))
	add("attendance", stringsOf(AttendanceStatuses))
	add("grade", stringsOf(Grades))
	add("contact_mode", stringsOf(ContactModes))
	add("committee", stringsOf(Committees))
	add("post", stringsOf(Posts))
	add("election_result", stringsOf(ElectionResults))
	add("certificate_status", stringsOf(CertificateStatuses))
	return out
}

func stringsOf[T ~string](vs []T) []string {
	out := make([]string, len(vs))
	for i, v := range vs {
		out[i] = string(v)
	}
	return out
}

// Chinese returns 男 or 女.
func (g Gender) Chinese() string {
	if g == "" {
		return ""
	}
	return label("gender", g).Zh
}

// Chinese returns the direction: 流入党员 or 流出党员.
func (d Direction) Chinese() string { return label("direction", d).Zh }

// Chinese returns the theme's Chinese name.
func (t Theme) Chinese() string { return label("theme", t).Zh }

// Chinese returns the course status.
func (s CourseStatus) Chinese() string { return label("course_status", s).Zh }

// Chinese returns the enrolment status: 在训, 候补, 已退训, 已结业, 未结业.
func (s EnrolmentStatus) Chinese() string { return label("enrolment_status", s).Zh }

// Chinese returns the sign-in status.
func (s AttendanceStatus) Chinese() string { return label("attendance", s).Zh }

// Chinese returns the placement's evaluation; 待鉴定 before there is one.
func (g Grade) Chinese() string {
	if g == GradeNone {
		return glossary["grade.none"].Zh
	}
	return label("grade", g).Zh
}

// Chinese returns how a mentor's contact took place.
func (m ContactMode) Chinese() string { return label("contact_mode", m).Zh }

// Chinese returns the committee's Chinese name.
func (c Committee) Chinese() string { return label("committee", c).Zh }

// Label returns the committee's name in both languages, for a message.
func (c Committee) Label() Label { return label("committee", c) }

// Chinese returns the post's Chinese name.
func (p Post) Chinese() string { return label("post", p).Zh }

// Label returns the post's name in both languages, for a message.
func (p Post) Label() Label { return label("post", p) }

// Chinese returns the outcome of standing for a committee.
func (r ElectionResult) Chinese() string { return label("election_result", r).Zh }

// Chinese returns the certificate's status.
func (s CertificateStatus) Chinese() string { return label("certificate_status", s).Zh }

// Chinese returns the pipeline stage.
func (s Stage) Chinese() string { return label("stage", s).Zh }
