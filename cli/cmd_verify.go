package cli

import (
	"fmt"
	"strings"

	"peiyang/certsign"
	"peiyang/models"
)

func runVerify(e *env, args []string) error {
	asJSON := e.fs.Bool("json", false, "print the verdict as JSON")
	pos, err := e.parse(args, 1)
	if err != nil {
		return err
	}
	if err := e.open(); err != nil {
		return err
	}
	r, err := e.svc.Certificates.VerifyCertificate(e.ctx, pos[0])
	if err != nil {
		return err
	}
	if r.Payload != nil {
		// Shown by today's policy: a certificate printed before it
		// carries more of the number.
		p := *r.Payload
		p.MaskedID = models.MaskIDNumber(p.MaskedID)
		r.Payload = &p
	}
	if *asJSON {
		if err := e.writeJSON(r); err != nil {
			return err
		}
	} else {
		fmt.Fprintf(e.stdout, "%s: %s\n", strings.ToUpper(string(r.Status)), r.Message)
		if p := r.Payload; p != nil && r.Status != certsign.StatusForged {
			fmt.Fprintf(e.stdout, "  serial:    %s\n  name:      %s\n  course:    %s\n  issued on: %s\n  ID number: %s\n",
				p.Serial, p.Name, p.Course, p.IssuedOn, p.MaskedID)
		}
		for _, d := range r.Differences {
			fmt.Fprintf(e.stdout, "  note: %s\n", d)
		}
	}
	if r.Valid() {
		return nil
	}
	// Exit 1; the error goes to stderr only, the verdict being printed.
	return models.Errorf(models.ECONFLICT, "", "The certificate is not valid: {{.Status}}.", "Status", string(r.Status))
}
