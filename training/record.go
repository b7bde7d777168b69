package training

import (
	"context"

	"peiyang/models"
)

// A trainee's whole record: courses, placements, mentors, return and
// elections, as the detail screen and the printed record show it.

// TraineeRecord is everything in one trainee's pipeline (培养档案): the
// courses with attendance and the completion decision, placements,
// mentorships with their contact logs, returns with elections, and
// certificates.
type TraineeRecord struct {
	Trainee      *models.Trainee       `json:"trainee"`
	Stage        models.Stage          `json:"stage"`
	NominatedBy  *models.Organisation  `json:"nominated_by,omitempty"`
	Cohort       *models.Cohort        `json:"cohort,omitempty"`
	Courses      []CourseRecord        `json:"courses"`
	Placements   []PlacementRecord     `json:"placements"`
	Mentorships  []MentorshipRecord    `json:"mentorships"`
	Returns      []ReturnRecord        `json:"returns"`
	Certificates []*models.Certificate `json:"certificates"`
}

// CourseRecord is one course of a trainee's record.
type CourseRecord struct {
	Course       *models.Course                  `json:"course"`
	Enrolment    *models.Enrolment               `json:"enrolment"`
	SessionsHeld int                             `json:"sessions_held"`
	Attended     int                             `json:"attended"` // present or late
	Hours        float64                         `json:"hours"`
	Attendance   map[models.AttendanceStatus]int `json:"attendance"`
}

// PlacementRecord is one placement with its host village.
type PlacementRecord struct {
	Placement *models.Placement    `json:"placement"`
	Village   *models.Organisation `json:"village"`
}

// MentorshipRecord is one mentorship with its mentor and contact log.
type MentorshipRecord struct {
	Mentorship *models.Mentorship `json:"mentorship"`
	Mentor     *models.Instructor `json:"mentor"`
	Contacts   []*models.Contact  `json:"contacts"`
}

// ReturnRecord is one return with its village and elections.
type ReturnRecord struct {
	Return    *models.Return       `json:"return"`
	Village   *models.Organisation `json:"village"`
	Elections []*models.Election   `json:"elections"`
}

// TraineeRecord gathers the trainee's whole record.
func (s *TraineeService) TraineeRecord(ctx context.Context, traineeID int64) (*TraineeRecord, error) {
	return read(s.rules, ctx, "trainee record", func(ctx context.Context) (*TraineeRecord, error) { return s.traineeRecord(ctx, traineeID) })
}

func (s *rules) traineeRecord(ctx context.Context, id int64) (*TraineeRecord, error) {
	st := s.store
	t, err := st.FindTraineeByID(ctx, id)
	if err != nil {
		return nil, err
	}
	rec := &TraineeRecord{Trainee: t, Courses: []CourseRecord{}, Placements: []PlacementRecord{},
		Mentorships: []MentorshipRecord{}, Returns: []ReturnRecord{}}
	if t.NominatedByID != 0 {
		if rec.NominatedBy, err = st.FindOrganisationByID(ctx, t.NominatedByID); err != nil {
			return nil, err
		}
	}
	if t.CohortID != 0 {
		if rec.Cohort, err = st.FindCohortByID(ctx, t.CohortID); err != nil {
			return nil, err
		}
	}
	facts, err := st.FindStageFacts(ctx, models.TraineeFilter{IDs: []int64{id}})
	if err != nil {
		return nil, err
	}
	rec.Stage = models.StageNominated
	if len(facts) == 1 {
		rec.Stage = StageOf(facts[0])
	}
	if err := s.recordCourses(ctx, rec); err != nil {
		return nil, err
	}
	if err := s.recordPipeline(ctx, rec); err != nil {
		return nil, err
	}
	if rec.Certificates, err = st.FindCertificates(ctx, models.CertificateFilter{TraineeID: id}); err != nil {
		return nil, err
	}
	return rec, nil
}

func (s *rules) recordCourses(ctx context.Context, rec *TraineeRecord) error {
	st, id, today := s.store, rec.Trainee.ID, s.today()
	ens, err := st.FindEnrolments(ctx, models.EnrolmentFilter{TraineeID: id})
	if err != nil {
		return err
	}
	att, err := st.FindAttendance(ctx, models.AttendanceFilter{TraineeID: id})
	if err != nil {
		return err
	}
	bySession := make(map[int64]models.AttendanceStatus, len(att))
	for _, a := range att {
		bySession[a.SessionID] = a.Status
	}
	for _, en := range ens {
		c, err := st.FindCourseByID(ctx, en.CourseID)
		if err != nil {
			return err
		}
		sessions, err := st.FindSessions(ctx, models.SessionFilter{CourseID: c.ID})
		if err != nil {
			return err
		}
		cr := CourseRecord{Course: c, Enrolment: en, Attendance: map[models.AttendanceStatus]int{}}
		for _, ses := range sessions {
			if ses.Date.After(today) {
				continue
			}
			cr.SessionsHeld++
			if status, ok := bySession[ses.ID]; ok {
				cr.Attendance[status]++
				if status.Counts() {
					cr.Attended++
					cr.Hours += ses.Hours
				}
			}
		}
		rec.Courses = append(rec.Courses, cr)
	}
	return nil
}

func (s *rules) recordPipeline(ctx context.Context, rec *TraineeRecord) error {
	st, id := s.store, rec.Trainee.ID
	places, err := st.FindPlacements(ctx, models.PlacementFilter{TraineeID: id})
	if err != nil {
		return err
	}
	for _, p := range places {
		v, err := st.FindOrganisationByID(ctx, p.VillageID)
		if err != nil {
			return err
		}
		rec.Placements = append(rec.Placements, PlacementRecord{Placement: p, Village: v})
	}
	ms, err := st.FindMentorships(ctx, models.MentorshipFilter{TraineeID: id})
	if err != nil {
		return err
	}
	for _, m := range ms {
		mentor, err := st.FindInstructorByID(ctx, m.MentorID)
		if err != nil {
			return err
		}
		contacts, err := st.FindContacts(ctx, models.ContactFilter{MentorshipID: m.ID})
		if err != nil {
			return err
		}
		rec.Mentorships = append(rec.Mentorships, MentorshipRecord{Mentorship: m, Mentor: mentor, Contacts: contacts})
	}
	rets, err := st.FindReturns(ctx, models.ReturnFilter{TraineeID: id})
	if err != nil {
		return err
	}
	for _, r := range rets {
		v, err := st.FindOrganisationByID(ctx, r.VillageID)
		if err != nil {
			return err
		}
		els, err := st.FindElections(ctx, models.ElectionFilter{ReturnID: r.ID})
		if err != nil {
			return err
		}
		rec.Returns = append(rec.Returns, ReturnRecord{Return: r, Village: v, Elections: els})
	}
	return nil
}
