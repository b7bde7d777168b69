package imports

import (
	"testing"

	"peiyang/internal/hostile"
	"peiyang/models"
)

// A formula in the name or ID number column refuses the row; a formula
// elsewhere is taken with a warning; either way the report says so.
func TestImportReportsFormulaCells(t *testing.T) {
	f := newFixture(t)
	path := f.file("formulas.xlsx", hostile.FormulaXLSX())
	rep, err := f.im.ImportTrainees(f.ctx, path, TraineeOptions{})
	if models.ErrorCode(err) != models.EINVALID {
		t.Fatalf("err = %v", err)
	}
	if !hasProblem(rep, 2, "姓名", "formula") || !hasProblem(rep, 3, "身份证号", "formula") {
		t.Fatalf("formula name or ID number not refused:%s", dumpProblems(rep))
	}
	if rep.Rejected != 2 || rep.Valid != 1 {
		t.Errorf("rejected %d valid %d", rep.Rejected, rep.Valid)
	}
	warned := map[int]bool{}
	for _, w := range rep.Warnings {
		if w.Key == MsgFormulaTaken && w.Column == "备注" {
			warned[w.Row] = true
		}
	}
	if !warned[2] || !warned[4] {
		t.Errorf("formula notes not reported: %+v", rep.Warnings)
	}
	rep, err = f.im.ImportTrainees(f.ctx, path, TraineeOptions{SkipInvalid: true})
	if err != nil || rep.Imported != 1 || f.count() != 1 {
		t.Fatalf("skip invalid: %+v %v", rep, err)
	}
}
