package training_test

import (
	"fmt"
	"reflect"
	"testing"

	"peiyang/models"
	"peiyang/training"
)

func TestStageOf(t *testing.T) {
	tests := []struct {
		name string
		f    models.StageFacts
		want models.Stage
	}{
		{"nothing yet", models.StageFacts{}, models.StageNominated},
		{"themes without completion do not count", models.StageFacts{Themes: nil, CoursesDone: 0}, models.StageNominated},
		{"a course completed", models.StageFacts{CoursesDone: 1}, models.StageTrained},
		{"placed", models.StageFacts{CoursesDone: 2, Placed: true}, models.StagePlaced},
		{"placed without a course", models.StageFacts{Placed: true}, models.StagePlaced},
		{"mentored", models.StageFacts{CoursesDone: 1, Placed: true, Mentored: true}, models.StageMentored},
		{"mentored only", models.StageFacts{Mentored: true}, models.StageMentored},
		{"returned", models.StageFacts{CoursesDone: 1, Placed: true, Mentored: true, Returned: true}, models.StageReturned},
		{"returned straight away", models.StageFacts{Returned: true}, models.StageReturned},
		{"elected", models.StageFacts{CoursesDone: 1, Placed: true, Mentored: true, Returned: true, Elected: true}, models.StageElected},
		{"elected only", models.StageFacts{Elected: true}, models.StageElected},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := training.StageOf(tt.f); got != tt.want {
				t.Errorf("StageOf = %s, want %s", got, tt.want)
			}
		})
	}
}

// funnel renders a funnel as "total at:n,n,... reached:n,n,..." in the
// order of models.Stages.
func funnel(f training.Funnel) string {
	at, reached := "", ""
	for i, st := range models.Stages {
		if i > 0 {
			at, reached = at+",", reached+","
		}
		at += fmt.Sprint(f.At[st])
		reached += fmt.Sprint(f.Reached[st])
	}
	return fmt.Sprintf("%d at:%s reached:%s", f.Total, at, reached)
}

func TestCountPipeline(t *testing.T) {
	deyang := func(county string) models.Region {
		return models.Region{Province: "四川省", City: "德阳市", County: county}
	}
	meishan := models.Region{Province: "四川省", City: "眉山市", County: "仁寿县"}
	R, G := models.ThemeRural, models.ThemeGovernance
	facts := []models.StageFacts{
		{TraineeID: 1, HomeRegion: deyang("中江县"), CohortID: 1},
		{TraineeID: 2, HomeRegion: deyang("中江县"), CohortID: 1, CoursesDone: 1, Themes: []models.Theme{R}},
		{TraineeID: 3, HomeRegion: deyang("旌阳区"), CohortID: 2, CoursesDone: 2, Themes: []models.Theme{R, G}, Placed: true},
		{TraineeID: 4, HomeRegion: meishan, CohortID: 2, CoursesDone: 1, Themes: []models.Theme{G}, Placed: true, Mentored: true, Returned: true},
		{TraineeID: 5, HomeRegion: meishan, CoursesDone: 1, Themes: []models.Theme{R, R}, Mentored: true, Returned: true, Elected: true},
		{TraineeID: 6},
	}
	pc := training.CountPipeline(facts)
	// Stages: nominated, trained, placed, mentored, returned, elected.
	if got, want := funnel(pc.Overall), "6 at:2,1,1,0,1,1 reached:6,4,3,2,2,1"; got != want {
		t.Errorf("overall %s, want %s", got, want)
	}
	wantGroups := func(name string, got []training.Group, want map[string]string, order []string) {
		t.Helper()
		if len(got) != len(order) {
			t.Fatalf("%s: %d groups, want %d", name, len(got), len(order))
		}
		for i, g := range got {
			if g.Key != order[i] {
				t.Errorf("%s: group %d is %q, want %q", name, i, g.Key, order[i])
			}
			if f := funnel(g.Funnel); f != want[g.Key] {
				t.Errorf("%s %q: %s, want %s", name, g.Key, f, want[g.Key])
			}
		}
	}
	wantGroups("city", pc.ByCity, map[string]string{
		"":    "1 at:1,0,0,0,0,0 reached:1,0,0,0,0,0",
		"德阳市": "3 at:1,1,1,0,0,0 reached:3,2,1,0,0,0",
		"眉山市": "2 at:0,0,0,0,1,1 reached:2,2,2,2,2,1",
	}, []string{"", "德阳市", "眉山市"})
	wantGroups("county", pc.ByCounty, map[string]string{
		"":       "1 at:1,0,0,0,0,0 reached:1,0,0,0,0,0",
		"德阳市中江县": "2 at:1,1,0,0,0,0 reached:2,1,0,0,0,0",
		"德阳市旌阳区": "1 at:0,0,1,0,0,0 reached:1,1,1,0,0,0",
		"眉山市仁寿县": "2 at:0,0,0,0,1,1 reached:2,2,2,2,2,1",
	}, []string{"", "德阳市中江县", "德阳市旌阳区", "眉山市仁寿县"})
	if len(pc.ByTheme) != 2 || pc.ByTheme[0].Theme != R || pc.ByTheme[1].Theme != G {
		t.Fatalf("themes %+v", pc.ByTheme)
	}
	if got, want := funnel(pc.ByTheme[0].Funnel), "3 at:0,1,1,0,0,1 reached:3,3,2,1,1,1"; got != want {
		t.Errorf("rural theme %s, want %s", got, want)
	}
	if got, want := funnel(pc.ByTheme[1].Funnel), "2 at:0,0,1,0,1,0 reached:2,2,2,1,1,0"; got != want {
		t.Errorf("governance theme %s, want %s", got, want)
	}
	wantCohorts := []struct {
		id     int64
		funnel string
	}{
		{0, "2 at:1,0,0,0,0,1 reached:2,1,1,1,1,1"},
		{1, "2 at:1,1,0,0,0,0 reached:2,1,0,0,0,0"},
		{2, "2 at:0,0,1,0,1,0 reached:2,2,2,1,1,0"},
	}
	if len(pc.ByCohort) != len(wantCohorts) {
		t.Fatalf("cohorts %+v", pc.ByCohort)
	}
	for i, w := range wantCohorts {
		if g := pc.ByCohort[i]; g.CohortID != w.id || funnel(g.Funnel) != w.funnel {
			t.Errorf("cohort %d: %d %s, want %d %s", i, g.CohortID, funnel(g.Funnel), w.id, w.funnel)
		}
	}
}

func TestCountPipelineEmpty(t *testing.T) {
	pc := training.CountPipeline(nil)
	if got, want := funnel(pc.Overall), "0 at:0,0,0,0,0,0 reached:0,0,0,0,0,0"; got != want {
		t.Errorf("empty pipeline %s", got)
	}
	if len(pc.ByCity)+len(pc.ByCounty)+len(pc.ByTheme)+len(pc.ByCohort) != 0 {
		t.Errorf("groups in an empty pipeline: %+v", pc)
	}
}

// Facts standing for several trainees (FindStageGroups' groups) count as
// that many trainees, everywhere the pipeline counts.
func TestCountPipelineGroups(t *testing.T) {
	jz := models.Region{City: "德阳市", County: "中江县"}
	trained := models.StageFacts{TraineeID: 9, HomeRegion: jz, CohortID: 1, CoursesDone: 1, Themes: []models.Theme{models.ThemeRural}}
	var one []models.StageFacts
	for i := range 3 {
		one = append(one, models.StageFacts{TraineeID: int64(i + 1), HomeRegion: jz, CohortID: 1})
	}
	grouped := training.CountPipeline([]models.StageFacts{{HomeRegion: jz, CohortID: 1, Trainees: 3}, trained})
	single := training.CountPipeline(append(one, trained))
	if !reflect.DeepEqual(grouped, single) {
		t.Errorf("three trainees as a group:\n%+v\nthree one by one:\n%+v", grouped, single)
	}
	if got, want := funnel(grouped.Overall), "4 at:3,1,0,0,0,0 reached:4,1,0,0,0,0"; got != want {
		t.Errorf("overall %s, want %s", got, want)
	}
}
