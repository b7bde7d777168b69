package sheets

import (
	"math"
	"strconv"
	"strings"
	"time"

	"peiyang/models"
)

// Precision says how much of a date a cell gave.
type Precision int

const (
	PrecisionNone  Precision = iota // no date
	PrecisionYear                   // 2008: the date is 1 January
	PrecisionMonth                  // 2024.09, 199005, 2024年9月: the date is the 1st
	PrecisionDay                    // a whole date
)

// excelEpoch is day 0 of Excel's 1900 date system, as Excel counts it
// (Excel takes 1900 for a leap year, so day 60 does not exist; serials from
// 61 on, 1 March 1900 and later, come out right).
var excelEpoch = time.Date(1899, 12, 30, 0, 0, 0, 0, time.UTC)

// maxSerial is the serial of 9999-12-31.
const maxSerial = 2958465

// SerialDate returns the day an Excel date serial stands for; the
// fraction (the time of day) is dropped.
func SerialDate(serial float64) models.Date {
	return models.DateOf(excelEpoch.AddDate(0, 0, int(math.Floor(serial))))
}

// ParseDate reads a date as people and spreadsheets write it: an Excel
// serial (45537), 2024-09-02, 2024/9/2, 2024.9.2, 2024年9月2日, 20240902,
// a month (2024.09, 2024-9, 2024年9月, 199005) or a year (2008). A time
// after the date (2024-09-02 00:00:00) is ignored. The empty text gives
// the zero Date and PrecisionNone.
func ParseDate(s string) (models.Date, Precision, error) {
	t := compactDate(s)
	if t == "" {
		return models.Date{}, PrecisionNone, nil
	}
	if d, p, ok := parseDate(t); ok {
		return d, p, nil
	}
	return models.Date{}, PrecisionNone, invalid(MsgDateBad, s)
}

// compactDate folds and trims the text and drops a time after the date.
func compactDate(s string) string {
	t := Clean(s)
	if i := strings.IndexAny(t, " T"); i >= 8 {
		t = t[:i]
	}
	return strings.ReplaceAll(t, " ", "")
}

func parseDate(t string) (models.Date, Precision, bool) {
	if allDigits(t) {
		switch len(t) {
		case 4:
			return ymd(atoi(t), 1, 1, PrecisionYear)
		case 6:
			return ymd(atoi(t[:4]), atoi(t[4:]), 1, PrecisionMonth)
		case 8:
			return ymd(atoi(t[:4]), atoi(t[4:6]), atoi(t[6:]), PrecisionDay)
		}
		if len(t) <= 5 {
			return serial(t)
		}
		return models.Date{}, PrecisionNone, false
	}
	// A decimal number: yyyy.mm written as a number, or a serial with a time.
	if i := strings.IndexByte(t, '.'); i > 0 && strings.Count(t, ".") == 1 && allDigits(t[:i]) && allDigits(t[i+1:]) {
		y := atoi(t[:i])
		if len(t[:i]) == 4 && y >= 1900 && y <= 2100 && len(t[i+1:]) <= 2 {
			return ymd(y, atoi(t[i+1:]), 1, PrecisionMonth)
		}
		return serial(t)
	}
	// Separated parts: 2024-09-02, 2024/9/2, 2024.9.2, 2024年9月2日, 2024年9月.
	t = strings.TrimSuffix(strings.TrimSuffix(t, "日"), "号")
	parts := strings.FieldsFunc(t, func(r rune) bool {
		return r == '-' || r == '/' || r == '.' || r == '年' || r == '月'
	})
	if len(parts) < 2 || len(parts) > 3 || len(parts[0]) != 4 {
		if len(parts) == 1 && len(parts[0]) == 4 && strings.HasSuffix(t, "年") && allDigits(parts[0]) {
			return ymd(atoi(parts[0]), 1, 1, PrecisionYear)
		}
		return models.Date{}, PrecisionNone, false
	}
	for _, p := range parts {
		if !allDigits(p) || len(p) > 4 {
			return models.Date{}, PrecisionNone, false
		}
	}
	if len(parts) == 2 {
		return ymd(atoi(parts[0]), atoi(parts[1]), 1, PrecisionMonth)
	}
	return ymd(atoi(parts[0]), atoi(parts[1]), atoi(parts[2]), PrecisionDay)
}

func serial(t string) (models.Date, Precision, bool) {
	v, err := strconv.ParseFloat(t, 64)
	if err != nil || v < 1 || v > maxSerial {
		return models.Date{}, PrecisionNone, false
	}
	return SerialDate(v), PrecisionDay, true
}

// ymd returns the date if it exists and lies between 1900 and 2100.
func ymd(y, m, d int, p Precision) (models.Date, Precision, bool) {
	if y < 1900 || y > 2100 || m < 1 || m > 12 || d < 1 || d > 31 {
		return models.Date{}, PrecisionNone, false
	}
	date := models.NewDate(y, time.Month(m), d)
	if date.Day() != d {
		return models.Date{}, PrecisionNone, false
	}
	return date, p, true
}

func atoi(s string) int {
	n := 0
	for i := 0; i < len(s) && i < 9; i++ {
		n = n*10 + int(s[i]-'0')
	}
	return n
}

// ParseClock reads a time of day: 9:00, 09:30, 9：30, 9:30:00, 9点,
// 9点30(分) or an Excel time fraction such as 0.375. 上午, 下午 and 晚上
// before the time are understood.
func ParseClock(s string) (models.Clock, error) {
	t := compact(s)
	pm := false
	for _, p := range []string{"上午", "早上", "AM", "am"} {
		t = strings.TrimPrefix(t, p)
	}
	for _, p := range []string{"下午", "晚上", "中午", "PM", "pm"} {
		if strings.HasPrefix(t, p) {
			t, pm = strings.TrimPrefix(t, p), p != "中午"
		}
	}
	if c, ok := parseClock(t); ok {
		if pm && c < models.NewClock(12, 0) {
			c += models.NewClock(12, 0)
		}
		return c, nil
	}
	return 0, invalid(MsgClockBad, s)
}

func parseClock(t string) (models.Clock, bool) {
	if t == "" {
		return 0, false
	}
	if strings.HasPrefix(t, "0.") || t == "0" {
		v, err := strconv.ParseFloat(t, 64)
		if err != nil || v < 0 || v >= 1 {
			return 0, false
		}
		mins := int(math.Round(v * 24 * 60))
		if mins >= 24*60 {
			return 0, false
		}
		return models.Clock(mins), true
	}
	t = strings.TrimSuffix(t, "分")
	t = strings.Replace(t, "点半", ":30", 1)
	t = strings.Replace(t, "点", ":", 1)
	t = strings.Replace(t, "时", ":", 1)
	t = strings.Replace(t, ".", ":", 1)
	parts := strings.Split(t, ":")
	if len(parts) == 2 && parts[1] == "" {
		parts = parts[:1]
	}
	if len(parts) < 1 || len(parts) > 3 {
		return 0, false
	}
	for _, p := range parts {
		if !allDigits(p) || len(p) > 2 {
			return 0, false
		}
	}
	h, m := atoi(parts[0]), 0
	if len(parts) > 1 {
		m = atoi(parts[1])
	}
	if h > 23 || m > 59 || (len(parts) > 1 && len(parts[1]) != 2) {
		return 0, false
	}
	return models.NewClock(h, m), true
}

// ParseTimeRange reads a session's times: 09:00-11:30, 9:00—11:30,
// 9:00～11:30, 9:00至11:30, 下午2:30-5:00 (both times afternoon).
func ParseTimeRange(s string) (start, end models.Clock, err error) {
	t := compact(s)
	var a, b string
	for _, sep := range []string{"-", "~", "～", "〜", "至", "到", "—", "－"} {
		if i := strings.Index(t, sep); i > 0 {
			a, b = t[:i], t[i+len(sep):]
			break
		}
	}
	if a == "" || b == "" {
		return 0, 0, invalid(MsgRangeBad, s)
	}
	pm := strings.HasPrefix(a, "下午") || strings.HasPrefix(a, "晚上")
	if start, err = ParseClock(a); err != nil {
		return 0, 0, invalid(MsgRangeBad, s)
	}
	if end, err = ParseClock(b); err != nil {
		return 0, 0, invalid(MsgRangeBad, s)
	}
	if pm && end < models.NewClock(12, 0) {
		end += models.NewClock(12, 0)
	}
	return start, end, nil
}
