package app

import (
	"bytes"
	"context"
	"encoding/json"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"peiyang/app/kit"
	"peiyang/models"
	"peiyang/training"
)

// The audit trail: who changed, printed, exported, revealed or backed up
// what, and when, newest first, a page at a time. Read-only: nothing here
// changes or deletes an entry.

// auditPageSize is how many entries one page shows.
const auditPageSize = 200

// auditScreen lists the audit trail.
type auditScreen struct {
	u       *ui
	box     fyne.CanvasObject
	since   *kit.Entry
	entity  *widget.Select
	action  *widget.Select
	table   *kit.Table[*training.AuditEntry]
	count   *widget.Label
	newer   *widget.Button
	older   *widget.Button
	detail  *widget.Label
	before  *widget.Label
	after   *widget.Label
	sinceEr *widget.Label

	rows   []*training.AuditEntry
	pages  []int64    // the AfterID of each page shown so far; pages[0] is 0
	more   bool       // an older page may follow
	latest kit.Latest // the load in hand; older results are dropped
	// onLoad is called after each load; for tests.
	onLoad func()
}

// auditEntities and auditActions are the filters' choices, "" for all.
var (
	auditEntities = []string{"", "trainees", "trainee", "courses", "sessions", "enrolments", "attendance", "placements",
		"mentorships", "returns", "elections", "certificates", "organisations", "instructors", "settings", "database", "dataset"}
	auditActions = []string{"", "create", "update", "delete", "reveal", "print", "export", "backup", "restore", "load"}
)

// auditColumns are the table's columns: the time; on a shared database
// the account (PostgreSQL's session_user, which the database itself
// records); the system user and the user's name; the action, the kind of
// record and its ID, the last taking the width the others leave.
func auditColumns(shared bool) []kit.Column[*training.AuditEntry] {
	type spec struct {
		title string
		width float32
		text  func(*training.AuditEntry) string
	}
	specs := []spec{{T("audit.col_time"), 172, func(e *training.AuditEntry) string { return e.At.Local().Format("2006-01-02 15:04:05") }}}
	if shared {
		specs = append(specs, spec{T("audit.col_db_user"), 110, func(e *training.AuditEntry) string { return e.DBUser }})
	}
	specs = append(specs,
		spec{T("audit.col_os_user"), 96, func(e *training.AuditEntry) string { return e.OSUser }},
		spec{T("audit.col_user"), 96, func(e *training.AuditEntry) string { return e.UserName }},
		spec{T("audit.col_action"), 120, func(e *training.AuditEntry) string { return auditActionLabel(e.Action) }},
		spec{T("audit.col_entity"), 108, func(e *training.AuditEntry) string { return auditEntityLabel(e.Entity) }},
		spec{T("audit.col_id"), 100, func(e *training.AuditEntry) string { return e.EntityID }})
	cols := make([]kit.Column[*training.AuditEntry], len(specs))
	for i, c := range specs {
		cols[i] = kit.Column[*training.AuditEntry]{Title: c.title, Width: c.width, Flex: i == len(specs)-1, Text: c.text}
	}
	return cols
}

func newAudit(u *ui) *auditScreen {
	s := &auditScreen{u: u, pages: []int64{0}}
	s.since = kit.NewEntry()
	s.since.SetPlaceHolder(T("audit.since_placeholder"))
	s.since.OnSubmitted = func(string) { s.reload() }
	s.sinceEr = kit.ErrorLabel()
	var ents, acts []string
	for _, e := range auditEntities {
		ents = append(ents, auditEntityLabel(e))
	}
	for _, a := range auditActions {
		acts = append(acts, auditActionLabel(a))
	}
	s.entity = widget.NewSelect(ents, nil)
	s.entity.SetSelectedIndex(0)
	s.entity.OnChanged = func(string) { s.reload() }
	s.action = widget.NewSelect(acts, nil)
	s.action.SetSelectedIndex(0)
	s.action.OnChanged = func(string) { s.reload() }
	apply := widget.NewButtonWithIcon(T("audit.apply"), theme.SearchIcon(), s.reload)

	s.table = kit.NewTable(auditColumns(u.opts.DBUser != ""), func() int { return len(s.rows) }, func(i int) (*training.AuditEntry, bool) { return at(s.rows, i) })
	s.table.OnSelected = func(id widget.TableCellID) { s.showDetail(id.Row) }

	s.count = widget.NewLabel(T("dashboard.loading"))
	s.newer = widget.NewButtonWithIcon(T("audit.newer"), theme.NavigateBackIcon(), s.pageNewer)
	s.older = widget.NewButtonWithIcon(T("audit.older"), theme.NavigateNextIcon(), s.pageOlder)

	jsonLabel := func() *widget.Label {
		l := widget.NewLabel("")
		l.Wrapping = fyne.TextWrapBreak
		l.Selectable = true
		return l
	}
	s.detail = widget.NewLabel(T("audit.select_hint"))
	s.detail.Wrapping = fyne.TextWrapWord
	s.before, s.after = jsonLabel(), jsonLabel()
	detailBox := container.NewVScroll(container.NewVBox(s.detail,
		kit.Heading(T("audit.before")), s.before, kit.Heading(T("audit.after")), s.after))

	filters := container.NewHBox(
		widget.NewLabel(T("audit.since")), kit.Width(130, s.since),
		widget.NewLabel(T("audit.entity")), s.entity,
		widget.NewLabel(T("audit.action")), s.action, apply)
	help := kit.Caption(T("audit.help"))
	help.Wrapping = fyne.TextWrapWord
	top := container.NewVBox(kit.Heading(T("audit.title")), help, filters, s.sinceEr)
	bottom := container.NewBorder(nil, nil, s.count, container.NewHBox(s.newer, s.older))
	split := container.NewHSplit(s.table.Object(), detailBox)
	split.Offset = 0.72
	s.box = container.NewPadded(container.NewBorder(top, bottom, nil, nil, split))
	return s
}

func (s *auditScreen) content() fyne.CanvasObject { return s.box }

func (s *auditScreen) shown() { s.load() }

// reload goes back to the newest page under the filters.
func (s *auditScreen) reload() {
	s.pages = []int64{0}
	s.load()
}

func (s *auditScreen) pageOlder() {
	if !s.more || len(s.rows) == 0 {
		return
	}
	s.pages = append(s.pages, s.rows[len(s.rows)-1].ID)
	s.load()
}

func (s *auditScreen) pageNewer() {
	if len(s.pages) < 2 {
		return
	}
	s.pages = s.pages[:len(s.pages)-1]
	s.load()
}

// filter reads the filters; ok is false (and the error shown) when the
// date cannot be read.
func (s *auditScreen) filter() (training.AuditFilter, bool) {
	var f training.AuditFilter
	kit.SetMessage(s.sinceEr, "")
	if v := strings.TrimSpace(s.since.Text); v != "" {
		d, err := models.ParseDate(v)
		if err != nil {
			kit.SetMessage(s.sinceEr, T("audit.bad_date"))
			return f, false
		}
		f.Since = time.Date(d.Year(), d.Month(), d.Day(), 0, 0, 0, 0, time.Local)
	}
	if i := s.entity.SelectedIndex(); i > 0 {
		f.Entity = auditEntities[i]
	}
	if i := s.action.SelectedIndex(); i > 0 {
		f.Action = auditActions[i]
	}
	f.Page = models.Page{AfterID: s.pages[len(s.pages)-1], Limit: auditPageSize + 1}
	return f, true
}

// load reads the current page in the background.
func (s *auditScreen) load() {
	f, ok := s.filter()
	if !ok {
		return
	}
	loadLatest(s.u, &s.latest, func(ctx context.Context) ([]*training.AuditEntry, error) {
		return s.u.svc.Audit.FindAudit(ctx, f)
	}, func(rows []*training.AuditEntry) {
		s.more = len(rows) > auditPageSize
		if s.more {
			rows = rows[:auditPageSize]
		}
		s.rows = rows
		s.table.UnselectAll()
		s.table.ScrollToTop()
		s.table.Refresh()
		s.showDetail(-1)
		if len(rows) == 0 {
			s.count.SetText(T("audit.none"))
		} else {
			s.count.SetText(T("audit.count", "Page", len(s.pages), "N", len(rows)))
		}
		if s.more {
			s.older.Enable()
		} else {
			s.older.Disable()
		}
		if len(s.pages) > 1 {
			s.newer.Enable()
		} else {
			s.newer.Disable()
		}
		if s.onLoad != nil {
			s.onLoad()
		}
	})
}

// showDetail shows the entry in row i; -1 for none.
func (s *auditScreen) showDetail(i int) {
	if i < 0 || i >= len(s.rows) {
		s.detail.SetText(T("audit.select_hint"))
		s.before.SetText("")
		s.after.SetText("")
		return
	}
	e := s.rows[i]
	var lines []string
	for _, col := range auditColumns(s.u.opts.DBUser != "") {
		v := col.Text(e)
		if v == "" {
			v = "—"
		}
		lines = append(lines, col.Title+T("audit.label_sep")+v)
	}
	s.detail.SetText(strings.Join(lines, "\n"))
	s.before.SetText(prettyJSON(e.Before))
	s.after.SetText(prettyJSON(e.After))
}

// prettyJSON indents JSON text; "—" for none.
func prettyJSON(s string) string {
	if s == "" {
		return "—"
	}
	var b bytes.Buffer
	if err := json.Indent(&b, []byte(s), "", "  "); err != nil {
		return s
	}
	return b.String()
}

// auditActionLabel names an audit action; an unknown one as it is.
func auditActionLabel(a string) string {
	switch a {
	case "":
		return T("audit.all_actions")
	case "create":
		return T("audit.action_create")
	case "update":
		return T("audit.action_update")
	case "delete":
		return T("audit.action_delete")
	case "reveal":
		return T("audit.action_reveal")
	case "print":
		return T("audit.action_print")
	case "export":
		return T("audit.action_export")
	case "backup":
		return T("audit.action_backup")
	case "restore":
		return T("audit.action_restore")
	case "load":
		return T("audit.action_load")
	}
	return a
}

// auditEntityLabel names the kind of record of an entry; an unknown one
// as it is.
func auditEntityLabel(e string) string {
	switch e {
	case "":
		return T("audit.all_entities")
	case "trainees":
		return T("audit.entity_trainees")
	case "trainee":
		return T("audit.entity_trainee")
	case "courses":
		return T("audit.entity_courses")
	case "sessions":
		return T("audit.entity_sessions")
	case "enrolments":
		return T("audit.entity_enrolments")
	case "attendance":
		return T("audit.entity_attendance")
	case "placements":
		return T("audit.entity_placements")
	case "mentorships":
		return T("audit.entity_mentorships")
	case "returns":
		return T("audit.entity_returns")
	case "elections":
		return T("audit.entity_elections")
	case "certificates":
		return T("audit.entity_certificates")
	case "organisations":
		return T("audit.entity_organisations")
	case "instructors":
		return T("audit.entity_instructors")
	case "settings":
		return T("audit.entity_settings")
	case "database":
		return T("audit.entity_database")
	case "dataset":
		return T("audit.entity_dataset")
	}
	return e
}
