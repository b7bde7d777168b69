package cli

import (
	"fmt"
	"io"
	"strings"

	"peiyang/models"
	"peiyang/reports/lists"
	"peiyang/settings"
	"peiyang/training"
)

// The print commands of the lists (reports/lists): roster, sign-in sheets,
// mentor pairs, placements, an outflow region's outcomes and a trainee's
// record, each written as a PDF file readable by its owner only.

// listsOutFlag declares --out.
func (e *env) listsOutFlag() *string {
	return e.fs.String("out", "", "write the PDF to this `file` (required unless --printer is given)")
}

// listsStart parses the flags, checks --out and the required IDs, and
// opens the database.
func (e *env) listsStart(args []string, out *string, ids map[string]*int64) error {
	if _, err := e.parse(args, 0); err != nil {
		return err
	}
	if err := e.checkTarget(*out); err != nil {
		return err
	}
	values := make(map[string]int64, len(ids))
	for k, v := range ids {
		values[k] = *v
	}
	if err := e.requireIDs(values); err != nil {
		return err
	}
	return e.open()
}

// listsMeta returns the organisation and date the documents print.
func (e *env) listsMeta(fullIDs bool) (lists.Meta, error) {
	org, err := e.svc.Settings.Setting(e.ctx, settings.OrgName)
	if err != nil {
		return lists.Meta{}, err
	}
	return lists.Meta{Org: org, Date: models.DateOf(e.now()), FullIDs: fullIDs}, nil
}

// listsWrite writes a document to the file, whole or not at all and
// readable by its owner only (userfile.Write), and prints it with
// --printer. It returns the pages.
func (e *env) listsWrite(name string, write func(w io.Writer) (int, error)) (pages int, err error) {
	err = e.writeAndPrint(name, "Peiyang "+e.cmd.name, func(w io.Writer) error {
		pages, err = write(w)
		return err
	})
	return pages, err
}

// listsDone reports the file written.
func (e *env) listsDone(out, what string, pages int) error {
	if out == "" {
		return nil // printed, and said so
	}
	if err := e.auditFile("print", what, out); err != nil {
		return err
	}
	_, err := fmt.Fprintf(e.stdout, "Wrote %s: %s, %d page(s).\n", out, what, pages)
	return err
}

// listsPrint writes one document, drawn by draw with the organisation and
// date (listsMeta; personal data unmasked with full, and with photos the
// photos of the trainees of), to the file or the printer (listsWrite), and
// reports it as what (listsDone).
func (e *env) listsPrint(out string, full, photos bool, of []*models.Trainee, what string,
	draw func(w io.Writer, m lists.Meta) (int, error)) error {
	m, err := e.listsMeta(full)
	if err != nil {
		return err
	}
	if photos {
		if m.Photos, err = e.photosOf(of...); err != nil {
			return err
		}
	}
	pages, err := e.listsWrite(out, func(w io.Writer) (int, error) { return draw(w, m) })
	if err != nil {
		return err
	}
	return e.listsDone(out, what, pages)
}

// photosOf reads the trainees' photos for a document printed with them.
func (e *env) photosOf(ts ...*models.Trainee) (map[int64][]byte, error) {
	ids := make([]int64, len(ts))
	for i, t := range ts {
		ids[i] = t.ID
	}
	return e.svc.Trainees.FindPhotos(e.ctx, ids)
}

func runPrintRoster(e *env, args []string) error {
	course := e.fs.Int64("course", 0, "course `ID` (required)")
	full := e.fs.Bool("full-ids", false, "print ID numbers and phones unmasked")
	photos := e.fs.Bool("photos", false, "print the trainees' photos (an empty frame for those without)")
	out := e.listsOutFlag()
	if err := e.listsStart(args, out, map[string]*int64{"course": course}); err != nil {
		return err
	}
	l, err := e.svc.Courses.CourseList(e.ctx, *course)
	if err != nil {
		return err
	}
	return e.listsPrint(*out, *full, *photos, l.Trainees, fmt.Sprintf("roster of %d trainee(s)", len(l.Trainees)),
		func(w io.Writer, m lists.Meta) (int, error) { return lists.Roster(w, m, l) })
}

func runPrintSignIn(e *env, args []string) error {
	session := e.fs.Int64("session", 0, "session `ID`")
	course := e.fs.Int64("course", 0, "course `ID`: all of its sessions, one after the other")
	out := e.listsOutFlag()
	if err := e.listsStart(args, out, nil); err != nil {
		return err
	}
	if (*session > 0) == (*course > 0) {
		return e.usagef("give either --session or --course")
	}
	var sheets []*training.SessionList
	if *session > 0 {
		l, err := e.svc.Courses.SessionList(e.ctx, *session)
		if err != nil {
			return err
		}
		sheets = append(sheets, l)
	} else {
		var err error
		if sheets, err = e.svc.Courses.CourseSessionLists(e.ctx, *course); err != nil {
			return err
		}
	}
	return e.listsPrint(*out, false, false, nil, fmt.Sprintf("sign-in sheets of %d session(s)", len(sheets)),
		func(w io.Writer, m lists.Meta) (int, error) { return lists.SignIn(w, m, sheets) })
}

func runPrintMentors(e *env, args []string) error {
	out := e.listsOutFlag()
	if err := e.listsStart(args, out, nil); err != nil {
		return err
	}
	pairs, err := e.svc.FollowUp.MentorPairs(e.ctx)
	if err != nil {
		return err
	}
	return e.listsPrint(*out, false, false, nil, fmt.Sprintf("%d mentor pair(s)", len(pairs)),
		func(w io.Writer, m lists.Meta) (int, error) { return lists.Mentors(w, m, pairs) })
}

func runPrintPlacements(e *env, args []string) error {
	village := e.fs.Int64("village", 0, "only this key village's `ID`")
	out := e.listsOutFlag()
	if err := e.listsStart(args, out, nil); err != nil {
		return err
	}
	if *village < 0 {
		return e.usagef("--village must be a positive number")
	}
	vs, err := e.svc.FollowUp.VillagePlacements(e.ctx, *village)
	if err != nil {
		return err
	}
	n := 0
	for _, v := range vs {
		n += len(v.Placements)
	}
	return e.listsPrint(*out, false, false, nil, fmt.Sprintf("%d placement(s) at %d village(s)", n, len(vs)),
		func(w io.Writer, m lists.Meta) (int, error) { return lists.Placements(w, m, vs) })
}

func runPrintOutcomes(e *env, args []string) error {
	region := e.fs.String("region", "", "the outflow region: text found in the trainees' home region, such as 德阳市 or 中江县, or a county's code (required)")
	out := e.listsOutFlag()
	if err := e.listsStart(args, out, nil); err != nil {
		return err
	}
	if strings.TrimSpace(*region) == "" {
		return e.usagef("--region is required")
	}
	o, err := e.svc.FollowUp.RegionOutcome(e.ctx, *region)
	if err != nil {
		return err
	}
	return e.listsPrint(*out, false, false, nil, fmt.Sprintf("outcome report of %d trainee(s), %d seated on a committee", o.Counts.Overall.Total, len(o.Seated)),
		func(w io.Writer, m lists.Meta) (int, error) { return lists.Outcomes(w, m, o) })
}

func runPrintRecord(e *env, args []string) error {
	trainee := e.fs.Int64("trainee", 0, "trainee `ID` (required)")
	full := e.fs.Bool("full-ids", false, "print the ID number and phone unmasked")
	photos := e.fs.Bool("photos", false, "print the trainee's photo (an empty frame without one)")
	out := e.listsOutFlag()
	if err := e.listsStart(args, out, map[string]*int64{"trainee": trainee}); err != nil {
		return err
	}
	rec, err := e.svc.Trainees.TraineeRecord(e.ctx, *trainee)
	if err != nil {
		return err
	}
	return e.listsPrint(*out, *full, *photos, []*models.Trainee{rec.Trainee}, "record of trainee "+fmt.Sprint(rec.Trainee.ID),
		func(w io.Writer, m lists.Meta) (int, error) { return lists.Record(w, m, rec) })
}
