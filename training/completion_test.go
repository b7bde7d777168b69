package training_test

import (
	"math"
	"strings"
	"testing"

	"peiyang/models"
	"peiyang/training"
)

// courseSessions returns n sessions of 2 class hours on consecutive days
// from 2025-03-01, with IDs 1..n.
func courseSessions(n int) []*models.Session {
	var ss []*models.Session
	for i := 0; i < n; i++ {
		ss = append(ss, &models.Session{ID: int64(i + 1), CourseID: 1, Date: day("2025-03-01").AddDays(i),
			Start: hm("09:00"), End: hm("11:00"), Topic: "t", Hours: 2})
	}
	return ss
}

// signIns gives trainee 1 the statuses for sessions 1, 2, ... ("" skips).
func signIns(statuses ...models.AttendanceStatus) []*models.Attendance {
	var as []*models.Attendance
	for i, s := range statuses {
		if s != "" {
			as = append(as, &models.Attendance{SessionID: int64(i + 1), TraineeID: 1, Status: s})
		}
	}
	return as
}

func repeat(s models.AttendanceStatus, n int) []models.AttendanceStatus {
	out := make([]models.AttendanceStatus, n)
	for i := range out {
		out[i] = s
	}
	return out
}

func TestDecide(t *testing.T) {
	P, L, E, A := models.Present, models.Late, models.Excused, models.Absent
	rule := models.CompletionRule{MinAttendanceRate: 0.8, MinHours: 8, PassScore: 60}
	tests := []struct {
		name      string
		rule      models.CompletionRule
		required  float64 // course RequiredHours
		sessions  int
		att       []models.AttendanceStatus
		score     *float64
		placement bool
		asOf      string
		completed bool
		hours     float64
		rate      float64
		reasons   []string
	}{
		{"everything met", rule, 0, 5, repeat(P, 5), ptr(90.0), false, "", true, 10, 1, nil},
		{"attendance exactly at the threshold", rule, 0, 5, []models.AttendanceStatus{P, P, L, P, A}, ptr(60.0), false, "", true, 8, 0.8, nil},
		{"late counts, excused does not", rule, 0, 5, []models.AttendanceStatus{L, L, L, E, E}, ptr(60.0), false, "", false, 6, 0.6,
			[]string{"attendance 60% is below the required 80% (short by 20 points)", "class hours 6 are 2 short of the required 8"}},
		{"the brief's example", models.CompletionRule{MinAttendanceRate: 0.8, MinHours: 24}, 0, 12,
			append(repeat(P, 9), A, A, A), nil, false, "", false, 18, 0.75,
			[]string{"attendance 75% is below the required 80% (short by 5 points)", "class hours 18 are 6 short of the required 24"}},
		{"score exactly the pass score", rule, 0, 4, repeat(P, 4), ptr(60.0), false, "", true, 8, 1, nil},
		{"score just below", rule, 0, 4, repeat(P, 4), ptr(59.5), false, "", false, 8, 1,
			[]string{"score 59.5 is below the pass score 60 (short by 0.5)"}},
		{"no score recorded", rule, 0, 4, repeat(P, 4), nil, false, "", false, 8, 1,
			[]string{"no assessment score is recorded (the pass score is 60)"}},
		{"no assessment", models.CompletionRule{MinAttendanceRate: 0.5}, 0, 2, []models.AttendanceStatus{P, A}, nil, false, "", true, 2, 0.5, nil},
		{"placement required and missing", models.CompletionRule{RequirePlacement: true}, 0, 1, []models.AttendanceStatus{P}, nil, false, "", false, 2, 1,
			[]string{"no shadow-study placement has been passed"}},
		{"placement required and passed", models.CompletionRule{RequirePlacement: true}, 0, 1, []models.AttendanceStatus{P}, nil, true, "", true, 2, 1, nil},
		{"the course's nominal hours are no requirement", models.CompletionRule{}, 6, 3, []models.AttendanceStatus{P, P, A}, nil, false, "", true, 4, 2.0 / 3, nil},
		{"hours exactly the minimum", models.CompletionRule{MinHours: 6}, 8, 3, repeat(P, 3), nil, false, "", true, 6, 1, nil},
		{"hours just below the minimum", models.CompletionRule{MinHours: 6.5}, 8, 3, repeat(P, 3), nil, false, "", false, 6, 1,
			[]string{"class hours 6 are 0.5 short of the required 6.5"}},
		{"a third rounds to one decimal", models.CompletionRule{MinAttendanceRate: 0.7}, 0, 3, []models.AttendanceStatus{P, P, A}, nil, false, "", false, 4, 2.0 / 3,
			[]string{"attendance 66.7% is below the required 70% (short by 3.3 points)"}},
		{"only sessions held so far count", models.CompletionRule{MinAttendanceRate: 1}, 0, 5, []models.AttendanceStatus{P, P}, nil, false, "2025-03-02", true, 4, 1, nil},
		{"all sessions count without a date", models.CompletionRule{MinAttendanceRate: 1}, 0, 5, []models.AttendanceStatus{P, P}, nil, false, "", false, 4, 0.4,
			[]string{"attendance 40% is below the required 100% (short by 60 points)"}},
		{"no session held yet", models.CompletionRule{MinAttendanceRate: 0.8}, 0, 2, nil, nil, false, "2025-01-01", false, 0, 0,
			[]string{"attendance 0% is below the required 80% (short by 80 points)"}},
		{"every condition fails", models.CompletionRule{MinAttendanceRate: 0.8, MinHours: 4, PassScore: 60, RequirePlacement: true}, 0, 2,
			[]models.AttendanceStatus{A, A}, ptr(30.0), false, "", false, 0, 0, []string{
				"attendance 0% is below the required 80% (short by 80 points)", "class hours 0 are 4 short of the required 4",
				"score 30 is below the pass score 60 (short by 30)", "no shadow-study placement has been passed"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var asOf models.Date
			if tt.asOf != "" {
				asOf = day(tt.asOf)
			}
			c := &models.Course{ID: 1, Title: "培训班", RequiredHours: tt.required, Rule: tt.rule}
			d := training.Decide(training.DecisionInput{Course: c, Sessions: courseSessions(tt.sessions), Attendance: signIns(tt.att...),
				TraineeID: 1, Score: tt.score, PlacementPassed: tt.placement, AsOf: asOf})
			if d.Completed != tt.completed || d.Hours != tt.hours || math.Abs(d.AttendanceRate-tt.rate) > 1e-9 || d.TraineeID != 1 {
				t.Errorf("Decide = completed %v, hours %v, rate %v; want %v, %v, %v", d.Completed, d.Hours, d.AttendanceRate, tt.completed, tt.hours, tt.rate)
			}
			if strings.Join(d.Reasons, "|") != strings.Join(tt.reasons, "|") {
				t.Errorf("reasons:\n got %q\nwant %q", d.Reasons, tt.reasons)
			}
			if len(d.Failures) != len(d.Reasons) {
				t.Errorf("%d failures for %d reasons", len(d.Failures), len(d.Reasons))
			}
			if tt.completed && !strings.HasPrefix(d.Summary, "Completed: ") || !tt.completed && !strings.HasPrefix(d.Summary, "Not completed: ") {
				t.Errorf("summary %q", d.Summary)
			}
			for _, r := range tt.reasons {
				if !strings.Contains(d.Summary, r) {
					t.Errorf("summary %q lacks %q", d.Summary, r)
				}
			}
		})
	}
}

func TestDecideIgnoresOthersSignIns(t *testing.T) {
	c := &models.Course{ID: 1, Rule: models.CompletionRule{MinAttendanceRate: 1}}
	att := []*models.Attendance{{SessionID: 1, TraineeID: 2, Status: models.Present}, {SessionID: 99, TraineeID: 1, Status: models.Present}}
	d := training.Decide(training.DecisionInput{Course: c, Sessions: courseSessions(1), Attendance: att, TraineeID: 1})
	if d.Completed || d.Hours != 0 || d.SessionsHeld != 1 || d.SessionsPresent != 0 {
		t.Errorf("Decide counted another trainee's sign-in: %+v", d)
	}
}

func TestHoursEarned(t *testing.T) {
	ss := courseSessions(4)
	ss[3].Hours = 3.5
	att := signIns(models.Present, models.Late, models.Excused, models.Present)
	if h := training.HoursEarned(ss, att, 1); h != 7.5 {
		t.Errorf("HoursEarned = %v, want 7.5", h)
	}
	if h := training.HoursEarned(ss, att, 2); h != 0 {
		t.Errorf("HoursEarned of another trainee = %v, want 0", h)
	}
}
