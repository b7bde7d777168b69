package training_test

import (
	"testing"

	"peiyang/models"
	"peiyang/training"
)

func TestMentorViews(t *testing.T) {
	f := newFixture(t) // today is 2025-06-15
	zhao, qian, sun := f.trainee("赵明阳"), f.trainee("钱多多"), f.trainee("孙小梅")
	li := f.instructor("李明", 2, "中江县", models.ThemeRural)
	wang := f.instructor("王芳", 3, "旌阳区", models.ThemeGovernance)
	f.instructor("张老师", 0, "中江县") // teaches only
	c := f.course("乡村振兴专题培训班", 10, "2025-06-01", "2025-07-31", models.CompletionRule{})
	if _, err := f.svc.Enrolment.Enrol(f.ctx, c.ID, zhao.ID); err != nil {
		t.Fatal(err)
	}
	ended := &models.Mentorship{MentorID: li.ID, TraineeID: qian.ID, StartDate: day("2024-01-01"), EndDate: day("2024-12-31")}
	running := &models.Mentorship{MentorID: li.ID, TraineeID: sun.ID, StartDate: day("2025-03-01")}
	f.must(f.svc.FollowUp.AssignMentor(f.ctx, ended))
	f.must(f.svc.FollowUp.AssignMentor(f.ctx, running))
	f.must(f.svc.FollowUp.LogContact(f.ctx, &models.Contact{MentorshipID: running.ID, Date: day("2025-04-01"), Mode: models.ContactPhone, Summary: "电话了解近况"}))
	f.must(f.svc.FollowUp.LogContact(f.ctx, &models.Contact{MentorshipID: running.ID, Date: day("2025-05-20"), Mode: models.ContactVisit, Summary: "走访"}))

	loads, err := f.svc.FollowUp.MentorLoads(f.ctx)
	f.must(err)
	if len(loads) != 2 || loads[0].Mentor.ID != li.ID || loads[0].Active != 1 || loads[0].Total != 2 || loads[0].Full() ||
		loads[1].Mentor.ID != wang.ID || loads[1].Active != 0 {
		t.Fatalf("loads: %+v", loads)
	}

	pairs, err := f.svc.FollowUp.MentorshipsOf(f.ctx, li.ID)
	f.must(err)
	if len(pairs) != 2 || pairs[0].Mentorship.ID != running.ID || pairs[0].Trainee.Name != "孙小梅" ||
		pairs[0].Contacts != 2 || !pairs[0].LastContact.Equal(day("2025-05-20")) || pairs[1].Contacts != 0 {
		t.Errorf("mentorships: %+v", pairs)
	}
	if _, err := f.svc.FollowUp.MentorshipsOf(f.ctx, 999); !models.IsNotFound(err) {
		t.Errorf("missing mentor: %v", err)
	}

	cs, err := f.svc.FollowUp.MentorContacts(f.ctx, running.ID)
	f.must(err)
	if len(cs) != 2 || cs[0].Summary != "走访" || cs[1].Summary != "电话了解近况" {
		t.Errorf("contacts, latest first: %+v", cs)
	}
	if _, err := f.svc.FollowUp.MentorContacts(f.ctx, 999); !models.IsNotFound(err) {
		t.Errorf("missing mentorship: %v", err)
	}

	ch, err := f.svc.FollowUp.MentorChoiceFor(f.ctx, zhao.ID, 5)
	f.must(err)
	if len(ch.Themes) != 1 || ch.Themes[0] != models.ThemeRural || len(ch.Current) != 0 || len(ch.Suggestions) != 2 ||
		ch.Suggestions[0].Mentor.ID != li.ID || !ch.Suggestions[0].SameCounty {
		t.Errorf("choice for 赵明阳: %+v", ch)
	}
	ch, err = f.svc.FollowUp.MentorChoiceFor(f.ctx, sun.ID, 5)
	f.must(err)
	if len(ch.Current) != 1 || ch.Current[0].Mentor.ID != li.ID || len(ch.Suggestions) != 1 || ch.Suggestions[0].Mentor.ID != wang.ID {
		t.Errorf("choice for 孙小梅, mentored by 李明: %+v", ch)
	}

	// At the maximum, the mentor is full and no longer suggested.
	f.must(f.svc.FollowUp.AssignMentor(f.ctx, &models.Mentorship{MentorID: li.ID, TraineeID: zhao.ID, StartDate: day("2025-06-01")}))
	loads, _ = f.svc.FollowUp.MentorLoads(f.ctx)
	if !loads[0].Full() {
		t.Errorf("李明 at 2 of 2 is not full: %+v", loads[0])
	}
	ch, _ = f.svc.FollowUp.MentorChoiceFor(f.ctx, qian.ID, 0)
	if len(ch.Suggestions) != 1 || ch.Suggestions[0].Mentor.ID != wang.ID {
		t.Errorf("a full mentor is suggested: %+v", ch.Suggestions)
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
