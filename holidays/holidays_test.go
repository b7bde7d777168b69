package holidays

import (
	"testing"

	"peiyang/models"
)

func TestHolidaysAndMakeUpDays(t *testing.T) {
	for _, c := range []struct {
		date    string
		holiday string // "" when not a day off
		working bool
	}{
		{"2026-01-01", "元旦", false},   // a Thursday, New Year's Day
		{"2026-01-04", "", true},      // a Sunday made a working day for 元旦
		{"2026-02-17", "春节", false},   // the Spring Festival
		{"2026-02-14", "", true},      // a Saturday made a working day for 春节
		{"2025-10-01", "国庆中秋", false}, // National Day and the Mid-Autumn Festival together
		{"2025-10-11", "", true},      // a Saturday made a working day
		{"2025-05-01", "劳动节", false},
		{"2025-05-30", "", true}, // a Friday before 端午 (31 May)
		{"2025-05-31", "端午节", false},
		{"2026-01-10", "", false}, // an ordinary Saturday
		{"2026-01-07", "", true},  // an ordinary Wednesday
		{"2035-10-01", "", true},  // a year without tables: no false holiday, a Monday works
		{"2035-10-06", "", false}, // and its Saturday rests
	} {
		d := models.MustDate(c.date)
		h, ok := Holiday(d)
		if c.holiday == "" && ok || c.holiday != "" && (!ok || h.Name != c.holiday) {
			t.Errorf("%s: holiday %q %v, want %q", c.date, h.Name, ok, c.holiday)
		}
		if WorkingDay(d) != c.working {
			t.Errorf("%s: working day %v, want %v", c.date, !c.working, c.working)
		}
	}
	if _, ok := On(models.MustDate("2028-01-01")); ok {
		t.Error("a year past the tables has a holiday")
	}
}
