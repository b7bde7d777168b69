package training_test

import (
	"testing"

	"peiyang/models"
	"peiyang/training"
)

func placement(id, trainee int64, start, end string, grade models.Grade) *models.Placement {
	return &models.Placement{ID: id, TraineeID: trainee, VillageID: 50, StartDate: day(start), EndDate: day(end), Grade: grade}
}

func TestCheckPlacement(t *testing.T) {
	tr := &models.Trainee{ID: 1, Name: "张三"}
	key := func(capacity int) *models.Organisation {
		return &models.Organisation{ID: 50, Name: "战旗村", Kind: models.OrgVillage, KeyVillage: true, PlacementCapacity: capacity}
	}
	p := placement(0, 1, "2025-04-01", "2025-04-30", models.GradeNone)
	tests := []struct {
		name      string
		village   *models.Organisation
		mine      []*models.Placement
		atVillage []*models.Placement
		code      string
		msg       string
	}{
		{"free village", key(2), nil, nil, "", ""},
		{"not a key village", &models.Organisation{ID: 50, Name: "某村", Kind: models.OrgVillage, PlacementCapacity: 3}, nil, nil, models.EINVALID, "某村 is not a key village"},
		{"not a village", &models.Organisation{ID: 50, Name: "某党委", Kind: models.OrgInflowCommittee, KeyVillage: true, PlacementCapacity: 3}, nil, nil, models.EINVALID, "not a key village"},
		{"active placement elsewhere", key(2), []*models.Placement{placement(7, 1, "2025-01-01", "2025-01-31", models.GradeNone)}, nil,
			models.ECONFLICT, "张三 already has a placement"},
		{"evaluated placement elsewhere", key(2), []*models.Placement{placement(7, 1, "2025-01-01", "2025-01-31", models.GradePass)}, nil, "", ""},
		{"capacity exactly full", key(2), nil, []*models.Placement{
			placement(8, 2, "2025-03-15", "2025-04-15", models.GradeNone),
			placement(9, 3, "2025-04-10", "2025-05-10", models.GradeNone),
		}, models.ECONFLICT, "战旗村 already hosts 2 trainees on 2025-04-10, its capacity of 2"},
		{"one place left", key(3), nil, []*models.Placement{
			placement(8, 2, "2025-03-15", "2025-04-15", models.GradeNone),
			placement(9, 3, "2025-04-10", "2025-05-10", models.GradeNone),
		}, "", ""},
		{"evaluated placements still count", key(1), nil, []*models.Placement{placement(8, 2, "2025-04-20", "2025-05-20", models.GradeGood)},
			models.ECONFLICT, "already hosts 1 trainees on 2025-04-20"},
		{"non-overlapping ranges", key(1), nil, []*models.Placement{
			placement(8, 2, "2025-03-01", "2025-03-31", models.GradeNone),
			placement(9, 3, "2025-05-01", "2025-05-31", models.GradeNone),
		}, "", ""},
		{"ending on the first day overlaps", key(1), nil, []*models.Placement{placement(8, 2, "2025-03-01", "2025-04-01", models.GradeNone)},
			models.ECONFLICT, "on 2025-04-01"},
		{"starting on the last day overlaps", key(1), nil, []*models.Placement{placement(8, 2, "2025-04-30", "2025-05-30", models.GradeNone)},
			models.ECONFLICT, "on 2025-04-30"},
		{"overlapping ones that do not overlap each other", key(2), nil, []*models.Placement{
			placement(8, 2, "2025-03-20", "2025-04-10", models.GradeNone),
			placement(9, 3, "2025-04-11", "2025-05-10", models.GradeNone),
		}, "", ""},
		{"another village's placements", key(1), nil, []*models.Placement{{ID: 8, TraineeID: 2, VillageID: 51, StartDate: day("2025-04-01"), EndDate: day("2025-04-30")}}, "", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := training.CheckPlacement(p, tt.village, tr, tt.mine, tt.atVillage)
			wantCode(t, err, tt.code)
			if tt.msg != "" {
				wantMessage(t, err, tt.msg)
			}
		})
	}
}

func TestCheckPlacementSkipsItself(t *testing.T) {
	v := &models.Organisation{ID: 50, Name: "战旗村", Kind: models.OrgCommunity, KeyVillage: true, PlacementCapacity: 1}
	p := placement(8, 1, "2025-04-01", "2025-04-30", models.GradeNone)
	if err := training.CheckPlacement(p, v, &models.Trainee{ID: 1}, []*models.Placement{p}, []*models.Placement{p}); err != nil {
		t.Errorf("a placement clashed with itself: %v", err)
	}
}

func TestKeyVillageLoads(t *testing.T) {
	f := newFixture(t) // today is 2025-06-15
	a, b := f.trainee("赵明阳"), f.trainee("钱多多")
	key := f.org("战旗村", models.OrgVillage, true, 2)
	f.org("普通村", models.OrgVillage, false, 0)
	other := f.org("望江社区", models.OrgCommunity, true, 1)
	p1 := &models.Placement{TraineeID: a.ID, VillageID: key.ID, StartDate: day("2025-06-01"), EndDate: day("2025-06-30")}
	p2 := &models.Placement{TraineeID: b.ID, VillageID: key.ID, StartDate: day("2025-01-01"), EndDate: day("2025-02-28")}
	f.must(f.svc.FollowUp.PlaceTrainee(f.ctx, p1))
	f.must(f.svc.FollowUp.PlaceTrainee(f.ctx, p2))
	f.must(f.svc.FollowUp.EvaluatePlacement(f.ctx, p2.ID, models.GradeGood, "表现良好"))

	loads, err := f.svc.FollowUp.KeyVillageLoads(f.ctx)
	f.must(err)
	if len(loads) != 2 || loads[0].Village.ID != key.ID || loads[1].Village.ID != other.ID {
		t.Fatalf("key villages: %+v", loads)
	}
	if l := loads[0]; l.Today != 1 || l.Active != 1 || l.Total != 2 || l.Full() {
		t.Errorf("战旗村: %+v", l)
	}
	if l := loads[1]; l.Today != 0 || l.Total != 0 || l.Full() {
		t.Errorf("望江社区: %+v", l)
	}
}

// returnsFixture records four returns, three of them to 战旗村 in 德阳, and
// four elections; it returns 赵明阳 (elected twice), 周远 (from 资阳) and
// the village.
