package imports

import (
	"context"
	"fmt"
	"os"
	"slices"
	"strings"

	"peiyang/models"
	"peiyang/sheets"
	"peiyang/training"
)

// TraineeOptions tune a trainee import.
type TraineeOptions struct {
	ReadOptions
	DryRun      bool // report only; write nothing
	SkipInvalid bool // import the valid rows; write the rejected ones beside the source
	// NominatedByID is the nominating organisation of every row; 0 takes
	// it from the file's 推荐单位 column when there is one.
	NominatedByID int64
	CohortID      int64 // the cohort of every row, 0 for none
}

// Messages of the trainee import.
const (
	MsgDupInFile      = "Rows {{.First}} and {{.Row}} have the same ID number."
	MsgDupInSheets    = "Row {{.Row}} has the same ID number as row {{.First}} of the sheet {{.Sheet}}."
	MsgOrgUnknown     = "The nominating organisation {{.Name}} is not on record; its name is kept in the notes."
	MsgOrgAmbiguous   = "More than one organisation is called {{.Name}}; its name is kept in the notes."
	MsgRegionUnsure   = "The place {{.Text}} could not be split into province, city and county; it is kept as written."
	MsgBirthDisagrees = "The birth date {{.Given}} does not agree with the ID number, which holds {{.Encoded}}."
	MsgDirectionBad   = "Write 流入党员 (inflow) or 流出党员 (outflow), not {{.Text}}."
	MsgKeptInNotes    = "The column {{.Column}} has no field of its own: its values are kept in the notes."
	MsgNominatorGone  = "The nominating organisation no. {{.ID}} does not exist."
	MsgCohortGone     = "The cohort no. {{.ID}} does not exist."
)

// traineeRow is one data row and the trainee read from it.
type traineeRow struct {
	sheet   string // of a file of several sheets
	row     sheets.Row
	trainee *models.Trainee
}

func (r traineeRow) key() rowKey { return rowKey{r.sheet, r.row.Num} }

// ImportTrainees reads a nominee or trainee list, from every sheet with
// a recognised header (one per county) or the one ReadOptions.Sheet
// names, and takes the trainees in. It reports every problem of every
// row, and every row it passes over (a footer, a hidden row); then,
// unless it is a dry run, it writes all rows in one transaction when all
// are valid, or, with SkipInvalid, the valid ones, writing the rejected
// rows with their reasons to NAME_rejected.xlsx beside the source. When
// rows are rejected without SkipInvalid it writes nothing and returns the
// report with an EINVALID error.
func (im *Importer) ImportTrainees(ctx context.Context, path string, opts TraineeOptions) (*Report, error) {
	const kind = "trainees"
	parts, rep, err := im.readParts(path, kind, TraineeFields, 2, opts.ReadOptions, true)
	if err != nil {
		return rep, err
	}
	rep.DryRun = opts.DryRun
	if err := im.checkRefs(ctx, opts); err != nil {
		return rep, fmt.Errorf("imports: %s: %w", kind, err)
	}
	rows, err := im.parseTrainees(ctx, parts, rep, opts)
	if err != nil {
		return rep, fmt.Errorf("imports: %s: %w", kind, err)
	}
	rep.settle(parts, false)
	if rep.Rejected > 0 && !opts.SkipInvalid {
		return rep, rejectedErr(kind, rep)
	}
	if opts.DryRun {
		return rep, nil
	}
	bad := map[rowKey]bool{}
	for _, k := range rep.rejectedRows() {
		bad[k] = true
	}
	var valid []traineeRow
	for _, r := range rows {
		if !bad[r.key()] {
			valid = append(valid, r)
		}
	}
	rejPath := ""
	if len(bad) > 0 {
		rejPath = rejectedPath(path)
	}
	err = im.svc.Update(ctx, func(ctx context.Context) error {
		if err := im.createTrainees(ctx, valid); err != nil {
			return err
		}
		if rejPath != "" {
			return writeRejected(rejPath, parts, rep, traineeDateFields)
		}
		return nil
	})
	if err != nil {
		if rejPath != "" {
			_ = os.Remove(rejPath)
		}
		return rep, fmt.Errorf("imports: %s: %w", kind, err)
	}
	rep.settle(parts, true)
	rep.RejectedFile = rejPath
	return rep, nil
}

// traineeDateFields are the date columns of a trainee list, which the
// rejected-rows workbook writes as dates in text.
var traineeDateFields = []string{"birth_date", "joined_party"}

// parseTrainees reads the rows of every sheet, checks them and the ID
// numbers against each other and the store, and returns the rows read.
func (im *Importer) parseTrainees(ctx context.Context, parts []*part, rep *Report, opts TraineeOptions) ([]traineeRow, error) {
	var rows []traineeRow
	var checked []traineeRow // rows with a well-formed ID number
	first := map[string]traineeRow{}
	for _, pt := range parts {
		np, nw := len(rep.Problems), len(rep.Warnings)
		h := pt.h
		for _, key := range notesFields {
			if h.Has(key) {
				rep.Warnings = append(rep.Warnings, newProblem(0, h.Names[key], key, MsgKeptInNotes, map[string]any{"Column": h.Names[key]}))
			}
		}
		p := &traineeParser{im: im, ctx: ctx, h: h, opts: opts, today: im.today(), rep: rep, orgs: map[string][]int64{}}
		for _, r := range pt.rows(rep, []string{"name", "id_number"}, "id_number", opts.ReadOptions) {
			tr, idOK, err := p.parse(r)
			if err != nil {
				return nil, fmt.Errorf("row %d: %w", r.Num, err)
			}
			row := traineeRow{sheet: pt.sheet, row: r, trainee: tr}
			if idOK {
				if f, dup := first[tr.IDNumber]; !dup {
					first[tr.IDNumber] = row
				} else if f.sheet == pt.sheet {
					p.problem(r.Num, "id_number", MsgDupInFile, "First", f.row.Num, "Row", r.Num)
				} else {
					p.problem(r.Num, "id_number", MsgDupInSheets, "First", f.row.Num, "Row", r.Num, "Sheet", f.sheet)
				}
				checked = append(checked, row)
			}
			rows = append(rows, row)
		}
		pt.tag(rep, np, nw)
	}
	byHeader := map[string]*sheets.Header{}
	for _, pt := range parts {
		byHeader[pt.sheet] = pt.h
	}
	if err := im.checkStored(ctx, checked, rep, byHeader); err != nil {
		return nil, err
	}
	return rows, nil
}

// createTrainees writes the checked trainees through the service's batch
// write: the rules are applied once more and the rows go in with one
// prepared statement.
func (im *Importer) createTrainees(ctx context.Context, rows []traineeRow) error {
	ts := make([]*models.Trainee, len(rows))
	for i, r := range rows {
		ts[i] = r.trainee
	}
	return im.svc.Trainees.CreateTrainees(ctx, ts)
}

// checkRefs checks that the organisation and cohort every row refers to
// exist.
func (im *Importer) checkRefs(ctx context.Context, opts TraineeOptions) error {
	if opts.NominatedByID != 0 {
		if _, err := im.svc.Trainees.FindOrganisationByID(ctx, opts.NominatedByID); err != nil {
			if models.IsNotFound(err) {
				return models.Errorf(models.EINVALID, "nominated_by_id", MsgNominatorGone, "ID", opts.NominatedByID)
			}
			return err
		}
	}
	if opts.CohortID != 0 {
		if _, err := im.svc.Trainees.FindCohortByID(ctx, opts.CohortID); err != nil {
			if models.IsNotFound(err) {
				return models.Errorf(models.EINVALID, "cohort_id", MsgCohortGone, "ID", opts.CohortID)
			}
			return err
		}
	}
	return nil
}

// checkStored reports the rows whose ID number is already stored, naming
// the existing trainee; it looks the numbers up a few hundred at a time.
// byHeader holds each sheet's header, to name the columns.
func (im *Importer) checkStored(ctx context.Context, rows []traineeRow, rep *Report, byHeader map[string]*sheets.Header) error {
	const chunk = 500
	for start := 0; start < len(rows); start += chunk {
		part := rows[start:min(start+chunk, len(rows))]
		nums := make([]string, len(part))
		byNumber := make(map[string][]traineeRow, len(part))
		for i, r := range part {
			nums[i] = r.trainee.IDNumber
			byNumber[r.trainee.IDNumber] = append(byNumber[r.trainee.IDNumber], r)
		}
		found, err := im.svc.Trainees.FindTrainees(ctx, models.TraineeFilter{IDNumbers: nums})
		if err != nil {
			return err
		}
		for _, o := range found {
			for _, r := range byNumber[o.IDNumber] {
				err := training.CheckDuplicateIDNumber(r.trainee, []*models.Trainee{o})
				if de, ok := err.(*models.Error); ok {
					p := &traineeParser{h: byHeader[r.sheet]}
					pr := problemOf(r.row.Num, de, p.columnOf)
					pr.Sheet = r.sheet
					rep.Problems = append(rep.Problems, pr)
				}
			}
		}
	}
	return nil
}

func blank(s string) bool { return sheets.Clean(s) == "" }

// repeatsHeader reports whether the row repeats the header in the field's
// column, as a second header row or a list pasted together from pages
// does.
func repeatsHeader(h *sheets.Header, r sheets.Row, key string) bool {
	return h.Has(key) && sheets.NormalizeHeader(h.Cell(r, key)) == sheets.NormalizeHeader(h.Names[key])
}

// traineeParser turns rows into trainees, gathering their problems.
type traineeParser struct {
	im    *Importer
	ctx   context.Context
	h     *sheets.Header
	opts  TraineeOptions
	today models.Date
	rep   *Report
	orgs  map[string][]int64 // organisation name → IDs, looked up once
}

// columnOf names the column a field's error belongs to. Gender and birth
// date without columns of their own come from the ID number.
func (p *traineeParser) columnOf(field string) string {
	if n, ok := p.h.Names[field]; ok {
		return n
	}
	if field == "gender" || field == "birth_date" {
		return p.h.Names["id_number"]
	}
	return ""
}

func (p *traineeParser) problem(row int, field, key string, data ...any) {
	p.rep.Problems = append(p.rep.Problems, newProblem(row, p.columnOf(field), field, key, dataMap(data)))
}

func (p *traineeParser) warn(row int, field, key string, data ...any) {
	p.rep.Warnings = append(p.rep.Warnings, newProblem(row, p.columnOf(field), field, key, dataMap(data)))
}

func dataMap(kv []any) map[string]any {
	if len(kv) == 0 {
		return nil
	}
	m := make(map[string]any, len(kv)/2)
	for i := 0; i+1 < len(kv); i += 2 {
		m[fmt.Sprint(kv[i])] = kv[i+1]
	}
	return m
}

// fieldErr records a normaliser's error on the field.
func (p *traineeParser) fieldErr(row int, field string, err error) {
	if de, ok := err.(*models.Error); ok {
		p.rep.Problems = append(p.rep.Problems, newProblem(row, p.columnOf(field), field, de.Message, de.Data))
	}
}

// notes is the row's 备注 with the columns kept in the notes after it,
// in the file's order, each as its header writes it: "外出时间：2023年5月".
func (p *traineeParser) notes(cell func(string) string) string {
	var parts []string
	if n := sheets.Clean(cell("notes")); n != "" {
		parts = append(parts, n)
	}
	keys := slices.Clone(notesFields)
	slices.SortFunc(keys, func(a, b string) int { return p.h.Columns[a] - p.h.Columns[b] })
	for _, key := range keys {
		if v := sheets.Clean(cell(key)); v != "" {
			parts = append(parts, p.h.Names[key]+"："+v)
		}
	}
	return strings.Join(parts, "；")
}

// parse reads one row into a trainee and validates it with the core's
// rules. idOK reports whether the ID number is well formed, for the
// duplicate checks. An error is returned only for a failure of the store.
func (p *traineeParser) parse(r sheets.Row) (*models.Trainee, bool, error) {
	cell := func(key string) string { return p.h.Cell(r, key) }
	n := r.Num
	before := len(p.rep.Problems)
	formulaCells(p.rep, p.h, r, []string{"name", "id_number"}, nil)
	t := &models.Trainee{Direction: models.Inflow, NominatedByID: p.opts.NominatedByID, CohortID: p.opts.CohortID}
	t.Name = sheets.NormalizeName(cell("name"))
	id, err := sheets.NormalizeIDNumber(cell("id_number"))
	idDamaged := err != nil
	if idDamaged {
		p.fieldErr(n, "id_number", err)
	}
	t.IDNumber = id
	if t.Gender, err = sheets.ParseGender(cell("gender")); err != nil {
		p.fieldErr(n, "gender", err)
	}
	t.Ethnicity = ethnicity(cell("ethnicity"))
	birth, birthPrec, err := sheets.ParseDate(cell("birth_date"))
	if err != nil {
		p.fieldErr(n, "birth_date", err)
	} else if birthPrec == sheets.PrecisionDay {
		t.BirthDate = birth
	}
	t.Phone = sheets.NormalizePhone(cell("phone"))
	t.Education = sheets.Clean(cell("education"))
	if t.JoinedParty, _, err = sheets.ParseDate(cell("joined_party")); err != nil {
		p.fieldErr(n, "joined_party", err)
	}
	t.Branch = sheets.Clean(cell("branch"))
	t.Employer = sheets.Clean(cell("employer"))
	t.Notes = p.notes(cell)
	p.regions(t, n, cell("home_region"), cell("current_district"))
	if d, ok := models.ParseDirection(sheets.Clean(cell("direction"))); ok {
		t.Direction = d
	} else {
		p.problem(n, "direction", MsgDirectionBad, "Text", cell("direction"))
	}
	if t.KeyTarget, err = sheets.ParseYesNo(cell("key_target")); err != nil {
		p.fieldErr(n, "key_target", err)
	}
	if err := p.nominator(t, n, sheets.Clean(cell("nominated_by"))); err != nil {
		return nil, false, err
	}
	if err := t.Validate(p.today); err != nil {
		for _, de := range flatten(err) {
			if idDamaged && de.Field == "id_number" {
				continue // reported as damaged already
			}
			p.rep.Problems = append(p.rep.Problems, problemOf(n, de, p.columnOf))
		}
	}
	p.birthAgrees(t, n, birth, birthPrec)
	idOK := !idDamaged && t.IDNumber != ""
	for _, pr := range p.rep.Problems[before:] {
		if pr.Field == "id_number" {
			idOK = false
		}
	}
	return t, idOK, nil
}

// regions reads the home region, warning when it is not sure of it, and
// the current district, a county if the text names one.
func (p *traineeParser) regions(t *models.Trainee, row int, home, current string) {
	if text := sheets.Clean(home); text != "" {
		reg, ok := sheets.ParseRegion(text)
		if !ok {
			p.warn(row, "home_region", MsgRegionUnsure, "Text", text)
		}
		t.HomeRegion = reg
	}
	if text := sheets.Clean(current); text != "" {
		if reg, _ := sheets.ParseRegion(text); reg.County != "" {
			t.CurrentDistrict = reg.County
		} else {
			t.CurrentDistrict = text
		}
	}
}

// birthAgrees reports a birth year or month given in the row that the ID
// number's encoded birth date contradicts.
func (p *traineeParser) birthAgrees(t *models.Trainee, row int, birth models.Date, prec sheets.Precision) {
	if (prec != sheets.PrecisionMonth && prec != sheets.PrecisionYear) || t.BirthDate.IsZero() {
		return
	}
	if t.BirthDate.Year() == birth.Year() && (prec == sheets.PrecisionYear || t.BirthDate.Month() == birth.Month()) {
		return
	}
	given := fmt.Sprintf("%d-%02d", birth.Year(), int(birth.Month()))
	if prec == sheets.PrecisionYear {
		given = fmt.Sprint(birth.Year())
	}
	p.problem(row, "birth_date", MsgBirthDisagrees, "Given", given, "Encoded", t.BirthDate.String())
}

// nominator sets the nominating organisation from the row's 推荐单位
// when no organisation was given for the whole file. An organisation not
// on record is a warning: its name goes into the notes.
func (p *traineeParser) nominator(t *models.Trainee, row int, name string) error {
	if p.opts.NominatedByID != 0 || name == "" {
		return nil
	}
	ids, ok := p.orgs[name]
	if !ok {
		found, err := p.im.svc.Trainees.FindOrganisations(p.ctx, models.OrganisationFilter{Name: name})
		if err != nil {
			return err
		}
		for _, o := range found {
			ids = append(ids, o.ID)
		}
		p.orgs[name] = ids
	}
	if len(ids) == 1 {
		t.NominatedByID = ids[0]
		return nil
	}
	msg := MsgOrgUnknown
	if len(ids) > 1 {
		msg = MsgOrgAmbiguous
	}
	p.warn(row, "nominated_by", msg, "Name", name)
	note := "推荐单位：" + name
	if t.Notes == "" {
		t.Notes = note
	} else {
		t.Notes += "；" + note
	}
	return nil
}

// flatten returns the domain errors of a validation error.
func flatten(err error) []*models.Error {
	out, _ := domainErrors(err)
	return out
}

// ethnicity cleans an ethnic group's name; a short form without 族, such
// as 汉 or 彝, gets it.
func ethnicity(s string) string {
	s = sheets.Clean(s)
	if s != "" && !strings.HasSuffix(s, "族") && len([]rune(s)) <= 2 {
		s += "族"
	}
	return s
}
