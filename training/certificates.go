package training

import (
	"context"
	"strings"

	"peiyang/models"
	"peiyang/settings"
)

// Certificates: gapless serials per year, issuing a course's certificates
// all or nothing, voiding and reissuing.

// CheckIssue refuses a certificate for a trainee whose enrolment on the
// course is not completed, saying who and why, or who already holds a
// valid certificate for the course (among certs, the course's
// certificates). e is nil when the trainee has no enrolment.
func CheckIssue(course *models.Course, trainee *models.Trainee, e *models.Enrolment, certs []*models.Certificate) error {
	if e == nil || !e.Status.HoldsPlace() {
		return conflict("trainee_id", "{{.Name}} holds no place on {{.Course}} and cannot receive its certificate.", "Name", trainee.Name, "Course", course.Title)
	}
	switch e.Status {
	case models.Enrolled:
		return conflict("trainee_id", "The completion of {{.Name}} on {{.Course}} has not been decided yet.", "Name", trainee.Name, "Course", course.Title)
	case models.NotCompleted:
		return conflict("trainee_id", "{{.Name}} did not complete {{.Course}}: {{.Reason}}", "Name", trainee.Name, "Course", course.Title, "Reason", e.Reason)
	}
	for _, c := range certs {
		if c.TraineeID == trainee.ID && c.CourseID == course.ID && c.Status == models.CertValid {
			return conflict("trainee_id", "{{.Name}} already holds certificate {{.Serial}} for {{.Course}}.", "Name", trainee.Name, "Serial", c.Serial, "Course", course.Title)
		}
	}
	return nil
}

// VoidCert marks a valid certificate void with the reason; the serial
// stays taken. A void or replaced certificate cannot be voided, and the
// reason is required.
func VoidCert(c *models.Certificate, reason string) error {
	if err := checkValidCert(c, false); err != nil {
		return err
	}
	reason = models.CleanText(models.StripBidiControls(reason))
	if reason == "" {
		return invalid("void_reason", "Give the reason for voiding the certificate.")
	}
	if err := models.CheckText("void_reason", reason, models.MaxText); err != nil {
		return err
	}
	c.Status = models.CertVoid
	c.VoidReason = reason
	return nil
}

// ReplaceCert links a valid certificate and its reissue both ways: old
// becomes replaced by next, and next replaces old, for the same trainee,
// course and hours.
func ReplaceCert(old, next *models.Certificate) error {
	if err := checkValidCert(old, true); err != nil {
		return err
	}
	next.TraineeID, next.CourseID, next.Hours = old.TraineeID, old.CourseID, old.Hours
	next.Status = models.CertValid
	next.Replaces = old.Serial
	old.Status = models.CertReplaced
	old.ReplacedBy = next.Serial
	return nil
}

// checkValidCert refuses to void (or, with reissue, to reissue) a
// certificate that is not valid.
func checkValidCert(c *models.Certificate, reissue bool) error {
	switch {
	case c.Status == models.CertVoid && reissue:
		return conflict("serial", "Certificate {{.Serial}} is void and cannot be reissued.", "Serial", c.Serial)
	case c.Status == models.CertVoid:
		return conflict("serial", "Certificate {{.Serial}} is already void.", "Serial", c.Serial)
	case c.Status == models.CertReplaced && reissue:
		return conflict("serial", "Certificate {{.Serial}} has already been replaced by {{.ReplacedBy}}; reissue that one instead.", "Serial", c.Serial, "ReplacedBy", c.ReplacedBy)
	case c.Status == models.CertReplaced:
		return conflict("serial", "Certificate {{.Serial}} has been replaced by {{.ReplacedBy}} and cannot be voided; void that one instead.", "Serial", c.Serial, "ReplacedBy", c.ReplacedBy)
	}
	return nil
}

// IssueCertificates issues a certificate to every trainee who completed the
// course and holds no valid certificate for it yet, numbered on from the
// year's last serial without gaps. The hours are the class hours earned;
// the year is the issue date's. It is all or nothing: when one certificate
// fails, none is written. No one to issue to gives an empty list. A course
// that is not over (sessions to come, or its end date ahead) is refused:
// the certificates would be dated before it ends; IssueCertificatesEarly
// issues them anyway.
func (s *CertificateService) IssueCertificates(ctx context.Context, courseID int64) ([]*models.Certificate, error) {
	return s.issueCertificates(ctx, courseID, "")
}

// IssueCertificatesEarly issues the certificates of a course that is not
// over yet (closed early, say), for the reason given, which the audit
// trail records; a blank reason is refused.
func (s *CertificateService) IssueCertificatesEarly(ctx context.Context, courseID int64, reason string) ([]*models.Certificate, error) {
	if strings.TrimSpace(reason) == "" {
		return nil, invalid("reason", MsgEarlyReason)
	}
	return s.issueCertificates(ctx, courseID, reason)
}

func (s *CertificateService) issueCertificates(ctx context.Context, courseID int64, reason string) ([]*models.Certificate, error) {
	var out []*models.Certificate
	err := s.update(ctx, "issue certificates", func(ctx context.Context) error {
		out = nil
		in, err := s.issueData(ctx, courseID)
		if err != nil {
			return err
		}
		var due []int64
		for _, e := range in.enrolments {
			if e.Status == models.Completed && !in.holds[e.TraineeID] {
				due = append(due, e.TraineeID)
			}
		}
		if len(due) == 0 {
			return nil
		}
		// The scores were settled when completion was decided.
		if err := s.early(ctx, in.course, in.sessions, nil, "certificates issued before the course was over", reason); err != nil {
			return err
		}
		for _, id := range due {
			c, err := in.issue(ctx, s.rules, id)
			if err != nil {
				return err
			}
			out = append(out, c)
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	return out, nil
}

// IssueCertificate issues the certificate of one trainee who completed the
// course. A trainee who did not complete it is refused with who and why.
func (s *CertificateService) IssueCertificate(ctx context.Context, courseID, traineeID int64) (*models.Certificate, error) {
	var out *models.Certificate
	err := s.update(ctx, "issue certificate", func(ctx context.Context) error {
		in, err := s.issueData(ctx, courseID)
		if err != nil {
			return err
		}
		trainee, err := s.store.FindTraineeByID(ctx, traineeID)
		if err != nil {
			return err
		}
		var e *models.Enrolment
		for _, x := range in.enrolments {
			if x.TraineeID == traineeID {
				e = x
			}
		}
		if err := CheckIssue(in.course, trainee, e, in.certs); err != nil {
			return err
		}
		if err := s.notOver(in.course, in.sessions, nil); err != nil {
			return err
		}
		out, err = in.issue(ctx, s.rules, traineeID)
		return err
	})
	if err != nil {
		return nil, err
	}
	return out, nil
}

// VoidCertificate voids a valid certificate, keeping its serial and the
// reason (required).
func (s *CertificateService) VoidCertificate(ctx context.Context, serial, reason string) error {
	return s.update(ctx, "void certificate", func(ctx context.Context) error {
		c, err := s.store.FindCertificateBySerial(ctx, serial)
		if err != nil {
			return err
		}
		if err := VoidCert(c, reason); err != nil {
			return err
		}
		return s.store.UpdateCertificate(ctx, c)
	})
}

// ReissueCertificate replaces a valid certificate with a new one under the
// next serial of the current year, linked both ways.
func (s *CertificateService) ReissueCertificate(ctx context.Context, serial string) (*models.Certificate, error) {
	var out *models.Certificate
	err := s.update(ctx, "reissue certificate", func(ctx context.Context) error {
		old, err := s.store.FindCertificateBySerial(ctx, serial)
		if err != nil {
			return err
		}
		if err := checkValidCert(old, true); err != nil {
			return err
		}
		next, err := s.nextCertificate(ctx)
		if err != nil {
			return err
		}
		if err := ReplaceCert(old, next); err != nil {
			return err
		}
		if err := s.createCertificate(ctx, next); err != nil {
			return err
		}
		out = next
		return s.store.UpdateCertificate(ctx, old)
	})
	if err != nil {
		return nil, err
	}
	return out, nil
}

// issueInput is what issuing a course's certificates reads first.
type issueInput struct {
	course     *models.Course
	sessions   []*models.Session
	attendance []*models.Attendance
	enrolments []*models.Enrolment
	certs      []*models.Certificate
	holds      map[int64]bool // trainees holding a valid certificate for the course
	serials    *serialSource  // the batch's serials, read on its first certificate
}

func (s *rules) issueData(ctx context.Context, courseID int64) (*issueInput, error) {
	in := &issueInput{holds: map[int64]bool{}}
	var err error
	if in.course, err = s.store.FindCourseByID(ctx, courseID); err != nil {
		return nil, err
	}
	if in.sessions, err = s.store.FindSessions(ctx, models.SessionFilter{CourseID: courseID}); err != nil {
		return nil, err
	}
	if in.attendance, err = s.store.FindAttendance(ctx, models.AttendanceFilter{CourseID: courseID}); err != nil {
		return nil, err
	}
	if in.enrolments, err = s.store.FindEnrolments(ctx, models.EnrolmentFilter{CourseID: courseID}); err != nil {
		return nil, err
	}
	if in.certs, err = s.store.FindCertificates(ctx, models.CertificateFilter{CourseID: courseID}); err != nil {
		return nil, err
	}
	for _, c := range in.certs {
		if c.Status == models.CertValid {
			in.holds[c.TraineeID] = true
		}
	}
	return in, nil
}

// issue writes the next certificate of the year for the trainee.
func (in *issueInput) issue(ctx context.Context, s *rules, traineeID int64) (*models.Certificate, error) {
	if in.serials == nil {
		var err error
		if in.serials, err = s.serialSource(ctx); err != nil {
			return nil, err
		}
	}
	c, err := in.serials.next()
	if err != nil {
		return nil, err
	}
	c.TraineeID, c.CourseID = traineeID, in.course.ID
	c.Hours = HoursEarned(in.sessions, in.attendance, traineeID)
	if err := s.createCertificate(ctx, c); err != nil {
		return nil, err
	}
	in.holds[traineeID] = true
	return c, nil
}

// nextCertificate returns a valid certificate issued today under the
// year's next serial, in the serial format in force
// (settings.SerialFormatFor); the caller sets trainee, course and hours.
// The sequence goes on from the year's last serial whatever the format
// was, so that a year's numbers stay gapless when the format changes.
func (s *rules) nextCertificate(ctx context.Context) (*models.Certificate, error) {
	src, err := s.serialSource(ctx)
	if err != nil {
		return nil, err
	}
	return src.next()
}

// serialSource numbers the certificates of one write transaction: the
// serial format, the short name and the year's last number are read once,
// and each certificate takes the next number (a batch of 1,000 reads them
// once, not 1,000 times: on a server every read is a round trip). Inside
// the transaction nobody else can take a number in between (see
// CertificateService: the transaction's isolation).
type serialSource struct {
	format, short string
	today         models.Date
	last          int
}

func (s *rules) serialSource(ctx context.Context) (*serialSource, error) {
	format, err := s.store.Setting(ctx, settings.SerialFormat)
	if err != nil {
		return nil, err
	}
	short, err := s.store.Setting(ctx, settings.OrgShortName)
	if err != nil {
		return nil, err
	}
	today := s.today()
	last, err := s.store.LastCertificateSeq(ctx, today.Year())
	if err != nil {
		return nil, err
	}
	return &serialSource{format: settings.SerialFormatFor(format, short), short: short, today: today, last: last}, nil
}

// next returns a valid certificate issued today under the next serial;
// the caller sets trainee, course and hours.
func (src *serialSource) next() (*models.Certificate, error) {
	seq := src.last + 1
	serial, err := settings.FormatSerial(src.format, src.short, src.today.Year(), seq)
	if err != nil {
		return nil, err
	}
	src.last = seq
	return &models.Certificate{Serial: serial, Year: src.today.Year(), Seq: seq, IssuedOn: src.today, Status: models.CertValid}, nil
}

func (s *rules) createCertificate(ctx context.Context, c *models.Certificate) error {
	if err := c.Validate(); err != nil {
		return err
	}
	if _, err := s.store.FindCertificateBySerial(ctx, c.Serial); err == nil {
		return conflict("serial", "The certificate serial {{.Serial}} is already taken; check the serial format setting.", "Serial", c.Serial)
	} else if !models.IsNotFound(err) {
		return err
	}
	return s.store.CreateCertificate(ctx, c)
}

// FindCertificates lists the certificates the filter selects, by year and
// sequence number.
func (s *CertificateService) FindCertificates(ctx context.Context, f models.CertificateFilter) ([]*models.Certificate, error) {
	cs, err := s.store.FindCertificates(ctx, f)
	return cs, wrap("find certificates", err)
}

// FindCertificateBySerial returns one certificate, or ENOTFOUND.
func (s *CertificateService) FindCertificateBySerial(ctx context.Context, serial string) (*models.Certificate, error) {
	c, err := s.store.FindCertificateBySerial(ctx, serial)
	return c, wrap("find certificate", err)
}
