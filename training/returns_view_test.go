package training_test

import (
	"testing"

	"peiyang/models"
	"peiyang/training"
)

func returnsFixture(f *fixture) (zhao, far *models.Trainee, village *models.Organisation) {
	zhao = f.trainee("赵明阳")
	qian, sun := f.trainee("钱多多"), f.trainee("孙小梅")
	far = &models.Trainee{Name: "周远", IDNumber: f.nextIDNumber(), CurrentDistrict: "锦江区",
		HomeRegion: models.Region{Province: "四川省", City: "资阳市", County: "安岳县"}}
	f.must(f.svc.Trainees.CreateTrainee(f.ctx, far))
	village = f.org("战旗村", models.OrgVillage, false, 0)
	community := f.org("望江社区", models.OrgCommunity, false, 0)

	ret := func(t *models.Trainee, v *models.Organisation, date string) *models.Return {
		r := &models.Return{TraineeID: t.ID, VillageID: v.ID, ReturnDate: day(date)}
		f.must(f.svc.FollowUp.RecordReturn(f.ctx, r))
		return r
	}
	elect := func(r *models.Return, date string, c models.Committee, p models.Post, res models.ElectionResult) {
		f.must(f.svc.FollowUp.RecordElection(f.ctx, &models.Election{ReturnID: r.ID, Date: day(date), Committee: c, Post: p, Result: res, TermYears: 5}))
	}
	rz := ret(zhao, village, "2024-03-01")
	rq := ret(qian, village, "2025-01-10")
	ret(sun, community, "2025-02-01")
	rf := ret(far, village, "2024-05-01")
	elect(rz, "2024-10-01", models.CommitteeVillageParty, models.PostSecretary, models.Elected)
	elect(rz, "2024-10-01", models.CommitteeVillagers, models.PostChair, models.Elected)
	elect(rq, "2025-04-01", models.CommitteeVillagers, models.PostMember, models.NotElected)
	elect(rf, "2024-10-01", models.CommitteeVillagers, models.PostMember, models.Elected)

	return zhao, far, village
}

func TestReturnsView(t *testing.T) {
	f := newFixture(t) // today is 2025-06-15
	returnsFixture(f)
	v, err := f.svc.FollowUp.Returns(f.ctx, training.ReturnsQuery{})
	f.must(err)
	if len(v.Rows) != 4 || v.Totals.Returned != 4 || v.Totals.Stood != 3 || v.Totals.Seated != 2 {
		t.Fatalf("all: %d rows, totals %+v", len(v.Rows), v.Totals)
	}
	if v.Rows[0].Trainee.Name != "孙小梅" || v.Rows[0].Village.Kind != models.OrgCommunity || v.Rows[3].Trainee.Name != "赵明阳" ||
		len(v.Rows[3].Elections) != 2 || !v.Rows[3].Seated() {
		t.Errorf("rows, latest return first: %v … %v", v.Rows[0].Trainee.Name, v.Rows[3].Trainee.Name)
	}
	if len(v.Years) != 2 || v.Years[0] != 2025 || v.Years[1] != 2024 {
		t.Errorf("years %v", v.Years)
	}
	post := func(v *training.ReturnsView, p models.Post) [2]int {
		for _, pt := range v.Totals.Posts {
			if pt.Post == p {
				return [2]int{pt.Stood, pt.Seated}
			}
		}
		return [2]int{-1, -1}
	}
	if post(v, models.PostSecretary) != [2]int{1, 1} || post(v, models.PostMember) != [2]int{2, 1} || post(v, models.PostChair) != [2]int{1, 1} {
		t.Errorf("per post: %+v", v.Totals.Posts)
	}

	// By committee: only those who stood for it are rows; the returned
	// count stays.
	v, err = f.svc.FollowUp.Returns(f.ctx, training.ReturnsQuery{Committee: models.CommitteeVillagers})
	f.must(err)
	if len(v.Rows) != 3 || v.Totals.Returned != 4 || v.Totals.Stood != 3 || v.Totals.Seated != 2 {
		t.Errorf("villagers' committee: %d rows, totals %+v", len(v.Rows), v.Totals)
	}
	v, err = f.svc.FollowUp.Returns(f.ctx, training.ReturnsQuery{Committee: models.CommitteeVillageParty})
	f.must(err)
	if len(v.Rows) != 1 || v.Totals.Stood != 1 || v.Totals.Seated != 1 || len(v.Rows[0].Elections) != 1 {
		t.Errorf("village party committee: %d rows, totals %+v", len(v.Rows), v.Totals)
	}
	v, err = f.svc.FollowUp.Returns(f.ctx, training.ReturnsQuery{Post: models.PostMember})
	f.must(err)
	if len(v.Rows) != 2 || v.Totals.Stood != 2 || v.Totals.Seated != 1 {
		t.Errorf("members: %d rows, totals %+v", len(v.Rows), v.Totals)
	}

	// By region and year.
	v, err = f.svc.FollowUp.Returns(f.ctx, training.ReturnsQuery{Region: "德阳"})
	f.must(err)
	if len(v.Rows) != 3 || v.Totals.Seated != 1 {
		t.Errorf("德阳: %d rows, totals %+v", len(v.Rows), v.Totals)
	}
	v, err = f.svc.FollowUp.Returns(f.ctx, training.ReturnsQuery{Region: "德阳", Year: 2025})
	f.must(err)
	if len(v.Rows) != 2 || v.Totals.Returned != 2 || v.Totals.Stood != 1 || v.Totals.Seated != 0 || len(v.Years) != 2 {
		t.Errorf("德阳 2025: %d rows, totals %+v, years %v", len(v.Rows), v.Totals, v.Years)
	}

}

func TestHomeVillages(t *testing.T) {
	f := newFixture(t)
	zhao, far, village := returnsFixture(f)
	// Home villages: those of the home county first.
	zy := &models.Organisation{Name: "安岳县某村", Kind: models.OrgVillage,
		Region: models.Region{Province: "四川省", City: "资阳市", County: "安岳县"}}
	f.must(f.db.CreateOrganisation(f.ctx, zy))
	vs, err := f.svc.FollowUp.HomeVillages(f.ctx, far.ID)
	f.must(err)
	if len(vs) != 3 || vs[0].ID != zy.ID {
		t.Errorf("home villages of 周远: %v", vs)
	}
	vs, _ = f.svc.FollowUp.HomeVillages(f.ctx, zhao.ID)
	if len(vs) != 3 || vs[0].ID != village.ID || vs[2].ID != zy.ID {
		t.Errorf("home villages of 赵明阳: %v", vs)
	}
}
