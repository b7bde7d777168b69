package models

// The closed sets of values the domain uses. Each is stored as its string
// value; the English label is the translation key for screens and printouts.

// Gender of a person, as encoded in the resident ID number.
type Gender string

const (
	Male   Gender = "male"
	Female Gender = "female"
)

// Genders lists the genders.
var Genders = []Gender{Male, Female}

// Chinese returns 男 or 女.
func (g Gender) Chinese() string {
	switch g {
	case Male:
		return "男"
	case Female:
		return "女"
	}
	return ""
}

// Direction says on which side of the programme a mobile member stands.
type Direction string

const (
	Inflow  Direction = "inflow"  // lives and works in the city now; home is the outflow side
	Outflow Direction = "outflow" // a member of the city's who works elsewhere
)

// Directions lists the directions.
var Directions = []Direction{Inflow, Outflow}

// OrgKind is the kind of an organisation.
type OrgKind string

const (
	OrgInflowCommittee OrgKind = "inflow_committee" // inflow party committee
	OrgInflowBranch    OrgKind = "inflow_branch"    // inflow party branch
	OrgOutflow         OrgKind = "outflow"          // outflow party organisation
	OrgPartySchool     OrgKind = "party_school"     // party school or academy
	OrgVillage         OrgKind = "village"          // village
	OrgCommunity       OrgKind = "community"        // urban community
)

// OrgKinds lists the organisation kinds.
var OrgKinds = []OrgKind{OrgInflowCommittee, OrgInflowBranch, OrgOutflow, OrgPartySchool, OrgVillage, OrgCommunity}

// IsVillage reports whether the kind is a village or a community, the only
// kinds that host shadow-study placements and returnees.
func (k OrgKind) IsVillage() bool { return k == OrgVillage || k == OrgCommunity }

// Theme is the subject of a themed course.
type Theme string

const (
	ThemeRural      Theme = "rural_revitalisation"  // 乡村振兴
	ThemeGovernance Theme = "grassroots_governance" // 基层治理
	ThemeIndustry   Theme = "industrial_planning"   // 产业规划
	ThemeTheory     Theme = "party_theory"          // 党的创新理论
	ThemeOther      Theme = "other"                 // 其他
)

// Themes lists the themes.
var Themes = []Theme{ThemeRural, ThemeGovernance, ThemeIndustry, ThemeTheory, ThemeOther}

// Chinese returns the theme's Chinese name.
func (t Theme) Chinese() string {
	switch t {
	case ThemeRural:
		return "乡村振兴"
	case ThemeGovernance:
		return "基层治理"
	case ThemeIndustry:
		return "产业规划"
	case ThemeTheory:
		return "党的创新理论"
	case ThemeOther:
		return "其他"
	}
	return ""
}

// CourseStatus is where a course stands.
type CourseStatus string

const (
	CoursePlanned   CourseStatus = "planned"
	CourseOpen      CourseStatus = "open" // open for enrolment
	CourseRunning   CourseStatus = "running"
	CourseFinished  CourseStatus = "finished"
	CourseCancelled CourseStatus = "cancelled"
)

// CourseStatuses lists the course statuses.
var CourseStatuses = []CourseStatus{CoursePlanned, CourseOpen, CourseRunning, CourseFinished, CourseCancelled}

// EnrolmentStatus is where a trainee stands on a course.
type EnrolmentStatus string

const (
	Enrolled     EnrolmentStatus = "enrolled"
	Waitlisted   EnrolmentStatus = "waitlisted"
	Withdrawn    EnrolmentStatus = "withdrawn"
	Completed    EnrolmentStatus = "completed"
	NotCompleted EnrolmentStatus = "not_completed"
)

// EnrolmentStatuses lists the enrolment statuses.
var EnrolmentStatuses = []EnrolmentStatus{Enrolled, Waitlisted, Withdrawn, Completed, NotCompleted}

// HoldsPlace reports whether the status takes one of the course's places.
func (s EnrolmentStatus) HoldsPlace() bool {
	return s == Enrolled || s == Completed || s == NotCompleted
}

// AttendanceStatus is a trainee's sign-in for one session.
type AttendanceStatus string

const (
	Present AttendanceStatus = "present"
	Late    AttendanceStatus = "late"
	Excused AttendanceStatus = "excused" // excused leave, 请假
	Absent  AttendanceStatus = "absent"
)

// AttendanceStatuses lists the attendance statuses.
var AttendanceStatuses = []AttendanceStatus{Present, Late, Excused, Absent}

// Counts reports whether the status earns the session's class hours.
func (s AttendanceStatus) Counts() bool { return s == Present || s == Late }

// Grade is a host village's evaluation of a placement.
type Grade string

const (
	GradeNone      Grade = "" // not evaluated yet
	GradeExcellent Grade = "excellent"
	GradeGood      Grade = "good"
	GradePass      Grade = "pass"
	GradeFail      Grade = "fail"
)

// Grades lists the evaluation grades.
var Grades = []Grade{GradeExcellent, GradeGood, GradePass, GradeFail}

// Passed reports whether the grade completes the placement.
func (g Grade) Passed() bool { return g == GradeExcellent || g == GradeGood || g == GradePass }

// ContactMode is how a mentor met a trainee.
type ContactMode string

const (
	ContactVisit   ContactMode = "visit"
	ContactPhone   ContactMode = "phone"
	ContactVideo   ContactMode = "video"
	ContactMessage ContactMode = "message"
	ContactMeeting ContactMode = "meeting"
)

// ContactModes lists the contact modes.
var ContactModes = []ContactMode{ContactVisit, ContactPhone, ContactVideo, ContactMessage, ContactMeeting}

// Committee is one of the village (community) "two committees".
type Committee string

const (
	CommitteeVillageParty   Committee = "village_party"   // 村党组织委员会
	CommitteeVillagers      Committee = "villagers"       // 村民委员会
	CommitteeCommunityParty Committee = "community_party" // 社区党组织委员会
	CommitteeResidents      Committee = "residents"       // 居民委员会
)

// Committees lists the committees.
var Committees = []Committee{CommitteeVillageParty, CommitteeVillagers, CommitteeCommunityParty, CommitteeResidents}

// Chinese returns the committee's Chinese name.
func (c Committee) Chinese() string {
	switch c {
	case CommitteeVillageParty:
		return "村党组织委员会"
	case CommitteeVillagers:
		return "村民委员会"
	case CommitteeCommunityParty:
		return "社区党组织委员会"
	case CommitteeResidents:
		return "居民委员会"
	}
	return ""
}

// Post is a seat on a committee.
type Post string

const (
	PostSecretary Post = "secretary"
	PostChair     Post = "chair"
	PostDeputy    Post = "deputy"
	PostMember    Post = "member"
	PostBoth      Post = "secretary_and_chair" // 一肩挑
)

// Posts lists the posts.
var Posts = []Post{PostSecretary, PostChair, PostDeputy, PostMember, PostBoth}

// Chinese returns the post's Chinese name.
func (p Post) Chinese() string {
	switch p {
	case PostSecretary:
		return "书记"
	case PostChair:
		return "主任"
	case PostDeputy:
		return "副职"
	case PostMember:
		return "委员"
	case PostBoth:
		return "书记、主任一肩挑"
	}
	return ""
}

// ElectionResult is the outcome of standing for a committee.
type ElectionResult string

const (
	Elected    ElectionResult = "elected"
	NotElected ElectionResult = "not_elected"
	Appointed  ElectionResult = "appointed"
)

// ElectionResults lists the results.
var ElectionResults = []ElectionResult{Elected, NotElected, Appointed}

// Seated reports whether the result puts the trainee on the committee.
func (r ElectionResult) Seated() bool { return r == Elected || r == Appointed }

// CertificateStatus is the state of a certificate serial.
type CertificateStatus string

const (
	CertValid    CertificateStatus = "valid"
	CertVoid     CertificateStatus = "void"
	CertReplaced CertificateStatus = "replaced"
)

// CertificateStatuses lists the certificate statuses.
var CertificateStatuses = []CertificateStatus{CertValid, CertVoid, CertReplaced}

// Stage is how far a trainee has come in the programme's pipeline.
type Stage string

const (
	StageNominated Stage = "nominated"
	StageTrained   Stage = "trained"
	StagePlaced    Stage = "placed"
	StageMentored  Stage = "mentored"
	StageReturned  Stage = "returned"
	StageElected   Stage = "elected"
)

// Stages lists the pipeline's stages in order.
var Stages = []Stage{StageNominated, StageTrained, StagePlaced, StageMentored, StageReturned, StageElected}

// Rank is the stage's position in Stages, -1 if unknown.
func (s Stage) Rank() int {
	for i, v := range Stages {
		if v == s {
			return i
		}
	}
	return -1
}

// oneOf reports whether v is one of the values.
func oneOf[T comparable](v T, values []T) bool {
	for _, x := range values {
		if x == v {
			return true
		}
	}
	return false
}
