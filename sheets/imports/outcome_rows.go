package imports

import (
	"context"
	"fmt"
	"math"
	"strings"

	"peiyang/models"
	"peiyang/sheets"
	"peiyang/training"
)

// Messages of the imports of returns and election results.
const (
	MsgNotATrainee      = "No trainee has this ID number: the row's person is not a trainee, so the row was not matched."
	MsgNameDisagrees    = "The ID number is the trainee {{.Stored}}'s, not {{.Name}}'s; check the name and the number."
	MsgMaskedID         = "The ID number is masked; write it in full, or keep the 系统编号 column of the feedback workbook beside it."
	MsgMaskedMismatch   = "The masked ID number and the name do not agree with the trainee no. {{.Record}}."
	MsgVillageUnknown   = "No village or community called {{.Name}} is on record; add it under Organisations (as a village or community) and import again."
	MsgVillageAmbiguous = "More than one village or community is called {{.Name}}; give its town and county."
	MsgDateMissing      = "The date is required."
	MsgDayMissing       = "The date {{.Text}} gives no day; the 1st of the month was taken."
	MsgReturnRecorded   = "The return of {{.Name}} to {{.Village}} on {{.Date}} is recorded already: not stored twice."
	MsgReturnTwice      = "Rows {{.First}} and {{.Row}} record the same return."
	MsgNoReturnBefore   = "{{.Name}} has no return recorded on or before the election on {{.Date}}{{.Where}}; record the return first (in this file or before)."
	MsgElectionRecorded = "The election of {{.Name}} to {{.Committee}} on {{.Date}} is recorded already: not stored twice."
	MsgElectionDiffers  = "An election of {{.Name}} to {{.Committee}} on {{.Date}} is recorded already with another post or result; correct it in the window (Returns and elections)."
	MsgElectionTwice    = "Rows {{.First}} and {{.Row}} record the same election."
	MsgVotesBad         = "Not a number of votes: {{.Text}}."
	MsgTermBad          = "Not a term in years: {{.Text}}."
	MsgSkipNotFilled    = "Nothing is filled in beyond whom the row is about: not a record to take."
	MsgReturnRejected   = "The return this election follows (row {{.Row}}) has problems, so the election cannot be taken either."
)

// defaultTerm is the term of a village committee since 2018, in years.
const defaultTerm = 5

// outcomeImport gathers what an import of returns and elections read,
// with what it looked up in the store.
type outcomeImport struct {
	ctx   context.Context
	im    *Importer
	rep   *Report
	today models.Date

	byNumber   map[string]*models.Trainee        // by ID number; nil when none
	villages   map[string][]*models.Organisation // villages and communities by name
	orgs       map[int64]*models.Organisation    // by ID
	stored     map[int64][]*models.Return        // the trainee's stored returns
	elected    map[int64][]*models.Election      // the trainee's stored elections
	pending    map[int64][]*returnRow            // the trainee's returns of this import
	seenRet    map[string]outcomeRow             // return key → first row
	seenEl     map[string]outcomeRow             // election key → first row
	rets       []*returnRow
	els        []*electionRow
	contacts   []*contactRow
	placements []*placementRow
}

func newOutcomeImport(ctx context.Context, im *Importer, rep *Report) *outcomeImport {
	return &outcomeImport{ctx: ctx, im: im, rep: rep, today: im.today(),
		byNumber: map[string]*models.Trainee{}, villages: map[string][]*models.Organisation{},
		orgs: map[int64]*models.Organisation{}, stored: map[int64][]*models.Return{},
		elected: map[int64][]*models.Election{}, pending: map[int64][]*returnRow{},
		seenRet: map[string]outcomeRow{}, seenEl: map[string]outcomeRow{}}
}

// problem records a fault of the row in the column of the field.
func (o *outcomeImport) problem(r outcomeRow, field, key string, data ...any) {
	p := newProblem(r.row.Num, r.pt.h.Names[field], field, key, dataMap(data))
	p.Sheet = r.pt.sheet
	o.rep.Problems = append(o.rep.Problems, p)
}

func (o *outcomeImport) warn(r outcomeRow, field, key string, data ...any) {
	p := newProblem(r.row.Num, r.pt.h.Names[field], field, key, dataMap(data))
	p.Sheet = r.pt.sheet
	o.rep.Warnings = append(o.rep.Warnings, p)
}

// fieldErr records a domain error in the column of its field, or of
// field when it names none the sheet has.
func (o *outcomeImport) fieldErr(r outcomeRow, field string, err error) {
	for _, de := range flatten(err) {
		f := de.Field
		if _, ok := r.pt.h.Names[f]; !ok {
			f = field
		}
		p := newProblem(r.row.Num, r.pt.h.Names[f], de.Field, de.Message, de.Data)
		p.Sheet = r.pt.sheet
		o.rep.Problems = append(o.rep.Problems, p)
	}
}

// passOver turns a row read into a row passed over: it repeats a record
// already stored, or holds nothing but whom it is about.
func (o *outcomeRow) passOver(rep *Report, key string, data map[string]any) {
	rep.skip(o.pt, o.row.Num, key, data)
	rep.RowsRead--
	if o.pt.rep != nil {
		o.pt.rep.RowsRead--
	}
}

// trainee finds the row's trainee by ID number (or, for a masked number
// of a feedback workbook, by 系统编号, the masked number and the name
// agreeing), reporting a row that matches no trainee. nil when none.
func (o *outcomeImport) trainee(r outcomeRow) (*models.Trainee, error) {
	cell := func(k string) string { return r.pt.h.Cell(r.row, k) }
	name := sheets.NormalizeName(cell("name"))
	text := sheets.Clean(cell("id_number"))
	if strings.ContainsAny(text, "*＊") {
		return o.byRecord(r, name, text)
	}
	id, err := sheets.NormalizeIDNumber(text)
	if err != nil {
		o.fieldErr(r, "id_number", err)
		return nil, nil
	}
	if _, err := models.ParseIDNumber(id, models.Date{}); err != nil {
		o.fieldErr(r, "id_number", err)
		return nil, nil
	}
	t, ok := o.byNumber[id]
	if !ok {
		found, err := o.im.svc.Trainees.FindTrainees(o.ctx, models.TraineeFilter{IDNumbers: []string{id}})
		if err != nil {
			return nil, err
		}
		if len(found) > 0 {
			t = found[0]
		}
		o.byNumber[id] = t
	}
	if t == nil {
		o.problem(r, "id_number", MsgNotATrainee)
		return nil, nil
	}
	if name != "" && name != sheets.NormalizeName(t.Name) {
		o.problem(r, "name", MsgNameDisagrees, "Stored", t.Name, "Name", name)
		return nil, nil
	}
	return t, nil
}

// byRecord finds the trainee of a masked ID number by the row's 系统编号.
func (o *outcomeImport) byRecord(r outcomeRow, name, masked string) (*models.Trainee, error) {
	num, err := sheets.ParseNumber(r.pt.h.Cell(r.row, "record"))
	if err != nil || num <= 0 || num != math.Trunc(num) {
		o.problem(r, "id_number", MsgMaskedID)
		return nil, nil
	}
	t, err := o.im.svc.Trainees.FindTraineeByID(o.ctx, int64(num))
	if err != nil && !models.IsNotFound(err) {
		return nil, err
	}
	if t == nil || !models.MaskedIDMatches(strings.ReplaceAll(masked, "＊", "*"), t.IDNumber) ||
		name != sheets.NormalizeName(t.Name) {
		o.problem(r, "id_number", MsgMaskedMismatch, "Record", int64(num))
		return nil, nil
	}
	return t, nil
}

// date reads the row's date of the field; a month alone takes the 1st,
// with a warning.
func (o *outcomeImport) date(r outcomeRow, field string) (models.Date, bool) {
	text := r.pt.h.Cell(r.row, field)
	d, prec, err := sheets.ParseDate(text)
	switch {
	case err != nil:
		o.fieldErr(r, field, err)
		return d, false
	case prec == sheets.PrecisionNone:
		o.problem(r, field, MsgDateMissing)
		return d, false
	case prec != sheets.PrecisionDay:
		o.warn(r, field, MsgDayMissing, "Text", sheets.Clean(text))
	}
	return d, true
}

// village finds the village or community of the name, narrowed by the
// town and county given; an unknown or ambiguous name is reported.
func (o *outcomeImport) village(r outcomeRow) (*models.Organisation, error) {
	name := sheets.Clean(r.pt.h.Cell(r.row, "village"))
	cands, ok := o.villages[name]
	if !ok {
		found, err := o.im.svc.Trainees.FindOrganisations(o.ctx, models.OrganisationFilter{Name: name})
		if err != nil {
			return nil, err
		}
		for _, v := range found {
			if v.Kind.IsVillage() {
				cands = append(cands, v)
				o.orgs[v.ID] = v
			}
		}
		o.villages[name] = cands
	}
	town := sheets.Clean(r.pt.h.Cell(r.row, "town"))
	county := sheets.Clean(r.pt.h.Cell(r.row, "county"))
	var fit []*models.Organisation
	for _, v := range cands {
		if within(v.Region.Town, town) && within(v.Region.County, county) {
			fit = append(fit, v)
		}
	}
	switch {
	case len(fit) == 1:
		return fit[0], nil
	case len(fit) > 1:
		o.problem(r, "village", MsgVillageAmbiguous, "Name", name)
	default:
		o.problem(r, "village", MsgVillageUnknown, "Name", name)
	}
	return nil, nil
}

// within reports whether a place the row gives (中江, 中江县) agrees with
// the one on record; an empty one agrees with any.
func within(stored, given string) bool {
	return given == "" || stored == "" || strings.Contains(stored, given) || strings.Contains(given, stored)
}

// org returns an organisation by ID, read once.
func (o *outcomeImport) org(id int64) (*models.Organisation, error) {
	if v, ok := o.orgs[id]; ok {
		return v, nil
	}
	v, err := o.im.svc.Trainees.FindOrganisationByID(o.ctx, id)
	if err != nil {
		return nil, err
	}
	o.orgs[id] = v
	return v, nil
}

// storedReturns returns the trainee's returns on record, read once.
func (o *outcomeImport) storedReturns(id int64) ([]*models.Return, error) {
	if rs, ok := o.stored[id]; ok {
		return rs, nil
	}
	rs, err := o.im.svc.FollowUp.FindReturns(o.ctx, models.ReturnFilter{TraineeID: id})
	o.stored[id] = rs
	return rs, err
}

// readSheet reads each row of a sheet of outcomes with readRow, which
// reads one row of its kind (a return, an election, a contact, a placement).
func (o *outcomeImport) readSheet(pt *part, ro ReadOptions, readRow func(outcomeRow) error) error {
	for _, row := range pt.rows(o.rep, []string{"name", "id_number"}, "id_number", ro) {
		if err := readRow(outcomeRow{pt, row}); err != nil {
			return fmt.Errorf("row %d: %w", row.Num, err)
		}
	}
	return nil
}

// returnFilled and electionFilled are the columns of which a row of
// returns or elections must fill one to be a record: a fill-in sheet's
// row holds the name and ID number from the start.
var (
	returnFilled   = []string{"village", "return_date", "town", "county", "post", "notes"}
	electionFilled = []string{"date", "committee", "post", "result", "votes"}
)

// unfilled passes over a row that fills none of the columns, and says so.
func (o *outcomeImport) unfilled(r outcomeRow, keys []string) bool {
	for _, k := range keys {
		if !blank(r.pt.h.Cell(r.row, k)) {
			return false
		}
	}
	r.passOver(o.rep, MsgSkipNotFilled, nil)
	return true
}

func (o *outcomeImport) readReturn(r outcomeRow) error {
	if o.unfilled(r, returnFilled) {
		return nil
	}
	formulaCells(o.rep, r.pt.h, r.row, []string{"name", "id_number"}, nil)
	before := len(o.rep.Problems)
	t, err := o.trainee(r)
	if err != nil {
		return err
	}
	v, err := o.village(r)
	if err != nil {
		return err
	}
	date, dateOK := o.date(r, "return_date")
	if t == nil || v == nil || !dateOK {
		return nil
	}
	ret := &models.Return{TraineeID: t.ID, VillageID: v.ID, ReturnDate: date,
		Post: sheets.Clean(r.pt.h.Cell(r.row, "post")), Notes: sheets.Clean(r.pt.h.Cell(r.row, "notes"))}
	if err := ret.Validate(o.today); err != nil {
		o.fieldErr(r, "return_date", err)
	}
	key := fmt.Sprint(t.ID, "|", v.ID, "|", date)
	stored, err := o.storedReturns(t.ID)
	if err != nil {
		return err
	}
	for _, s := range stored {
		if s.VillageID == v.ID && s.ReturnDate == date {
			r.passOver(o.rep, MsgReturnRecorded, map[string]any{"Name": t.Name, "Village": v.Name, "Date": date.String()})
			o.rep.Problems = o.rep.Problems[:before]
			return nil
		}
	}
	if f, dup := o.seenRet[key]; dup {
		o.problem(r, "id_number", MsgReturnTwice, "First", f.row.Num, "Row", r.row.Num)
		return nil
	}
	o.seenRet[key] = r
	rr := &returnRow{outcomeRow: r, ret: ret}
	o.rets = append(o.rets, rr)
	if len(o.rep.Problems) == before {
		o.pending[t.ID] = append(o.pending[t.ID], rr)
	}
	return nil
}

func (o *outcomeImport) readElection(r outcomeRow) error {
	if o.unfilled(r, electionFilled) {
		return nil
	}
	cell := func(k string) string { return r.pt.h.Cell(r.row, k) }
	formulaCells(o.rep, r.pt.h, r.row, []string{"name", "id_number"}, nil)
	before := len(o.rep.Problems)
	t, err := o.trainee(r)
	if err != nil {
		return err
	}
	date, dateOK := o.date(r, "date")
	if t == nil || !dateOK {
		return nil
	}
	ret, pending, err := o.returnBefore(t.ID, date, sheets.Clean(cell("village")))
	if err != nil {
		return err
	}
	if ret == nil {
		where := ""
		if v := sheets.Clean(cell("village")); v != "" {
			where = " (" + v + ")"
		}
		o.problem(r, "date", MsgNoReturnBefore, "Name", t.Name, "Date", date.String(), "Where", where)
		return nil
	}
	village, err := o.org(ret.VillageID)
	if err != nil {
		return err
	}
	e := &models.Election{ReturnID: ret.ID, TraineeID: t.ID, Date: date, TermYears: defaultTerm}
	o.seat(r, e, village)
	o.numbers(r, e)
	if len(o.rep.Problems) > before {
		return nil
	}
	if err := e.Validate(); err != nil {
		o.fieldErr(r, "post", dropReturnID(err))
	}
	if err := training.CheckElection(e, ret, village, o.today); err != nil {
		o.fieldErr(r, "date", err)
	}
	if len(o.rep.Problems) > before {
		return nil
	}
	if done, err := o.duplicateElection(r, t, e); done || err != nil {
		return err
	}
	o.els = append(o.els, &electionRow{outcomeRow: r, el: e, ret: ret, pending: pending})
	return nil
}

// dropReturnID leaves out the error on the return of an election whose
// return is of this import and so has no number yet.
func dropReturnID(err error) error {
	var l models.ErrorList
	for _, de := range flatten(err) {
		if de.Field != "return_id" {
			l = append(l, de)
		}
	}
	return l.Err()
}

// seat reads the committee, post and result with the one normaliser of
// posts (models.ParseSeat), for the village's kind.
func (o *outcomeImport) seat(r outcomeRow, e *models.Election, village *models.Organisation) {
	cell := func(k string) string { return r.pt.h.Cell(r.row, k) }
	c, p, err := models.ParseSeat(cell("post"), cell("committee"), village.Kind == models.OrgCommunity)
	if err != nil {
		o.fieldErr(r, "post", err)
	}
	e.Committee, e.Post = c, p
	if e.Result, err = models.ParseElectionResult(cell("result")); err != nil {
		o.fieldErr(r, "result", err)
	}
}

// numbers reads the votes and the term, when given.
func (o *outcomeImport) numbers(r outcomeRow, e *models.Election) {
	if text := sheets.Clean(r.pt.h.Cell(r.row, "votes")); text != "" {
		text = strings.TrimSuffix(text, "票")
		n, err := sheets.ParseNumber(text)
		if err != nil || n < 0 || n != math.Trunc(n) || n > 1e7 {
			o.problem(r, "votes", MsgVotesBad, "Text", text)
		} else {
			v := int(n)
			e.Votes = &v
		}
	}
	if text := sheets.Clean(r.pt.h.Cell(r.row, "term")); text != "" {
		n, err := sheets.ParseNumber(strings.TrimSuffix(text, "年"))
		if err != nil || n != math.Trunc(n) {
			o.problem(r, "term", MsgTermBad, "Text", text)
		} else {
			e.TermYears = int(n)
		}
	}
}

// returnBefore returns the trainee's latest return on or before the
// date, to the named village when one is named: a stored one, or one of
// this import (then with its row).
func (o *outcomeImport) returnBefore(id int64, date models.Date, villageName string) (*models.Return, *returnRow, error) {
	stored, err := o.storedReturns(id)
	if err != nil {
		return nil, nil, err
	}
	var best *models.Return
	var bestRow *returnRow
	consider := func(r *models.Return, row *returnRow) error {
		if r.ReturnDate.After(date) || best != nil && !r.ReturnDate.After(best.ReturnDate) {
			return nil
		}
		if villageName != "" {
			v, err := o.org(r.VillageID)
			if err != nil {
				return err
			}
			if v.Name != villageName {
				return nil
			}
		}
		best, bestRow = r, row
		return nil
	}
	for _, r := range stored {
		if err := consider(r, nil); err != nil {
			return nil, nil, err
		}
	}
	for _, row := range o.pending[id] {
		if err := consider(row.ret, row); err != nil {
			return nil, nil, err
		}
	}
	return best, bestRow, nil
}

// duplicateElection reports an election already stored (passed over when
// it is the same, a problem when it differs) or twice in the file; done
// says that the row is not to be taken.
func (o *outcomeImport) duplicateElection(r outcomeRow, t *models.Trainee, e *models.Election) (bool, error) {
	els, ok := o.elected[t.ID]
	if !ok {
		var err error
		if els, err = o.im.svc.FollowUp.FindElections(o.ctx, models.ElectionFilter{TraineeID: t.ID}); err != nil {
			return true, err
		}
		o.elected[t.ID] = els
	}
	data := []any{"Name", t.Name, "Committee", e.Committee.Chinese(), "Date", e.Date.String()}
	for _, s := range els {
		if s.Date != e.Date || s.Committee != e.Committee {
			continue
		}
		if s.Post == e.Post && s.Result == e.Result {
			r.passOver(o.rep, MsgElectionRecorded, dataMap(data))
		} else {
			o.problem(r, "post", MsgElectionDiffers, data...)
		}
		return true, nil
	}
	key := fmt.Sprint(t.ID, "|", e.Date, "|", e.Committee)
	if f, dup := o.seenEl[key]; dup {
		o.problem(r, "post", MsgElectionTwice, "First", f.row.Num, "Row", r.row.Num)
		return true, nil
	}
	o.seenEl[key] = r
	return false, nil
}

// followRejected rejects the elections whose return, of this import, was
// rejected.
func (o *outcomeImport) followRejected() {
	bad := map[rowKey]bool{}
	for _, k := range o.rep.rejectedRows() {
		bad[k] = true
	}
	for _, e := range o.els {
		if e.pending != nil && bad[e.pending.key()] {
			o.problem(e.outcomeRow, "date", MsgReturnRejected, "Row", e.pending.row.Num)
		}
	}
}
