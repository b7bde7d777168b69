package models

import (
	"database/sql/driver"
	"encoding/json"
	"fmt"
	"time"
)

// DateLayout is the text form of a Date, also used in storage.
const DateLayout = "2006-01-02"

// MonthLayout is the text form of a Date that keeps only its month.
const MonthLayout = "2006-01"

// Date is a calendar day without time or zone. The zero Date means "not
// set". A Date made by MonthOnly knows its year and month alone: it is how
// outputs show a masked birth date, and it cannot be stored.
type Date struct {
	t     time.Time
	month bool
}

// NewDate returns the date y-m-d; out-of-range values are normalised as by
// time.Date.
func NewDate(y int, m time.Month, d int) Date {
	return Date{t: time.Date(y, m, d, 0, 0, 0, 0, time.UTC)}
}

// DateOf returns the calendar day of t in t's location.
func DateOf(t time.Time) Date { return NewDate(t.Date()) }

// ParseDate parses "2006-01-02"; the empty string gives the zero Date.
func ParseDate(s string) (Date, error) {
	if s == "" {
		return Date{}, nil
	}
	t, err := time.Parse(DateLayout, s)
	// 0001-01-01 is the zero Date, which means "no date": refuse it
	// rather than drop it silently (found by FuzzParseDate).
	if err != nil || t.IsZero() {
		return Date{}, Errorf(EINVALID, "", "Not a date in the form YYYY-MM-DD: {{.Text}}", "Text", s)
	}
	return Date{t: t}, nil
}

// MustDate parses s and panics on error; for tests and fixed data.
func MustDate(s string) Date {
	d, err := ParseDate(s)
	if err != nil {
		panic(err)
	}
	return d
}

// MonthOnly returns the date with its day dropped: the first of its month,
// marked so that String gives "2006-01", Chinese "2006年1月" and JSON
// "2006-01". Day returns 1. Zero stays zero.
func (d Date) MonthOnly() Date {
	if d.IsZero() {
		return d
	}
	return Date{t: time.Date(d.Year(), d.Month(), 1, 0, 0, 0, 0, time.UTC), month: true}
}

// IsMonthOnly reports whether the date knows its year and month alone.
func (d Date) IsMonthOnly() bool { return d.month }

// parseDateOrMonth parses "2006-01-02", or "2006-01" as a month-only date.
func parseDateOrMonth(s string) (Date, error) {
	if len(s) == len(MonthLayout) {
		t, err := time.Parse(MonthLayout, s)
		if err != nil || t.Year() < 1 {
			return Date{}, Errorf(EINVALID, "", "Not a month in the form YYYY-MM: {{.Text}}", "Text", s)
		}
		return Date{t: t, month: true}, nil
	}
	return ParseDate(s)
}

// IsZero reports whether the date is unset.
func (d Date) IsZero() bool { return d.t.IsZero() }

// Time returns midnight UTC of the day.
func (d Date) Time() time.Time { return d.t }

// Year, Month and Day return the parts of the date.
func (d Date) Year() int         { return d.t.Year() }
func (d Date) Month() time.Month { return d.t.Month() }
func (d Date) Day() int          { return d.t.Day() }

// String returns "2006-01-02" ("2006-01" for a month-only date), or ""
// for the zero Date.
func (d Date) String() string {
	switch {
	case d.IsZero():
		return ""
	case d.month:
		return d.t.Format(MonthLayout)
	}
	return d.t.Format(DateLayout)
}

// Chinese returns the date as 2024年9月2日 (2024年9月 for a month-only
// date).
func (d Date) Chinese() string {
	switch {
	case d.IsZero():
		return ""
	case d.month:
		return fmt.Sprintf("%d年%d月", d.Year(), int(d.Month()))
	}
	return fmt.Sprintf("%d年%d月%d日", d.Year(), int(d.Month()), d.Day())
}

// Before, After and Equal compare days.
func (d Date) Before(o Date) bool { return d.t.Before(o.t) }
func (d Date) After(o Date) bool  { return d.t.After(o.t) }
func (d Date) Equal(o Date) bool  { return d.t.Equal(o.t) }

// AddDays returns the date n days later.
func (d Date) AddDays(n int) Date { return Date{t: d.t.AddDate(0, 0, n)} }

// AddYears returns the date n years later.
func (d Date) AddYears(n int) Date { return Date{t: d.t.AddDate(n, 0, 0)} }

// DaysUntil returns the number of days from d to o.
func (d Date) DaysUntil(o Date) int { return int(o.t.Sub(d.t).Hours() / 24) }

// MarshalJSON writes the date as "2006-01-02" ("2006-01" for a month-only
// date) or null.
func (d Date) MarshalJSON() ([]byte, error) {
	if d.IsZero() {
		return []byte("null"), nil
	}
	return json.Marshal(d.String())
}

// UnmarshalJSON reads "2006-01-02", "2006-01" (a month-only date) or
// null.
func (d *Date) UnmarshalJSON(b []byte) error {
	if string(b) == "null" {
		*d = Date{}
		return nil
	}
	var s string
	if err := json.Unmarshal(b, &s); err != nil {
		return err
	}
	v, err := parseDateOrMonth(s)
	if err != nil {
		return err
	}
	*d = v
	return nil
}

// Value stores the date as TEXT "2006-01-02", or NULL when zero. A
// month-only date is an output's, never stored: it is an error.
func (d Date) Value() (driver.Value, error) {
	if d.IsZero() {
		return nil, nil
	}
	if d.month {
		return nil, fmt.Errorf("the masked date %s cannot be stored", d)
	}
	return d.String(), nil
}

// Scan reads a date stored as TEXT, or NULL.
func (d *Date) Scan(src any) error {
	switch v := src.(type) {
	case nil:
		*d = Date{}
		return nil
	case string:
		p, err := ParseDate(v)
		*d = p
		return err
	case []byte:
		p, err := ParseDate(string(v))
		*d = p
		return err
	case time.Time:
		*d = DateOf(v)
		return nil
	}
	return fmt.Errorf("cannot scan %T into Date", src)
}

// Clock is a time of day in minutes after midnight (0 to 1439).
type Clock int

// NewClock returns h:m.
func NewClock(h, m int) Clock { return Clock(h*60 + m) }

// ParseClock parses "09:30" or "9:30".
func ParseClock(s string) (Clock, error) {
	var h, m int
	if _, err := fmt.Sscanf(s, "%d:%d", &h, &m); err != nil || h < 0 || h > 23 || m < 0 || m > 59 {
		return 0, Errorf(EINVALID, "", "Not a time in the form HH:MM: {{.Text}}", "Text", s)
	}
	return NewClock(h, m), nil
}

// String returns "09:30".
func (c Clock) String() string { return fmt.Sprintf("%02d:%02d", int(c)/60, int(c)%60) }

// MarshalJSON writes "09:30".
func (c Clock) MarshalJSON() ([]byte, error) { return json.Marshal(c.String()) }

// UnmarshalJSON reads "09:30".
func (c *Clock) UnmarshalJSON(b []byte) error {
	var s string
	if err := json.Unmarshal(b, &s); err != nil {
		return err
	}
	v, err := ParseClock(s)
	if err != nil {
		return err
	}
	*c = v
	return nil
}
