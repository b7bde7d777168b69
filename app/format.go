package app

import (
	"strconv"
	"strings"
	"time"

	"peiyang/models"
)

// formatInt writes a count as the language writes it: 40,630 in English,
// 40630 in Chinese, whose prose does not separate thousands.
func formatInt(n int) string {
	s := strconv.Itoa(n)
	if Language() == LangChinese {
		return s
	}
	neg := strings.HasPrefix(s, "-")
	if neg {
		s = s[1:]
	}
	var b strings.Builder
	for i, r := range s {
		if i > 0 && (len(s)-i)%3 == 0 {
			b.WriteByte(',')
		}
		b.WriteRune(r)
	}
	if neg {
		return "-" + b.String()
	}
	return b.String()
}

// percent is n of total as "21.9%", "—" when total is 0.
func percent(n, total int) string {
	if total == 0 {
		return "—"
	}
	return strconv.FormatFloat(float64(n)*100/float64(total), 'f', 1, 64) + "%"
}

// shortDate is a date without its year when it is this year's: 11-26.
func shortDate(d models.Date) string {
	if d.IsZero() {
		return ""
	}
	return d.String()[5:]
}

// dateText is a date as YYYY-MM-DD, "" for none.
func dateText(d models.Date) string {
	if d.IsZero() {
		return ""
	}
	return d.String()
}

// stamp is today's date for file names: 2025-06-15.
func (u *ui) stamp() string { return u.svc.Today().String() }

// now is the service clock's day at the wall clock's time, for the
// packages that take a clock (imports, exports).
func (u *ui) now() time.Time {
	t := time.Now()
	d := u.svc.Today().Time()
	return time.Date(d.Year(), d.Month(), d.Day(), t.Hour(), t.Minute(), t.Second(), 0, time.Local)
}
