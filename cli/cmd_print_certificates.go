package cli

import (
	"bytes"
	"fmt"
	"strings"

	"peiyang/internal/userfile"
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
	if targets != 1 {
		return e.usagef("give exactly one of --out, --split and --zip")
	}
	if *trainee < 0 {
		return e.usagef("--trainee must be a positive number")
	}
	if err := e.open(); err != nil {
		return err
	}
	settings, err := certificate.LoadSettings(e.ctx, e.svc)
	if err != nil {
		return err
	}
	key, err := e.svc.SigningKey(e.ctx)
	if err != nil {
		return err
	}
	batch, err := certificate.Load(e.ctx, e.svc, *course, *trainee, key)
	if err != nil {
		return err
	}
	if len(batch.Pending) > 0 {
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
	p := &certificate.Printer{Settings: settings, Overlay: *overlay, Date: e.now()}
	what := "certificate(s)"
	if *overlay {
		what = "certificate(s) for pre-printed stock"
	}
	switch {
	case *out != "":
		var b bytes.Buffer
		if err := p.WriteMerged(&b, batch.Items); err != nil {
			return err
		}
		if err := userfile.WriteBytes(*out, b.Bytes()); err != nil {
			return err
		}
		fmt.Fprintf(e.stdout, "Wrote %d %s of %s to %s.\n", len(batch.Items), what, batch.Course.Title, *out)
	case *split != "":
		paths, err := p.WriteFiles(*split, batch.Items)
		if err != nil {
			return err
		}
		fmt.Fprintf(e.stdout, "Wrote %d %s of %s to %s, one file each (%s …).\n", len(paths), what, batch.Course.Title, *split, certificate.FileName(batch.Items[0]))
	default:
		var b bytes.Buffer
		if err := p.WriteZip(&b, batch.Items); err != nil {
			return err
		}
		if err := userfile.WriteBytes(*zipName, b.Bytes()); err != nil {
			return err
		}
		fmt.Fprintf(e.stdout, "Wrote %d %s of %s to %s, one file each.\n", len(batch.Items), what, batch.Course.Title, *zipName)
	}
	return e.audit("print", "courses", batch.Course.ID, map[string]any{"what": fmt.Sprintf("%d %s", len(batch.Items), what)})
}

func runPrintCalibration(e *env, args []string) error {
	out := e.fs.String("out", "", "write the page to this PDF `file` (required)")
	if _, err := e.parse(args, 0); err != nil {
		return err
	}
	if strings.TrimSpace(*out) == "" {
		return e.usagef("--out is required")
	}
	if err := e.open(); err != nil {
		return err
	}
	settings, err := certificate.LoadSettings(e.ctx, e.svc)
	if err != nil {
		return err
	}
	d, err := (&certificate.Printer{Settings: settings, Date: e.now()}).Calibration()
	if err != nil {
		return err
	}
	b, err := d.Bytes()
	if err != nil {
		return fmt.Errorf("calibration page: %w", err)
	}
	if err := userfile.WriteBytes(*out, b); err != nil {
		return err
	}
	fmt.Fprintf(e.stdout, "Wrote the calibration page to %s: print it on plain paper, lay it on the certificate stock and adjust the settings:\n", *out)
	for _, line := range settings.Describe() {
		if strings.HasPrefix(line, certificate.KeyFieldPrefix) || strings.HasPrefix(line, certificate.KeyOffsetX) || strings.HasPrefix(line, certificate.KeyOffsetY) {
			fmt.Fprintln(e.stdout, "  "+line)
		}
	}
	return nil
}
