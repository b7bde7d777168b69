package app

import (
	"context"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/widget"

	"peiyang/app/kit"
	"peiyang/models"
	"peiyang/training"
)

// The contact log of a mentorship: its list on the mentors screen and the
// form that logs a contact.

// choosePair shows a mentorship's contact log.
func (s *mentorsScreen) choosePair(id int64) {
	if id == s.pairID {
		return
	}
	s.pairID = id
	s.contacts = nil
	s.showPair()
	s.loadContacts()
}

// pair returns the chosen mentorship, nil when none.
func (s *mentorsScreen) pair() *training.MentorPair {
	for i := range s.pairs {
		if s.pairs[i].Mentorship.ID == s.pairID {
			return &s.pairs[i]
		}
	}
	return nil
}

// showPair shows the contact log's heading and list.
func (s *mentorsScreen) showPair() {
	p := s.pair()
	if p == nil {
		s.contactTitle.SetText(T("mentors.contacts"))
		s.logBtn.Disable()
	} else {
		s.contactTitle.SetText(T("mentors.contacts_of", "Trainee", p.Trainee.Name, "N", len(s.contacts)))
		s.logBtn.Enable()
	}
	s.contactText.Hide()
	s.contactList.UnselectAll()
	s.contactList.Refresh()
}

// loadContacts reads the chosen mentorship's contact log.
func (s *mentorsScreen) loadContacts() {
	id := s.pairID
	goLoad(s.u, func(ctx context.Context) ([]*models.Contact, error) {
		return s.u.svc.FollowUp.MentorContacts(ctx, id)
	}, func(cs []*models.Contact) {
		if id != s.pairID {
			return
		}
		s.contacts = cs
		s.showPair()
		s.contactList.ScrollToTop()
		switch s.u.takeShow("mentors") {
		case "contact":
			s.openContactForm()
		case "assign":
			s.openAssign()
			if p := s.pair(); p != nil {
				s.assign.picker.demo(p.Trainee.Name)
			}
		}
	})
}

func (s *mentorsScreen) updateContact(id widget.ListItemID, o fyne.CanvasObject) {
	if id >= len(s.contacts) {
		return
	}
	c := s.contacts[id]
	kit.SetTwoLines(o, c.Date.String()+T("list.separator")+contactModeLabel(c.Mode), c.Summary)
}

// contactForm logs a contact of the chosen mentorship.
type contactForm struct {
	*dialogForm
	pair    training.MentorPair
	date    *kit.Entry
	mode    *kit.Select
	summary *kit.Entry
}

// openContactForm opens the form that logs a contact.
func (s *mentorsScreen) openContactForm() {
	p := s.pair()
	if p == nil {
		return
	}
	f := &contactForm{dialogForm: newDialogForm(s.u), pair: *p}
	s.contactForm = f
	f.date = f.entry(s.u.svc.Today().String(), "YYYY-MM-DD")
	modes := make([]string, len(models.ContactModes))
	for i, m := range models.ContactModes {
		modes[i] = contactModeLabel(m)
	}
	f.mode = f.choice(modes, nil)
	f.summary = f.entry("", T("mentors.summary_placeholder"))
	f.row("date", T("mentors.contact_date"), f.date)
	f.row("mode", T("mentors.contact_mode"), f.mode)
	f.row("summary", T("mentors.contact_summary"), f.summary)
	f.Also("mentorship_id", "date")
	intro := widget.NewLabel(T("mentors.contact_intro", "Mentor", p.Mentor.Name, "Trainee", p.Trainee.Name, "Period", mentorshipPeriod(p.Mentorship)))
	intro.Wrapping = fyne.TextWrapWord
	f.open(T("mentors.log_contact_title"), f.body(intro), fyne.NewSize(620, 300), f.read, func() {
		s.pairID = f.pair.Mentorship.ID
		s.changed()
	})
	s.u.win.Canvas().Focus(f.date)
}

// read returns the work that logs the contact.
func (f *contactForm) read() (func(ctx context.Context) error, error) {
	var l models.ErrorList
	c := &models.Contact{MentorshipID: f.pair.Mentorship.ID, Date: parseDate(&l, "date", f.date.Text), Summary: f.summary.Text}
	if i := f.mode.SelectedIndex(); i >= 0 {
		c.Mode = models.ContactModes[i]
	}
	if err := withChecks(l, c.Validate); err != nil {
		return nil, err
	}
	return func(ctx context.Context) error { return f.u.svc.FollowUp.LogContact(ctx, c) }, nil
}

// contactModeLabel is the contact mode's label.
func contactModeLabel(m models.ContactMode) string { return T(models.GlossaryKey("contact_mode", m)) }
