package cli

import (
	"fmt"
	"strconv"
	"strings"

	"peiyang/models"
	"peiyang/sheets/imports"
)

// maxPrinted is how many problems the text report lists.
const maxPrinted = 200

func (e *env) importer() *imports.Importer { return imports.New(e.svc, e.now) }

// readFlags declares the flags that choose what of a workbook is read.
func (e *env) readFlags(all bool) *imports.ReadOptions {
	ro := &imports.ReadOptions{}
	usage := "read only the sheet called `NAME`"
	if all {
		usage = "read only the sheet called `NAME` (by default every sheet with a recognised header is read, one per county)"
	}
	e.fs.StringVar(&ro.Sheet, "sheet", "", usage)
	e.fs.BoolVar(&ro.IncludeHidden, "include-hidden", false, "import the rows the workbook hides (by hand or by a filter) too; by default they are reported and left out")
	return ro
}

// importFlags are the flags of a workbook import.
type importFlags struct {
	dry, skip *bool
	ro        *imports.ReadOptions
}

// declareImport declares the flags every workbook import takes: --dry-run,
// --skip-invalid where skip (else it stays false), what of the workbook is
// read (readFlags) and --json.
func (e *env) declareImport(all, skip bool) importFlags {
	f := importFlags{dry: e.fs.Bool("dry-run", false, "check the file and print the report; write nothing"), skip: new(bool)}
	if skip {
		f.skip = e.fs.Bool("skip-invalid", false, "import the valid rows; write the rejected ones to FILE_rejected.xlsx beside the file")
	}
	f.ro = e.readFlags(all)
	e.fs.BoolVar(&e.json, "json", false, "print the report as JSON")
	return f
}

func runImportTrainees(e *env, args []string) error {
	f := e.declareImport(true, true)
	org := e.fs.String("nominated-by", "", "the nominating organisation of every row: its `ID` or exact name")
	cohort := e.fs.Int64("cohort", 0, "the cohort `ID` of every row")
	pos, err := e.parse(args, 1)
	if err != nil {
		return err
	}
	if err := e.open(); err != nil {
		return err
	}
	opts := imports.TraineeOptions{ReadOptions: *f.ro, DryRun: *f.dry, SkipInvalid: *f.skip, CohortID: *cohort}
	if opts.NominatedByID, err = e.organisation(*org); err != nil {
		return err
	}
	rep, err := e.importer().ImportTrainees(e.ctx, pos[0], opts)
	return e.printReport(rep, err)
}

// organisation resolves --nominated-by: a number is an ID, other text an
// exact name.
func (e *env) organisation(text string) (int64, error) {
	text = strings.TrimSpace(text)
	if text == "" {
		return 0, nil
	}
	if id, err := strconv.ParseInt(text, 10, 64); err == nil && id > 0 {
		return id, nil
	}
	found, err := e.svc.Trainees.FindOrganisations(e.ctx, models.OrganisationFilter{Name: text})
	if err != nil {
		return 0, err
	}
	switch len(found) {
	case 1:
		return found[0].ID, nil
	case 0:
		return 0, models.Errorf(models.EINVALID, "nominated_by", "No organisation is called {{.Name}}.", "Name", text)
	}
	return 0, models.Errorf(models.EINVALID, "nominated_by", "More than one organisation is called {{.Name}}; give its number.", "Name", text)
}

func runImportSessions(e *env, args []string) error {
	file, course, dry, ro, err := e.courseImportStart(args)
	if err != nil {
		return err
	}
	rep, err := e.importer().ImportSessions(e.ctx, file, imports.SessionOptions{ReadOptions: ro, CourseID: course, DryRun: dry})
	return e.printReport(rep, err)
}

func runImportAttendance(e *env, args []string) error {
	file, course, dry, ro, err := e.courseImportStart(args)
	if err != nil {
		return err
	}
	rep, err := e.importer().ImportAttendance(e.ctx, file, imports.AttendanceOptions{ReadOptions: ro, CourseID: course, DryRun: dry})
	return e.printReport(rep, err)
}

// courseImportStart declares and parses the flags of an import into a
// course (--course, --dry-run, what of the workbook is read, --json) and
// opens the database; it returns the file to import and the flags' values.
func (e *env) courseImportStart(args []string) (file string, course int64, dry bool, ro imports.ReadOptions, err error) {
	c := e.fs.Int64("course", 0, "the course `ID` (required)")
	f := e.declareImport(false, false)
	pos, err := e.parse(args, 1)
	if err != nil {
		return "", 0, false, ro, err
	}
	if err := e.requireIDs(map[string]int64{"course": *c}); err != nil {
		return "", 0, false, ro, err
	}
	if err := e.open(); err != nil {
		return "", 0, false, ro, err
	}
	return pos[0], *c, *f.dry, *f.ro, nil
}

// importJSON is the JSON of an import: the report, and the error when the
// import failed.
type importJSON struct {
	*imports.Report
	Error string `json:"error,omitempty"`
	Code  string `json:"code,omitempty"`
}

// printReport prints the report, when there is one, and passes the error
// on. With --json the report and the error go out as one object; the
// error then reaches stderr only.
func (e *env) printReport(rep *imports.Report, err error) error {
	if e.json {
		out := importJSON{Report: rep}
		if err != nil {
			out.Error, out.Code = models.ErrorMessage(err), models.ErrorCode(err)
		}
		if rep != nil || err == nil {
			e.json = false // one JSON object on stdout: printError writes stderr only
			if werr := e.writeJSON(out); werr != nil {
				return werr
			}
		}
		return err
	}
	if rep == nil {
		return err
	}
	w := e.stdout
	where := rep.Format
	if rep.Sheet != "" {
		where += ", sheet " + rep.Sheet
	}
	if rep.Encoding != "" {
		where += ", " + rep.Encoding
	}
	if rep.HeaderRow > 0 {
		fmt.Fprintf(w, "File %s (%s), header on row %d.\n", rep.File, where, rep.HeaderRow)
	} else {
		fmt.Fprintf(w, "File %s (%s): no header row found.\n", rep.File, where)
	}
	if len(rep.Unknown) > 0 {
		fmt.Fprintf(w, "Columns ignored: %s\n", strings.Join(rep.Unknown, ", "))
	}
	if rep.HeaderRow == 0 || (err != nil && rep.RowsRead == 0) {
		return err
	}
	fmt.Fprintf(w, "Rows read: %d, valid: %d, rejected: %d, imported: %d", rep.RowsRead, rep.Valid, rep.Rejected, rep.Imported)
	if rep.Skipped > 0 {
		fmt.Fprintf(w, ", skipped: %d", rep.Skipped)
	}
	if rep.Kind == "attendance" {
		fmt.Fprintf(w, "; sign-ins: %d, scores: %d", rep.Marks, rep.Scores)
	}
	if rep.Returns+rep.Elections > 0 {
		fmt.Fprintf(w, "; returns recorded: %d, elections recorded: %d", rep.Returns, rep.Elections)
	}
	fmt.Fprintln(w, ".")
	for _, s := range rep.Sheets {
		fmt.Fprintf(w, "  Sheet %s (header on row %d): rows read %d, valid %d, rejected %d, imported %d, skipped %d.\n",
			s.Name, s.HeaderRow, s.RowsRead, s.Valid, s.Rejected, s.Imported, s.Skipped)
	}
	if rep.DryRun {
		fmt.Fprintln(w, "Dry run: nothing was written.")
	}
	printProblems(e, "Problems", rep.Problems)
	printProblems(e, "Warnings", rep.Warnings)
	printSkipped(e, rep.SkippedRows)
	if rep.RejectedFile != "" {
		fmt.Fprintf(w, "The rejected rows, with their reasons, are in %s\n", rep.RejectedFile)
	}
	return err
}

// printSkipped lists the rows passed over, and why.
func printSkipped(e *env, ss []imports.Skip) {
	if len(ss) == 0 {
		return
	}
	fmt.Fprintf(e.stdout, "Skipped rows (%d):\n", len(ss))
	for i, s := range ss {
		if i == maxPrinted {
			fmt.Fprintf(e.stdout, "  ... and %d more (--json lists them all)\n", len(ss)-maxPrinted)
			break
		}
		fmt.Fprintf(e.stdout, "  %s\n", strings.ReplaceAll(s.String(), "\n", " "))
	}
}

func printProblems(e *env, title string, ps []imports.Problem) {
	if len(ps) == 0 {
		return
	}
	fmt.Fprintf(e.stdout, "%s (%d):\n", title, len(ps))
	for i, p := range ps {
		if i == maxPrinted {
			fmt.Fprintf(e.stdout, "  ... and %d more (--json lists them all)\n", len(ps)-maxPrinted)
			break
		}
		fmt.Fprintf(e.stdout, "  %s\n", strings.ReplaceAll(p.String(), "\n", " "))
	}
}

func runImportPhotos(e *env, args []string) error {
	dry := e.fs.Bool("dry-run", false, "check the files and print the report; write nothing")
	e.fs.BoolVar(&e.json, "json", false, "print the report as JSON")
	pos, err := e.parse(args, 1)
	if err != nil {
		return err
	}
	if err := e.open(); err != nil {
		return err
	}
	rep, err := e.importer().ImportPhotos(e.ctx, pos[0], imports.PhotoOptions{DryRun: *dry})
	return e.printPhotoReport(rep, err)
}

// printPhotoReport prints a photo import's report, as printReport does
// an import's.
func (e *env) printPhotoReport(rep *imports.PhotoReport, err error) error {
	if e.json {
		out := struct {
			*imports.PhotoReport
			BytesPerPhoto int64  `json:"bytes_per_photo"`
			Error         string `json:"error,omitempty"`
			Code          string `json:"code,omitempty"`
		}{PhotoReport: rep, BytesPerPhoto: rep.BytesPerPhoto()}
		if err != nil {
			out.Error, out.Code = models.ErrorMessage(err), models.ErrorCode(err)
		}
		e.json = false
		if werr := e.writeJSON(out); werr != nil {
			return werr
		}
		return err
	}
	w := e.stdout
	fmt.Fprintf(w, "Folder %s: %d photo file(s), %d other file(s) skipped.\n", rep.Folder, rep.Files, len(rep.Skipped))
	if rep.Files == 0 {
		return err
	}
	fmt.Fprintf(w, "Matched: %d, unmatched: %d, duplicate: %d, unreadable: %d, too small: %d; imported: %d.\n", rep.Matched,
		rep.Count(imports.PhotoUnmatched), rep.Count(imports.PhotoDuplicate), rep.Count(imports.PhotoUnreadable),
		rep.Count(imports.PhotoTooSmall), rep.Imported)
	if rep.Matched > 0 {
		fmt.Fprintf(w, "Stored size: %d bytes a photo on average (295 × 413 pixels, JPEG).\n", rep.BytesPerPhoto())
	}
	if rep.DryRun {
		fmt.Fprintln(w, "Dry run: nothing was written.")
	}
	if len(rep.Problems) > 0 {
		fmt.Fprintf(w, "Problems (%d):\n", len(rep.Problems))
		for i, p := range rep.Problems {
			if i == maxPrinted {
				fmt.Fprintf(w, "  ... and %d more (--json lists them all)\n", len(rep.Problems)-maxPrinted)
				break
			}
			fmt.Fprintf(w, "  %s: %s\n", p.File, p.Message)
		}
	}
	return err
}

// runImportOutcome returns the command that takes in returns, election
// results, or both (kind is an imports.Kind…).
func runImportOutcome(kind string) func(e *env, args []string) error {
	return func(e *env, args []string) error {
		f := e.declareImport(true, true)
		pos, err := e.parse(args, 1)
		if err != nil {
			return err
		}
		if err := e.open(); err != nil {
			return err
		}
		opts := imports.OutcomeOptions{ReadOptions: *f.ro, DryRun: *f.dry, SkipInvalid: *f.skip}
		im := e.importer()
		var rep *imports.Report
		switch kind {
		case imports.KindReturns:
			rep, err = im.ImportReturns(e.ctx, pos[0], opts)
		case imports.KindElections:
			rep, err = im.ImportElections(e.ctx, pos[0], opts)
		case imports.KindContacts:
			rep, err = im.ImportContacts(e.ctx, pos[0], opts)
		case imports.KindPlacements:
			rep, err = im.ImportPlacements(e.ctx, pos[0], opts)
		default:
			rep, err = im.ImportOutcomes(e.ctx, pos[0], opts)
		}
		return e.printReport(rep, err)
	}
}

// runImportTemplate writes a template workbook of a kind of list: the
// columns the import knows, one example row, drop-down lists where the
// values are fixed. It needs no database.
func runImportTemplate(e *env, args []string) error {
	pos, err := e.parse(args, 2)
	if err != nil {
		return err
	}
	if err := imports.WriteTemplate(pos[0], pos[1]); err != nil {
		return err
	}
	_, err = fmt.Fprintf(e.stdout, "Wrote %s: the template of a %s list, with one example row to delete before filling it in.\n", pos[1], pos[0])
	return err
}
