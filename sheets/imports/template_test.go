package imports

import (
	"path/filepath"
	"slices"
	"testing"

	"github.com/xuri/excelize/v2"

	"peiyang/models"
)

// TestTemplateImportsBack: the trainee list's template holds every
// column the import knows, an example row and the fixed lists; imported
// as it is, its example row is taken in.
func TestTemplateImportsBack(t *testing.T) {
	f := newFixture(t)
	path := filepath.Join(t.TempDir(), "模板.xlsx")
	if err := WriteTemplate("trainees", path); err != nil {
		t.Fatal(err)
	}
	x, err := excelize.OpenFile(path)
	if err != nil {
		t.Fatal(err)
	}
	defer x.Close()
	rows, err := x.GetRows(x.GetSheetName(0))
	if err != nil || len(rows) != 2 {
		t.Fatalf("%d rows (%v)", len(rows), err)
	}
	for _, f := range TraineeFields {
		if !f.Ignore && !slices.Contains(notesFields, f.Key) && !slices.Contains(rows[0], f.Label) {
			t.Errorf("the template lacks the column %s", f.Label)
		}
	}
	dvs, err := x.GetDataValidations(x.GetSheetName(0))
	if err != nil || len(dvs) != len(templateLists) {
		t.Errorf("%d drop-down lists (%v), want %d", len(dvs), err, len(templateLists))
	}
	rep, err := f.im.ImportTrainees(f.ctx, path, TraineeOptions{})
	if err != nil {
		t.Fatalf("%v\n%s", err, dumpProblems(rep))
	}
	if rep.Imported != 1 || f.count() != 1 {
		t.Fatalf("imported %d, %d in the store\n%s", rep.Imported, f.count(), dumpProblems(rep))
	}
	got, err := f.svc.Trainees.FindTrainees(f.ctx, models.TraineeFilter{})
	if err != nil || len(got) != 1 || got[0].Name != templateExample["name"] || got[0].Gender != models.Male || !got[0].KeyTarget {
		t.Errorf("stored %+v (%v)", got, err)
	}
	if err := WriteTemplate("sessions", filepath.Join(t.TempDir(), "x.xlsx")); models.ErrorCode(err) != models.EINVALID {
		t.Errorf("a template of a kind without one: %v", err)
	}
}
