// Package exports writes Peiyang's lists as styled .xlsx workbooks (a
// bold, shaded, frozen header row, fitted column widths, dates as dates):
// trainees with filters, a course's roster and attendance grid,
// placements, mentors, returns and elections, and the feedback package of
// one outflow region, a workbook of its members' records with, when the
// caller supplies it, the region's outcome report as a PDF.
//
// ID numbers, phone numbers and birth dates are masked by the policy
// (models.Trainee.Masked: birth dates to the month) unless Options.FullIDs
// is set.
// Files are written atomically, private (internal/private). Column headers are Chinese,
// as the people who open the files expect, and the trainee list and the
// attendance grid read back in through the imports package.
package exports

import (
	"context"
	"fmt"
	"time"

	"peiyang/models"
	"peiyang/sheets"
	"peiyang/training"
)

// Options tune every export.
type Options struct {
	FullIDs bool // write ID numbers and phones unmasked
}

// Exporter reads the store and writes workbooks.
type Exporter struct {
	svc *training.Service
	now func() time.Time

	orgs    map[int64]string
	cohorts map[int64]string
}

// New returns an Exporter that reads through the service; now is the
// clock of "today" (nil: time.Now).
func New(svc *training.Service, now func() time.Time) *Exporter {
	if now == nil {
		now = time.Now
	}
	return &Exporter{svc: svc, now: now, orgs: map[int64]string{}, cohorts: map[int64]string{}}
}

func (x *Exporter) today() models.Date { return models.DateOf(x.now().Local()) }

// pageSize is how many records a list reads at a time.
const pageSize = 5000

// ids returns the ID number and phone as the options allow: masked by the
// policy (models.Trainee.Masked) unless FullIDs is set.
func (o Options) ids(t *models.Trainee) (string, string) {
	m := t.MaskedUnless(o.FullIDs)
	return m.IDNumber, m.Phone
}

// orgName returns an organisation's name, read once.
func (x *Exporter) orgName(ctx context.Context, id int64) (string, error) {
	if id == 0 {
		return "", nil
	}
	if n, ok := x.orgs[id]; ok {
		return n, nil
	}
	o, err := x.svc.Trainees.FindOrganisationByID(ctx, id)
	if err != nil {
		return "", err
	}
	x.orgs[id] = o.Name
	return o.Name, nil
}

func (x *Exporter) cohortName(ctx context.Context, id int64) (string, error) {
	if id == 0 {
		return "", nil
	}
	if n, ok := x.cohorts[id]; ok {
		return n, nil
	}
	c, err := x.svc.Trainees.FindCohortByID(ctx, id)
	if err != nil {
		return "", err
	}
	x.cohorts[id] = c.Name
	return c.Name, nil
}

// traineesByID reads the trainees, in batches.
func (x *Exporter) traineesByID(ctx context.Context, ids []int64) (map[int64]*models.Trainee, error) {
	out := make(map[int64]*models.Trainee, len(ids))
	var need []int64
	seen := map[int64]bool{}
	for _, id := range ids {
		if !seen[id] {
			seen[id] = true
			need = append(need, id)
		}
	}
	for len(need) > 0 {
		n := min(len(need), 500)
		ts, err := x.svc.Trainees.FindTrainees(ctx, models.TraineeFilter{IDs: need[:n]})
		if err != nil {
			return nil, err
		}
		for _, t := range ts {
			out[t.ID] = t
		}
		need = need[n:]
	}
	return out, nil
}

// save writes the workbook, wrapping errors with the export's name.
func save(w *sheets.Workbook, what, path string) error {
	if err := w.Save(path); err != nil {
		return fmt.Errorf("exports: %s: %w", what, err)
	}
	return nil
}

// term is a glossary term's Chinese, for headers.
func term(key string) string { return models.Term(key).Zh }

// markLabel is a sign-in as attendance sheets write it; every other value
// is written in the glossary's words (models' Chinese methods).
var markLabel = map[models.AttendanceStatus]string{models.Present: "√", models.Late: "迟到",
	models.Excused: "请假", models.Absent: "×"}
