package lists

import (
	"bytes"
	"fmt"
	"strings"
	"testing"

	"peiyang/models"
	"peiyang/training"
)

// signInSessions are two sessions of the roster's course, the second with
// enough trainees to run over a page.
func signInSessions() []*training.SessionList {
	l := rosterCourse(24)
	c := l.Course
	c.Venue = "成都市基层党务学院第一教室"
	first := &training.SessionList{Course: c, Trainees: l.Trainees[:8],
		Session:    &models.Session{ID: 7, CourseID: c.ID, Date: models.MustDate("2025-03-01"), Start: models.NewClock(9, 0), End: models.NewClock(11, 30), Topic: "学习贯彻党的二十届三中全会精神", Hours: 3},
		Instructor: &models.Instructor{ID: 2, Name: "李明", Position: "党校教授"}}
	second := &training.SessionList{Course: c, Trainees: l.Trainees,
		Session: &models.Session{ID: 8, CourseID: c.ID, Date: models.MustDate("2025-03-08"), Start: models.NewClock(14, 0), End: models.NewClock(17, 0),
			Venue: "郫都区战旗村党群服务中心", Topic: "乡村振兴与集体经济发展现场教学", Hours: 2.5}}
	return []*training.SessionList{first, second}
}

// TestSignIn reads back two sessions' sheets in one file: each session
// starts on its own page with its course, topic, date, time, venue and
// instructor; each row has its number, name and home region in pinyin
// order, and blank signature and note cells; header and footer on every
// page.
func TestSignIn(t *testing.T) {
	sessions := signInSessions()
	pdf, n := print(t, func(w *bytes.Buffer) (int, error) { return SignIn(w, meta, sessions) })
	ps := pages(t, pdf)
	if n != len(ps) || n != 3 {
		t.Fatalf("%d pages (pdftotext: %d), want 1 for the first session and 2 for the second", n, len(ps))
	}
	first, second := noSpace(ps[0]), noSpace(strings.Join(ps[1:], ""))
	wantAll(t, "the first sheet", first, "2025年乡村振兴带头人能力提升班（第1期）", "签到表", "课程内容：学习贯彻党的二十届三中全会精神",
		"日期：2025年3月1日（星期六）", "时间：09:00—11:30（3学时）", "地点：成都市基层党务学院第一教室", "授课教师：李明（党校教授）",
		"制表单位：成都市基层党务学院", "应到8人", "记录人（签字）", "签到表2025.03.0109:00")
	wantAll(t, "the second sheet", noSpace(ps[1]), "课程内容：乡村振兴与集体经济发展现场教学", "日期：2025年3月8日（星期六）",
		"时间：14:00—17:00（2.5学时）", "地点：郫都区战旗村党群服务中心", "授课教师：")
	wantAll(t, "the second sheet", second, "应到32人", "签到表2025.03.0814:00")
	if strings.Contains(second, "二十届三中全会") || strings.Contains(first, "现场教学") {
		t.Error("the sessions share a page")
	}
	for i, p := range ps {
		if !strings.Contains(noSpace(p), "序号姓名户籍地（流出地）本人签名备注") {
			t.Errorf("page %d lacks the header row", i+1)
		}
	}
	footer(t, ps)
	var rows [][]string
	for _, s := range sessions {
		ts := append([]*models.Trainee(nil), s.Trainees...)
		sortByName(ts, func(t *models.Trainee) string { return t.Name })
		for i, tr := range ts {
			rows = append(rows, []string{fmt.Sprint(i + 1), tr.Name, tr.HomeRegion.String(), "", ""})
		}
	}
	if rows[0][1] != "阿依古丽·买买提" || rows[1][1] != "安然" || rows[2][1] != "白雪" {
		t.Errorf("not in pinyin order: %v", rows[:3])
	}
	checkColumnsAbove(t, pdf, n, signInColumns, rows, func(p int) float64 {
		if y, ok := wordY(t, pdf, p, "应到"); ok {
			return y
		}
		return 281
	})
	allPagesInked(t, pdf, n)
}

// TestSignInRowHeight checks that each row leaves room to sign: a sheet
// of 14 single-line rows takes at least 14 × 12 mm.
func TestSignInRowHeight(t *testing.T) {
	s := signInSessions()[1]
	s.Trainees = s.Trainees[8:22]
	pdf, _ := print(t, func(w *bytes.Buffer) (int, error) { return SignIn(w, meta, []*training.SessionList{s}) })
	top, ok1 := wordY(t, pdf, 1, "本人签名")
	bottom, ok2 := wordY(t, pdf, 1, "应到")
	if !ok1 || !ok2 || bottom-top < 14*signInRowHeight {
		t.Errorf("header at %.1f mm, summary at %.1f mm: rows shorter than %d mm", top, bottom, signInRowHeight)
	}
}

func TestSignInNoSession(t *testing.T) {
	if _, err := SignIn(&bytes.Buffer{}, meta, nil); models.ErrorCode(err) != models.EINVALID {
		t.Errorf("no session: %v", err)
	}
}
