package training_test

import (
	"testing"

	"peiyang/models"
	"peiyang/training"
)

func TestCheckReturn(t *testing.T) {
	for _, tt := range []struct {
		kind models.OrgKind
		ok   bool
	}{
		{models.OrgVillage, true}, {models.OrgCommunity, true},
		{models.OrgOutflow, false}, {models.OrgInflowBranch, false}, {models.OrgInflowCommittee, false}, {models.OrgPartySchool, false},
	} {
		err := training.CheckReturn(&models.Return{}, &models.Organisation{Name: "X", Kind: tt.kind})
		if (err == nil) != tt.ok {
			t.Errorf("return to a %s: %v", tt.kind, err)
		}
		if !tt.ok {
			wantCode(t, err, models.EINVALID)
		}
	}
}

func TestCheckElection(t *testing.T) {
	village := &models.Organisation{ID: 1, Name: "战旗村", Kind: models.OrgVillage}
	community := &models.Organisation{ID: 2, Name: "望江社区", Kind: models.OrgCommunity}
	ret := &models.Return{ID: 1, TraineeID: 5, ReturnDate: day("2024-06-01")}
	today := day("2025-01-01")
	tests := []struct {
		name      string
		village   *models.Organisation
		date      string
		committee models.Committee
		trainee   int64
		fields    []string
	}{
		{"village party committee", village, "2024-10-01", models.CommitteeVillageParty, 5, nil},
		{"villagers' committee", village, "2024-10-01", models.CommitteeVillagers, 0, nil},
		{"on the return day", village, "2024-06-01", models.CommitteeVillagers, 5, nil},
		{"today", village, "2025-01-01", models.CommitteeVillagers, 5, nil},
		{"the day before the return", village, "2024-05-31", models.CommitteeVillagers, 5, []string{"date"}},
		{"tomorrow", village, "2025-01-02", models.CommitteeVillagers, 5, []string{"date"}},
		{"residents' committee in a village", village, "2024-10-01", models.CommitteeResidents, 5, []string{"committee"}},
		{"community party committee in a village", village, "2024-10-01", models.CommitteeCommunityParty, 5, []string{"committee"}},
		{"community party committee", community, "2024-10-01", models.CommitteeCommunityParty, 5, nil},
		{"residents' committee", community, "2024-10-01", models.CommitteeResidents, 5, nil},
		{"villagers' committee in a community", community, "2024-10-01", models.CommitteeVillagers, 5, []string{"committee"}},
		{"another trainee", village, "2024-10-01", models.CommitteeVillagers, 6, []string{"trainee_id"}},
		{"everything wrong", community, "2024-01-01", models.CommitteeVillageParty, 6, []string{"committee", "date", "trainee_id"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			e := &models.Election{ReturnID: 1, TraineeID: tt.trainee, Date: day(tt.date), Committee: tt.committee}
			err := training.CheckElection(e, ret, tt.village, today)
			if tt.fields == nil {
				if err != nil {
					t.Fatalf("unexpected error: %v", err)
				}
				return
			}
			l, ok := err.(models.ErrorList)
			if !ok {
				t.Fatalf("error %v is no ErrorList", err)
			}
			if got, want := l.Fields(), tt.fields; len(got) != len(want) || got[0] != want[0] || got[len(got)-1] != want[len(want)-1] {
				t.Errorf("fields %v, want %v (%v)", got, want, err)
			}
		})
	}
	err := training.CheckElection(&models.Election{Date: day("2024-10-01"), Committee: models.CommitteeResidents}, ret, village, today)
	wantMessage(t, err, "战旗村 has no 居民委员会")
}

func TestCommitteesFor(t *testing.T) {
	if c := training.CommitteesFor(models.OrgVillage); len(c) != 2 || c[0] != models.CommitteeVillageParty || c[1] != models.CommitteeVillagers {
		t.Errorf("village: %v", c)
	}
	if c := training.CommitteesFor(models.OrgCommunity); len(c) != 2 || c[0] != models.CommitteeCommunityParty || c[1] != models.CommitteeResidents {
		t.Errorf("community: %v", c)
	}
	if c := training.CommitteesFor(models.OrgOutflow); c != nil {
		t.Errorf("outflow: %v", c)
	}
}
