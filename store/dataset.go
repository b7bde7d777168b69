package store

import (
	"context"
	"encoding/json"
	"maps"
	"slices"
	"time"

	"peiyang/models"
)

// LoadDataset writes a whole dataset, whose records carry their IDs, in one
// transaction, and builds the trainee search index for it. It refuses a
// database that holds any record already (ECONFLICT). Records keep the
// timestamps they carry; zero ones are set to now. Settings are created or
// replaced.
func (db *DB) LoadDataset(ctx context.Context, ds *models.Dataset) error {
	return db.write(ctx, func(w *writeTx) error {
		empty, err := db.IsEmpty(w.ctx)
		if err != nil {
			return err
		}
		if !empty {
			return models.Errorf(models.ECONFLICT, "", "The database already holds data.")
		}
		l := loader{ctx: w.ctx, q: w, now: db.stamp(), regions: db.IsPostgres()}
		l.load(ds)
		if l.err != nil {
			return l.err
		}
		// In the order of their keys, so that the audit trail lists them
		// alike on every load.
		for _, k := range slices.Sorted(maps.Keys(ds.Settings)) {
			if err := w.setSetting(k, ds.Settings[k]); err != nil {
				return err
			}
		}
		if err := db.syncIDs(w.ctx, w.q); err != nil {
			return err
		}
		return w.event("load", "dataset", "", datasetSummary(ds))
	})
}

// loader writes records with prepared statements and keeps the first error.
type loader struct {
	ctx context.Context
	q   querier
	now time.Time
	err error
	// regions says that the search keys carry their trainee's home city
	// (PostgreSQL, indexRows).
	regions bool
}

// each writes the items, many rows a statement (insertRows), unless an
// earlier step failed.
func each[T any](l *loader, what, query string, items []T, args func(T) []any) {
	if l.err != nil || len(items) == 0 {
		return
	}
	err := insertRows(l.ctx, l.q, query, "", len(items), func(i int) []any { return args(items[i]) })
	if err != nil {
		l.err = dbErr("load "+what, err)
	}
}

// ts returns a record's stored timestamp, now when it has none.
func (l *loader) ts(t time.Time) string {
	if t.IsZero() {
		return formatTime(l.now)
	}
	return formatTime(t)
}

// load writes the dataset's records, parents before children.
func (l *loader) load(ds *models.Dataset) {
	l.loadPeople(ds)
	l.loadCourses(ds)
	l.loadFollowUp(ds)
}

// loadPeople writes the organisations, programmes, cohorts, instructors and
// trainees, with the trainees' search keys.
func (l *loader) loadPeople(ds *models.Dataset) {
	each(l, "organisations", `INSERT INTO organisations (id, name, kind, `+regionCols+`, region_text,
		key_village, placement_capacity, contact_person, contact_phone, created_at, updated_at)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`, ds.Organisations, func(o *models.Organisation) []any {
		return append(append([]any{o.ID}, organisationArgs(o)...), l.ts(o.CreatedAt), l.ts(o.UpdatedAt))
	})
	each(l, "programmes", `INSERT INTO programmes (id, name, inflow_org_id, signed_on, notes, created_at,
		updated_at) VALUES (?, ?, ?, ?, ?, ?, ?)`, ds.Programmes, func(p *models.Programme) []any {
		return []any{p.ID, p.Name, p.InflowOrgID, p.SignedOn, p.Notes, l.ts(p.CreatedAt), l.ts(p.UpdatedAt)}
	})
	type child struct {
		parent int64
		value  any
		pos    int
	}
	var outflow, themes []child
	for _, p := range ds.Programmes {
		for i, id := range p.OutflowOrgIDs {
			outflow = append(outflow, child{p.ID, id, i})
		}
	}
	each(l, "programme outflow organisations", `INSERT INTO programme_outflow_orgs (programme_id, org_id,
		position) VALUES (?, ?, ?)`, outflow, func(c child) []any { return []any{c.parent, c.value, c.pos} })
	each(l, "cohorts", `INSERT INTO cohorts (id, programme_id, year, name, target_trainees, created_at,
		updated_at) VALUES (?, ?, ?, ?, ?, ?, ?)`, ds.Cohorts, func(c *models.Cohort) []any {
		return []any{c.ID, c.ProgrammeID, c.Year, c.Name, c.TargetTrainees, l.ts(c.CreatedAt), l.ts(c.UpdatedAt)}
	})
	each(l, "instructors", `INSERT INTO instructors (id, name, position, organisation, phone, `+regionCols+`,
		max_mentees, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
		ds.Instructors, func(i *models.Instructor) []any {
			return append(append([]any{i.ID}, instructorArgs(i)...), l.ts(i.CreatedAt), l.ts(i.UpdatedAt))
		})
	for _, i := range ds.Instructors {
		for n, t := range i.Themes {
			themes = append(themes, child{i.ID, t, n})
		}
	}
	each(l, "instructor themes", `INSERT INTO instructor_themes (instructor_id, theme, position)
		VALUES (?, ?, ?)`, themes, func(c child) []any { return []any{c.parent, c.value, c.pos} })
	each(l, "trainees", `INSERT INTO trainees (id, `+traineeInsertCols+`)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
		ds.Trainees, func(t *models.Trainee) []any {
			return append(append([]any{t.ID}, traineeArgs(t)...), l.ts(t.CreatedAt), l.ts(t.UpdatedAt))
		})
	if l.err == nil {
		if err := insertSearchRows(l.ctx, l.q, indexRows(ds.Trainees, l.regions), true); err != nil {
			l.err = err
		}
	}
}

// loadCourses writes the courses, their sessions, enrolments, attendance
// and certificates.
func (l *loader) loadCourses(ds *models.Dataset) {
	each(l, "courses", `INSERT INTO courses (id, theme, title, cohort_id, start_date, end_date, venue,
		capacity, required_hours, min_attendance_rate, min_hours, pass_score, require_placement, status,
		created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
		ds.Courses, func(c *models.Course) []any {
			return append(append([]any{c.ID}, courseArgs(c)...), l.ts(c.CreatedAt), l.ts(c.UpdatedAt))
		})
	each(l, "sessions", `INSERT INTO sessions (id, course_id, date, start_minute, end_minute, venue,
		instructor_id, topic, hours) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`, ds.Sessions, func(s *models.Session) []any {
		return append([]any{s.ID}, sessionArgs(s)...)
	})
	each(l, "enrolments", `INSERT INTO enrolments (id, course_id, trainee_id, status, wait_position,
		score, reason, enrolled_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
		ds.Enrolments, func(e *models.Enrolment) []any {
			return []any{e.ID, e.CourseID, e.TraineeID, e.Status, e.WaitPosition, scoreArg(e.Score), e.Reason,
				l.ts(e.EnrolledAt), l.ts(e.UpdatedAt)}
		})
	each(l, "attendance", `INSERT INTO attendance (session_id, trainee_id, status, recorded_at)
		VALUES (?, ?, ?, ?)`, ds.Attendance, func(a *models.Attendance) []any {
		return []any{a.SessionID, a.TraineeID, a.Status, l.ts(a.RecordedAt)}
	})
	each(l, "certificates", `INSERT INTO certificates (id, serial, year, seq, trainee_id, course_id, hours,
		issued_on, status, void_reason, replaced_by, replaces, created_at, updated_at)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`, ds.Certificates, func(c *models.Certificate) []any {
		return append(append([]any{c.ID}, certificateArgs(c)...), l.ts(c.CreatedAt), l.ts(c.UpdatedAt))
	})
}

// loadFollowUp writes the placements, mentorships and their contacts,
// returns and elections.
func (l *loader) loadFollowUp(ds *models.Dataset) {
	each(l, "placements", `INSERT INTO placements (id, trainee_id, village_id, start_date, end_date,
		supervisor, grade, comment, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
		ds.Placements, func(p *models.Placement) []any {
			return append(append([]any{p.ID}, placementArgs(p)...), l.ts(p.CreatedAt), l.ts(p.UpdatedAt))
		})
	each(l, "mentorships", `INSERT INTO mentorships (id, mentor_id, trainee_id, start_date, end_date,
		goals, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)`, ds.Mentorships, func(m *models.Mentorship) []any {
		return []any{m.ID, m.MentorID, m.TraineeID, m.StartDate, m.EndDate, m.Goals, l.ts(m.CreatedAt), l.ts(m.UpdatedAt)}
	})
	each(l, "contacts", `INSERT INTO contacts (id, mentorship_id, date, mode, summary, created_at)
		VALUES (?, ?, ?, ?, ?, ?)`, ds.Contacts, func(c *models.Contact) []any {
		return []any{c.ID, c.MentorshipID, c.Date, c.Mode, c.Summary, l.ts(c.CreatedAt)}
	})
	each(l, "returns", `INSERT INTO returns (id, trainee_id, village_id, return_date, post, notes, created_at,
		updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)`, ds.Returns, func(r *models.Return) []any {
		return []any{r.ID, r.TraineeID, r.VillageID, r.ReturnDate, r.Post, r.Notes, l.ts(r.CreatedAt), l.ts(r.UpdatedAt)}
	})
	returnTrainee := make(map[int64]int64, len(ds.Returns))
	for _, r := range ds.Returns {
		returnTrainee[r.ID] = r.TraineeID
	}
	each(l, "elections", `INSERT INTO elections (id, return_id, trainee_id, date, committee, post, result,
		term_years, votes, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`, ds.Elections, func(e *models.Election) []any {
		if e.TraineeID == 0 {
			e.TraineeID = returnTrainee[e.ReturnID]
		}
		return []any{e.ID, e.ReturnID, e.TraineeID, e.Date, e.Committee, e.Post, e.Result, e.TermYears,
			votesArg(e.Votes), l.ts(e.CreatedAt), l.ts(e.UpdatedAt)}
	})
}

// datasetSummary is the audit entry's detail for a loaded dataset: how many
// records of each kind.
func datasetSummary(ds *models.Dataset) string {
	b, err := json.Marshal(map[string]int{
		"organisations": len(ds.Organisations), "programmes": len(ds.Programmes),
		"cohorts": len(ds.Cohorts), "instructors": len(ds.Instructors), "trainees": len(ds.Trainees),
		"courses": len(ds.Courses), "sessions": len(ds.Sessions), "enrolments": len(ds.Enrolments),
		"attendance": len(ds.Attendance), "placements": len(ds.Placements),
		"mentorships": len(ds.Mentorships), "contacts": len(ds.Contacts), "returns": len(ds.Returns),
		"elections": len(ds.Elections), "certificates": len(ds.Certificates), "settings": len(ds.Settings),
	})
	if err != nil {
		return "{}"
	}
	return string(b)
}
