package training_test

import (
	"fmt"
	"strings"
	"testing"

	"peiyang/models"
	"peiyang/training"
)

// enrolments builds a course's enrolments from "status" or "waitlisted:N"
// specs, for trainees 1, 2, 3, ...
func enrolments(specs ...string) []*models.Enrolment {
	var es []*models.Enrolment
	for i, s := range specs {
		e := &models.Enrolment{ID: int64(i + 1), CourseID: 1, TraineeID: int64(i + 1)}
		if _, err := fmt.Sscanf(s, "waitlisted:%d", &e.WaitPosition); err == nil {
			e.Status = models.Waitlisted
		} else {
			e.Status = models.EnrolmentStatus(s)
		}
		es = append(es, e)
	}
	return es
}

// describe renders enrolments as "1:enrolled 2:waitlisted:1 ...".
func describe(es []*models.Enrolment) string {
	var parts []string
	for _, e := range es {
		p := fmt.Sprintf("%d:%s", e.TraineeID, e.Status)
		if e.Status == models.Waitlisted || e.WaitPosition != 0 {
			p += fmt.Sprintf(":%d", e.WaitPosition)
		}
		parts = append(parts, p)
	}
	return strings.Join(parts, " ")
}

func TestCheckEnrol(t *testing.T) {
	tr := &models.Trainee{ID: 1, Name: "张三"}
	tests := []struct {
		name     string
		status   models.CourseStatus
		existing *models.Enrolment
		code     string
		msg      string
	}{
		{"planned", models.CoursePlanned, nil, "", ""},
		{"open", models.CourseOpen, nil, "", ""},
		{"running", models.CourseRunning, nil, "", ""},
		{"finished", models.CourseFinished, nil, models.ECONFLICT, "finished"},
		{"cancelled", models.CourseCancelled, nil, models.ECONFLICT, "cancelled"},
		{"after withdrawing", models.CourseOpen, &models.Enrolment{Status: models.Withdrawn}, "", ""},
		{"enrolled", models.CourseOpen, &models.Enrolment{Status: models.Enrolled}, models.ECONFLICT, "张三 is already enrolled"},
		{"waitlisted", models.CourseOpen, &models.Enrolment{Status: models.Waitlisted, WaitPosition: 3}, models.ECONFLICT, "position 3"},
		{"completed", models.CourseOpen, &models.Enrolment{Status: models.Completed}, models.ECONFLICT, "already taken"},
		{"not completed", models.CourseOpen, &models.Enrolment{Status: models.NotCompleted}, models.ECONFLICT, "already taken"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c := &models.Course{ID: 1, Title: "培训班", Status: tt.status, Capacity: 2}
			err := training.CheckEnrol(c, tr, tt.existing)
			wantCode(t, err, tt.code)
			if tt.msg != "" {
				wantMessage(t, err, tt.msg)
			}
		})
	}
}

func TestAdmit(t *testing.T) {
	tests := []struct {
		name     string
		capacity int
		es       []*models.Enrolment
		status   models.EnrolmentStatus
		pos      int
	}{
		{"empty course", 2, nil, models.Enrolled, 0},
		{"one place left", 2, enrolments("enrolled"), models.Enrolled, 0},
		{"exactly full", 2, enrolments("enrolled", "enrolled"), models.Waitlisted, 1},
		{"completed and not completed hold places", 2, enrolments("completed", "not_completed"), models.Waitlisted, 1},
		{"withdrawn free their place", 2, enrolments("enrolled", "withdrawn", "withdrawn"), models.Enrolled, 0},
		{"behind the waiting list", 2, enrolments("enrolled", "enrolled", "waitlisted:1", "waitlisted:2"), models.Waitlisted, 3},
		{"nobody jumps the queue", 3, enrolments("enrolled", "enrolled", "waitlisted:1"), models.Waitlisted, 2},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c := &models.Course{ID: 1, Capacity: tt.capacity, Status: models.CourseOpen}
			status, pos := training.Admit(c, tt.es)
			if status != tt.status || pos != tt.pos {
				t.Errorf("Admit = %s/%d, want %s/%d", status, pos, tt.status, tt.pos)
			}
		})
	}
}

func TestFillPlaces(t *testing.T) {
	tests := []struct {
		name     string
		capacity int
		status   models.CourseStatus
		es       []*models.Enrolment
		want     string
		changed  int
	}{
		{"full: nothing to do", 1, models.CourseOpen, enrolments("enrolled", "waitlisted:1"), "1:enrolled 2:waitlisted:1", 0},
		{"first in line first", 2, models.CourseOpen, enrolments("enrolled", "waitlisted:2", "waitlisted:1"),
			"1:enrolled 2:waitlisted:1 3:enrolled", 2},
		{"two places", 3, models.CourseOpen, enrolments("enrolled", "waitlisted:3", "waitlisted:1", "waitlisted:2"),
			"1:enrolled 2:waitlisted:1 3:enrolled 4:enrolled", 3},
		{"renumbers gaps", 1, models.CourseOpen, enrolments("enrolled", "waitlisted:2", "waitlisted:5"),
			"1:enrolled 2:waitlisted:1 3:waitlisted:2", 2},
		{"finished course promotes nobody", 2, models.CourseFinished, enrolments("enrolled", "waitlisted:1"),
			"1:enrolled 2:waitlisted:1", 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c := &models.Course{ID: 1, Capacity: tt.capacity, Status: tt.status}
			changed := training.FillPlaces(c, tt.es)
			if got := describe(tt.es); got != tt.want {
				t.Errorf("after FillPlaces: %s, want %s", got, tt.want)
			}
			if len(changed) != tt.changed {
				t.Errorf("changed %d enrolments, want %d", len(changed), tt.changed)
			}
		})
	}
}

func TestWithdrawFrom(t *testing.T) {
	tests := []struct {
		name     string
		capacity int
		es       []*models.Enrolment
		trainee  int64
		want     string
		changed  string // trainee IDs of the changed enrolments, withdrawn one first
		code     string
	}{
		{"enrolled, promotes the first waiting", 2, enrolments("enrolled", "enrolled", "waitlisted:2", "waitlisted:1", "waitlisted:3"), 1,
			"1:withdrawn 2:enrolled 3:waitlisted:1 4:enrolled 5:waitlisted:2", "1 4 3 5", ""},
		{"enrolled, nobody waiting", 2, enrolments("enrolled", "enrolled"), 2, "1:enrolled 2:withdrawn", "2", ""},
		{"from the waiting list renumbers", 1, enrolments("enrolled", "waitlisted:1", "waitlisted:2", "waitlisted:3"), 3,
			"1:enrolled 2:waitlisted:1 3:withdrawn 4:waitlisted:2", "3 4", ""},
		{"last on the waiting list", 1, enrolments("enrolled", "waitlisted:1"), 2, "1:enrolled 2:withdrawn", "2", ""},
		{"not enrolled", 1, enrolments("enrolled"), 9, "1:enrolled", "", models.ENOTFOUND},
		{"already withdrawn", 1, enrolments("withdrawn"), 1, "1:withdrawn", "", models.ECONFLICT},
		{"completed", 1, enrolments("completed"), 1, "1:completed", "", models.ECONFLICT},
		{"not completed", 1, enrolments("not_completed"), 1, "1:not_completed", "", models.ECONFLICT},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c := &models.Course{ID: 1, Title: "培训班", Capacity: tt.capacity, Status: models.CourseOpen}
			changed, err := training.WithdrawFrom(c, &models.Trainee{ID: tt.trainee, Name: "张三"}, tt.es)
			wantCode(t, err, tt.code)
			if got := describe(tt.es); got != tt.want {
				t.Errorf("after WithdrawFrom: %s, want %s", got, tt.want)
			}
			var ids []string
			for _, e := range changed {
				ids = append(ids, fmt.Sprint(e.TraineeID))
			}
			if got := strings.Join(ids, " "); got != tt.changed {
				t.Errorf("changed %q, want %q", got, tt.changed)
			}
			for _, e := range tt.es {
				if err := e.Validate(); err != nil {
					t.Errorf("enrolment of %d left invalid: %v", e.TraineeID, err)
				}
			}
		})
	}
}

func TestPlacesHeldAndWaitingList(t *testing.T) {
	es := enrolments("enrolled", "waitlisted:2", "completed", "withdrawn", "not_completed", "waitlisted:1")
	if n := training.PlacesHeld(es); n != 3 {
		t.Errorf("PlacesHeld = %d, want 3", n)
	}
	w := training.WaitingList(es)
	if len(w) != 2 || w[0].TraineeID != 6 || w[1].TraineeID != 2 {
		t.Errorf("WaitingList = %s, want 6 then 2", describe(w))
	}
}
