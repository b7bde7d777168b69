package cli

import (
	"fmt"
	"strings"

	"peiyang/training"
)

func runTraineesShow(e *env, args []string) error {
	full := e.fs.Bool("full-ids", false, "print the ID number and phone unmasked")
	e.fs.BoolVar(&e.json, "json", false, "print JSON")
	pos, err := e.parse(args, 1)
	if err != nil {
		return err
	}
	id, err := e.argID(pos[0], "the trainee ID")
	if err != nil {
		return err
	}
	if err := e.open(); err != nil {
		return err
	}
	rec, err := e.svc.Trainees.TraineeRecord(e.ctx, id)
	if err != nil {
		return err
	}
	if *full {
		if err := e.audit("reveal", "trainees", rec.Trainee.ID, nil); err != nil {
			return err
		}
	}
	t := rec.Trainee.MaskedUnless(*full)
	rec.Trainee = t
	if e.json {
		return e.writeRecordJSON(rec, *full)
	}
	if err := e.printTrainee(t, true); err != nil {
		return err
	}
	fmt.Fprintf(e.stdout, "\nStage: %s\n", rec.Stage)
	printRecord(e, rec)
	return nil
}

func printRecord(e *env, rec *training.TraineeRecord) {
	w := e.stdout
	fmt.Fprintf(w, "\nCourses (%d):\n", len(rec.Courses))
	for _, c := range rec.Courses {
		line := fmt.Sprintf("  #%d %s (%s – %s): %s, attended %d of %d sessions held, %s class hours",
			c.Course.ID, c.Course.Title, c.Course.StartDate, c.Course.EndDate, c.Enrolment.Status, c.Attended, c.SessionsHeld, hours(c.Hours))
		if c.Enrolment.Score != nil {
			line += ", score " + hours(*c.Enrolment.Score)
		}
		if c.Enrolment.Reason != "" {
			line += "; " + c.Enrolment.Reason
		}
		fmt.Fprintln(w, line)
	}
	fmt.Fprintf(w, "Placements (%d):\n", len(rec.Placements))
	for _, p := range rec.Placements {
		grade := string(p.Placement.Grade)
		if grade == "" {
			grade = "not evaluated yet"
		}
		fmt.Fprintf(w, "  %s, %s – %s, supervisor %s: %s %s\n", p.Village.Name, p.Placement.StartDate, p.Placement.EndDate,
			p.Placement.Supervisor, grade, p.Placement.Comment)
	}
	fmt.Fprintf(w, "Mentors (%d):\n", len(rec.Mentorships))
	for _, m := range rec.Mentorships {
		fmt.Fprintf(w, "  %s (%s), from %s, %d contact(s)\n", m.Mentor.Name, m.Mentor.Position, m.Mentorship.StartDate, len(m.Contacts))
	}
	fmt.Fprintf(w, "Returns (%d):\n", len(rec.Returns))
	for _, r := range rec.Returns {
		fmt.Fprintf(w, "  back to %s on %s\n", r.Village.Name, r.Return.ReturnDate)
		for _, el := range r.Elections {
			fmt.Fprintf(w, "    %s: %s, %s, %s\n", el.Date, el.Committee.Chinese(), el.Post.Chinese(), el.Result)
		}
	}
	fmt.Fprintf(w, "Certificates (%d):\n", len(rec.Certificates))
	for _, c := range rec.Certificates {
		notes := []string{string(c.Status)}
		if c.ReplacedBy != "" {
			notes = append(notes, "replaced by "+c.ReplacedBy)
		}
		fmt.Fprintf(w, "  %s, issued %s, %s\n", c.Serial, c.IssuedOn, strings.Join(notes, ", "))
	}
}
