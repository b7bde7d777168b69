package lists

import (
	"fmt"
	"slices"
	"strconv"
	"strings"

	"peiyang/models"
	"peiyang/pinyin"
)

// Chinese labels of the enums printed on paper; models has Chinese() for
// Gender, Theme, Committee and Post.

// EnrolmentLabel is the enrolment status on paper.
func EnrolmentLabel(s models.EnrolmentStatus) string {
	switch s {
	case models.Enrolled:
		return "在学"
	case models.Waitlisted:
		return "候补"
	case models.Withdrawn:
		return "已退出"
	case models.Completed:
		return "已结业"
	case models.NotCompleted:
		return "未结业"
	}
	return string(s)
}

// AttendanceLabel is the sign-in status on paper.
func AttendanceLabel(s models.AttendanceStatus) string {
	switch s {
	case models.Present:
		return "出勤"
	case models.Late:
		return "迟到"
	case models.Excused:
		return "请假"
	case models.Absent:
		return "缺勤"
	}
	return string(s)
}

// GradeLabel is a placement's evaluation on paper; an unevaluated
// placement is 待鉴定.
func GradeLabel(g models.Grade) string {
	switch g {
	case models.GradeNone:
		return "待鉴定"
	case models.GradeExcellent:
		return "优秀"
	case models.GradeGood:
		return "良好"
	case models.GradePass:
		return "合格"
	case models.GradeFail:
		return "不合格"
	}
	return string(g)
}

// ContactLabel is how a mentor's contact took place, on paper.
func ContactLabel(m models.ContactMode) string {
	switch m {
	case models.ContactVisit:
		return "走访"
	case models.ContactPhone:
		return "电话"
	case models.ContactVideo:
		return "视频"
	case models.ContactMessage:
		return "信息"
	case models.ContactMeeting:
		return "座谈"
	}
	return string(m)
}

// ResultLabel is the outcome of standing for a committee, on paper.
func ResultLabel(r models.ElectionResult) string {
	switch r {
	case models.Elected:
		return "当选"
	case models.NotElected:
		return "未当选"
	case models.Appointed:
		return "任命"
	}
	return string(r)
}

// CertificateLabel is a certificate's status on paper.
func CertificateLabel(s models.CertificateStatus) string {
	switch s {
	case models.CertValid:
		return "有效"
	case models.CertVoid:
		return "已作废"
	case models.CertReplaced:
		return "已换发"
	}
	return string(s)
}

// StageLabel is a pipeline stage on paper.
func StageLabel(s models.Stage) string {
	switch s {
	case models.StageNominated:
		return "纳入培养"
	case models.StageTrained:
		return "完成培训"
	case models.StagePlaced:
		return "跟班学习"
	case models.StageMentored:
		return "导师帮带"
	case models.StageReturned:
		return "回引返乡"
	case models.StageElected:
		return "进入两委"
	}
	return string(s)
}

// DirectionLabel is the trainee's direction on paper.
func DirectionLabel(d models.Direction) string {
	switch d {
	case models.Inflow:
		return "流入党员"
	case models.Outflow:
		return "流出党员"
	}
	return string(d)
}

// dotDate writes a date as 2024.03.01, "" when zero.
func dotDate(d models.Date) string {
	if d.IsZero() {
		return ""
	}
	return fmt.Sprintf("%d.%02d.%02d", d.Year(), int(d.Month()), d.Day())
}

// yearMonth writes a date as 1988.02 (出生年月).
func yearMonth(d models.Date) string {
	if d.IsZero() {
		return ""
	}
	return fmt.Sprintf("%d.%02d", d.Year(), int(d.Month()))
}

// dateRange writes 2024.03.01—2024.06.30, or 2024.03.01起 without an end.
func dateRange(from, to models.Date) string {
	if to.IsZero() {
		return dotDate(from) + "起"
	}
	return dotDate(from) + "—" + dotDate(to)
}

// weekday is the day of the week in Chinese: 星期六.
func weekday(d models.Date) string {
	return "星期" + string([]rune("日一二三四五六")[d.Time().Weekday()])
}

// number writes a count or hours without needless decimals: 2, 2.5.
func number(v float64) string {
	return strconv.FormatFloat(v, 'f', -1, 64)
}

// hoursText writes class hours to at most one decimal.
func hoursText(h float64) string {
	return strings.TrimSuffix(strconv.FormatFloat(h, 'f', 1, 64), ".0")
}

// ids returns the ID number and phone as printed: masked unless full.
func (m Meta) ids(idNumber, phone string) (string, string) {
	if m.FullIDs {
		return idNumber, phone
	}
	return models.MaskIDNumber(idNumber), models.MaskPhone(phone)
}

// sortByName sorts xs in pinyin order of their names (see
// pinyin.SortKey), keeping the order of equal names. Each key is computed
// once.
func sortByName[T any](xs []T, name func(T) string) {
	sortBy(xs, func(x T) string { return pinyin.SortKey(name(x)) })
}

// sortBy sorts xs stably by a string key computed once per element.
func sortBy[T any](xs []T, key func(T) string) {
	type keyed struct {
		key string
		v   T
	}
	ks := make([]keyed, len(xs))
	for i, x := range xs {
		ks[i] = keyed{key(x), x}
	}
	slices.SortStableFunc(ks, func(a, b keyed) int { return strings.Compare(a.key, b.key) })
	for i := range ks {
		xs[i] = ks[i].v
	}
}
