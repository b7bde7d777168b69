package imports

import (
	"encoding/csv"
	"fmt"
	"strings"
	"testing"

	"peiyang/internal/hostile"
	"peiyang/models"
	"peiyang/sheets"
)

// hostileHeader is a trainee list with every free-text column.
var hostileHeader = []string{"序号", "姓名", "身份证号", "手机", "户籍地", "入党时间", "所在党支部", "工作单位", "备注"}

func hostileCSV(t *testing.T, rows ...[]string) []byte {
	t.Helper()
	var b strings.Builder
	w := csv.NewWriter(&b)
	if err := w.WriteAll(append([][]string{hostileHeader}, rows...)); err != nil {
		t.Fatal(err)
	}
	return []byte(b.String())
}

// Every hostile value, in every column of a CSV and (where a workbook can
// hold it) an XLSX, is either refused with a message on its row or stored
// and read back unchanged; nothing crashes, and a refused file adds
// nobody.
func TestHostileImport(t *testing.T) {
	f := newFixture(t)
	id := idn("51062319880215123")
	for i, c := range hostile.Cases() {
		t.Run(c.Name, func(t *testing.T) {
			before := f.count()
			// Everywhere, the ID number included: refused.
			all := []string{"1", c.Value, c.Value, c.Value, c.Value, c.Value, c.Value, c.Value, c.Value}
			rep, err := f.im.ImportTrainees(f.ctx, f.file(fmt.Sprintf("all%d.csv", i), hostileCSV(t, all)), TraineeOptions{})
			if err == nil {
				t.Fatalf("a row with %q as its ID number was imported: %+v", c.Value, rep)
			}
			if msg := models.ErrorMessage(err); msg == "" {
				t.Fatalf("no message: %v", err)
			}
			if f.count() != before {
				t.Fatalf("a refused import added trainees")
			}

			// In every free-text column beside a valid ID number.
			row := []string{"1", c.Value, id, "13812345678", c.Value, "", c.Value, c.Value, c.Value}
			files := []string{f.file(fmt.Sprintf("text%d.csv", i), hostileCSV(t, row))}
			if !c.Control {
				cells := make([]any, len(row))
				heads := make([]any, len(hostileHeader))
				for j := range row {
					cells[j], heads[j] = row[j], hostileHeader[j]
				}
				files = append(files, f.xlsx(fmt.Sprintf("text%d.xlsx", i), [][]any{heads, cells}))
			}
			for _, p := range files {
				before := f.count()
				rep, err := f.im.ImportTrainees(f.ctx, p, TraineeOptions{})
				if err != nil {
					// Refused: with a problem on the row, or for the whole
					// file (invalid UTF-8 makes the file read as GB18030,
					// and then no header is found).
					msg := models.ErrorMessage(err)
					if rep != nil && len(rep.Problems) > 0 {
						msg = rep.Problems[0].Message
					}
					if msg == "" {
						t.Fatalf("%s refused without a message: %v %+v", p, err, rep)
					}
					if f.count() != before {
						t.Fatalf("%s: a refused import added trainees", p)
					}
					t.Logf("%s refused: %s", p[strings.LastIndex(p, "."):], msg)
					continue
				}
				if f.count() != before+1 {
					t.Fatalf("%s: imported, but %d trainees after %d", p, f.count(), before)
				}
				tr := traineeWithID(t, f, id)
				// The reader cleans every cell: white space runs, line
				// breaks included, become one space (sheets.Clean).
				want := sheets.Clean(c.Value)
				if tr.Notes != want || tr.Employer != want || tr.Branch != want {
					t.Errorf("%s: stored notes %q, employer %q, branch %q; want %q", p, tr.Notes, tr.Employer, tr.Branch, want)
				}
				t.Logf("%s stored; name read back as %q", p[strings.LastIndex(p, "."):], tr.Name)
				// Make room for the next file's trainee with the same ID.
				if err := f.db.DeleteTrainee(f.ctx, tr.ID); err != nil {
					t.Fatal(err)
				}
			}
		})
	}
}

// traineeWithID returns the stored trainee with the ID number.
func traineeWithID(t *testing.T, f *fixture, id string) *models.Trainee {
	t.Helper()
	got, err := f.db.FindTrainees(f.ctx, models.TraineeFilter{IDNumber: id})
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != 1 {
		t.Fatalf("%d trainees with the imported ID number", len(got))
	}
	return got[0]
}
