package certsign

import (
	"context"
	"fmt"

	"peiyang/models"
)

// Status is the verdict on a certificate code.
type Status string

// The verdicts. Only StatusValid means the certificate may be relied on.
const (
	StatusValid    Status = "valid"    // genuine, and the certificate is valid
	StatusVoid     Status = "void"     // genuine, but the certificate was voided
	StatusReplaced Status = "replaced" // genuine, but a reissue replaced it
	StatusForged   Status = "forged"   // the signature does not hold: altered, or not ours
	StatusUnknown  Status = "unknown"  // genuine, but the serial is not in this database
)

// Result is the outcome of checking a certificate code.
type Result struct {
	Status Status `json:"status"`
	// Message says the verdict in English; it is rendered from
	// MessageKey (the translation key) and Data.
	Message    string         `json:"message"`
	MessageKey string         `json:"-"`
	Data       map[string]any `json:"-"`
	// Payload is what the code says, nil when it is no certificate code.
	// For a forged code it is what the code claims, not the truth.
	Payload    *Payload `json:"payload,omitempty"`
	VoidReason string   `json:"void_reason,omitempty"`
	ReplacedBy string   `json:"replaced_by,omitempty"`
	// Current is the serial that replaced this certificate in the end,
	// after a chain of reissues, and CurrentStatus its status.
	Current       string                   `json:"current,omitempty"`
	CurrentStatus models.CertificateStatus `json:"current_status,omitempty"`
	// Differences lists where the record now differs from the code
	// (a name corrected since, say), in English.
	Differences []string `json:"differences,omitempty"`
}

// Valid reports whether the certificate may be relied on.
func (r *Result) Valid() bool { return r.Status == StatusValid }

// say sets the message from its key and alternating names and values.
func (r *Result) say(key string, data ...any) {
	r.MessageKey, r.Data = key, map[string]any{}
	for i := 0; i+1 < len(data); i += 2 {
		r.Data[fmt.Sprint(data[i])] = data[i+1]
	}
	r.Message = models.Render(key, r.Data)
}

// Store is what checking a code reads: the key and the records.
type Store interface {
	SettingReader
	FindCertificateBySerial(ctx context.Context, serial string) (*models.Certificate, error)
	FindTraineeByID(ctx context.Context, id int64) (*models.Trainee, error)
	FindCourseByID(ctx context.Context, id int64) (*models.Course, error)
}

// Check verifies a certificate code offline against this database's key
// and records. A code that is not one, or whose signature does not hold,
// is StatusForged; err is set only when the database cannot be read.
func Check(ctx context.Context, st Store, text string) (*Result, error) {
	r := &Result{Status: StatusForged}
	pub, err := PublicKey(ctx, st)
	if err != nil {
		return nil, err
	}
	p, ok, err := Verify(text, pub)
	if err != nil {
		r.say(models.ErrorMessage(err))
		return r, nil
	}
	r.Payload = &p
	switch {
	case pub == nil:
		r.say("This database has never signed a certificate, so the code cannot come from it: treat the certificate as forged.")
		return r, nil
	case !ok:
		r.say("The signature does not match the text: the certificate code was altered or was not issued here. Treat the certificate as forged.")
		return r, nil
	}
	c, err := st.FindCertificateBySerial(ctx, p.Serial)
	if models.IsNotFound(err) {
		r.Status = StatusUnknown
		r.say("The signature is genuine, but certificate {{.Serial}} is not in this database: open the database that issued it.", "Serial", p.Serial)
		return r, nil
	}
	if err != nil {
		return nil, fmt.Errorf("certsign: check: %w", err)
	}
	if err := r.compare(ctx, st, c); err != nil {
		return nil, err
	}
	switch c.Status {
	case models.CertValid:
		r.Status = StatusValid
		r.say("Certificate {{.Serial}} of {{.Name}} for {{.Course}}, issued on {{.Date}}, is valid.",
			"Serial", p.Serial, "Name", p.Name, "Course", p.Course, "Date", p.IssuedOn.String())
	case models.CertVoid:
		r.Status, r.VoidReason = StatusVoid, c.VoidReason
		r.say("Certificate {{.Serial}} of {{.Name}} is void: {{.Reason}}", "Serial", p.Serial, "Name", p.Name, "Reason", c.VoidReason)
	case models.CertReplaced:
		r.Status, r.ReplacedBy = StatusReplaced, c.ReplacedBy
		if err := r.follow(ctx, st, c); err != nil {
			return nil, err
		}
		if r.CurrentStatus == models.CertValid {
			r.say("Certificate {{.Serial}} of {{.Name}} has been replaced by {{.ReplacedBy}}; only {{.Current}} is valid.",
				"Serial", p.Serial, "Name", p.Name, "ReplacedBy", c.ReplacedBy, "Current", r.Current)
		} else {
			r.say("Certificate {{.Serial}} of {{.Name}} has been replaced by {{.ReplacedBy}}, and {{.Current}}, its latest replacement, is void.",
				"Serial", p.Serial, "Name", p.Name, "ReplacedBy", c.ReplacedBy, "Current", r.Current)
		}
	default:
		return nil, fmt.Errorf("certsign: check: certificate %s has the unknown status %q", c.Serial, c.Status)
	}
	return r, nil
}

// follow walks the chain of reissues from c to its latest replacement.
func (r *Result) follow(ctx context.Context, st Store, c *models.Certificate) error {
	for i := 0; c.Status == models.CertReplaced && c.ReplacedBy != "" && i < 100; i++ {
		next, err := st.FindCertificateBySerial(ctx, c.ReplacedBy)
		if err != nil {
			return fmt.Errorf("certsign: check: replacement of %s: %w", c.Serial, err)
		}
		c = next
	}
	r.Current, r.CurrentStatus = c.Serial, c.Status
	return nil
}

// compare notes where the record differs from the payload.
func (r *Result) compare(ctx context.Context, st Store, c *models.Certificate) error {
	p := r.Payload
	if !c.IssuedOn.Equal(p.IssuedOn) {
		r.Differences = append(r.Differences, models.Render("The record's issue date is {{.Date}}.", map[string]any{"Date": c.IssuedOn.String()}))
	}
	t, err := st.FindTraineeByID(ctx, c.TraineeID)
	if err != nil {
		return fmt.Errorf("certsign: check: holder of %s: %w", c.Serial, err)
	}
	course, err := st.FindCourseByID(ctx, c.CourseID)
	if err != nil {
		return fmt.Errorf("certsign: check: course of %s: %w", c.Serial, err)
	}
	want := NewPayload(c, t.Name, t.IDNumber, course.Title)
	if want.Name != p.Name {
		r.Differences = append(r.Differences, models.Render("The holder's name on record is now {{.Name}}.", map[string]any{"Name": t.Name}))
	}
	if !models.MaskedIDMatches(p.MaskedID, t.IDNumber) {
		r.Differences = append(r.Differences, "The holder's ID number on record has changed since.")
	}
	if want.Course != p.Course {
		r.Differences = append(r.Differences, models.Render("The course title on record is now {{.Course}}.", map[string]any{"Course": course.Title}))
	}
	return nil
}
