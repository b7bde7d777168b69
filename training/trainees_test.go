package training_test

import (
	"strings"
	"testing"

	"peiyang/models"
	"peiyang/training"
)

// idNumber completes 17 digits with their check character.
func idNumber(first17 string) string { return first17 + string(models.IDCheckChar(first17)) }

func TestCheckDuplicateIDNumber(t *testing.T) {
	id := idNumber("51062319900101123")
	other := idNumber("51062319900101124")
	existing := []*models.Trainee{{ID: 7, Name: "张三", IDNumber: id}}
	tests := []struct {
		name string
		t    *models.Trainee
		code string
	}{
		{"new trainee, same number", &models.Trainee{Name: "李四", IDNumber: id}, models.ECONFLICT},
		{"other trainee, same number", &models.Trainee{ID: 8, Name: "李四", IDNumber: id}, models.ECONFLICT},
		{"the same trainee updated", &models.Trainee{ID: 7, Name: "张三丰", IDNumber: id}, ""},
		{"another number", &models.Trainee{Name: "李四", IDNumber: other}, ""},
		{"no number", &models.Trainee{Name: "李四"}, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := training.CheckDuplicateIDNumber(tt.t, existing)
			wantCode(t, err, tt.code)
			if err == nil {
				return
			}
			wantMessage(t, err, "already exists: 张三 (no. 7)")
			if e := domainError(t, err); e.Field != "id_number" {
				t.Errorf("field %q", e.Field)
			}
			if strings.Contains(err.Error(), id) {
				t.Errorf("the error shows the ID number: %v", err)
			}
		})
	}
}

func TestServiceCreateTrainees(t *testing.T) {
	f := newFixture(t)
	existing := f.trainee("王芳")
	a := &models.Trainee{Name: "张三", IDNumber: f.nextIDNumber()}
	b := &models.Trainee{Name: "李四", IDNumber: f.nextIDNumber()}
	f.must(f.svc.Trainees.CreateTrainees(f.ctx, []*models.Trainee{a, b}))
	if a.ID == 0 || b.ID == 0 || a.Gender == "" {
		t.Fatalf("batch not stored or not validated: %+v %+v", a, b)
	}
	for _, q := range []string{"张三", "ls"} {
		if found, err := f.db.SearchTrainees(f.ctx, q, 5); err != nil || len(found) != 1 {
			t.Errorf("search %q after batch: %d found, %v", q, len(found), err)
		}
	}
	count := func() int {
		n, err := f.db.CountTrainees(f.ctx, models.TraineeFilter{})
		f.must(err)
		return n
	}
	before := count()
	cases := []struct {
		name  string
		batch func() []*models.Trainee
		code  string
		parts []string
	}{
		{"same ID number twice in the batch", func() []*models.Trainee {
			id := f.nextIDNumber()
			return []*models.Trainee{{Name: "赵一", IDNumber: id}, {Name: "赵二", IDNumber: id}}
		}, models.ECONFLICT, []string{"trainee 2 of 2 (赵二)", "appears twice", "赵一"}},
		{"ID number already stored", func() []*models.Trainee {
			return []*models.Trainee{{Name: "钱一", IDNumber: f.nextIDNumber()}, {Name: "钱二", IDNumber: existing.IDNumber}}
		}, models.ECONFLICT, []string{"trainee 2 of 2", "王芳"}},
		{"an invalid row stops the batch", func() []*models.Trainee {
			return []*models.Trainee{{Name: "孙一", IDNumber: f.nextIDNumber()}, {Name: "", IDNumber: f.nextIDNumber()}}
		}, models.EINVALID, []string{"trainee 2 of 2"}},
		{"a missing cohort", func() []*models.Trainee {
			return []*models.Trainee{{Name: "周一", IDNumber: f.nextIDNumber(), CohortID: 99}}
		}, models.EINVALID, []string{"cohort no. 99 does not exist"}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			batch := tc.batch()
			err := f.svc.Trainees.CreateTrainees(f.ctx, batch)
			wantCode(t, err, tc.code)
			wantMessage(t, err, tc.parts...)
			if n := count(); n != before {
				t.Errorf("%d trainees after a refused batch, want %d", n, before)
			}
			for _, tr := range batch {
				if tr.ID != 0 {
					t.Errorf("%s kept ID %d from a refused batch", tr.Name, tr.ID)
				}
			}
		})
	}
}
