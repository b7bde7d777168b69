package training_test

import (
	"testing"

	"peiyang/demo"
	"peiyang/models"
	"peiyang/training"
)

func TestWeekOf(t *testing.T) {
	for _, tc := range []struct{ day, mon, sun string }{
		{"2025-06-11", "2025-06-09", "2025-06-15"}, // Wednesday
		{"2025-06-09", "2025-06-09", "2025-06-15"}, // Monday
		{"2025-06-15", "2025-06-09", "2025-06-15"}, // Sunday
		{"2025-01-01", "2024-12-30", "2025-01-05"}, // across the year
	} {
		mon, sun := training.WeekOf(day(tc.day))
		if mon.String() != tc.mon || sun.String() != tc.sun {
			t.Errorf("WeekOf(%s) = %s..%s, want %s..%s", tc.day, mon, sun, tc.mon, tc.sun)
		}
	}
}

func TestCoursesNeedingAttention(t *testing.T) {
	f := newFixture(t) // today is 2025-06-15
	full := f.course("满员班", 1, "2025-07-01", "2025-07-31", models.CompletionRule{})
	quiet := f.course("无事班", 5, "2025-07-01", "2025-07-31", models.CompletionRule{})
	held := f.course("未签到班", 5, "2025-06-01", "2025-06-30", models.CompletionRule{})
	ended := f.course("待结业班", 5, "2025-05-01", "2025-05-31", models.CompletionRule{})
	a, b, c, d := f.trainee("甲"), f.trainee("乙"), f.trainee("丙"), f.trainee("丁")
	for _, e := range [][2]int64{{full.ID, a.ID}, {full.ID, b.ID}, {quiet.ID, a.ID}, {held.ID, c.ID}, {ended.ID, d.ID}} {
		if _, err := f.svc.Enrolment.Enrol(f.ctx, e[0], e[1]); err != nil {
			t.Fatalf("enrol: %v", err)
		}
	}
	s1 := f.session(held, "2025-06-02", "09:00", "11:00", "一号教室", 0)
	f.session(held, "2025-06-09", "09:00", "11:00", "一号教室", 0)
	f.session(held, "2025-06-20", "09:00", "11:00", "一号教室", 0) // not held yet
	f.must(f.svc.Enrolment.RecordAttendance(f.ctx, s1.ID, c.ID, models.Present))

	got, err := f.svc.Courses.CoursesNeedingAttention(f.ctx)
	f.must(err)
	byTitle := map[string]training.CourseAttention{}
	for _, x := range got {
		byTitle[x.Course.Title] = x
	}
	if len(got) != 3 {
		t.Fatalf("got %d courses, want 3: %+v", len(got), byTitle)
	}
	if _, ok := byTitle[quiet.Title]; ok {
		t.Errorf("a course with nothing to do is listed")
	}
	if x := byTitle[full.Title]; !x.Full || x.Waiting != 1 || x.Places != 1 {
		t.Errorf("full course: %+v", x)
	}
	if x := byTitle[held.Title]; x.NoAttendance != 1 || x.Undecided != 0 || x.Full {
		t.Errorf("course with a session held without sign-ins: %+v", x)
	}
	if x := byTitle[ended.Title]; x.Undecided != 1 {
		t.Errorf("ended course: %+v", x)
	}
	if got[0].Course.ID != ended.ID || got[2].Course.ID != full.ID {
		t.Errorf("order: %s, %s, %s; want by start date", got[0].Course.Title, got[1].Course.Title, got[2].Course.Title)
	}
}

func TestTraineeQueries(t *testing.T) {
	f := newFixture(t)
	zhao := f.trainee("赵明阳")
	f.trainee("钱芳")
	ts, err := f.svc.Trainees.SearchTrainees(f.ctx, "zmy", 10)
	f.must(err)
	if len(ts) != 1 || ts[0].ID != zhao.ID {
		t.Fatalf("search zmy: %v", ts)
	}
	n, err := f.svc.Trainees.CountTrainees(f.ctx, models.TraineeFilter{Region: "德阳"})
	f.must(err)
	if n != 2 {
		t.Errorf("count = %d, want 2", n)
	}
	page, err := f.svc.Trainees.FindTrainees(f.ctx, models.TraineeFilter{Page: models.Page{AfterID: zhao.ID, Limit: 10}})
	f.must(err)
	if len(page) != 1 || page[0].Name != "钱芳" {
		t.Errorf("page after %d: %v", zhao.ID, page)
	}
	stages, err := f.svc.Trainees.Stages(f.ctx, models.TraineeFilter{})
	f.must(err)
	if len(stages) != 2 || stages[zhao.ID] != models.StageNominated {
		t.Errorf("stages = %v", stages)
	}
	empty, err := f.svc.IsEmpty(f.ctx)
	f.must(err)
	if empty {
		t.Error("IsEmpty with two trainees")
	}
	f.must(f.svc.Settings.SetSetting(f.ctx, "ui.language", "zh"))
	if v, err := f.svc.Settings.Setting(f.ctx, "ui.language"); err != nil || v != "zh" {
		t.Errorf("setting = %q, %v", v, err)
	}
}

func TestSessionsBetween(t *testing.T) {
	f := newFixture(t)
	c := f.course("乡村振兴班", 5, "2025-06-01", "2025-06-30", models.CompletionRule{})
	i := f.instructor("李老师", 0, "中江县", models.ThemeRural)
	f.session(c, "2025-06-08", "09:00", "11:00", "一号教室", i.ID)
	f.session(c, "2025-06-10", "14:00", "16:00", "二号教室", 0)
	f.session(c, "2025-06-16", "09:00", "11:00", "一号教室", 0)
	mon, sun := training.WeekOf(day("2025-06-11"))
	items, err := f.svc.Courses.SessionsBetween(f.ctx, mon, sun, 0)
	f.must(err)
	if len(items) != 1 || items[0].Course.ID != c.ID || items[0].Instructor != nil {
		t.Fatalf("this week: %+v", items)
	}
	items, err = f.svc.Courses.SessionsBetween(f.ctx, day("2025-06-01"), day("2025-06-30"), 2)
	f.must(err)
	if len(items) != 2 || items[0].Instructor == nil || items[0].Instructor.Name != "李老师" {
		t.Fatalf("June, 2 at most: %+v", items)
	}
}

func TestLoadDataset(t *testing.T) {
	f := newFixture(t)
	empty, err := f.svc.IsEmpty(f.ctx)
	f.must(err)
	if !empty {
		t.Fatal("a new database is not empty")
	}
	ds, err := demo.Generate(demo.Options{Trainees: 50, Today: day("2025-06-15")})
	f.must(err)
	f.must(f.svc.LoadDataset(f.ctx, ds))
	n, err := f.svc.Trainees.CountTrainees(f.ctx, models.TraineeFilter{})
	f.must(err)
	if n != 50 {
		t.Errorf("trainees after load = %d, want 50", n)
	}
	wantCode(t, f.svc.LoadDataset(f.ctx, ds), models.ECONFLICT)
}

func TestFinishedCourseWaitingListIsMoot(t *testing.T) {
	f := newFixture(t)
	c := f.course("已结束班", 1, "2025-05-01", "2025-05-31", models.CompletionRule{})
	a, b := f.trainee("甲"), f.trainee("乙")
	for _, tr := range []*models.Trainee{a, b} {
		if _, err := f.svc.Enrolment.Enrol(f.ctx, c.ID, tr.ID); err != nil {
			t.Fatal(err)
		}
	}
	c.Status = models.CourseFinished
	f.must(f.db.UpdateCourse(f.ctx, c))
	got, err := f.svc.Courses.CoursesNeedingAttention(f.ctx)
	f.must(err)
	if len(got) != 1 || got[0].Waiting != 0 || got[0].Full || got[0].Undecided != 1 {
		t.Fatalf("finished course: %+v", got)
	}
}
