package training_test

import (
	"testing"

	"peiyang/models"
)

func TestServicePlacements(t *testing.T) {
	f := newFixture(t)
	village := f.org("战旗村", models.OrgVillage, true, 1)
	plain := f.org("普通村", models.OrgVillage, false, 0)
	zhang, li := f.trainee("张三"), f.trainee("李四")
	p := func(tr *models.Trainee, v *models.Organisation, start, end string) *models.Placement {
		return &models.Placement{TraineeID: tr.ID, VillageID: v.ID, StartDate: day(start), EndDate: day(end), Supervisor: "高书记"}
	}
	first := p(zhang, village, "2025-06-01", "2025-06-30")
	f.must(f.svc.FollowUp.PlaceTrainee(f.ctx, first))
	// The village is full over an overlapping range, down to a shared last day.
	err := f.svc.FollowUp.PlaceTrainee(f.ctx, p(li, village, "2025-06-30", "2025-07-31"))
	wantCode(t, err, models.ECONFLICT)
	wantMessage(t, err, "training: place trainee:", "战旗村 already hosts 1 trainees on 2025-06-30, its capacity of 1")
	// Not over a range that does not overlap.
	second := p(li, village, "2025-07-01", "2025-07-31")
	f.must(f.svc.FollowUp.PlaceTrainee(f.ctx, second))
	// One active placement per trainee.
	err = f.svc.FollowUp.PlaceTrainee(f.ctx, p(zhang, village, "2025-09-01", "2025-09-30"))
	wantCode(t, err, models.ECONFLICT)
	wantMessage(t, err, "张三 already has a placement")
	// Only key villages host placements.
	wantCode(t, f.svc.FollowUp.PlaceTrainee(f.ctx, p(zhang, plain, "2025-09-01", "2025-09-30")), models.EINVALID)

	// Evaluation: not before the start, then a grade; the trainee may be placed again.
	wantCode(t, f.svc.FollowUp.EvaluatePlacement(f.ctx, second.ID, models.GradeGood, "认真"), models.EINVALID)
	wantCode(t, f.svc.FollowUp.EvaluatePlacement(f.ctx, first.ID, models.GradeNone, ""), models.EINVALID)
	f.must(f.svc.FollowUp.EvaluatePlacement(f.ctx, first.ID, models.GradeExcellent, " 表现突出 "))
	got, err := f.db.FindPlacementByID(f.ctx, first.ID)
	f.must(err)
	if got.Grade != models.GradeExcellent || got.Comment != "表现突出" {
		t.Errorf("evaluated placement %+v", got)
	}
	f.must(f.svc.FollowUp.PlaceTrainee(f.ctx, p(zhang, village, "2025-09-01", "2025-09-30")))
	// An evaluated placement still holds its days.
	err = f.svc.FollowUp.PlaceTrainee(f.ctx, p(f.trainee("王五"), village, "2025-06-15", "2025-06-20"))
	wantCode(t, err, models.ECONFLICT)
}

func TestServiceMentors(t *testing.T) {
	f := newFixture(t)
	c := f.course("乡村振兴专题培训班", 10, "2025-06-01", "2025-07-31", models.CompletionRule{})
	zhang, li, wang := f.trainee("张三"), f.trainee("李四"), f.trainee("王五")
	_, err := f.svc.Enrolment.Enrol(f.ctx, c.ID, zhang.ID)
	f.must(err)
	near := f.instructor("近导师", 2, "中江县", models.ThemeRural)
	far := f.instructor("远导师", 3, "旌阳区", models.ThemeGovernance)
	f.instructor("非导师", 0, "中江县", models.ThemeRural)

	sg, err := f.svc.FollowUp.SuggestMentors(f.ctx, zhang.ID, 5)
	f.must(err)
	if len(sg) != 2 || sg[0].Mentor.ID != near.ID || sg[1].Mentor.ID != far.ID {
		t.Fatalf("suggestions %+v", sg)
	}
	if len(sg[0].Reasons) != 3 || sg[0].Reasons[1] != "same home county: 德阳市中江县" {
		t.Errorf("reasons %q", sg[0].Reasons)
	}

	m := func(mentor *models.Instructor, tr *models.Trainee, start string) *models.Mentorship {
		return &models.Mentorship{MentorID: mentor.ID, TraineeID: tr.ID, StartDate: day(start)}
	}
	f.must(f.svc.FollowUp.AssignMentor(f.ctx, m(near, zhang, "2025-06-01")))
	// The trainee's own mentor is not suggested again.
	sg, err = f.svc.FollowUp.SuggestMentors(f.ctx, zhang.ID, 5)
	f.must(err)
	if len(sg) != 1 || sg[0].Mentor.ID != far.ID {
		t.Errorf("suggestions once mentored %+v", sg)
	}
	err = f.svc.FollowUp.AssignMentor(f.ctx, m(near, zhang, "2025-06-10"))
	wantCode(t, err, models.ECONFLICT)
	wantMessage(t, err, "近导师 already mentors 张三 (since 2025-06-01)")
	f.must(f.svc.FollowUp.AssignMentor(f.ctx, m(near, li, "2025-06-01")))
	// The maximum of 2 is reached.
	err = f.svc.FollowUp.AssignMentor(f.ctx, m(near, wang, "2025-06-15"))
	wantCode(t, err, models.ECONFLICT)
	wantMessage(t, err, "training: assign mentor:", "already mentors 2 trainees", "the maximum of 2")
	if ms, _ := f.db.FindMentorships(f.ctx, models.MentorshipFilter{MentorID: near.ID}); len(ms) != 2 {
		t.Errorf("mentor has %d mentorships, want 2", len(ms))
	}
	// A full mentor, or the trainee's own, is no longer suggested.
	sg, err = f.svc.FollowUp.SuggestMentors(f.ctx, wang.ID, 5)
	f.must(err)
	if len(sg) != 1 || sg[0].Mentor.ID != far.ID {
		t.Errorf("suggestions for 王五 %+v", sg)
	}
	wantCode(t, f.svc.FollowUp.AssignMentor(f.ctx, &models.Mentorship{MentorID: 999, TraineeID: wang.ID, StartDate: day("2025-06-15")}), models.EINVALID)

	// Contacts lie within the mentorship and not in the future.
	ms, err := f.db.FindMentorships(f.ctx, models.MentorshipFilter{MentorID: near.ID, TraineeID: zhang.ID})
	f.must(err)
	contact := func(date string) *models.Contact {
		return &models.Contact{MentorshipID: ms[0].ID, Date: day(date), Mode: models.ContactPhone, Summary: "谈心谈话"}
	}
	f.must(f.svc.FollowUp.LogContact(f.ctx, contact("2025-06-12")))
	wantCode(t, f.svc.FollowUp.LogContact(f.ctx, contact("2025-05-31")), models.EINVALID)
	wantCode(t, f.svc.FollowUp.LogContact(f.ctx, contact("2025-06-16")), models.EINVALID)
	cs, err := f.db.FindContacts(f.ctx, models.ContactFilter{MentorshipID: ms[0].ID})
	f.must(err)
	if len(cs) != 1 {
		t.Errorf("%d contacts, want 1", len(cs))
	}
}

func TestServiceReturnsAndElections(t *testing.T) {
	f := newFixture(t)
	village := f.org("战旗村", models.OrgVillage, false, 0)
	community := f.org("望江社区", models.OrgCommunity, false, 0)
	branch := f.org("某流入地党支部", models.OrgInflowBranch, false, 0)
	zhang, li := f.trainee("张三"), f.trainee("李四")

	wantCode(t, f.svc.FollowUp.RecordReturn(f.ctx, &models.Return{TraineeID: zhang.ID, VillageID: branch.ID, ReturnDate: day("2025-01-10")}), models.EINVALID)
	wantCode(t, f.svc.FollowUp.RecordReturn(f.ctx, &models.Return{TraineeID: zhang.ID, VillageID: village.ID, ReturnDate: day("2025-07-01")}), models.EINVALID)
	r := &models.Return{TraineeID: zhang.ID, VillageID: village.ID, ReturnDate: day("2025-01-10")}
	f.must(f.svc.FollowUp.RecordReturn(f.ctx, r))
	rc := &models.Return{TraineeID: li.ID, VillageID: community.ID, ReturnDate: day("2025-01-10")}
	f.must(f.svc.FollowUp.RecordReturn(f.ctx, rc))

	e := func(ret *models.Return, date string, c models.Committee) *models.Election {
		return &models.Election{ReturnID: ret.ID, Date: day(date), Committee: c, Post: models.PostMember, Result: models.Elected, TermYears: 5}
	}
	err := f.svc.FollowUp.RecordElection(f.ctx, e(r, "2025-01-09", models.CommitteeVillageParty))
	wantCode(t, err, models.EINVALID)
	wantMessage(t, err, "before the return")
	wantCode(t, f.svc.FollowUp.RecordElection(f.ctx, e(r, "2025-03-01", models.CommitteeResidents)), models.EINVALID)
	wantCode(t, f.svc.FollowUp.RecordElection(f.ctx, e(rc, "2025-03-01", models.CommitteeVillagers)), models.EINVALID)
	el := e(r, "2025-01-10", models.CommitteeVillageParty)
	f.must(f.svc.FollowUp.RecordElection(f.ctx, el))
	if el.TraineeID != zhang.ID {
		t.Errorf("election trainee %d, want %d", el.TraineeID, zhang.ID)
	}
	f.must(f.svc.FollowUp.RecordElection(f.ctx, e(rc, "2025-03-01", models.CommitteeResidents)))

	// The pipeline sees them.
	pc, err := f.svc.Trainees.Pipeline(f.ctx, models.TraineeFilter{})
	f.must(err)
	if pc.Overall.Total != 2 || pc.Overall.At[models.StageElected] != 2 || pc.Overall.Reached[models.StageNominated] != 2 {
		t.Errorf("pipeline %+v", pc.Overall)
	}
	if len(pc.ByCity) != 1 || pc.ByCity[0].Key != "德阳市" || len(pc.ByCounty) != 1 || pc.ByCounty[0].Key != "德阳市中江县" {
		t.Errorf("regions %+v %+v", pc.ByCity, pc.ByCounty)
	}
}
