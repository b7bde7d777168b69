package app

import (
	"context"
	"strconv"
	"sync"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"peiyang/app/kit"
	"peiyang/models"
	"peiyang/training"
)

// courseAttendance takes one session's attendance as a grid: a row per
// trainee holding a place, a column per status (present, late, excused,
// absent). It is fast with the keyboard: the arrow keys move, P/L/E/A or
// 1–4 set the row's status and go to the next row, Space or Enter sets
// the status of the column under the cursor; a click on a cell sets its
// status too. Every change is saved at once, in order, in the background
// (training.RecordAttendance).
type courseAttendance struct {
	s       *coursesScreen
	box     *fyne.Container
	top     *fyne.Container
	course  *models.Course
	list    []*models.Session
	session *widget.Select
	setting bool // the session choice is being set, not chosen
	counts  *widget.Label
	note    *widget.Label
	rest    *widget.Button
	grid    *attendanceGrid
	sheet   *training.SessionSheet
	latest  kit.Latest

	mu      sync.Mutex
	pending []attendanceSave
	running bool
	queued  int // changes queued so far
}

// attendanceSave is one change waiting to be written.
type attendanceSave struct {
	sheet     *training.SessionSheet
	traineeID int64
	status    models.AttendanceStatus
	prev      models.AttendanceStatus // "" when none was recorded
}

// The grid's columns: the row number, the name, then one per status in
// the order of models.AttendanceStatuses.
const attendanceFirstStatus = 2

func newCourseAttendance(s *coursesScreen) *courseAttendance {
	t := &courseAttendance{s: s}
	t.session = widget.NewSelect(nil, func(string) {
		if !t.setting {
			t.loadSheet()
		}
	})
	t.session.PlaceHolder = T("courses.choose_session")
	t.counts = widget.NewLabel("")
	t.note = widget.NewLabel("")
	t.note.Importance = widget.WarningImportance
	t.note.Wrapping = fyne.TextWrapWord
	t.note.Hide()
	t.rest = s.u.actionButton(models.PermEdit, T("courses.rest_present"), theme.ConfirmIcon(), t.markRestPresent)
	t.grid = newAttendanceGrid(t)
	keys := kit.Caption(T("courses.attendance_keys"))
	keys.Wrapping = fyne.TextWrapWord
	s.u.allow(models.PermEdit, keys)
	t.top = container.NewVBox(
		container.NewBorder(nil, nil, nil, t.rest, t.session),
		t.counts, t.note)
	t.box = container.NewBorder(t.top, keys, nil, nil, t.grid)
	return t
}

func (t *courseAttendance) content() fyne.CanvasObject { return t.box }

// load reads the course's sessions and shows the one shown before, else
// the current one (currentSession).
func (t *courseAttendance) load(c *models.Course) { t.read(c, false) }

// refresh reads the course's sessions and the sheet shown again after
// others changed them, keeping the cursor on its trainee and the focus
// where it is (live.go).
func (t *courseAttendance) refresh(c *models.Course) { t.read(c, true) }

// read is load, or with live refresh.
func (t *courseAttendance) read(c *models.Course, live bool) {
	keep := int64(0)
	if t.course != nil && t.course.ID == c.ID && t.sheet != nil {
		keep = t.sheet.Session.ID
	}
	t.course = c
	loadLatest(t.s.u, &t.latest, func(ctx context.Context) ([]*models.Session, error) {
		return t.s.u.svc.Courses.FindSessions(ctx, models.SessionFilter{CourseID: c.ID})
	}, func(ss []*models.Session) {
		t.list = ss
		opts := make([]string, len(ss))
		pick := -1
		for i, s := range ss {
			opts[i] = weekdayDate(s.Date) + " " + s.Start.String() + "–" + s.End.String() + T("list.separator") + s.Topic
			if s.ID == keep {
				pick = i
			}
		}
		if pick < 0 {
			pick = currentSession(ss, t.s.u.svc.Today())
		}
		t.setting = true
		t.session.Options = opts
		t.session.ClearSelected()
		if pick >= 0 {
			t.session.SetSelectedIndex(pick)
		}
		t.setting = false
		t.readSheet(live)
	})
}

// loadSheet reads the chosen session's sign-ins.
func (t *courseAttendance) loadSheet() { t.readSheet(false) }

// readSheet reads the chosen session's sign-ins; live, for others'
// changes to the sheet shown, it keeps the cursor and the focus, and
// drops a read that raced with a change of this window's own (its notice
// brings the next read).
func (t *courseAttendance) readSheet(live bool) {
	i := t.session.SelectedIndex()
	if i < 0 || i >= len(t.list) {
		t.latest.Drop()
		t.sheet = nil
		t.showSheet()
		return
	}
	id := t.list[i].ID
	live = live && t.sheet != nil && t.sheet.Session.ID == id
	queued := t.queuedSoFar()
	loadLatest(t.s.u, &t.latest, func(ctx context.Context) (*training.SessionSheet, error) {
		return t.s.u.svc.Enrolment.SessionAttendance(ctx, id)
	}, func(sh *training.SessionSheet) {
		if live {
			t.mu.Lock()
			raced := t.running || t.queued != queued
			t.mu.Unlock()
			if !raced {
				t.keepCursor(sh)
			}
			return
		}
		t.sheet = sh
		t.showSheet()
		if t.s.u.current == "courses" && t.s.u.win.Canvas().Overlays().Top() == nil && sh.Held && len(sh.Trainees) > 0 {
			t.s.u.win.Canvas().Focus(t.grid)
		}
	})
}

// queuedSoFar is how many changes were queued so far.
func (t *courseAttendance) queuedSoFar() int {
	t.mu.Lock()
	defer t.mu.Unlock()
	return t.queued
}

// keepCursor puts a sheet read again in the grid, the cursor on the same
// trainee (else row) as before.
func (t *courseAttendance) keepCursor(sh *training.SessionSheet) {
	cur := t.grid.cursor
	if old := t.sheet; old != nil && cur.Row < len(old.Trainees) {
		for i, tr := range sh.Trainees {
			if tr.ID == old.Trainees[cur.Row].ID {
				cur.Row = i
			}
		}
	}
	t.sheet = sh
	t.showSheet()
	if len(sh.Trainees) > 0 {
		t.grid.moveTo(cur)
	}
}

// showSheet puts the sheet in the grid.
func (t *courseAttendance) showSheet() {
	t.grid.UnselectAll()
	t.grid.cursor = widget.TableCellID{Row: 0, Col: attendanceFirstStatus}
	sh := t.sheet
	switch {
	case sh == nil && len(t.list) == 0:
		t.setNote(T("courses.no_sessions"))
	case sh == nil:
		t.setNote("")
	case !sh.Held:
		t.setNote(T("courses.not_held", "Date", sh.Session.Date.String()))
	case len(sh.Trainees) == 0:
		t.setNote(T("courses.nobody_enrolled"))
	default:
		t.setNote("")
	}
	if sh != nil && sh.Held && len(sh.Trainees) > 0 {
		t.rest.Enable()
	} else {
		t.rest.Disable()
	}
	t.updateCounts()
	t.grid.Refresh()
	if sh != nil && len(sh.Trainees) > 0 {
		t.grid.moveTo(t.grid.cursor)
	}
}

func (t *courseAttendance) setNote(text string) {
	t.note.SetText(text)
	if text == "" {
		t.note.Hide()
	} else {
		t.note.Show()
	}
	kit.Relayout(t.top, t.top, t.box)
}

func (t *courseAttendance) updateCounts() {
	if t.sheet == nil {
		t.counts.SetText("")
		return
	}
	n := map[models.AttendanceStatus]int{}
	for _, tr := range t.sheet.Trainees {
		n[t.sheet.Status[tr.ID]]++
	}
	t.counts.SetText(T("courses.attendance_counts", "Present", n[models.Present], "Late", n[models.Late],
		"Excused", n[models.Excused], "Absent", n[models.Absent], "None", n[""]))
}

// rows is the grid's number of rows.
func (t *courseAttendance) rows() int {
	if t.sheet == nil {
		return 0
	}
	return len(t.sheet.Trainees)
}

// cell is what a grid cell shows: the row number, the name, or for the
// status columns a filled circle under the row's status.
func (t *courseAttendance) cell(row, col int) (string, widget.Importance) {
	if t.sheet == nil || row >= len(t.sheet.Trainees) {
		return "", widget.MediumImportance
	}
	tr := t.sheet.Trainees[row]
	switch {
	case col == 0:
		return strconv.Itoa(row + 1), widget.LowImportance
	case col == 1:
		return tr.Name, widget.MediumImportance
	}
	st := models.AttendanceStatuses[col-attendanceFirstStatus]
	if t.sheet.Status[tr.ID] == st {
		// Its colour is the cell's tint (attendanceTint), the letter in
		// the text's colour over it.
		return attendanceLetter(st), widget.MediumImportance
	}
	return "·", widget.LowImportance
}

// set records the status of the trainee on the row: on screen at once,
// and in the store in the background.
func (t *courseAttendance) set(row int, st models.AttendanceStatus) {
	sh := t.sheet
	if sh == nil || !sh.Held || row < 0 || row >= len(sh.Trainees) || !t.s.u.permit(models.PermEdit) {
		return
	}
	tr := sh.Trainees[row]
	prev := sh.Status[tr.ID]
	if prev == st {
		return
	}
	sh.Status[tr.ID] = st
	t.refreshRow(row)
	t.updateCounts()
	t.queue(attendanceSave{sheet: sh, traineeID: tr.ID, status: st, prev: prev})
}

func (t *courseAttendance) refreshRow(row int) {
	for c := attendanceFirstStatus; c < attendanceFirstStatus+len(models.AttendanceStatuses); c++ {
		t.grid.RefreshItem(widget.TableCellID{Row: row, Col: c})
	}
}

// markRestPresent records everyone without a status as present.
func (t *courseAttendance) markRestPresent() {
	if t.sheet == nil {
		return
	}
	for i, tr := range t.sheet.Trainees {
		if t.sheet.Status[tr.ID] == "" {
			t.set(i, models.Present)
		}
	}
}

// queue writes a change after those before it.
func (t *courseAttendance) queue(a attendanceSave) {
	u := t.s.u
	u.jobs.Add(1)
	t.mu.Lock()
	t.pending = append(t.pending, a)
	t.queued++
	start := !t.running
	t.running = true
	t.mu.Unlock()
	if start {
		go t.drain()
	}
}

// drain writes the queued changes one by one; a failure puts the
// previous status back on screen and is shown.
func (t *courseAttendance) drain() {
	u := t.s.u
	for {
		t.mu.Lock()
		if len(t.pending) == 0 {
			t.running = false
			t.mu.Unlock()
			return
		}
		a := t.pending[0]
		t.pending = t.pending[1:]
		t.mu.Unlock()
		err := u.svc.Enrolment.RecordAttendance(u.ctx, a.sheet.Session.ID, a.traineeID, a.status)
		if err != nil && u.ctx.Err() == nil {
			onUI(func() {
				if t.sheet == a.sheet && a.sheet.Status[a.traineeID] == a.status {
					if a.prev == "" {
						delete(a.sheet.Status, a.traineeID)
					} else {
						a.sheet.Status[a.traineeID] = a.prev
					}
					t.updateCounts()
					t.grid.Refresh()
				}
				u.showError(err)
			})
		}
		u.jobs.Done()
	}
}

// currentSession is the index of the session a user means by "this
// session": the last held by today, else the first; -1 for none.
func currentSession(ss []*models.Session, today models.Date) int {
	pick := -1
	for i, s := range ss {
		if !s.Date.After(today) {
			pick = i
		}
	}
	if pick < 0 && len(ss) > 0 {
		pick = 0
	}
	return pick
}

// sessionInView is the session the attendance tab shows for the course,
// nil when it shows none of it.
func (t *courseAttendance) sessionInView(courseID int64) *models.Session {
	if t.course == nil || t.course.ID != courseID || t.sheet == nil || t.sheet.Session.CourseID != courseID {
		return nil
	}
	return t.sheet.Session
}
