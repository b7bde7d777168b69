package training_test

import (
	"errors"
	"strings"
	"testing"

	"peiyang/models"
	"peiyang/training"
)

func scheduleCourses() (*models.Course, *models.Course) {
	a := &models.Course{ID: 1, Title: "乡村振兴专题培训班", StartDate: day("2025-03-01"), EndDate: day("2025-03-31"), Venue: "A101"}
	b := &models.Course{ID: 2, Title: "基层治理专题培训班", StartDate: day("2025-03-01"), EndDate: day("2025-03-31"), Venue: "B202"}
	return a, b
}

func session(id, course int64, date, start, end, venue string, instructor int64) *models.Session {
	return &models.Session{ID: id, CourseID: course, Date: day(date), Start: hm(start), End: hm(end),
		Venue: venue, InstructorID: instructor, Topic: "topic", Hours: 2}
}

func TestValidateSession(t *testing.T) {
	a, _ := scheduleCourses()
	tests := []struct {
		name   string
		s      *models.Session
		fields []string // fields with errors; none means valid
	}{
		{"inside", session(0, 1, "2025-03-10", "09:00", "11:00", "", 0), nil},
		{"on the first day", session(0, 1, "2025-03-01", "09:00", "11:00", "", 0), nil},
		{"on the last day", session(0, 1, "2025-03-31", "09:00", "11:00", "", 0), nil},
		{"the day before", session(0, 1, "2025-02-28", "09:00", "11:00", "", 0), []string{"date"}},
		{"the day after", session(0, 1, "2025-04-01", "09:00", "11:00", "", 0), []string{"date"}},
		{"ends when it starts", session(0, 1, "2025-03-10", "09:00", "09:00", "", 0), []string{"end"}},
		{"ends before it starts", session(0, 1, "2025-03-10", "11:00", "09:00", "", 0), []string{"end"}},
		{"another course", session(0, 2, "2025-03-10", "09:00", "11:00", "", 0), []string{"course_id"}},
		{"outside and backwards", session(0, 1, "2025-05-01", "11:00", "09:00", "", 0), []string{"date", "end"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := training.ValidateSession(a, tt.s)
			if len(tt.fields) == 0 {
				if err != nil {
					t.Fatalf("unexpected error: %v", err)
				}
				return
			}
			var l models.ErrorList
			if !errors.As(err, &l) {
				t.Fatalf("error %v is no ErrorList", err)
			}
			if got := strings.Join(l.Fields(), ","); got != strings.Join(tt.fields, ",") {
				t.Errorf("fields = %s, want %s (%v)", got, strings.Join(tt.fields, ","), err)
			}
		})
	}
}

func TestCheckSession(t *testing.T) {
	a, b := scheduleCourses()
	sc := training.Schedule{
		Courses:     map[int64]*models.Course{1: a, 2: b},
		Places:      map[int64][]int64{1: {10, 11, 12}, 2: {11, 12, 13}},
		Trainees:    map[int64]string{11: "张三", 12: "李四"},
		Instructors: map[int64]string{7: "王老师"},
	}
	s := session(0, 1, "2025-03-10", "09:00", "11:00", "A101", 7)
	type want struct {
		kind    training.ConflictKind
		trainee int64
	}
	tests := []struct {
		name   string
		s      *models.Session
		others []*models.Session
		sc     training.Schedule
		want   []want
	}{
		{"back to back before", s, []*models.Session{session(5, 1, "2025-03-10", "07:00", "09:00", "A101", 7)}, sc, nil},
		{"back to back after", s, []*models.Session{session(5, 2, "2025-03-10", "11:00", "12:00", "A101", 7)}, sc, nil},
		{"another day", s, []*models.Session{session(5, 2, "2025-03-11", "09:00", "11:00", "A101", 7)}, sc, nil},
		{"same venue, same course", s, []*models.Session{session(5, 1, "2025-03-10", "10:59", "12:00", "A101", 0)}, sc,
			[]want{{training.ConflictVenue, 0}}},
		{"venue written differently", s, []*models.Session{session(5, 1, "2025-03-10", "10:00", "12:00", " a101 ", 0)}, sc,
			[]want{{training.ConflictVenue, 0}}},
		{"different venue, same course", s, []*models.Session{session(5, 1, "2025-03-10", "10:00", "12:00", "C303", 0)}, sc, nil},
		{"venue from the course default", session(0, 1, "2025-03-10", "09:00", "11:00", "", 0),
			[]*models.Session{session(5, 1, "2025-03-10", "10:00", "12:00", "A101", 0)}, sc, []want{{training.ConflictVenue, 0}}},
		{"no venue at all", session(0, 3, "2025-03-10", "09:00", "11:00", "", 0),
			[]*models.Session{session(5, 3, "2025-03-10", "10:00", "12:00", "", 0)}, sc, nil},
		{"same instructor", s, []*models.Session{session(5, 1, "2025-03-10", "08:00", "09:30", "C303", 7)}, sc,
			[]want{{training.ConflictInstructor, 0}}},
		{"no instructor on either", session(0, 1, "2025-03-10", "09:00", "11:00", "C1", 0),
			[]*models.Session{session(5, 1, "2025-03-10", "08:00", "09:30", "C2", 0)}, sc, nil},
		{"trainees on both courses", s, []*models.Session{session(5, 2, "2025-03-10", "10:00", "10:30", "B202", 8)}, sc,
			[]want{{training.ConflictTrainee, 11}, {training.ConflictTrainee, 12}}},
		{"no trainee in common", s, []*models.Session{session(5, 2, "2025-03-10", "10:00", "10:30", "B202", 8)},
			training.Schedule{Courses: sc.Courses, Places: map[int64][]int64{1: {10}, 2: {13}}}, nil},
		{"itself", session(5, 1, "2025-03-10", "09:00", "11:00", "A101", 7),
			[]*models.Session{session(5, 1, "2025-03-10", "09:00", "11:00", "A101", 7)}, sc, nil},
		{"everything at once, in time order", s, []*models.Session{
			session(6, 2, "2025-03-10", "10:00", "12:00", "A101", 7),
			session(5, 1, "2025-03-10", "08:00", "09:30", "A101", 0),
		}, sc, []want{
			{training.ConflictVenue, 0},
			{training.ConflictVenue, 0}, {training.ConflictInstructor, 0}, {training.ConflictTrainee, 11}, {training.ConflictTrainee, 12},
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			course := tt.sc.Courses[tt.s.CourseID]
			if course == nil {
				course = &models.Course{ID: tt.s.CourseID, Title: "other"}
			}
			got := training.CheckSession(course, tt.s, tt.others, tt.sc)
			if len(got) != len(tt.want) {
				t.Fatalf("got %d conflicts, want %d: %v", len(got), len(tt.want), got)
			}
			for i, w := range tt.want {
				if got[i].Kind != w.kind || got[i].TraineeID != w.trainee {
					t.Errorf("conflict %d = %s/%d, want %s/%d", i, got[i].Kind, got[i].TraineeID, w.kind, w.trainee)
				}
			}
		})
	}
}

func TestCheckSessionMessages(t *testing.T) {
	a, b := scheduleCourses()
	sc := training.Schedule{
		Courses:     map[int64]*models.Course{1: a, 2: b},
		Places:      map[int64][]int64{1: {11}, 2: {11}},
		Trainees:    map[int64]string{11: "张三"},
		Instructors: map[int64]string{7: "王老师"},
	}
	s := session(0, 1, "2025-03-10", "09:00", "11:00", "A101", 7)
	o := session(5, 2, "2025-03-10", "10:00", "12:00", "A101", 7)
	got := training.CheckSession(a, s, []*models.Session{o}, sc)
	if len(got) != 3 {
		t.Fatalf("got %d conflicts, want 3: %v", len(got), got)
	}
	both := []string{"乡村振兴专题培训班", "基层治理专题培训班", "2025-03-10", "09:00", "11:00", "10:00", "12:00"}
	extra := map[training.ConflictKind]string{training.ConflictVenue: "A101", training.ConflictInstructor: "王老师", training.ConflictTrainee: "张三"}
	for _, c := range got {
		msg := c.String()
		for _, p := range append(both, extra[c.Kind]) {
			if !strings.Contains(msg, p) {
				t.Errorf("%s conflict %q does not name %q", c.Kind, msg, p)
			}
		}
		if c.Other != o || c.Session != s {
			t.Errorf("%s conflict does not point at both sessions", c.Kind)
		}
	}
	// Unknown names fall back to the IDs.
	got = training.CheckSession(a, s, []*models.Session{o}, training.Schedule{Places: sc.Places})
	if msg := got[1].String(); !strings.Contains(msg, "instructor no. 7") || !strings.Contains(msg, "course no. 2") {
		t.Errorf("fallback names missing: %q", msg)
	}
}

func TestConflictError(t *testing.T) {
	a, b := scheduleCourses()
	sc := training.Schedule{Courses: map[int64]*models.Course{1: a, 2: b}}
	cs := training.CheckSession(a, session(0, 1, "2025-03-10", "09:00", "11:00", "X", 0),
		[]*models.Session{session(5, 2, "2025-03-10", "10:00", "12:00", "X", 0)}, sc)
	var err error = &training.ConflictError{Conflicts: cs}
	wantCode(t, err, models.ECONFLICT)
	var ce *training.ConflictError
	if !errors.As(err, &ce) || len(ce.Conflicts) != 1 {
		t.Fatalf("errors.As did not find the conflicts: %v", err)
	}
	wantMessage(t, err, "1 conflict", "X")
	if e := cs[0].Err(); e.Code != models.ECONFLICT || !strings.Contains(e.Error(), "X") {
		t.Errorf("Conflict.Err() = %v", e)
	}
}

func TestCheckEnrolment(t *testing.T) {
	a, b := scheduleCourses()
	sc := training.Schedule{Courses: map[int64]*models.Course{2: b}, Trainees: map[int64]string{11: "张三"}}
	mine := []*models.Session{
		session(1, 1, "2025-03-10", "09:00", "11:00", "A101", 0),
		session(2, 1, "2025-03-11", "09:00", "11:00", "A101", 0),
	}
	tests := []struct {
		name   string
		theirs []*models.Session
		want   int
	}{
		{"none", nil, 0},
		{"back to back", []*models.Session{session(5, 2, "2025-03-10", "11:00", "12:00", "B", 0)}, 0},
		{"another day", []*models.Session{session(5, 2, "2025-03-12", "09:00", "11:00", "B", 0)}, 0},
		{"one overlap", []*models.Session{session(5, 2, "2025-03-10", "10:00", "12:00", "B", 0)}, 1},
		{"two overlaps", []*models.Session{
			session(5, 2, "2025-03-10", "10:00", "12:00", "B", 0),
			session(6, 2, "2025-03-11", "08:00", "09:01", "B", 0),
		}, 2},
		{"the course's own sessions", []*models.Session{session(1, 1, "2025-03-10", "09:00", "11:00", "A101", 0)}, 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := training.CheckEnrolment(a, mine, 11, tt.theirs, sc)
			if len(got) != tt.want {
				t.Fatalf("got %d conflicts, want %d: %v", len(got), tt.want, got)
			}
			for _, c := range got {
				if c.Kind != training.ConflictTrainee || c.TraineeID != 11 {
					t.Errorf("conflict %s/%d", c.Kind, c.TraineeID)
				}
				for _, p := range []string{"张三", a.Title, b.Title} {
					if !strings.Contains(c.String(), p) {
						t.Errorf("%q does not name %q", c.String(), p)
					}
				}
			}
		})
	}
}
