package training

import (
	"context"
	"fmt"

	"peiyang/models"
)

// Trainees: taking them in (one or a whole import batch) with no two
// sharing an ID number, search and counts, stages, and retention.

// InactiveTrainees returns the IDs of the trainees, not yet de-identified,
// with no activity since before the day, by ID.
func (s *TraineeService) InactiveTrainees(ctx context.Context, before models.Date) ([]int64, error) {
	ids, err := s.store.Inactive(ctx, before)
	return ids, wrap("inactive trainees", err)
}

// DeidentifyTrainees removes the trainees' ID numbers, phones and birth
// dates, keeping their names, regions, courses and outcomes; in one
// transaction, each change in the audit trail; then it scrubs the database
// file of them (with no trainees, it only scrubs). An ECONFLICT error with
// MsgRetentionIncomplete means the change stands but the file could not be
// scrubbed yet.
func (s *TraineeService) DeidentifyTrainees(ctx context.Context, ids []int64) error {
	return wrap("de-identify", s.store.Deidentify(ctx, ids))
}

// SearchTrainees finds trainees by a name substring, pinyin, initials, or
// an ID number or phone fragment; at most limit of them, best first.
func (s *TraineeService) SearchTrainees(ctx context.Context, query string, limit int) ([]*models.Trainee, error) {
	ts, err := s.store.SearchTrainees(ctx, query, limit)
	return ts, wrap("search trainees", err)
}

// CountTrainees counts the trainees the filter selects.
func (s *TraineeService) CountTrainees(ctx context.Context, f models.TraineeFilter) (int, error) {
	n, err := s.store.CountTrainees(ctx, f)
	return n, wrap("count trainees", err)
}

// FindTrainees returns the trainees the filter selects, by ID; page with
// the filter's AfterID and Limit.
func (s *TraineeService) FindTrainees(ctx context.Context, f models.TraineeFilter) ([]*models.Trainee, error) {
	ts, err := s.store.FindTrainees(ctx, f)
	return ts, wrap("find trainees", err)
}

// FindTraineeByID returns one trainee, or ENOTFOUND.
func (s *TraineeService) FindTraineeByID(ctx context.Context, id int64) (*models.Trainee, error) {
	t, err := s.store.FindTraineeByID(ctx, id)
	return t, wrap("find trainee", err)
}

// Stages returns the pipeline stage of every trainee the filter selects
// (paging aside), by trainee ID.
func (s *TraineeService) Stages(ctx context.Context, f models.TraineeFilter) (map[int64]models.Stage, error) {
	facts, err := s.store.FindStageFacts(ctx, f)
	if err != nil {
		return nil, wrap("stages", err)
	}
	out := make(map[int64]models.Stage, len(facts))
	for _, fa := range facts {
		out[fa.TraineeID] = StageOf(fa)
	}
	return out, nil
}

// CheckDuplicateIDNumber refuses t when another trainee (one with a
// different ID) among existing has the same resident ID number. The error
// is ECONFLICT on the field id_number and names the existing trainee, never
// the ID number itself. t's ID number must already be normalised.
func CheckDuplicateIDNumber(t *models.Trainee, existing []*models.Trainee) error {
	for _, o := range existing {
		if o.ID != t.ID && o.IDNumber == t.IDNumber && t.IDNumber != "" {
			return conflict("id_number", "A trainee with this ID number already exists: {{.Name}} (no. {{.ID}}).", "Name", o.Name, "ID", o.ID)
		}
	}
	return nil
}

// CreateTrainee takes a trainee into the programme: it validates the
// trainee against today's date, refuses a second trainee with the same ID
// number and checks that the nominating organisation and the cohort, when
// set, exist.
func (s *TraineeService) CreateTrainee(ctx context.Context, t *models.Trainee) error {
	return s.update(ctx, "create trainee", func(ctx context.Context) error {
		if err := s.checkTrainee(ctx, t); err != nil {
			return err
		}
		return s.store.CreateTrainee(ctx, t)
	})
}

// CreateTrainees takes many trainees into the programme at once, as an
// import does, under the same rules as CreateTrainee: every trainee is
// validated, an ID number that is already stored or appears twice in ts is
// refused, and the organisations and cohorts referred to must exist. Either
// all are stored or none; the error names the trainee's position in ts
// (counted from 1).
func (s *TraineeService) CreateTrainees(ctx context.Context, ts []*models.Trainee) error {
	return s.update(ctx, "create trainees", func(ctx context.Context) error {
		at := func(i int, err error) error {
			return fmt.Errorf("trainee %d of %d (%s): %w", i+1, len(ts), ts[i].Name, err)
		}
		seen := make(map[string]int, len(ts))
		for i, t := range ts {
			if err := t.Validate(s.today()); err != nil {
				return at(i, err)
			}
			if first, ok := seen[t.IDNumber]; ok {
				return at(i, conflict("id_number", "The ID number appears twice in the list: {{.First}} and {{.Second}}.",
					"First", ts[first].Name, "Second", t.Name))
			}
			seen[t.IDNumber] = i
		}
		if err := s.checkStoredIDNumbers(ctx, ts, seen, at); err != nil {
			return err
		}
		if err := s.checkBatchRefs(ctx, ts, at); err != nil {
			return err
		}
		return s.store.CreateTrainees(ctx, ts)
	})
}

// checkStoredIDNumbers refuses the batch when a trainee's ID number is
// already stored, looking them up a few hundred at a time.
func (s *rules) checkStoredIDNumbers(ctx context.Context, ts []*models.Trainee, index map[string]int, at func(int, error) error) error {
	const chunk = 500
	for start := 0; start < len(ts); start += chunk {
		nums := make([]string, 0, chunk)
		for _, t := range ts[start:min(start+chunk, len(ts))] {
			nums = append(nums, t.IDNumber)
		}
		found, err := s.store.FindTrainees(ctx, models.TraineeFilter{IDNumbers: nums})
		if err != nil {
			return err
		}
		for _, o := range found {
			i := index[o.IDNumber]
			if err := CheckDuplicateIDNumber(ts[i], []*models.Trainee{o}); err != nil {
				return at(i, err)
			}
		}
	}
	return nil
}

// checkBatchRefs checks that every organisation and cohort the batch
// refers to exists, looking each up once.
func (s *rules) checkBatchRefs(ctx context.Context, ts []*models.Trainee, at func(int, error) error) error {
	orgs, cohorts := map[int64]error{}, map[int64]error{}
	for i, t := range ts {
		if id := t.NominatedByID; id != 0 {
			if _, ok := orgs[id]; !ok {
				_, orgs[id] = s.store.FindOrganisationByID(ctx, id)
			}
			if err := refNotFound(orgs[id], "nominated_by_id", "The nominating organisation no. {{.ID}} does not exist.", "ID", id); err != nil {
				return at(i, err)
			}
		}
		if id := t.CohortID; id != 0 {
			if _, ok := cohorts[id]; !ok {
				_, cohorts[id] = s.store.FindCohortByID(ctx, id)
			}
			if err := refNotFound(cohorts[id], "cohort_id", "The cohort no. {{.ID}} does not exist.", "ID", id); err != nil {
				return at(i, err)
			}
		}
	}
	return nil
}

// UpdateTrainee changes a trainee's record under the same rules as
// CreateTrainee.
func (s *TraineeService) UpdateTrainee(ctx context.Context, t *models.Trainee) error {
	return s.update(ctx, "update trainee", func(ctx context.Context) error {
		if _, err := s.store.FindTraineeByID(ctx, t.ID); err != nil {
			return err
		}
		if err := s.checkTrainee(ctx, t); err != nil {
			return err
		}
		return s.store.UpdateTrainee(ctx, t)
	})
}

func (s *rules) checkTrainee(ctx context.Context, t *models.Trainee) error {
	if err := t.Validate(s.today()); err != nil {
		return err
	}
	same, err := s.store.FindTrainees(ctx, models.TraineeFilter{IDNumber: t.IDNumber})
	if err != nil {
		return err
	}
	if err := CheckDuplicateIDNumber(t, same); err != nil {
		return err
	}
	var l models.ErrorList
	if t.NominatedByID != 0 {
		if _, err := s.store.FindOrganisationByID(ctx, t.NominatedByID); err != nil {
			if !models.IsNotFound(err) {
				return err
			}
			l.Add("nominated_by_id", "The nominating organisation no. {{.ID}} does not exist.", "ID", t.NominatedByID)
		}
	}
	if t.CohortID != 0 {
		if _, err := s.store.FindCohortByID(ctx, t.CohortID); err != nil {
			if !models.IsNotFound(err) {
				return err
			}
			l.Add("cohort_id", "The cohort no. {{.ID}} does not exist.", "ID", t.CohortID)
		}
	}
	return l.Err()
}
