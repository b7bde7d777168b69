package cli

import (
	"context"
	"fmt"
	"strings"

	"peiyang/models"
)

func runCertIssue(e *env, args []string) error {
	course := e.fs.Int64("course", 0, "course `ID` (required)")
	early := e.fs.String("early", "", "issue the certificates of a course that is not over yet (closed early) for this `reason`, recorded in the audit trail")
	e.fs.BoolVar(&e.json, "json", false, "print JSON")
	if _, err := e.parse(args, 0); err != nil {
		return err
	}
	if err := e.requireIDs(map[string]int64{"course": *course}); err != nil {
		return err
	}
	if err := e.open(); err != nil {
		return err
	}
	issue := e.svc.Certificates.IssueCertificates
	if *early != "" {
		issue = func(ctx context.Context, id int64) ([]*models.Certificate, error) {
			return e.svc.Certificates.IssueCertificatesEarly(ctx, id, *early)
		}
	}
	certs, err := issue(e.ctx, *course)
	if err != nil {
		return err
	}
	if e.json {
		return e.writeJSON(certs)
	}
	if len(certs) == 0 {
		fmt.Fprintln(e.stdout, "No certificate to issue: everyone who completed already has one.")
		return nil
	}
	fmt.Fprintf(e.stdout, "Issued %d certificate(s): %s to %s.\n", len(certs), certs[0].Serial, certs[len(certs)-1].Serial)
	return nil
}

func runCertList(e *env, args []string) error {
	course := e.fs.Int64("course", 0, "only this course's certificates")
	year := e.fs.Int("year", 0, "only this year's certificates")
	e.fs.BoolVar(&e.json, "json", false, "print JSON")
	if _, err := e.parse(args, 0); err != nil {
		return err
	}
	if err := e.open(); err != nil {
		return err
	}
	certs, err := e.svc.Certificates.FindCertificates(e.ctx, models.CertificateFilter{CourseID: *course, Year: *year})
	if err != nil {
		return err
	}
	if e.json {
		return e.writeJSON(certs)
	}
	tb := e.table("serial", "trainee", "course", "hours", "issued", "status", "note")
	for _, c := range certs {
		var note []string
		if c.VoidReason != "" {
			note = append(note, "void: "+c.VoidReason)
		}
		if c.ReplacedBy != "" {
			note = append(note, "replaced by "+c.ReplacedBy)
		}
		if c.Replaces != "" {
			note = append(note, "replaces "+c.Replaces)
		}
		tb.row(c.Serial, c.TraineeID, c.CourseID, hours(c.Hours), c.IssuedOn, c.Status, strings.Join(note, "; "))
	}
	if err := tb.flush(); err != nil {
		return err
	}
	fmt.Fprintf(e.stdout, "%d certificate(s)\n", len(certs))
	return nil
}

func runCertVoid(e *env, args []string) error {
	reason := e.fs.String("reason", "", "why the certificate is void (required)")
	pos, err := e.parse(args, 1)
	if err != nil {
		return err
	}
	if strings.TrimSpace(*reason) == "" {
		return e.usagef("--reason is required")
	}
	if err := e.open(); err != nil {
		return err
	}
	if err := e.svc.Certificates.VoidCertificate(e.ctx, pos[0], *reason); err != nil {
		return err
	}
	fmt.Fprintf(e.stdout, "Certificate %s is void.\n", pos[0])
	return nil
}

func runCertReissue(e *env, args []string) error {
	e.fs.BoolVar(&e.json, "json", false, "print JSON")
	pos, err := e.parse(args, 1)
	if err != nil {
		return err
	}
	if err := e.open(); err != nil {
		return err
	}
	c, err := e.svc.Certificates.ReissueCertificate(e.ctx, pos[0])
	if err != nil {
		return err
	}
	if e.json {
		return e.writeJSON(c)
	}
	fmt.Fprintf(e.stdout, "Certificate %s replaces %s.\n", c.Serial, pos[0])
	return nil
}
