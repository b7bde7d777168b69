package training_test

import (
	"testing"

	"peiyang/models"
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
