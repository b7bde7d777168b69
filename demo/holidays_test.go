package demo

import (
	"testing"

	"peiyang/holidays"
)

// The demo schedules no session on a day off of a statutory holiday
// (before, it had classes on 1 January and through the Spring Festival).
func TestNoSessionOnHolidays(t *testing.T) {
	ds := generate(t, Options{Trainees: 3000, Seed: 11})
	onNewYear := 0
	for _, s := range ds.Sessions {
		if h, ok := holidays.Holiday(s.Date); ok {
			t.Fatalf("session %d on %s, a day off of %s", s.ID, s.Date, h.Name)
		}
		if s.Date.Month() == 1 && s.Date.Day() == 1 {
			onNewYear++
		}
	}
	if len(ds.Sessions) == 0 || onNewYear != 0 {
		t.Fatalf("%d sessions, %d on 1 January", len(ds.Sessions), onNewYear)
	}
}
