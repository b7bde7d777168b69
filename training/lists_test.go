package training_test

import (
	"testing"

	"peiyang/models"
)

// TestListGathering builds a small programme through the Service and
// reads back what each printed list needs.
func TestListGathering(t *testing.T) {
	f := newFixture(t) // today is 2025-06-15
	zhao, qian, sun := f.trainee("赵明阳"), f.trainee("钱多多"), f.trainee("孙小梅")
	c := f.course("乡村振兴专题培训班", 2, "2025-06-01", "2025-07-31", models.CompletionRule{})
	teacher := f.instructor("李明", 3, "中江县", models.ThemeRural)
	first := f.session(c, "2025-06-02", "09:00", "11:00", "第一教室", teacher.ID)
	f.session(c, "2025-06-03", "09:00", "11:00", "第一教室", 0)
	for _, tr := range []*models.Trainee{zhao, qian, sun} { // sun waits: capacity 2
		if _, err := f.svc.Enrolment.Enrol(f.ctx, c.ID, tr.ID); err != nil {
			t.Fatal(err)
		}
	}

	l, err := f.svc.Courses.CourseList(f.ctx, c.ID)
	f.must(err)
	if l.Course.ID != c.ID || l.Cohort != nil || len(l.Trainees) != 2 || l.Trainees[0].Name != "赵明阳" || l.Trainees[1].Name != "钱多多" {
		t.Errorf("course list: %+v", l)
	}
	s, err := f.svc.Courses.SessionList(f.ctx, first.ID)
	f.must(err)
	if s.Session.ID != first.ID || s.Instructor == nil || s.Instructor.Name != "李明" || len(s.Trainees) != 2 {
		t.Errorf("session list: %+v", s)
	}
	all, err := f.svc.Courses.CourseSessionLists(f.ctx, c.ID)
	f.must(err)
	if len(all) != 2 || all[0].Session.ID != first.ID || all[1].Instructor != nil || len(all[1].Trainees) != 2 {
		t.Errorf("course sessions: %d", len(all))
	}
	empty := f.course("空白班", 5, "2025-08-01", "2025-08-31", models.CompletionRule{})
	if _, err := f.svc.Courses.CourseSessionLists(f.ctx, empty.ID); models.ErrorCode(err) != models.EINVALID {
		t.Errorf("a course without sessions: %v", err)
	}
	if l, err := f.svc.Courses.CourseList(f.ctx, empty.ID); err != nil || len(l.Trainees) != 0 {
		t.Errorf("an empty course's list: %v, %v", l, err)
	}
	if _, err := f.svc.Courses.CourseList(f.ctx, 999); !models.IsNotFound(err) {
		t.Errorf("missing course: %v", err)
	}
	if _, err := f.svc.Courses.SessionList(f.ctx, 999); !models.IsNotFound(err) {
		t.Errorf("missing session: %v", err)
	}

	checkFollowUpLists(t, f, teacher, zhao, qian, sun)
	checkRegionOutcome(t, f, zhao)
}

// checkFollowUpLists reads back the mentor pairing list and the village
// placement lists of three trainees.
func checkFollowUpLists(t *testing.T, f *fixture, teacher *models.Instructor, zhao, qian, sun *models.Trainee) {
	// Mentors and contacts.
	m := &models.Mentorship{MentorID: teacher.ID, TraineeID: zhao.ID, StartDate: day("2025-06-01")}
	f.must(f.svc.FollowUp.AssignMentor(f.ctx, m))
	for _, d := range []string{"2025-06-05", "2025-06-12"} {
		f.must(f.svc.FollowUp.LogContact(f.ctx, &models.Contact{MentorshipID: m.ID, Date: day(d), Mode: models.ContactPhone, Summary: "电话联系"}))
	}
	f.must(f.svc.FollowUp.AssignMentor(f.ctx, &models.Mentorship{MentorID: teacher.ID, TraineeID: qian.ID, StartDate: day("2025-06-10")}))
	pairs, err := f.svc.FollowUp.MentorPairs(f.ctx)
	f.must(err)
	if len(pairs) != 2 || pairs[0].Trainee.Name != "赵明阳" || pairs[0].Mentor.Name != "李明" || pairs[0].Contacts != 2 ||
		pairs[0].LastContact.String() != "2025-06-12" || pairs[1].Contacts != 0 || !pairs[1].LastContact.IsZero() {
		t.Errorf("mentor pairs: %+v", pairs)
	}

	// Placements at two villages, and a village without any.
	zhanqi := f.org("战旗村", models.OrgVillage, true, 3)
	xianfeng := f.org("先锋村", models.OrgVillage, true, 3)
	quiet := f.org("明月村", models.OrgVillage, true, 3)
	office := f.org("中江县委组织部", models.OrgOutflow, false, 0)
	f.must(f.svc.FollowUp.PlaceTrainee(f.ctx, &models.Placement{TraineeID: zhao.ID, VillageID: zhanqi.ID, StartDate: day("2025-06-10"), EndDate: day("2025-06-30")}))
	f.must(f.svc.FollowUp.PlaceTrainee(f.ctx, &models.Placement{TraineeID: qian.ID, VillageID: xianfeng.ID, StartDate: day("2025-06-10"), EndDate: day("2025-06-30")}))
	f.must(f.svc.FollowUp.PlaceTrainee(f.ctx, &models.Placement{TraineeID: sun.ID, VillageID: zhanqi.ID, StartDate: day("2025-06-12"), EndDate: day("2025-06-30")}))
	vs, err := f.svc.FollowUp.VillagePlacements(f.ctx, 0)
	f.must(err)
	if len(vs) != 2 || vs[0].Village.Name != "战旗村" || len(vs[0].Placements) != 2 || vs[0].Placements[1].Trainee.Name != "孙小梅" || len(vs[1].Placements) != 1 {
		t.Errorf("village placements: %+v", vs)
	}
	vs, err = f.svc.FollowUp.VillagePlacements(f.ctx, quiet.ID)
	f.must(err)
	if len(vs) != 1 || vs[0].Village.ID != quiet.ID || len(vs[0].Placements) != 0 {
		t.Errorf("a quiet village: %+v", vs)
	}
	if _, err := f.svc.FollowUp.VillagePlacements(f.ctx, office.ID); models.ErrorCode(err) != models.EINVALID {
		t.Errorf("placements of an office: %v", err)
	}

}

// checkRegionOutcome reads back an outflow region's outcome report after
// zhao returned and was elected.
func checkRegionOutcome(t *testing.T, f *fixture, zhao *models.Trainee) {
	// A return and an election for the region's report.
	home := f.org("仓山镇先锋村", models.OrgVillage, false, 0)
	r := &models.Return{TraineeID: zhao.ID, VillageID: home.ID, ReturnDate: day("2025-06-01")}
	f.must(f.svc.FollowUp.RecordReturn(f.ctx, r))
	f.must(f.svc.FollowUp.RecordElection(f.ctx, &models.Election{ReturnID: r.ID, Date: day("2025-06-14"), Committee: models.CommitteeVillageParty,
		Post: models.PostMember, Result: models.Elected, TermYears: 5}))
	f.must(f.svc.FollowUp.RecordElection(f.ctx, &models.Election{ReturnID: r.ID, Date: day("2025-06-14"), Committee: models.CommitteeVillagers,
		Post: models.PostChair, Result: models.NotElected}))
	o, err := f.svc.FollowUp.RegionOutcome(f.ctx, " 德阳 ")
	f.must(err)
	if o.Query != "德阳" || o.Region != "四川省德阳市中江县" || o.Counts.Overall.Total != 3 || o.Counts.Overall.Reached[models.StageElected] != 1 {
		t.Errorf("region outcome: %+v %+v", o, o.Counts.Overall)
	}
	if len(o.Seated) != 1 || o.Seated[0].Trainee.Name != "赵明阳" || o.Seated[0].Village.Name != "仓山镇先锋村" || o.Seated[0].Election.Post != models.PostMember {
		t.Errorf("seated: %+v", o.Seated)
	}
	if _, err := f.svc.FollowUp.RegionOutcome(f.ctx, "拉萨"); !models.IsNotFound(err) {
		t.Errorf("a region without trainees: %v", err)
	}
	if _, err := f.svc.FollowUp.RegionOutcome(f.ctx, "  "); models.ErrorCode(err) != models.EINVALID {
		t.Errorf("an empty region: %v", err)
	}
}

// TestCommonRegion checks the region named on a report.
func TestCommonRegion(t *testing.T) {
	f := newFixture(t)
	f.trainee("赵明阳")
	other := &models.Trainee{Name: "钱多多", IDNumber: f.nextIDNumber(), HomeRegion: models.Region{Province: "四川省", City: "德阳市", County: "广汉市", Code: "510681"}}
	f.must(f.svc.Trainees.CreateTrainee(f.ctx, other))
	o, err := f.svc.FollowUp.RegionOutcome(f.ctx, "德阳")
	f.must(err)
	if o.Region != "四川省德阳市" {
		t.Errorf("two counties of one city: %q", o.Region)
	}
	far := &models.Trainee{Name: "孙小梅", IDNumber: f.nextIDNumber(), HomeRegion: models.Region{Province: "重庆市", City: "重庆市", County: "德阳区"}}
	f.must(f.svc.Trainees.CreateTrainee(f.ctx, far))
	if o, err = f.svc.FollowUp.RegionOutcome(f.ctx, "德阳"); err != nil || o.Region != "" {
		t.Errorf("two provinces: %q %v", o.Region, err)
	}
}
