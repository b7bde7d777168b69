package imports

import (
	"regexp"
	"strconv"
	"strings"
	"time"

	"peiyang/models"
	"peiyang/sheets"
)

var (
	// 第3次, 第3课, 3, 第三讲 ...
	ordinalRe = regexp.MustCompile(`^第?([0-9一二三四五六七八九十]+)[次课讲节期]?$`)
	// 2025-06-02, 2025/6/2, 2025年6月2日, 6月2日, 6-2, 06/02, 6.2, then anything.
	dayRe = regexp.MustCompile(`^(?:(\d{4}) ?[-/.年] ?)?(\d{1,2}) ?[-/.月] ?(\d{1,2}) ?[日号]?(.*)$`)
	// A time at the start of the rest: 09:00, 9点, 14：30.
	clockRe = regexp.MustCompile(`^(\d{1,2})[:点](\d{2})?`)
)

// matchSession finds the session a grid column's header names, among the
// course's sessions in date order: by ordinal (第3次), by date with the
// time or the half of the day when the date has more than one session, or
// by topic. ambiguous is the date when the header names a day with more
// than one session and no way to tell them apart.
func matchSession(header string, sessions []*models.Session, course *models.Course) (s *models.Session, ambiguous string) {
	text := strings.ReplaceAll(sheets.Clean(header), " ", "")
	if text == "" {
		return nil, ""
	}
	if m := ordinalRe.FindStringSubmatch(text); m != nil {
		if n := chineseNumber(m[1]); n >= 1 && n <= len(sessions) {
			return sessions[n-1], ""
		}
		if len(text) <= 5 { // a bare five-digit number is a date serial
			if d, p, err := sheets.ParseDate(text); err == nil && p == sheets.PrecisionDay {
				return onDate(sessions, d, "")
			}
		}
		return nil, ""
	}
	if m := dayRe.FindStringSubmatch(sheets.Clean(header)); m != nil {
		month, _ := strconv.Atoi(m[2])
		day, _ := strconv.Atoi(m[3])
		years := []int{course.StartDate.Year(), course.EndDate.Year()}
		if m[1] != "" {
			y, _ := strconv.Atoi(m[1])
			years = []int{y}
		}
		for _, y := range years {
			d := models.NewDate(y, time.Month(month), day)
			if int(d.Month()) != month || d.Day() != day {
				continue
			}
			if s, amb := onDate(sessions, d, strings.ReplaceAll(m[4], " ", "")); s != nil || amb != "" {
				return s, amb
			}
		}
		return nil, ""
	}
	var found *models.Session
	for _, s := range sessions {
		if sheets.Clean(s.Topic) == sheets.Clean(header) {
			if found != nil {
				return nil, ""
			}
			found = s
		}
	}
	return found, ""
}

// onDate picks the session on day d that the rest of the header (上午,
// 下午, 晚上, or a start time) points to.
func onDate(sessions []*models.Session, d models.Date, rest string) (*models.Session, string) {
	var day []*models.Session
	for _, s := range sessions {
		if s.Date.Equal(d) {
			day = append(day, s)
		}
	}
	if len(day) == 0 {
		return nil, ""
	}
	from, to := models.Clock(0), models.Clock(24*60)
	switch {
	case strings.HasPrefix(rest, "上午"), strings.HasPrefix(rest, "早上"):
		to = models.NewClock(12, 0)
	case strings.HasPrefix(rest, "下午"):
		from, to = models.NewClock(12, 0), models.NewClock(18, 0)
	case strings.HasPrefix(rest, "晚上"):
		from = models.NewClock(18, 0)
	default:
		if m := clockRe.FindStringSubmatch(rest); m != nil {
			h, _ := strconv.Atoi(m[1])
			mi, _ := strconv.Atoi(m[2])
			at := models.NewClock(h, mi)
			from, to = at, at+1
		}
	}
	var picked []*models.Session
	for _, s := range day {
		if s.Start >= from && s.Start < to {
			picked = append(picked, s)
		}
	}
	switch len(picked) {
	case 1:
		return picked[0], ""
	case 0:
		return nil, ""
	}
	return nil, d.String()
}

// chineseNumber reads 1 to 99 in digits or Chinese numerals (三, 十二,
// 二十一); -1 when it cannot.
func chineseNumber(s string) int {
	if n, err := strconv.Atoi(s); err == nil {
		return n
	}
	digits := map[rune]int{'一': 1, '二': 2, '三': 3, '四': 4, '五': 5, '六': 6, '七': 7, '八': 8, '九': 9}
	rs := []rune(s)
	switch {
	case len(rs) == 1 && rs[0] == '十':
		return 10
	case len(rs) == 1:
		if d, ok := digits[rs[0]]; ok {
			return d
		}
	case len(rs) == 2 && rs[0] == '十':
		if d, ok := digits[rs[1]]; ok {
			return 10 + d
		}
	case len(rs) == 2 && rs[1] == '十':
		if d, ok := digits[rs[0]]; ok {
			return 10 * d
		}
	case len(rs) == 3 && rs[1] == '十':
		a, ok1 := digits[rs[0]]
		b, ok2 := digits[rs[2]]
		if ok1 && ok2 {
			return 10*a + b
		}
	}
	return -1
}
