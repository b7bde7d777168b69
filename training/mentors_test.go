package training_test

import (
	"fmt"
	"math"
	"strings"
	"testing"

	"peiyang/models"
	"peiyang/training"
)

func mentor(id int64, max int, city, county string, themes ...models.Theme) *models.Instructor {
	return &models.Instructor{ID: id, Name: fmt.Sprintf("导师%d", id), MaxMentees: max, Themes: themes,
		HomeRegion: models.Region{Province: "四川省", City: city, County: county}}
}

func TestRankMentors(t *testing.T) {
	trainee := &models.Trainee{ID: 1, Name: "张三", HomeRegion: models.Region{Province: "四川省", City: "德阳市", County: "中江县"}}
	themes := []models.Theme{models.ThemeRural, models.ThemeGovernance, models.ThemeRural} // duplicates count once
	R, G, I := models.ThemeRural, models.ThemeGovernance, models.ThemeIndustry
	tests := []struct {
		name    string
		mentors []*models.Instructor
		load    map[int64]int
		n       int
		want    string // mentor IDs, best first
	}{
		{"themes outweigh region", []*models.Instructor{
			mentor(1, 3, "德阳市", "中江县", I),
			mentor(2, 3, "成都市", "锦江区", R, G),
		}, nil, 0, "2 1"},
		{"county beats city beats elsewhere", []*models.Instructor{
			mentor(1, 3, "成都市", "锦江区", R),
			mentor(2, 3, "德阳市", "旌阳区", R),
			mentor(3, 3, "德阳市", "中江县", R),
		}, nil, 0, "3 2 1"},
		{"same county name in another city is no match", []*models.Instructor{
			mentor(1, 3, "绵阳市", "中江县", R),
			mentor(2, 3, "德阳市", "旌阳区", R),
		}, nil, 0, "2 1"},
		{"lighter load first", []*models.Instructor{
			mentor(1, 4, "德阳市", "中江县", R),
			mentor(2, 4, "德阳市", "中江县", R),
		}, map[int64]int{1: 2, 2: 1}, 0, "2 1"},
		{"same score: lighter load first", []*models.Instructor{
			mentor(1, 4, "德阳市", "中江县", R),
			mentor(2, 2, "德阳市", "中江县", R),
		}, map[int64]int{1: 2, 2: 1}, 0, "2 1"},
		{"at the maximum or no mentor: left out", []*models.Instructor{
			mentor(1, 2, "德阳市", "中江县", R, G),
			mentor(2, 0, "德阳市", "中江县", R, G),
			mentor(3, 2, "成都市", "锦江区"),
		}, map[int64]int{1: 2}, 0, "3"},
		{"ties go to the lower ID", []*models.Instructor{
			mentor(5, 3, "成都市", "锦江区", R),
			mentor(4, 3, "成都市", "锦江区", R),
		}, nil, 0, "4 5"},
		{"best n", []*models.Instructor{
			mentor(1, 3, "成都市", "锦江区"),
			mentor(2, 3, "德阳市", "中江县", R, G),
			mentor(3, 3, "德阳市", "中江县", R),
		}, nil, 2, "2 3"},
		{"none", nil, nil, 3, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := training.RankMentors(trainee, themes, tt.mentors, tt.load, tt.n)
			var ids []string
			for _, s := range got {
				ids = append(ids, fmt.Sprint(s.Mentor.ID))
			}
			if g := strings.Join(ids, " "); g != tt.want {
				t.Errorf("ranking %q, want %q", g, tt.want)
			}
			for i := 1; i < len(got); i++ {
				if got[i].Score > got[i-1].Score {
					t.Errorf("scores not descending: %v then %v", got[i-1].Score, got[i].Score)
				}
			}
		})
	}
}

func TestRankMentorsScoreAndReasons(t *testing.T) {
	trainee := &models.Trainee{ID: 1, HomeRegion: models.Region{City: "德阳市", County: "中江县"}}
	m := mentor(1, 4, "德阳市", "中江县", models.ThemeRural)
	got := training.RankMentors(trainee, []models.Theme{models.ThemeRural, models.ThemeGovernance}, []*models.Instructor{m}, map[int64]int{1: 1}, 0)
	if len(got) != 1 {
		t.Fatalf("got %d suggestions", len(got))
	}
	s := got[0]
	// Half the themes (25 of 50), same county (30), 3 of 4 places free (15 of 20).
	if math.Abs(s.Score-70) > 1e-9 || s.Load != 1 || !s.SameCounty || !s.SameCity || len(s.MatchedThemes) != 1 {
		t.Errorf("suggestion %+v", s)
	}
	want := []string{
		"expertise covers 乡村振兴 (1 of the 2 themes of the trainee's courses)",
		"same home county: 德阳市中江县",
		"mentoring 1 of at most 4 trainees",
	}
	if strings.Join(s.Reasons, "|") != strings.Join(want, "|") {
		t.Errorf("reasons %q, want %q", s.Reasons, want)
	}
	// A trainee without courses is matched on region and load alone.
	got = training.RankMentors(trainee, nil, []*models.Instructor{mentor(2, 2, "成都市", "锦江区")}, nil, 0)
	if len(got) != 1 || got[0].Score != 20 || len(got[0].Reasons) != 1 {
		t.Errorf("suggestion without themes: %+v", got)
	}
}

func TestCheckAssign(t *testing.T) {
	tr := &models.Trainee{ID: 1, Name: "张三"}
	ms := func(trainee int64, start, end string) *models.Mentorship {
		m := &models.Mentorship{MentorID: 9, TraineeID: trainee, StartDate: day(start)}
		if end != "" {
			m.EndDate = day(end)
		}
		return m
	}
	tests := []struct {
		name     string
		max      int
		m        *models.Mentorship
		existing []*models.Mentorship
		code     string
		msg      string
	}{
		{"first mentee", 2, ms(1, "2025-03-01", ""), nil, "", ""},
		{"not a mentor", 0, ms(1, "2025-03-01", ""), nil, models.ECONFLICT, "is not a mentor"},
		{"one place left", 2, ms(1, "2025-03-01", ""), []*models.Mentorship{ms(2, "2025-01-01", "")}, "", ""},
		{"at the maximum", 2, ms(1, "2025-03-01", ""), []*models.Mentorship{ms(2, "2025-01-01", ""), ms(3, "2025-02-01", "")},
			models.ECONFLICT, "already mentors 2 trainees on 2025-03-01, the maximum of 2"},
		{"ended mentorships do not count", 2, ms(1, "2025-03-01", ""), []*models.Mentorship{ms(2, "2024-01-01", "2024-12-31"), ms(3, "2025-02-01", "2025-02-28")}, "", ""},
		{"ending the day it starts counts", 1, ms(1, "2025-03-01", ""), []*models.Mentorship{ms(2, "2024-01-01", "2025-03-01")}, models.ECONFLICT, "2025-03-01"},
		{"a later mentorship in the range counts", 1, ms(1, "2025-03-01", ""), []*models.Mentorship{ms(2, "2025-06-01", "")}, models.ECONFLICT, "2025-06-01"},
		{"a later mentorship after the range does not", 1, ms(1, "2025-03-01", "2025-05-31"), []*models.Mentorship{ms(2, "2025-06-01", "")}, "", ""},
		{"successive mentorships do not add up", 2, ms(1, "2025-01-01", "2025-12-31"),
			[]*models.Mentorship{ms(2, "2025-01-01", "2025-03-31"), ms(3, "2025-04-01", "2025-06-30"), ms(4, "2025-07-01", "")}, "", ""},
		{"same pair still active", 5, ms(1, "2025-03-01", ""), []*models.Mentorship{ms(1, "2024-01-01", "")}, models.ECONFLICT, "already mentors 张三 (since 2024-01-01)"},
		{"same pair ended before", 5, ms(1, "2025-03-01", ""), []*models.Mentorship{ms(1, "2024-01-01", "2024-12-31")}, "", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := training.CheckAssign(tt.m, mentor(9, tt.max, "", ""), tr, tt.existing)
			wantCode(t, err, tt.code)
			if tt.msg != "" {
				wantMessage(t, err, tt.msg)
			}
		})
	}
}
