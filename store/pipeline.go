package store

import (
	"cmp"
	"context"
	"database/sql"
	"fmt"
	"maps"
	"slices"

	"peiyang/models"
)

// FindStageFacts gathers, for every trainee the filter selects (paging
// aside), what the pipeline rules need. It reads in one transaction: the
// selected trainees, then one aggregate query per kind of record (GROUP BY
// trainee), so its cost grows with the number of rows, not with lookups per
// trainee.
func (db *DB) FindStageFacts(ctx context.Context, f models.TraineeFilter) ([]models.StageFacts, error) {
	f.Page = models.Page{}
	var out []models.StageFacts
	err := db.View(ctx, func(ctx context.Context) error {
		var err error
		out, err = stageFacts(ctx, db.reader(ctx), traineeCond(f))
		return err
	})
	if err != nil {
		return nil, fmt.Errorf("store: find stage facts: %w", err)
	}
	return out, nil
}

// withRecords selects the IDs of the trainees with a record beyond their
// nomination (a completed course, a placement, a mentorship, a return, an
// election): a trainee outside it is at the first stage.
const withRecords = `SELECT trainee_id FROM enrolments WHERE status = ?
	UNION SELECT trainee_id FROM placements UNION SELECT trainee_id FROM mentorships
	UNION SELECT trainee_id FROM returns UNION SELECT trainee_id FROM elections`

// FindStageGroups gathers what the pipeline's counts need of the trainees
// the filter selects (paging aside), in one transaction: the facts of each
// trainee with a record beyond the nomination, one by one, and for the
// others, one entry per home city, county and cohort, with no record and
// Trainees set to how many trainees it stands for. Most trainees of a
// year are only nominated: the counts come from an aggregate query
// instead of a row each.
func (db *DB) FindStageGroups(ctx context.Context, f models.TraineeFilter) ([]models.StageFacts, error) {
	f.Page = models.Page{}
	var out []models.StageFacts
	err := db.View(ctx, func(ctx context.Context) error {
		q := db.reader(ctx)
		type key struct {
			city, county string
			cohort       int64
		}
		rest := map[key]int{}
		c := traineeCond(f)
		err := queryRows(ctx, q, `SELECT t.region_city, t.region_county, t.cohort_id, COUNT(*) FROM trainees t`+c.sql()+
			` GROUP BY t.region_city, t.region_county, t.cohort_id`, c.args, func(rows *sql.Rows) error {
			var k key
			var n int
			if err := rows.Scan(&k.city, &k.county, idCol{&k.cohort}, &n); err != nil {
				return err
			}
			rest[k] = n
			return nil
		})
		if err != nil {
			return err
		}
		c = traineeCond(f)
		c.and("t.id IN ("+withRecords+")", models.Completed)
		if out, err = stageFacts(ctx, q, c); err != nil {
			return err
		}
		for i := range out {
			out[i].Trainees = 1
			rest[key{out[i].HomeRegion.City, out[i].HomeRegion.County, out[i].CohortID}]--
		}
		keys := slices.SortedFunc(maps.Keys(rest), func(a, b key) int {
			return cmp.Or(cmp.Compare(a.city, b.city), cmp.Compare(a.county, b.county), cmp.Compare(a.cohort, b.cohort))
		})
		for _, k := range keys {
			if n := rest[k]; n > 0 {
				out = append(out, models.StageFacts{HomeRegion: models.Region{City: k.city, County: k.county}, CohortID: k.cohort, Trainees: n})
			}
		}
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("store: find stage groups: %w", err)
	}
	return out, nil
}

// stageFacts reads the facts of the trainees t the condition selects: the
// trainees, then one aggregate query per kind of record (GROUP BY
// trainee), so its cost grows with the number of rows, not with lookups
// per trainee.
func stageFacts(ctx context.Context, q querier, c *cond) ([]models.StageFacts, error) {
	out := []models.StageFacts{}
	index := map[int64]int{}
	err := queryRows(ctx, q, `SELECT t.id, `+regionColsOf("t.")+`, t.cohort_id FROM trainees t`+
		c.sql()+` ORDER BY t.id`, c.args, func(rows *sql.Rows) error {
		var s models.StageFacts
		dest := []any{&s.TraineeID}
		dest = append(dest, regionDest(&s.HomeRegion)...)
		dest = append(dest, idCol{&s.CohortID})
		if err := rows.Scan(dest...); err != nil {
			return err
		}
		index[s.TraineeID] = len(out)
		out = append(out, s)
		return nil
	})
	if err != nil || len(out) == 0 {
		return out, err
	}
	// each runs an aggregate query whose rows start with a trainee ID
	// and calls fn with the facts of each selected trainee.
	each := func(query string, args []any, fn func(s *models.StageFacts, rows *sql.Rows) error) error {
		return queryRows(ctx, q, query, args, func(rows *sql.Rows) error {
			var id int64
			var extra any
			if err := rows.Scan(&id, &extra); err != nil {
				return err
			}
			if i, ok := index[id]; ok {
				return fn(&out[i], rows)
			}
			return nil
		})
	}
	return out, runAll(
		func() error {
			return each(`SELECT e.trainee_id, c.theme FROM enrolments e JOIN courses c ON c.id = e.course_id
				WHERE e.status = ? ORDER BY e.trainee_id, c.theme`, []any{models.Completed},
				func(s *models.StageFacts, rows *sql.Rows) error {
					var id int64
					var th models.Theme
					if err := rows.Scan(&id, &th); err != nil {
						return err
					}
					s.CoursesDone++
					if n := len(s.Themes); n == 0 || s.Themes[n-1] != th {
						s.Themes = append(s.Themes, th)
					}
					return nil
				})
		},
		func() error {
			return each(`SELECT trainee_id, COUNT(*) FROM placements WHERE grade IN (?, ?, ?, ?)
				GROUP BY trainee_id`, []any{models.GradeNone, models.GradeExcellent, models.GradeGood, models.GradePass},
				func(s *models.StageFacts, _ *sql.Rows) error { s.Placed = true; return nil })
		},
		func() error {
			return each(`SELECT trainee_id, COUNT(*) FROM mentorships GROUP BY trainee_id`, nil,
				func(s *models.StageFacts, _ *sql.Rows) error { s.Mentored = true; return nil })
		},
		func() error {
			return each(`SELECT trainee_id, COUNT(*) FROM returns GROUP BY trainee_id`, nil,
				func(s *models.StageFacts, _ *sql.Rows) error { s.Returned = true; return nil })
		},
		func() error {
			return each(`SELECT trainee_id, COUNT(*) FROM elections WHERE result IN (?, ?) GROUP BY trainee_id`,
				[]any{models.Elected, models.Appointed},
				func(s *models.StageFacts, _ *sql.Rows) error { s.Elected = true; return nil })
		},
	)
}

// runAll runs the functions in order and stops at the first error.
func runAll(fns ...func() error) error {
	for _, fn := range fns {
		if err := fn(); err != nil {
			return err
		}
	}
	return nil
}

// regionColsOf is regionCols with a table prefix.
func regionColsOf(prefix string) string {
	return prefix + "region_province, " + prefix + "region_city, " + prefix + "region_county, " +
		prefix + "region_town, " + prefix + "region_village, " + prefix + "region_code"
}
