package imports

import (
	"context"
	"fmt"
	"os"
	"path/filepath"

	"peiyang/models"
	"peiyang/sheets"
)

// The follow-up results the outflow counties report: returns to the home
// village or community (回引) and the elections of its "two committees".
// One machinery reads a list of returns, a list of election results, or
// a workbook with both (import outcomes, as the feedback package's
// fill-in sheets come back): the returns are taken first, so that an
// election may follow a return of the same file.

// OutcomeOptions tune an import of returns or election results.
type OutcomeOptions struct {
	ReadOptions
	DryRun      bool // report only; write nothing
	SkipInvalid bool // import the valid rows; write the rejected ones beside the source
}

// The kinds of outcome import.
const (
	KindReturns   = "returns"
	KindElections = "elections"
	KindOutcomes  = "outcomes" // returns and elections, each sheet by its header
)

// ImportReturns takes in a list of returns to the home village or
// community; see importOutcomes.
func (im *Importer) ImportReturns(ctx context.Context, path string, opts OutcomeOptions) (*Report, error) {
	return im.importOutcomes(ctx, path, KindReturns, opts)
}

// ImportElections takes in a list of election results; every row's
// person must have a return recorded (or in the same import) on or before
// the election.
func (im *Importer) ImportElections(ctx context.Context, path string, opts OutcomeOptions) (*Report, error) {
	return im.importOutcomes(ctx, path, KindElections, opts)
}

// ImportOutcomes takes in a workbook of returns and election results:
// every sheet whose header is a list of returns, then every sheet whose
// header is a list of election results.
func (im *Importer) ImportOutcomes(ctx context.Context, path string, opts OutcomeOptions) (*Report, error) {
	return im.importOutcomes(ctx, path, KindOutcomes, opts)
}

// outcomeDateFields are the date columns the rejected-rows workbook
// writes as dates in text.
var outcomeDateFields = []string{"return_date", "date"}

// importOutcomes reads the file's returns and elections, matches every
// row to a trainee by ID number and every election to the return it
// follows, and reports every problem; a row that repeats a record already
// stored is reported as skipped, never stored twice. Then, unless it is a
// dry run, it writes all rows in one transaction when all are valid, or,
// with SkipInvalid, the valid ones (the rejected rows go to
// NAME_rejected.xlsx beside the source), and records the import in the
// audit trail.
func (im *Importer) importOutcomes(ctx context.Context, path, kind string, opts OutcomeOptions) (*Report, error) {
	retParts, elParts, rep, err := im.readOutcomeParts(path, kind, opts.ReadOptions)
	if err != nil {
		return rep, err
	}
	rep.DryRun = opts.DryRun
	o := newOutcomeImport(ctx, im, rep)
	read := map[string]func(outcomeRow) error{KindContacts: o.readContact, KindPlacements: o.readPlacement}[kind]
	if read == nil {
		read = o.readReturn
	}
	for _, pt := range retParts {
		if err := o.readSheet(pt, opts.ReadOptions, read); err != nil {
			return rep, fmt.Errorf("imports: %s: %w", kind, err)
		}
	}
	for _, pt := range elParts {
		if err := o.readSheet(pt, opts.ReadOptions, o.readElection); err != nil {
			return rep, fmt.Errorf("imports: %s: %w", kind, err)
		}
	}
	parts := append(append([]*part(nil), retParts...), elParts...)
	o.followRejected()
	rep.settle(parts, false)
	if rep.Rejected > 0 && !opts.SkipInvalid {
		return rep, rejectedErr(kind, rep)
	}
	if opts.DryRun {
		return rep, nil
	}
	rejPath := ""
	if rep.Rejected > 0 {
		rejPath = rejectedPath(path)
	}
	err = im.svc.Update(ctx, func(ctx context.Context) error {
		if err := o.write(ctx, kind, filepath.Base(path)); err != nil {
			return err
		}
		if rejPath != "" {
			return writeRejected(rejPath, parts, rep, outcomeDateFields)
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

// readOutcomeParts reads the sheets of returns and of elections the kind
// asks for. An outcomes import needs one sheet of either; a sheet read as
// one kind is not reported as refused by the other.
func (im *Importer) readOutcomeParts(path, kind string, ro ReadOptions) (rets, els []*part, rep *Report, err error) {
	if kind != KindOutcomes {
		fields := map[string][]sheets.Field{KindReturns: ReturnFields, KindElections: ElectionFields,
			KindContacts: ContactFields, KindPlacements: PlacementFields}[kind]
		parts, rep, err := im.readParts(path, kind, fields, 3, ro, true)
		if kind == KindElections {
			return nil, parts, rep, err
		}
		return parts, nil, rep, err
	}
	rets, repR, errR := im.readParts(path, kind, ReturnFields, 3, ro, true)
	els, repE, errE := im.readParts(path, kind, ElectionFields, 3, ro, true)
	if repR == nil { // the file itself could not be read
		return nil, nil, nil, errR
	}
	if repE == nil {
		return nil, nil, nil, errE
	}
	if errR != nil && errE != nil {
		return nil, nil, repR, errR
	}
	rep = repR
	if errR != nil {
		rep = repE
	}
	taken := map[string]bool{}
	for _, pt := range append(append([]*part(nil), rets...), els...) {
		taken[pt.t.Sheet] = true
	}
	var warnings []Problem
	for _, w := range append(append([]Problem(nil), repR.Warnings...), repE.Warnings...) {
		if w.Key == MsgSheetRefused && (taken[fmt.Sprint(w.Data["Sheet"])] || seen(warnings, w)) {
			continue
		}
		warnings = append(warnings, w)
	}
	rep.Warnings = warnings
	rep.Unknown = appendNew(repR.Unknown, repE.Unknown...)
	if len(rets)+len(els) > 1 {
		rep.Sheet = ""
		for _, pt := range append(append([]*part(nil), rets...), els...) {
			pt.named()
		}
	}
	return rets, els, rep, nil
}

// seen reports whether the list holds the warning already.
func seen(list []Problem, w Problem) bool {
	for _, p := range list {
		if p.Key == w.Key && p.Message == w.Message {
			return true
		}
	}
	return false
}

// named gives a part read alone its sheet's name and report, for an
// import that reads it beside others.
func (pt *part) named() {
	if pt.sheet != "" {
		return
	}
	pt.sheet = pt.t.Sheet
	pt.rep = &SheetReport{Name: pt.t.Sheet, HeaderRow: pt.h.Row, Columns: map[string]string{}, Unknown: pt.h.Unknown}
	for k, v := range pt.h.Names {
		pt.rep.Columns[k] = v
	}
}

// write records the valid returns, then the valid elections, each
// through the service's rules, and the import in the audit trail.
func (o *outcomeImport) write(ctx context.Context, kind, file string) error {
	bad := map[rowKey]bool{}
	for _, k := range o.rep.rejectedRows() {
		bad[k] = true
	}
	nr, ne := 0, 0
	for _, r := range o.rets {
		if bad[r.key()] {
			continue
		}
		if err := o.im.svc.FollowUp.RecordReturn(ctx, r.ret); err != nil {
			return fmt.Errorf("row %d: %w", r.row.Num, err)
		}
		nr++
	}
	for _, e := range o.els {
		if bad[e.key()] {
			continue
		}
		e.el.ReturnID = e.ret.ID
		if err := o.im.svc.FollowUp.RecordElection(ctx, e.el); err != nil {
			return fmt.Errorf("row %d: %w", e.row.Num, err)
		}
		ne++
	}
	o.rep.Returns, o.rep.Elections = nr, ne
	nf, err := o.writeFollowUps(ctx, bad)
	if err != nil {
		return err
	}
	return o.im.svc.Audit.RecordAudit(ctx, "import", kind, 0, map[string]any{
		"file": file, "returns": nr, "elections": ne, "contacts_or_placements": nf, "rejected": o.rep.Rejected, "skipped": o.rep.Skipped})
}

// outcomeRow is one data row of a sheet and where it is.
type outcomeRow struct {
	pt  *part
	row sheets.Row
}

func (r outcomeRow) key() rowKey { return rowKey{r.pt.sheet, r.row.Num} }

// returnRow is a row of returns and the return read from it.
type returnRow struct {
	outcomeRow
	ret *models.Return
}

// electionRow is a row of election results, the election read from it
// and the return it follows, stored or of this import.
type electionRow struct {
	outcomeRow
	el      *models.Election
	ret     *models.Return
	pending *returnRow // the row of the return when it is of this import
}
