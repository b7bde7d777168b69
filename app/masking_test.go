package app

import (
	"strings"
	"testing"

	"fyne.io/fyne/v2/widget"

	"peiyang/internal/idattack"
	"peiyang/models"
)

// TestWindowCannotRebuildIDNumbers plays the attacker (internal/idattack)
// against the trainee screen before Reveal: each row of the table and the
// detail pane of the first rows, every text they show. For no trainee may
// what they show together leave a single full ID number.
func TestWindowCannotRebuildIDNumbers(t *testing.T) {
	e, s := traineesEnv(t, LangChinese)
	var people []idattack.Person
	for _, tr := range demoData(t).Trainees {
		people = append(people, idattack.Person{Name: tr.Name, IDNumber: tr.IDNumber, Joined: tr.JoinedParty})
	}
	a, err := idattack.New(people, models.DateOf(fixedNow))
	if err != nil {
		t.Fatal(err)
	}
	n := s.rows.count()
	if n < 100 {
		t.Fatalf("the table shows %d rows", n)
	}
	// The rows are read on the window's thread, as the table reads them:
	// their pages arrive there (reading them from the test's goroutine
	// raced with the pages' arrival).
	e.act(func() {
		for row := 0; row < n; row++ {
			s.rows.at(row) // asks for the pages not read yet
		}
	})
	loaded := 0
	e.act(func() {
		for row := 0; row < n; row++ {
			if s.rows.at(row) == nil {
				continue // not read yet
			}
			loaded++
			var cells []string
			for col := range s.columns() {
				cells = append(cells, cellText(s, row, col))
			}
			a.Read("table", strings.Join(cells, "  "))
		}
	})
	for row := 0; row < 40; row++ {
		e.act(func() { s.table.Select(widget.TableCellID{Row: row, Col: 0}) })
		d := s.detail
		if d.rec == nil || d.rec.Trainee.ID != s.rows.at(row).ID {
			t.Fatalf("the detail does not show row %d", row)
		}
		if d.revealed {
			t.Fatal("the detail opened revealed")
		}
		a.Read("detail pane", strings.Join(texts(d.box), "\n"))
	}
	weakest := a.Weakest(len(people), 10000)
	if loaded < 100 || a.Named() < loaded*9/10 || len(weakest) == 0 {
		t.Fatalf("the window named %d trainees in %d rows", a.Named(), loaded)
	}
	for _, r := range weakest {
		if r.Candidates <= 1 {
			t.Errorf("%s: the window leaves %d candidate: %s", r.Person.Name, r.Candidates, r.Knowledge)
		}
		// The policy shows birth dates to the month.
		if r.Knowledge.Birth > idattack.Month {
			t.Errorf("%s: the window shows the full birth date (%s)", r.Person.Name, r.Knowledge)
		}
	}
	t.Logf("%d trainees named; the fewest candidates: %d (%s)", a.Named(), weakest[0].Candidates, weakest[0].Knowledge)
}
