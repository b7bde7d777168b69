package store

import (
	"context"
	"database/sql"
	"fmt"

	"peiyang/models"
)

// FindStageFacts gathers, for every trainee the filter selects (paging
// aside), what the pipeline rules need, in two aggregate queries read in one
// transaction: the facts, then the themes of completed courses.
func (db *DB) FindStageFacts(ctx context.Context, f models.TraineeFilter) ([]models.StageFacts, error) {
	f.Page = models.Page{}
	var out []models.StageFacts
	err := db.View(ctx, func(ctx context.Context) error {
		q := db.reader(ctx)
		c := traineeCond(f)
		args := append([]any{
			models.Completed,
			models.GradeNone, models.GradeExcellent, models.GradeGood, models.GradePass,
			models.Elected, models.Appointed,
		}, c.args...)
		index := map[int64]int{}
		err := queryRows(ctx, q, `SELECT t.id, `+regionColsOf("t.")+`, t.cohort_id,
			(SELECT COUNT(*) FROM enrolments e WHERE e.trainee_id = t.id AND e.status = ?),
			EXISTS (SELECT 1 FROM placements p WHERE p.trainee_id = t.id AND p.grade IN (?, ?, ?, ?)),
			EXISTS (SELECT 1 FROM mentorships m WHERE m.trainee_id = t.id),
			EXISTS (SELECT 1 FROM returns r WHERE r.trainee_id = t.id),
			EXISTS (SELECT 1 FROM elections x WHERE x.trainee_id = t.id AND x.result IN (?, ?))
			FROM trainees t`+c.sql()+` ORDER BY t.id`, args, func(rows *sql.Rows) error {
			var s models.StageFacts
			dest := []any{&s.TraineeID}
			dest = append(dest, regionDest(&s.HomeRegion)...)
			dest = append(dest, idCol{&s.CohortID}, &s.CoursesDone, &s.Placed, &s.Mentored, &s.Returned, &s.Elected)
			if err := rows.Scan(dest...); err != nil {
				return err
			}
			index[s.TraineeID] = len(out)
			out = append(out, s)
			return nil
		})
		if err != nil {
			return err
		}
		if len(out) == 0 {
			return nil
		}
		args = append([]any{models.Completed}, c.args...)
		return queryRows(ctx, q, `SELECT e.trainee_id, c.theme FROM enrolments e
			JOIN courses c ON c.id = e.course_id
			JOIN trainees t ON t.id = e.trainee_id
			WHERE e.status = ?`+andWhere(c)+`
			GROUP BY e.trainee_id, c.theme ORDER BY e.trainee_id, c.theme`, args, func(rows *sql.Rows) error {
			var id int64
			var th models.Theme
			if err := rows.Scan(&id, &th); err != nil {
				return err
			}
			if i, ok := index[id]; ok {
				out[i].Themes = append(out[i].Themes, th)
			}
			return nil
		})
	})
	if err != nil {
		return nil, fmt.Errorf("store: find stage facts: %w", err)
	}
	if out == nil {
		out = []models.StageFacts{}
	}
	return out, nil
}

// regionColsOf is regionCols with a table prefix.
func regionColsOf(prefix string) string {
	return prefix + "region_province, " + prefix + "region_city, " + prefix + "region_county, " +
		prefix + "region_town, " + prefix + "region_village, " + prefix + "region_code"
}

// andWhere returns " AND a AND b" for the conditions, or "".
func andWhere(c *cond) string {
	s := c.sql()
	if s == "" {
		return ""
	}
	return " AND " + s[len(" WHERE "):]
}
