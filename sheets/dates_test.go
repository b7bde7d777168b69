package sheets

import (
	"testing"

	"peiyang/models"
)

func TestParseDate(t *testing.T) {
	tests := []struct {
		in   string
		want string
		p    Precision
		bad  bool
	}{
		{"", "", PrecisionNone, false},
		{"2024-09-02", "2024-09-02", PrecisionDay, false},
		{"2024/9/2", "2024-09-02", PrecisionDay, false},
		{"2024.9.2", "2024-09-02", PrecisionDay, false},
		{"2024年9月2日", "2024-09-02", PrecisionDay, false},
		{"２０２４年９月２日", "2024-09-02", PrecisionDay, false},
		{"2024 年 9 月 2 日", "2024-09-02", PrecisionDay, false},
		{"20240902", "2024-09-02", PrecisionDay, false},
		{"2024-09-02 00:00:00", "2024-09-02", PrecisionDay, false},
		{"45537", "2024-09-02", PrecisionDay, false},
		{"45537.375", "2024-09-02", PrecisionDay, false},
		{"32874", "1990-01-01", PrecisionDay, false},
		{"2024.09", "2024-09-01", PrecisionMonth, false},
		{"2010.1", "2010-01-01", PrecisionMonth, false},
		{"199005", "1990-05-01", PrecisionMonth, false},
		{"2024-9", "2024-09-01", PrecisionMonth, false},
		{"2024年9月", "2024-09-01", PrecisionMonth, false},
		{"2008", "2008-01-01", PrecisionYear, false},
		{"2008年", "2008-01-01", PrecisionYear, false},
		{"2024-02-30", "", PrecisionNone, true},
		{"2024-13-01", "", PrecisionNone, true},
		{"199013", "", PrecisionNone, true},
		{"1800-01-01", "", PrecisionNone, true},
		{"yesterday", "", PrecisionNone, true},
		{"9/2/2024", "", PrecisionNone, true},
		{"-5", "", PrecisionNone, true},
		{"0", "", PrecisionNone, true},
	}
	for _, tt := range tests {
		d, p, err := ParseDate(tt.in)
		if tt.bad {
			if err == nil {
				t.Errorf("ParseDate(%q) = %s, want an error", tt.in, d)
			}
			continue
		}
		if err != nil || d.String() != tt.want || p != tt.p {
			t.Errorf("ParseDate(%q) = %s, %d, %v; want %s, %d", tt.in, d, p, err, tt.want, tt.p)
		}
	}
}

func TestSerialDate(t *testing.T) {
	if d := SerialDate(1); d.String() != "1899-12-31" {
		t.Errorf("serial 1 = %s", d)
	}
	if d := SerialDate(61); d.String() != "1900-03-01" {
		t.Errorf("serial 61 = %s", d)
	}
}

func TestParseClockAndRange(t *testing.T) {
	clocks := []struct {
		in   string
		want string
		bad  bool
	}{
		{"9:00", "09:00", false}, {"09:30", "09:30", false}, {"９：３０", "09:30", false},
		{"14:00:00", "14:00", false}, {"9点", "09:00", false}, {"9点30分", "09:30", false}, {"9点半", "09:30", false},
		{"0.375", "09:00", false}, {"0.5625", "13:30", false}, {"下午2:30", "14:30", false}, {"上午9:00", "09:00", false},
		{"25:00", "", true}, {"9:5", "", true}, {"", "", true}, {"noon", "", true}, {"1.5", "", true},
	}
	for _, tt := range clocks {
		c, err := ParseClock(tt.in)
		if tt.bad {
			if err == nil {
				t.Errorf("ParseClock(%q) = %s, want an error", tt.in, c)
			}
			continue
		}
		if err != nil || c.String() != tt.want {
			t.Errorf("ParseClock(%q) = %s, %v; want %s", tt.in, c, err, tt.want)
		}
	}
	ranges := []struct{ in, start, end string }{
		{"09:00-11:30", "09:00", "11:30"},
		{"9:00—11:30", "09:00", "11:30"},
		{"9:00～11:30", "09:00", "11:30"},
		{"9:00至11:30", "09:00", "11:30"},
		{"下午2:30-5:00", "14:30", "17:00"},
		{"14:00 - 16:00", "14:00", "16:00"},
	}
	for _, tt := range ranges {
		s, e, err := ParseTimeRange(tt.in)
		if err != nil || s.String() != tt.start || e.String() != tt.end {
			t.Errorf("ParseTimeRange(%q) = %s, %s, %v", tt.in, s, e, err)
		}
	}
	for _, bad := range []string{"", "09:00", "morning", "9:00-", "-11:00"} {
		if _, _, err := ParseTimeRange(bad); err == nil {
			t.Errorf("ParseTimeRange(%q) accepted", bad)
		}
	}
	_ = models.Clock(0)
}
