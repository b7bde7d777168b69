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
