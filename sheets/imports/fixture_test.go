package imports

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"

	"peiyang/models"
	"peiyang/store"
	"peiyang/training"
)

// fixedNow is the clock of the tests: 2025-06-15 10:00 local time.
var fixedNow = time.Date(2025, 6, 15, 10, 0, 0, 0, time.Local)

type fixture struct {
	t   *testing.T
	ctx context.Context
	db  *store.DB
	svc *training.Service
	im  *Importer
	dir string
}

func newFixture(t *testing.T) *fixture {
	t.Helper()
	dir := t.TempDir()
	db, err := store.Open(filepath.Join(dir, "peiyang.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	now := func() time.Time { return fixedNow }
	svc := training.New(db, training.WithClock(now))
	return &fixture{t: t, ctx: context.Background(), db: db, svc: svc, im: New(svc, now), dir: dir}
}

// idn completes 17 digits with their check character.
func idn(first17 string) string { return first17 + string(models.IDCheckChar(first17)) }

func (f *fixture) file(name string, data []byte) string {
	f.t.Helper()
	p := filepath.Join(f.dir, name)
	if err := os.WriteFile(p, data, 0o600); err != nil {
		f.t.Fatal(err)
	}
	return p
}

// xlsx writes a workbook whose first sheet holds the rows; cells of
// float64 are numbers, others text.
func (f *fixture) xlsx(name string, rows [][]any, merges ...[2]string) string {
	f.t.Helper()
	x := excelize.NewFile()
	defer x.Close()
	for i, r := range rows {
		cell, _ := excelize.CoordinatesToCellName(1, i+1)
		if err := x.SetSheetRow("Sheet1", cell, &r); err != nil {
			f.t.Fatal(err)
		}
	}
	for _, m := range merges {
		if err := x.MergeCell("Sheet1", m[0], m[1]); err != nil {
			f.t.Fatal(err)
		}
	}
	p := filepath.Join(f.dir, name)
	if err := x.SaveAs(p); err != nil {
		f.t.Fatal(err)
	}
	return p
}

func (f *fixture) count() int {
	f.t.Helper()
	n, err := f.db.CountTrainees(f.ctx, models.TraineeFilter{})
	if err != nil {
		f.t.Fatal(err)
	}
	return n
}

func (f *fixture) org(name string) *models.Organisation {
	f.t.Helper()
	o := &models.Organisation{Name: name, Kind: models.OrgOutflow}
	if err := f.db.CreateOrganisation(f.ctx, o); err != nil {
		f.t.Fatal(err)
	}
	return o
}

func (f *fixture) trainee(name, id string) *models.Trainee {
	f.t.Helper()
	tr := &models.Trainee{Name: name, IDNumber: id}
	if err := f.svc.Trainees.CreateTrainee(f.ctx, tr); err != nil {
		f.t.Fatal(err)
	}
	return tr
}

// hasProblem reports whether the report has a problem on the row whose
// column and message contain the texts.
func hasProblem(rep *Report, row int, column, msgPart string) bool {
	for _, p := range rep.Problems {
		if p.Row == row && p.Column == column && strings.Contains(p.Message, msgPart) {
			return true
		}
	}
	return false
}

func dumpProblems(rep *Report) string {
	var b strings.Builder
	for _, p := range rep.Problems {
		b.WriteString("\n  " + p.String())
	}
	return b.String()
}
