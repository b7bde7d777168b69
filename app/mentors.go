package app

import (
	"context"
	"io"
	"sort"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"peiyang/app/kit"
	"peiyang/models"
	"peiyang/pinyin"
	"peiyang/reports/lists"
	"peiyang/training"
)

// mentorsScreen shows each mentor's load (trainees mentored today of the
// maximum) as a list of bars; the chosen mentor's mentorships; and the
// chosen mentorship's contact log. Mentors are assigned from the ranked
// suggestions (mentors_assign.go) and contacts logged in a form.
type mentorsScreen struct {
	u      *ui
	box    fyne.CanvasObject
	loaded bool

	summary *widget.Label
	filter  *kit.Entry
	loads   []training.MentorLoad // every mentor, in pinyin order of names
	visible []training.MentorLoad // those the filter selects
	list    *widget.List

	mentorID   int64 // the mentor chosen, 0 for none
	title      *widget.Label
	loadLabel  *widget.Label
	info       *widget.Label
	pairs      []training.MentorPair
	pairList   *widget.List
	pairsTitle *widget.Label

	pairID       int64 // the mentorship chosen, 0 for none
	contacts     []*models.Contact
	contactList  *widget.List
	contactTitle *widget.Label
	contactText  *widget.Label
	logBtn       *widget.Button

	assign      *mentorAssign // the assign dialog opened last; for tests
	contactForm *contactForm  // the contact form opened last; for tests
}

func newMentors(u *ui) *mentorsScreen {
	s := &mentorsScreen{u: u}
	s.summary = widget.NewLabel(T("dashboard.loading"))
	s.filter = kit.NewEntry()
	s.filter.SetPlaceHolder(T("mentors.filter_placeholder"))
	s.filter.OnChanged = func(string) { s.applyFilter() }

	s.list = widget.NewList(func() int { return len(s.visible) }, mentorLoadItem, s.updateLoad)
	s.list.OnSelected = func(id widget.ListItemID) {
		if id < len(s.visible) {
			s.choose(s.visible[id].Mentor.ID)
		}
	}

	s.title = kit.Heading(T("mentors.none_chosen"))
	s.loadLabel = widget.NewLabel("")
	s.loadLabel.Importance = widget.HighImportance
	s.info = kit.Caption("")
	s.info.Truncation = fyne.TextTruncateEllipsis

	s.pairsTitle = kit.Heading(T("mentors.mentorships"))
	s.pairList = widget.NewList(func() int { return len(s.pairs) }, kit.TwoLineItem, s.updatePair)
	s.pairList.OnSelected = func(id widget.ListItemID) {
		if id < len(s.pairs) {
			s.choosePair(s.pairs[id].Mentorship.ID)
		}
	}

	s.contactTitle = kit.Heading(T("mentors.contacts"))
	s.contactList = widget.NewList(func() int { return len(s.contacts) }, kit.TwoLineItem, s.updateContact)
	s.contactText = widget.NewLabel("")
	s.contactText.Wrapping = fyne.TextWrapWord
	s.contactText.Hide()
	s.contactList.OnSelected = func(id widget.ListItemID) {
		if id < len(s.contacts) {
			s.contactText.SetText(s.contacts[id].Summary)
			s.contactText.Show()
		}
	}
	s.logBtn = u.actionButton(models.PermEdit, T("mentors.log_contact"), theme.ContentAddIcon(), s.openContactForm)
	s.logBtn.Disable()

	assignBtn := u.actionButton(models.PermEdit, T("mentors.assign"), theme.ContentAddIcon(), s.openAssign)
	assignBtn.Importance = widget.HighImportance
	printBtn := widget.NewButtonWithIcon(T("mentors.print"), theme.DocumentPrintIcon(), s.print)
	refresh := widget.NewButtonWithIcon(T("button.refresh"), theme.ViewRefreshIcon(), s.shown)
	top := kit.Bar(kit.Heading(T("nav.mentors")), s.summary, container.NewHBox(assignBtn, printBtn, refresh))

	left := kit.CardWithHeading(kit.Heading(T("mentors.load")),
		container.NewBorder(container.NewVBox(s.filter, kit.WrapCaption(T("mentors.load_legend"))), nil, nil, nil, s.list))
	pairsCard := kit.CardWithHeading(s.pairsTitle, s.pairList)
	contactsCard := kit.CardWithHeading(s.contactTitle,
		container.NewBorder(nil, container.NewVBox(s.contactText, container.NewHBox(s.logBtn)), nil, nil, s.contactList))
	lower := container.NewVSplit(pairsCard, contactsCard)
	lower.Offset = 0.5
	header := container.NewVBox(kit.Bar(s.title, s.loadLabel, nil), s.info)
	right := container.NewBorder(header, nil, nil, nil, lower)
	split := container.NewHSplit(left, right)
	split.Offset = 0.36
	s.box = container.NewBorder(top, nil, nil, nil, split)
	return s
}

func (s *mentorsScreen) content() fyne.CanvasObject { return s.box }

// shown reloads the loads, and the chosen mentor's mentorships.
func (s *mentorsScreen) shown() {
	goLoad(s.u, s.u.svc.FollowUp.MentorLoads, s.setLoads)
	if s.mentorID != 0 {
		s.loadPairs()
	}
}

// setLoads shows loaded mentor loads, choosing the first mentor when none
// is chosen yet.
func (s *mentorsScreen) setLoads(ls []training.MentorLoad) {
	keys := make(map[int64]string, len(ls))
	for _, l := range ls {
		keys[l.Mentor.ID] = pinyin.SortKey(l.Mentor.Name)
	}
	sort.SliceStable(ls, func(i, j int) bool { return keys[ls[i].Mentor.ID] < keys[ls[j].Mentor.ID] })
	s.loads = ls
	active, full := 0, 0
	for _, l := range ls {
		active += l.Active
		if l.Full() {
			full++
		}
	}
	s.summary.SetText(T("mentors.summary", "Mentors", formatInt(len(ls)), "Active", formatInt(active), "Full", formatInt(full)))
	s.applyFilter()
	if !s.loaded && s.mentorID == 0 && len(s.visible) > 0 {
		s.list.Select(0)
	}
	s.loaded = true
	s.showMentor()
}

// applyFilter lists the mentors whose name, organisation or position
// holds the filter's text.
func (s *mentorsScreen) applyFilter() {
	q := strings.TrimSpace(s.filter.Text)
	s.visible = s.visible[:0:0]
	for _, l := range s.loads {
		m := l.Mentor
		if q == "" || strings.Contains(m.Name, q) || strings.Contains(m.Organisation, q) || strings.Contains(m.Position, q) ||
			m.HomeRegion.Contains(q) {
			s.visible = append(s.visible, l)
		}
	}
	s.list.UnselectAll()
	for i, l := range s.visible {
		if l.Mentor.ID == s.mentorID {
			s.list.Select(i)
		}
	}
	s.list.Refresh()
}

// load returns the chosen mentor's load, nil when none.
func (s *mentorsScreen) load(id int64) *training.MentorLoad {
	for i := range s.loads {
		if s.loads[i].Mentor.ID == id {
			return &s.loads[i]
		}
	}
	return nil
}

func (s *mentorsScreen) updateLoad(id widget.ListItemID, o fyne.CanvasObject) {
	if id >= len(s.visible) {
		return
	}
	l := s.visible[id]
	setLoadItem(o, l.Mentor.Name, mentorLoadDetail(l), l.Active, l.Mentor.MaxMentees)
}

// mentorLoadDetail is the detail line of a mentor: position and
// organisation, and "full" when the mentor takes no more trainees.
func mentorLoadDetail(l training.MentorLoad) string {
	parts := nonEmpty([]string{l.Mentor.Position, l.Mentor.Organisation})
	if l.Full() {
		parts = append([]string{T("mentors.full")}, parts...)
	}
	return strings.Join(parts, T("list.separator"))
}

// mentorLoadText says how many trainees the mentor mentors today of the
// maximum.
func mentorLoadText(l training.MentorLoad) string {
	t := T("mentors.load_text", "Load", l.Active, "Max", l.Mentor.MaxMentees)
	if l.Full() {
		t += T("list.separator") + T("mentors.full")
	}
	return t
}

// choose shows a mentor's mentorships.
func (s *mentorsScreen) choose(id int64) {
	if id == s.mentorID {
		return
	}
	s.mentorID = id
	s.pairs, s.pairID, s.contacts = nil, 0, nil
	s.pairList.UnselectAll()
	s.pairList.Refresh()
	s.showPair()
	s.showMentor()
	s.loadPairs()
}

// showMentor shows the chosen mentor's heading.
func (s *mentorsScreen) showMentor() {
	l := s.load(s.mentorID)
	if l == nil {
		s.title.SetText(T("mentors.none_chosen"))
		s.loadLabel.SetText("")
		s.info.SetText("")
		return
	}
	m := l.Mentor
	s.title.SetText(m.Name)
	s.loadLabel.SetText(mentorLoadText(*l))
	themes := make([]string, len(m.Themes))
	for i, t := range m.Themes {
		themes[i] = themeLabel(t)
	}
	s.info.SetText(strings.Join(nonEmpty([]string{
		strings.Join(nonEmpty([]string{m.Position, m.Organisation}), " "),
		m.HomeRegion.Short(),
		T("mentors.expertise", "Themes", strings.Join(themes, T("mentors.and"))),
		T("mentors.total", "N", l.Total),
	}), T("list.separator")))
}

// loadPairs reads the chosen mentor's mentorships.
func (s *mentorsScreen) loadPairs() {
	id := s.mentorID
	goLoad(s.u, func(ctx context.Context) ([]training.MentorPair, error) {
		return s.u.svc.FollowUp.MentorshipsOf(ctx, id)
	}, func(ps []training.MentorPair) {
		if id != s.mentorID {
			return
		}
		s.pairs = ps
		s.pairsTitle.SetText(T("mentors.mentorships_n", "N", len(ps)))
		s.pairList.UnselectAll()
		s.pairList.Refresh()
		keep := s.pairID
		s.pairID = 0
		for i, p := range ps {
			if p.Mentorship.ID == keep || (keep == 0 && i == 0) {
				s.pairList.Select(i)
				if s.pairID == p.Mentorship.ID {
					s.loadContacts() // already chosen: read its log again
				}
				break
			}
		}
		if s.pairID == 0 {
			s.showPair()
		}
	})
}

func (s *mentorsScreen) updatePair(id widget.ListItemID, o fyne.CanvasObject) {
	if id >= len(s.pairs) {
		return
	}
	p := s.pairs[id]
	m := p.Mentorship
	title := strings.Join(nonEmpty([]string{p.Trainee.Name, p.Trainee.HomeRegion.Short()}), T("list.separator"))
	status := T("mentors.ended")
	if m.ActiveOn(s.u.svc.Today()) {
		status = T("mentors.running")
	}
	parts := []string{mentorshipPeriod(m), status, T("timeline.contacts", "N", p.Contacts)}
	if !p.LastContact.IsZero() {
		parts = append(parts, T("mentors.last_contact", "Date", p.LastContact.String()))
	}
	if m.Goals != "" {
		parts = append(parts, m.Goals)
	}
	kit.SetTwoLines(o, title, strings.Join(parts, T("list.separator")))
}

// mentorshipPeriod is "2025-03-01 to 2026-02-28", or "since 2025-03-01"
// when open-ended.
func mentorshipPeriod(m *models.Mentorship) string {
	if m.EndDate.IsZero() {
		return T("mentors.since", "Date", m.StartDate.String())
	}
	return T("timeline.period", "From", m.StartDate.String(), "To", m.EndDate.String())
}

// changed reloads what a new mentorship or contact changes.
func (s *mentorsScreen) changed() {
	if s.u.trainees != nil {
		s.u.trainees.invalidate()
	}
	s.shown()
}

// print prints the mentor pairing list.
func (s *mentorsScreen) print() {
	title := T("mentors.print_title")
	printList(s.u, title, listFileName(s.u, "导师帮带结对名单"), "mentor pairing list", func(ctx context.Context) (listDoc, error) {
		pairs, err := s.u.svc.FollowUp.MentorPairs(ctx)
		if err != nil {
			return nil, err
		}
		return func(w io.Writer, m lists.Meta) (int, error) { return lists.Mentors(w, m, pairs) }, nil
	})
}
