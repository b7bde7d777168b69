package cli

import (
	"fmt"
	"strings"

	"peiyang/models"
	"peiyang/reports/certificate"
)

// The certificate print commands: a course's completion certificates (结业
// 证书) on blank paper or pre-printed stock, and the calibration page for
// the stock.

func runPrintCertificates(e *env, args []string) error {
	course := e.fs.Int64("course", 0, "course `ID` (required)")
	trainee := e.fs.Int64("trainee", 0, "print only this trainee's certificate (trainee `ID`)")
	out := e.fs.String("out", "", "write all certificates to this PDF `file`")
	split := e.fs.String("split", "", "write one PDF per certificate, named serial-name.pdf, into this `folder`")
	zipName := e.fs.String("zip", "", "write one PDF per certificate into this zip `file`")
	overlay := e.fs.Bool("overlay", false, "print only the variable fields, for pre-printed certificate stock (套打); see `peiyang print calibration`")
	if _, err := e.parse(args, 0); err != nil {
		return err
	}
	if err := e.requireIDs(map[string]int64{"course": *course}); err != nil {
		return err
	}
	targets := 0
	for _, v := range []string{*out, *split, *zipName} {
		if strings.TrimSpace(v) != "" {
			targets++
		}
	}
	switch {
	case e.printing() && targets > 0 && strings.TrimSpace(*out) == "":
		return e.usagef("--printer prints one PDF: it goes with --out, not --split or --zip")
	case !e.printing() && targets != 1:
		return e.usagef("give exactly one of --out, --split and --zip, or --printer [NAME]")
	}
	if err := e.checkTarget(*out + *split + *zipName); err != nil {
		return err
	}
	if *trainee < 0 {
		return e.usagef("--trainee must be a positive number")
	}
	if err := e.open(); err != nil {
		return err
	}
	job := certificate.Job{CourseID: *course, TraineeID: *trainee, Overlay: *overlay, Mode: certificate.Merged, Path: *out,
		Detail: map[string]any{"command": e.cmd.name}}
	switch {
	case *split != "":
		job.Mode, job.Path = certificate.Split, *split
	case *zipName != "":
		job.Mode, job.Path = certificate.Zip, *zipName
	}
	path, done, err := e.printPath(job.Path)
	if err != nil {
		return err
	}
	defer done()
	job.Path = path
	printed, err := certificate.Print(e.ctx, e.svc, job)
	if err != nil {
		return err
	}
	if e.printing() {
		if err := e.printFile(path, "Peiyang certificates"); err != nil {
			return err
		}
	}
	batch := printed.Batch
	e.warnPending(batch)
	what := "certificate(s)"
	if *overlay {
		what = "certificate(s) for pre-printed stock"
	}
	switch {
	case job.Mode == certificate.Split:
		fmt.Fprintf(e.stdout, "Wrote %d %s of %s to %s, one file each (%s …).\n", len(printed.Paths), what, batch.Course.Title, *split, certificate.FileName(batch.Items[0]))
	case job.Mode == certificate.Zip:
		fmt.Fprintf(e.stdout, "Wrote %d %s of %s to %s, one file each.\n", len(batch.Items), what, batch.Course.Title, *zipName)
	case *out != "":
		fmt.Fprintf(e.stdout, "Wrote %d %s of %s to %s.\n", len(batch.Items), what, batch.Course.Title, *out)
	}
	return nil
}

// warnPending names, on standard error, the trainees of the batch who
// completed the course but hold no valid certificate (ten at most).
func (e *env) warnPending(batch *certificate.Batch) {
	if len(batch.Pending) == 0 {
		return
	}
	names := make([]string, 0, len(batch.Pending))
	for i, t := range batch.Pending {
		if i == 10 {
			names = append(names, fmt.Sprintf("and %d more", len(batch.Pending)-i))
			break
		}
		names = append(names, t.Name)
	}
	fmt.Fprintln(e.stderr, "peiyang: "+models.Render("{{.N}} trainee(s) completed {{.Course}} but hold no valid certificate, so theirs are not printed: {{.Names}}. Issue them with `peiyang certificates issue --course {{.ID}}`.",
		map[string]any{"N": len(batch.Pending), "Course": batch.Course.Title, "Names": strings.Join(names, "、"), "ID": batch.Course.ID}))
}

func runPrintCalibration(e *env, args []string) error {
	out := e.fs.String("out", "", "write the page to this PDF `file` (required unless --printer is given)")
	if _, err := e.parse(args, 0); err != nil {
		return err
	}
	if err := e.checkTarget(*out); err != nil {
		return err
	}
	if err := e.open(); err != nil {
		return err
	}
	settings, err := certificate.LoadSettings(e.ctx, e.svc.Settings)
	if err != nil {
		return err
	}
	d, err := (&certificate.Printer{Settings: settings, Date: e.now()}).Calibration()
	if err != nil {
		return err
	}
	if err := e.writeAndPrint(*out, "Peiyang calibration page", d.Output); err != nil {
		return err
	}
	if *out != "" {
		fmt.Fprintf(e.stdout, "Wrote the calibration page to %s: ", *out)
	}
	fmt.Fprintln(e.stdout, "print it on plain paper, lay it on the certificate stock and adjust the settings:")
	for _, line := range settings.Describe() {
		if strings.HasPrefix(line, certificate.KeyFieldPrefix) || strings.HasPrefix(line, certificate.KeyOffsetX) || strings.HasPrefix(line, certificate.KeyOffsetY) {
			fmt.Fprintln(e.stdout, "  "+line)
		}
	}
	return nil
}
