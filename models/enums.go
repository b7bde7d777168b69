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

// IsParty reports whether the committee is a party organisation's.
func (c Committee) IsParty() bool { return c == CommitteeVillageParty || c == CommitteeCommunityParty }

// Committees lists the committees.
var Committees = []Committee{CommitteeVillageParty, CommitteeVillagers, CommitteeCommunityParty, CommitteeResidents}

// Post is a seat on a committee. A party organisation's committee has a
// secretary, deputy secretaries and members; a villagers' or residents'
// committee a chair, deputy chairs and members (see PostsOf). There is
// no post called 副职 ("deputy"): schema 3 recorded the old value as
// the deputy post of its committee.
type Post string

const (
	PostSecretary       Post = "secretary"           // 书记
	PostDeputySecretary Post = "deputy_secretary"    // 副书记
	PostChair           Post = "chair"               // 主任
	PostDeputyChair     Post = "deputy_chair"        // 副主任
	PostMember          Post = "member"              // 委员
	PostBoth            Post = "secretary_and_chair" // 书记兼主任, 一肩挑: the secretary also elected chair
)

// Posts lists the posts.
var Posts = []Post{PostSecretary, PostDeputySecretary, PostChair, PostDeputyChair, PostMember, PostBoth}

// ElectionResult is the outcome of standing for a committee.
type ElectionResult string

const (
	Elected    ElectionResult = "elected"
	NotElected ElectionResult = "not_elected"
	Appointed  ElectionResult = "appointed" // by the higher party organisation; party committees only
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
