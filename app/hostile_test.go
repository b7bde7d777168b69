package app

import (
	"fmt"
	"reflect"
	"strings"
	"testing"
	"unicode/utf8"

	"fyne.io/fyne/v2/widget"

	"peiyang/certsign"
	"peiyang/internal/hostile"
	"peiyang/models"
	"peiyang/reports/certificate"
)

// Every value of the hostile corpus, sent through the window's main
// forms, is either refused with a message beside its field (and the store
// left as it was) or saved and read back from the store as the rules
// normalise it; nothing else in the store changes, and nothing panics.

// guarded runs fn as the user would (e.act) and fails the test, naming
// the value, if it panics.
func guarded(t *testing.T, e *testEnv, what string, fn func()) {
	t.Helper()
	var panicked any
	func() {
		uiSerial.Lock()
		defer uiSerial.Unlock()
		defer func() { panicked = recover() }()
		fn()
	}()
	if panicked != nil {
		t.Fatalf("%s panicked: %v", what, panicked)
	}
	e.u.waitIdle()
}

// visibleError is the message a label shows, "" when hidden.
func visibleError(l *widget.Label) string {
	if l == nil || !l.Visible() {
		return ""
	}
	return l.Text
}

// mustRefuse reports whether the rules that check names and texts
// (checkLen) must refuse the value as the form hands it to them; notes
// and other notes-like text have their direction controls removed first
// (models.StripBidiControls). The
// course and session forms map full-width letters to ASCII rune by rune,
// which turns invalid UTF-8 into U+FFFD before the rules see it.
func mustRefuse(c hostile.Case, sent string) bool {
	if c.Long || !utf8.ValidString(sent) || models.HasBidiControl(sent) {
		return true
	}
	for _, r := range sent {
		if (r < 0x20 && r != '\n' && r != '\r' && r != '\t') || r == 0x7f {
			return true
		}
	}
	return false
}

// noDialogLeft fails if a dialog (such as an error box) is still open.
func noDialogLeft(t *testing.T, e *testEnv) {
	t.Helper()
	if top := e.u.win.Canvas().Overlays().Top(); top != nil {
		t.Fatalf("a dialog is still open: %q", texts(top))
	}
}

// outcomes collects, per form, which values were refused and stored.
type outcomes map[bool][]string

func (o outcomes) add(stored bool, name string) { o[stored] = append(o[stored], name) }

func (o outcomes) log(t *testing.T, form string) {
	t.Logf("%s: stored %v; refused %v", form, o[true], o[false])
}

func TestHostileTraineeForm(t *testing.T) {
	e, s := traineesEnv(t, LangEnglish)
	id := s.rows.at(0).ID
	total, _ := e.svc.Trainees.CountTrainees(ctx, models.TraineeFilter{})
	res := outcomes{}
	for _, c := range hostile.Cases() {
		t.Run(c.Name, func(t *testing.T) {
			before, err := e.svc.Trainees.FindTraineeByID(ctx, id)
			if err != nil {
				t.Fatal(err)
			}
			var f *traineeForm
			guarded(t, e, "opening the form", func() { f = openTraineeForm(s, before) })
			guarded(t, e, "saving", func() {
				f.entries["name"].SetText(c.Value)
				f.entries["employer"].SetText(c.Value)
				f.notes.SetText(c.Value)
				f.submit()
			})
			after, err := e.svc.Trainees.FindTraineeByID(ctx, id)
			if err != nil {
				t.Fatal(err)
			}
			if n, _ := e.svc.Trainees.CountTrainees(ctx, models.TraineeFilter{}); n != total {
				t.Fatalf("%d trainees, was %d", n, total)
			}
			msgs := map[string]string{}
			for field, m := range f.Messages() {
				if m != "" {
					msgs[field] = m
				}
			}
			if len(msgs) > 0 || visibleError(f.General()) != "" {
				res.add(false, c.Name)
				for field := range msgs {
					if field != "name" && field != "employer" && field != "notes" {
						t.Errorf("refused with a message beside %s: %q", field, msgs[field])
					}
				}
				if g := visibleError(f.General()); g != "" {
					t.Errorf("a message below the form, not beside a field: %q", g)
				}
				if !mustRefuse(c, c.Value) {
					t.Errorf("refused a value the rules allow: %v", msgs)
				}
				if !reflect.DeepEqual(after, before) {
					t.Errorf("a refused edit changed the store: %+v, was %+v", after, before)
				}
				f.dialog.Hide()
				noDialogLeft(t, e)
				return
			}
			res.add(true, c.Name)
			noDialogLeft(t, e)
			if mustRefuse(c, c.Value) {
				t.Errorf("stored a value the rules refuse")
			}
			want := strings.TrimSpace(c.Value)
			if after.Name != models.CleanText(want) || after.Employer != want || after.Notes != c.Value {
				t.Errorf("read back name %q, employer %q, notes %q; sent %q", after.Name, after.Employer, after.Notes, c.Value)
			}
			// Nothing but the three fields (and the time of the change).
			a, b := *after, *before
			a.Name, a.Employer, a.Notes, a.UpdatedAt = b.Name, b.Employer, b.Notes, b.UpdatedAt
			if !reflect.DeepEqual(a, b) {
				t.Errorf("saving changed other fields: %+v, was %+v", a, b)
			}
		})
	}
	res.log(t, "trainee form")
}

func TestHostileTraineeSearch(t *testing.T) {
	e, s := traineesEnv(t, LangEnglish)
	total, _ := e.svc.Trainees.CountTrainees(ctx, models.TraineeFilter{})
	for _, c := range hostile.Cases() {
		t.Run(c.Name, func(t *testing.T) {
			guarded(t, e, "searching", func() { s.search.SetText(c.Value) })
			want, err := e.svc.Trainees.SearchTrainees(ctx, strings.TrimSpace(c.Value), searchLimit)
			if err != nil {
				t.Logf("the search refuses it: %v", err)
			}
			got := rowIDs(s)
			if len(got) != len(want) {
				t.Fatalf("%d rows, the store finds %d", len(got), len(want))
			}
			for i := range want {
				if got[i] != want[i].ID {
					t.Fatalf("row %d is trainee %d, want %d", i, got[i], want[i].ID)
				}
			}
			if len(got) >= total {
				t.Errorf("the search matches every trainee")
			}
			if s.count.Text == T("trainees.searching") {
				t.Errorf("still searching")
			}
			if n, _ := e.svc.Trainees.CountTrainees(ctx, models.TraineeFilter{}); n != total {
				t.Fatalf("%d trainees, was %d", n, total)
			}
			noDialogLeft(t, e)
		})
	}
	guarded(t, e, "clearing the search", func() { s.search.SetText("") })
	if s.rows.count() != total {
		t.Errorf("cleared search shows %d rows", s.rows.count())
	}
}

// newCourseID returns the course in after that is not in before.
func newCourseID(before, after []*models.Course) *models.Course {
	old := map[int64]bool{}
	for _, c := range before {
		old[c.ID] = true
	}
	for _, c := range after {
		if !old[c.ID] {
			return c
		}
	}
	return nil
}

func TestHostileCourseEditor(t *testing.T) {
	e, s := coursesEnv(t, LangEnglish)
	res := outcomes{}
	for _, c := range hostile.Cases() {
		t.Run(c.Name, func(t *testing.T) {
			before, _ := e.svc.Courses.FindCourses(ctx, models.CourseFilter{})
			var f *courseEditor
			guarded(t, e, "opening the editor", func() { f = s.openEditor(nil) })
			guarded(t, e, "saving", func() {
				f.entries["title"].SetText(c.Value)
				f.entries["venue"].SetText(c.Value)
				f.theme.SetSelectedIndex(1)
				f.submit()
			})
			after, _ := e.svc.Courses.FindCourses(ctx, models.CourseFilter{})
			title, venue := f.errorText("title"), f.errorText("venue")
			if title != "" || venue != "" || visibleError(f.General()) != "" {
				res.add(false, c.Name)
				if g := visibleError(f.General()); g != "" {
					t.Errorf("a message below the form: %q", g)
				}
				for field, m := range f.Messages() {
					if m != "" && field != "title" && field != "venue" {
						t.Errorf("a message beside %s: %q", field, m)
					}
				}
				if !mustRefuse(c, models.ToHalfWidth(c.Value)) {
					t.Errorf("refused a value the rules allow: %q %q", title, venue)
				}
				if !reflect.DeepEqual(after, before) {
					t.Errorf("a refused course changed the store: %d courses, was %d", len(after), len(before))
				}
				f.dialog.Hide()
				noDialogLeft(t, e)
				return
			}
			res.add(true, c.Name)
			noDialogLeft(t, e)
			if mustRefuse(c, models.ToHalfWidth(c.Value)) {
				t.Errorf("stored a value the rules refuse")
			}
			if len(after) != len(before)+1 {
				t.Fatalf("%d courses after saving one, was %d", len(after), len(before))
			}
			got := newCourseID(before, after)
			want := models.CleanText(models.ToHalfWidth(c.Value))
			if got == nil || got.Title != want || got.Venue != want {
				t.Fatalf("read back %+v; sent %q", got, c.Value)
			}
			rest := make([]*models.Course, 0, len(before))
			for _, a := range after {
				if a.ID != got.ID {
					rest = append(rest, a)
				}
			}
			if !reflect.DeepEqual(rest, before) {
				t.Errorf("saving changed other courses")
			}
		})
	}
	res.log(t, "course editor")
}

func TestHostileSessionForm(t *testing.T) {
	e, s := coursesEnv(t, LangEnglish)
	course, _ := testCourse(t, e, 40, models.CompletionRule{MinAttendanceRate: 0.8}, nil)
	openCourse(t, e, s, course.ID, "sessions")
	allBefore, _ := e.svc.Courses.FindSessions(ctx, models.SessionFilter{})
	stored := 0
	res := outcomes{}
	for i, c := range hostile.Cases() {
		t.Run(c.Name, func(t *testing.T) {
			before, _ := e.svc.Courses.FindSessions(ctx, models.SessionFilter{CourseID: course.ID})
			var f *sessionEditor
			guarded(t, e, "opening the form", func() { f = s.sessions.openEditor(nil) })
			guarded(t, e, "saving", func() {
				f.entries["date"].SetText(course.StartDate.AddDays(1 + i).String())
				f.entries["start"].SetText("06:00")
				f.entries["end"].SetText("07:00")
				f.entries["hours"].SetText("1")
				f.entries["topic"].SetText(c.Value)
				f.entries["venue"].SetText(c.Value)
				f.submit()
			})
			after, _ := e.svc.Courses.FindSessions(ctx, models.SessionFilter{CourseID: course.ID})
			topic, venue := f.errorText("topic"), f.errorText("venue")
			if topic != "" || venue != "" || visibleError(f.General()) != "" {
				res.add(false, c.Name)
				if g := visibleError(f.General()); g != "" {
					t.Errorf("a message below the form: %q", g)
				}
				if !mustRefuse(c, models.ToHalfWidth(c.Value)) {
					t.Errorf("refused a value the rules allow: %q %q", topic, venue)
				}
				if !reflect.DeepEqual(after, before) {
					t.Errorf("a refused session changed the store: %d sessions, was %d", len(after), len(before))
				}
				f.dialog.Hide()
				noDialogLeft(t, e)
				return
			}
			res.add(true, c.Name)
			noDialogLeft(t, e)
			if mustRefuse(c, models.ToHalfWidth(c.Value)) {
				t.Errorf("stored a value the rules refuse")
			}
			if len(after) != len(before)+1 {
				t.Fatalf("%d sessions after saving one, was %d", len(after), len(before))
			}
			stored++
			old := map[int64]bool{}
			for _, b := range before {
				old[b.ID] = true
			}
			want := models.CleanText(models.ToHalfWidth(c.Value))
			for _, a := range after {
				if !old[a.ID] && (a.Topic != want || a.Venue != want) {
					t.Errorf("read back topic %q, venue %q; sent %q", a.Topic, a.Venue, c.Value)
				}
			}
		})
	}
	allAfter, _ := e.svc.Courses.FindSessions(ctx, models.SessionFilter{})
	if len(allAfter) != len(allBefore)+stored {
		t.Errorf("%d sessions in all, was %d, %d stored", len(allAfter), len(allBefore), stored)
	}
	res.log(t, "session form")
}

// allSettings reads every setting the settings screen shows.
func allSettings(t *testing.T, e *testEnv) map[string]string {
	t.Helper()
	out := map[string]string{}
	for _, k := range settingKeys() {
		out[k] = setting(t, e, k)
	}
	return out
}

func TestHostileSettings(t *testing.T) {
	e, s := settingsEnv(t, LangEnglish)
	fields := []struct {
		name, key string
		set       func(string)
	}{
		{"organisation", certificate.KeyOrgFallback, func(v string) { s.entries[certificate.KeyOrgFallback].SetText(v) }},
		{"signatory", certificate.KeySignatory, func(v string) { s.entries[certificate.KeySignatory].SetText(v) }},
		{"wording", certificate.KeyBody, func(v string) { s.body.SetText(v) }},
	}
	for _, fd := range fields {
		res := outcomes{}
		for _, c := range hostile.Cases() {
			t.Run(fd.name+"/"+c.Name, func(t *testing.T) {
				before := allSettings(t, e)
				guarded(t, e, "saving", func() {
					fd.set(c.Value)
					s.submit()
				})
				after := allSettings(t, e)
				msg, general := s.form.Message(fd.key), visibleError(s.form.General())
				if msg == "" && general != "" && !reflect.DeepEqual(after, before) {
					t.Fatalf("a message below the form, %q, yet the settings changed", general)
				}
				if msg != "" || general != "" {
					res.add(false, c.Name)
					if msg == "" {
						// Not beside the field: the store's own check
						// names no setting. Noted, not failed.
						t.Logf("refused with a message below the form only: %q", general)
					}
					if !reflect.DeepEqual(after, before) {
						t.Errorf("a refused save changed the settings")
					}
					// Put the saved value back in the form.
					guarded(t, e, "resetting", func() { s.setValues(s.values) })
					noDialogLeft(t, e)
					return
				}
				res.add(true, c.Name)
				noDialogLeft(t, e)
				if got, want := after[fd.key], strings.TrimSpace(c.Value); got != want {
					t.Errorf("read back %q, sent %q", got, c.Value)
				}
				before[fd.key] = after[fd.key]
				if !reflect.DeepEqual(after, before) {
					t.Errorf("saving changed other settings")
				}
			})
		}
		res.log(t, "settings "+fd.name)
	}
}

func TestHostileVoidAndVerify(t *testing.T) {
	e, s := certEnv(t, LangEnglish)
	count := func() (all, void int) {
		rows, err := e.svc.Certificates.CertificateRows(ctx, models.CertificateFilter{})
		if err != nil {
			t.Fatal(err)
		}
		for _, r := range rows {
			if r.Certificate.Status == models.CertVoid {
				void++
			}
		}
		return len(rows), void
	}
	res := outcomes{}
	for _, c := range hostile.Cases() {
		t.Run("void/"+c.Name, func(t *testing.T) {
			all, void := count()
			row := validRow(t, s)
			serial := s.rows[row].Certificate.Serial
			guarded(t, e, "selecting", func() { s.table.Select(widget.TableCellID{Row: row, Col: 0}) })
			var f *certVoidForm
			guarded(t, e, "opening the void dialog", func() { f = s.openVoid(s.rows[row]) })
			guarded(t, e, "voiding", func() {
				f.reason.SetText(c.Value)
				f.save()
			})
			cert, err := e.svc.Certificates.FindCertificateBySerial(ctx, serial)
			if err != nil {
				t.Fatal(err)
			}
			a, v := count()
			if a != all {
				t.Fatalf("%d certificates, was %d", a, all)
			}
			if msg := f.Message("void_reason"); msg != "" {
				res.add(false, c.Name)
				if cert.Status != models.CertValid || v != void {
					t.Errorf("a refused void changed the store: %s", cert.Status)
				}
				f.dialog.Hide()
				noDialogLeft(t, e)
				return
			}
			res.add(true, c.Name)
			noDialogLeft(t, e)
			if cert.Status != models.CertVoid || cert.VoidReason != models.CleanText(models.StripBidiControls(c.Value)) || v != void+1 {
				t.Errorf("read back %s %q (%d void, was %d); sent %q", cert.Status, cert.VoidReason, v, void, c.Value)
			}
		})
	}
	res.log(t, "void reason")

	all, void := count()
	var v *certVerifier
	guarded(t, e, "opening the verify box", func() { v = s.openVerify() })
	for _, c := range hostile.Cases() {
		t.Run("verify/"+c.Name, func(t *testing.T) {
			v.result = nil
			guarded(t, e, "checking", func() {
				v.input.SetText(c.Value)
				v.run()
			})
			if v.result == nil || v.verdict.Text == "" {
				t.Fatalf("no verdict shown")
			}
			if v.result.r.Status == certsign.StatusValid || v.verdict.Text == verdictText(certsign.StatusValid) {
				t.Errorf("%q verified as valid", c.Value)
			}
			if a, vd := count(); a != all || vd != void {
				t.Errorf("checking changed the certificates")
			}
		})
	}
	guarded(t, e, "closing", func() { v.dialog.Hide() })
	noDialogLeft(t, e)
}

func TestHostileContactLog(t *testing.T) {
	e, s := mentorsEnv(t, LangEnglish)
	p := chooseActivePair(t, e, s)
	id := p.Mentorship.ID
	res := outcomes{}
	for _, c := range hostile.Cases() {
		t.Run(c.Name, func(t *testing.T) {
			before, _ := e.svc.FollowUp.MentorContacts(ctx, id)
			guarded(t, e, "opening the form", func() { s.openContactForm() })
			f := s.contactForm
			guarded(t, e, "saving", func() {
				f.mode.SetSelectedIndex(1)
				f.summary.SetText(c.Value)
				f.submit()
			})
			after, _ := e.svc.FollowUp.MentorContacts(ctx, id)
			if msg := f.errorText("summary"); msg != "" || visibleError(f.General()) != "" {
				res.add(false, c.Name)
				if g := visibleError(f.General()); g != "" {
					t.Errorf("a message below the form: %q", g)
				}
				for field := range f.Messages() {
					if m := f.errorText(field); m != "" && field != "summary" {
						t.Errorf("a message beside %s: %q", field, m)
					}
				}
				if !mustRefuse(c, models.StripBidiControls(c.Value)) {
					t.Errorf("refused a value the rules allow: %q", msg)
				}
				if !reflect.DeepEqual(after, before) {
					t.Errorf("a refused contact changed the store")
				}
				f.dialog.Hide()
				noDialogLeft(t, e)
				return
			}
			res.add(true, c.Name)
			noDialogLeft(t, e)
			if mustRefuse(c, models.StripBidiControls(c.Value)) {
				t.Errorf("stored a value the rules refuse")
			}
			if len(after) != len(before)+1 {
				t.Fatalf("%d contacts after logging one, was %d", len(after), len(before))
			}
			old := map[int64]bool{}
			for _, b := range before {
				old[b.ID] = true
			}
			for _, a := range after {
				if !old[a.ID] && a.Summary != models.CleanText(models.StripBidiControls(c.Value)) {
					t.Errorf("read back %q, sent %q", a.Summary, c.Value)
				}
			}
		})
	}
	res.log(t, "contact summary")
	if got := fmt.Sprint(s.pairID); got != fmt.Sprint(id) {
		t.Errorf("the mentorship %s is chosen, not %d", got, id)
	}
}
