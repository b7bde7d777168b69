package cli

import (
	"context"
	"fmt"
	"path/filepath"
	"strings"

	"peiyang/models"
	"peiyang/sheets/exports"
)

// exportFile parses the command's flags with FILE.xlsx as the one
// argument, opens the database and returns the file and the exporter.
func (e *env) exportFile(args []string) (string, *exports.Exporter, error) {
	pos, err := e.parse(args, 1)
	if err != nil {
		return "", nil, err
	}
	if !strings.EqualFold(filepath.Ext(pos[0]), ".xlsx") {
		return "", nil, e.usagef("the file must end in .xlsx, not %q", filepath.Base(pos[0]))
	}
	if err := e.open(); err != nil {
		return "", nil, err
	}
	return pos[0], exports.New(e.svc, e.now), nil
}

func (e *env) fullIDsFlag() *bool {
	return e.fs.Bool("full-ids", false, "write ID numbers and phones unmasked")
}

func (e *env) wrote(n int, what, path string) error {
	if err := e.auditFile("export", fmt.Sprintf("%d %s", n, what), path); err != nil {
		return err
	}
	fmt.Fprintf(e.stdout, "Wrote %d %s to %s.\n", n, what, path)
	return nil
}

func runExportTrainees(e *env, args []string) error {
	var f models.TraineeFilter
	e.fs.StringVar(&f.Region, "region", "", "only trainees whose home region contains this text, e.g. 德阳 or 中江县")
	e.fs.Int64Var(&f.CohortID, "cohort", 0, "only this cohort's trainees")
	org := e.fs.String("nominated-by", "", "only trainees nominated by this organisation: its `ID` or exact name")
	direction := e.fs.String("direction", "", "only inflow or outflow members")
	key := e.fs.Bool("key-target", false, "only key cultivation targets")
	full := e.fullIDsFlag()
	path, x, err := e.exportFile(args)
	if err != nil {
		return err
	}
	if *direction != "" {
		f.Direction = models.Direction(*direction)
		if f.Direction != models.Inflow && f.Direction != models.Outflow {
			return e.usagef("--direction must be inflow or outflow")
		}
	}
	if *key {
		f.KeyTarget = key
	}
	if f.NominatedByID, err = e.organisation(*org); err != nil {
		return err
	}
	n, err := x.Trainees(e.ctx, path, f, exports.Options{FullIDs: *full})
	if err != nil {
		return err
	}
	return e.wrote(n, "trainee(s)", path)
}

func runExportRoster(e *env, args []string) error {
	return e.exportCourse(args, (*exports.Exporter).Roster, "enrolment(s)")
}

func runExportAttendance(e *env, args []string) error {
	return e.exportCourse(args, (*exports.Exporter).Attendance, "trainee(s)' attendance")
}

// exportCourse runs an export of one course's list: --course, --full-ids
// and FILE.xlsx; unit names what was written.
func (e *env) exportCourse(args []string,
	write func(*exports.Exporter, context.Context, string, int64, exports.Options) (int, error), unit string) error {
	course := e.fs.Int64("course", 0, "the course `ID` (required)")
	full := e.fullIDsFlag()
	path, x, err := e.exportFile(args)
	if err != nil {
		return err
	}
	if err := e.requireIDs(map[string]int64{"course": *course}); err != nil {
		return err
	}
	n, err := write(x, e.ctx, path, *course, exports.Options{FullIDs: *full})
	if err != nil {
		return err
	}
	return e.wrote(n, unit, path)
}

func runExportPlacements(e *env, args []string) error {
	region := e.fs.String("region", "", "only trainees whose home region contains this text")
	full := e.fullIDsFlag()
	path, x, err := e.exportFile(args)
	if err != nil {
		return err
	}
	n, err := x.Placements(e.ctx, path, exports.Filter{Region: *region}, exports.Options{FullIDs: *full})
	if err != nil {
		return err
	}
	return e.wrote(n, "placement(s)", path)
}

func runExportMentors(e *env, args []string) error {
	region := e.fs.String("region", "", "only trainees whose home region contains this text")
	full := e.fullIDsFlag()
	path, x, err := e.exportFile(args)
	if err != nil {
		return err
	}
	n, err := x.Mentors(e.ctx, path, exports.Filter{Region: *region}, exports.Options{FullIDs: *full})
	if err != nil {
		return err
	}
	return e.wrote(n, "mentorship(s)", path)
}

func runExportReturns(e *env, args []string) error {
	region := e.fs.String("region", "", "only trainees whose home region contains this text")
	year := e.fs.Int("year", 0, "only returns and elections of this year")
	full := e.fullIDsFlag()
	path, x, err := e.exportFile(args)
	if err != nil {
		return err
	}
	n, err := x.Returns(e.ctx, path, exports.Filter{Region: *region, Year: *year}, exports.Options{FullIDs: *full})
	if err != nil {
		return err
	}
	return e.wrote(n, "return(s) and their elections", path)
}

func runExportFeedback(e *env, args []string) error {
	region := e.fs.String("region", "", "the outflow region: text found in the members' home region, e.g. 德阳市 (required)")
	out := e.fs.String("out", "", "the `folder` to write the package into (required)")
	full := e.fullIDsFlag()
	e.fs.BoolVar(&e.json, "json", false, "print JSON")
	if _, err := e.parse(args, 0); err != nil {
		return err
	}
	if strings.TrimSpace(*region) == "" || *out == "" {
		return e.usagef("--region and --out are required")
	}
	if err := e.open(); err != nil {
		return err
	}
	opts := exports.FeedbackOptions{Options: exports.Options{FullIDs: *full}, OutcomeReport: e.outcomeReport()}
	fb, err := exports.New(e.svc, e.now).Feedback(e.ctx, *out, *region, opts)
	if err != nil {
		return err
	}
	if err := e.auditFile("export", fmt.Sprintf("feedback package of %d trainee(s)", fb.Trainees), fb.Workbook); err != nil {
		return err
	}
	if e.json {
		return e.writeJSON(fb)
	}
	fmt.Fprintf(e.stdout, "Feedback package of %s: %d trainee(s).\n  workbook: %s\n", fb.Region, fb.Trainees, fb.Workbook)
	if fb.Report != "" {
		fmt.Fprintf(e.stdout, "  outcome report: %s\n", fb.Report)
	} else {
		fmt.Fprintln(e.stdout, "  The outcome report PDF is not part of this version yet.")
	}
	return nil
}
