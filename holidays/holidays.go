// Package holidays knows China's statutory public holidays (元旦, 春节,
// 清明节, 劳动节, 端午节, 中秋节, 国庆节) and the official make-up working
// days (调休上班) that move weekends, from the State Council's yearly
// notices as github.com/6tail/lunar-go carries them. A year the library
// has no notice for has no holidays here: it gives no warnings rather
// than false ones.
package holidays

import (
	"time"

	"github.com/6tail/lunar-go/HolidayUtil"

	"peiyang/models"
)

// First and Last are the years the holiday tables cover in full (lunar-go
// v1.4.7: the notices for 2002 to 2027).
const (
	First = 2002
	Last  = 2027
)

// Day is a day of the holiday schedule: a day off of a holiday, or a
// make-up working day for one.
type Day struct {
	Date models.Date `json:"date"`
	Name string      `json:"name"`           // the holiday's name: 元旦, 春节, 国庆节 ...
	Work bool        `json:"work,omitempty"` // a make-up working day (调休上班), not a day off
}

// On returns the schedule's entry for the day, if it has one.
func On(d models.Date) (Day, bool) {
	if d.IsZero() || d.Year() < First || d.Year() > Last {
		return Day{}, false
	}
	h := HolidayUtil.GetHolidayByYmd(d.Year(), int(d.Month()), d.Day())
	if h == nil {
		return Day{}, false
	}
	return Day{Date: d, Name: name(h.GetName()), Work: h.IsWork()}, true
}

// name writes the holiday as official notices do: 元旦, not 元旦节.
func name(s string) string {
	if s == "元旦节" {
		return "元旦"
	}
	return s
}

// Holiday returns the holiday the day is a day off of, if it is one.
func Holiday(d models.Date) (Day, bool) {
	h, ok := On(d)
	if !ok || h.Work {
		return Day{}, false
	}
	return h, true
}

// WorkingDay reports whether the day is a working day: a weekday that is
// not a holiday, or a weekend day made a working day (调休上班).
func WorkingDay(d models.Date) bool {
	if h, ok := On(d); ok {
		return h.Work
	}
	wd := d.Time().Weekday()
	return wd != time.Saturday && wd != time.Sunday
}
