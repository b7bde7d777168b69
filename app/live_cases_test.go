package app

import (
	"testing"

	"fyne.io/fyne/v2/widget"

	"peiyang/app/kit"
	"peiyang/models"
	"peiyang/training"
)

// liveCases are the screens of issue 15's live updates: the dashboard,
// the trainee table and detail, a course's enrolment and attendance
// grid (and its completion), certificates, and the follow-up screens
// (placements, mentors, returns, elections).
var liveCases = []liveCase{
	{name: "dashboard", screen: "dashboard",
		open: func(t *testing.T, e *liveEnv) *kit.Entry {
			e.state["total"] = e.u.dashboard.data.pipeline.Overall.Total
			return nil
		},
		change: func(t *testing.T, e *liveEnv) {
			tr := *demoData(t).Trainees[0]
			tr.ID, tr.IDNumber, tr.Phone = 0, testID(901, false), ""
			tr.BirthDate, tr.Gender = models.MustDate("1985-03-07"), models.Male
			if err := e.other.Trainees.CreateTrainee(ctx, &tr); err != nil {
				t.Fatal(err)
			}
		},
		arrived: func(e *liveEnv) bool {
			return shows(e.u.dashboard.box, formatInt(e.state["total"].(int)+1))
		}},
	{name: "trainee table, the search typed", screen: "trainees",
		open: func(t *testing.T, e *liveEnv) *kit.Entry {
			s := e.u.trainees
			first := s.rows.at(0)
			e.state["id"] = first.ID
			e.typeIn(s.search, first.Name)
			e.eventually("the search's rows", func() bool { return s.rows.total > 0 })
			return s.search
		},
		change: func(t *testing.T, e *liveEnv) {
			e.exec(t, `UPDATE trainees SET current_district = '活动新区' WHERE id = $1`, e.state["id"])
		},
		arrived: func(e *liveEnv) bool {
			for _, tr := range e.u.trainees.rows.list {
				if tr.ID == e.state["id"] && tr.CurrentDistrict == "活动新区" {
					return true
				}
			}
			return false
		}},
	{name: "trainee table, a stage moved", screen: "trainees",
		open: func(t *testing.T, e *liveEnv) *kit.Entry {
			s := e.u.trainees
			e.eventually("the stages", func() bool { return s.rows.stages != nil && s.rows.at(traineePage-1) != nil })
			for i := range traineePage {
				if tr := s.rows.at(i); s.rows.stages[tr.ID] == models.StageNominated {
					e.state["id"] = tr.ID
					return nil
				}
			}
			t.Fatal("no nominated trainee on the first page")
			return nil
		},
		change: func(t *testing.T, e *liveEnv) {
			e.exec(t, `INSERT INTO returns (trainee_id, village_id, return_date, notes, created_at, updated_at)
				SELECT $1, village_id, return_date, '', created_at, updated_at FROM returns ORDER BY id LIMIT 1`, e.state["id"])
		},
		arrived: func(e *liveEnv) bool {
			return e.u.trainees.rows.stageOf(e.state["id"].(int64)) == stageLabel(models.StageReturned)
		}},
	{name: "trainee table, scrolled down with a row chosen", screen: "trainees",
		open: func(t *testing.T, e *liveEnv) *kit.Entry {
			s := e.u.trainees
			e.eventually("the table", func() bool { return s.rows.at(150) != nil })
			e.act(func() { s.table.Select(widget.TableCellID{Row: 150, Col: 0}) })
			e.state["id"] = s.rows.at(150).ID
			return nil
		},
		change: func(t *testing.T, e *liveEnv) {
			e.exec(t, `UPDATE trainees SET current_district = '活动新区' WHERE id = $1`, e.state["id"])
		},
		arrived: func(e *liveEnv) bool {
			tr := e.u.trainees.rows.at(150)
			return tr != nil && tr.CurrentDistrict == "活动新区"
		},
		kept: func(t *testing.T, e *liveEnv) {
			e.act(func() {
				s := e.u.trainees
				if s.detail.rec == nil || s.detail.rec.Trainee.ID != e.state["id"] || s.body.Objects[0] != s.split {
					t.Error("the detail of the row chosen closed")
				}
			})
		}},
	{name: "trainee detail, the edit form typed in", screen: "trainees",
		open: func(t *testing.T, e *liveEnv) *kit.Entry {
			d := openFirstRow(t, e.testEnv, e.u.trainees)
			e.state["id"] = d.rec.Trainee.ID
			e.act(d.openEdit)
			en := d.form.entries["employer"]
			e.act(func() { en.SetText("") })
			e.typeIn(en, "正在输入的单位")
			return en
		},
		change: func(t *testing.T, e *liveEnv) {
			tr, err := e.other.Trainees.FindTraineeByID(ctx, e.state["id"].(int64))
			if err != nil {
				t.Fatal(err)
			}
			tr.Notes = "别人刚改的备注"
			if err := e.other.Trainees.UpdateTrainee(ctx, tr); err != nil {
				t.Fatal(err)
			}
		},
		arrived: func(e *liveEnv) bool {
			d := e.u.trainees.detail
			return d.values["notes"].Text == "别人刚改的备注"
		},
		kept: func(t *testing.T, e *liveEnv) {
			// The form saved over the change meets the optimistic check.
			f := e.u.trainees.detail.form
			e.act(f.submit)
			if f.stale == nil {
				t.Error("the form's save over another's change was not refused")
			}
			if got, _ := e.svc.Trainees.FindTraineeByID(ctx, e.state["id"].(int64)); got.Notes != "别人刚改的备注" {
				t.Errorf("the form's save overwrote the other's change: %q", got.Notes)
			}
		}},
	{name: "course enrolment, the search typed", screen: "courses",
		open: func(t *testing.T, e *liveEnv) *kit.Entry {
			s := e.screen("courses").(*coursesScreen)
			c, _ := testCourse(t, e.testEnv, 10, models.CompletionRule{}, []int64{1, 2})
			e.state["course"] = c.ID
			openCourse(t, e.testEnv, s, c.ID, "enrolment")
			e.act(func() { s.enrolment.table.Select(widget.TableCellID{Row: 1}) })
			e.state["chosen"] = s.enrolment.rows[1].Trainee.ID
			e.typeIn(s.enrolment.search, "张")
			return s.enrolment.search
		},
		change: func(t *testing.T, e *liveEnv) {
			if _, err := e.other.Enrolment.Enrol(ctx, e.state["course"].(int64), 3); err != nil {
				t.Fatal(err)
			}
		},
		arrived: func(e *liveEnv) bool {
			return len(e.screen("courses").(*coursesScreen).enrolment.rows) == 3
		},
		kept: func(t *testing.T, e *liveEnv) {
			e.act(func() {
				en := e.screen("courses").(*coursesScreen).enrolment
				if en.selected < 0 || en.rows[en.selected].Trainee.ID != e.state["chosen"] {
					t.Errorf("the enrolment chosen is no longer chosen (row %d)", en.selected)
				}
			})
		}},
	{name: "attendance grid, being taken", screen: "courses",
		open: func(t *testing.T, e *liveEnv) *kit.Entry {
			s := attendanceCourse(t, e)
			cv := e.u.win.Canvas()
			e.act(func() { typeKeys(cv, "pp") }) // rows 1 and 2 present, on to row 3
			e.state["sheet"] = s.attendance.sheet
			return nil
		},
		change: func(t *testing.T, e *liveEnv) {
			sh := e.state["sheet"].(*training.SessionSheet)
			if err := e.other.Enrolment.RecordAttendance(ctx, sh.Session.ID, sh.Trainees[3].ID, models.Absent); err != nil {
				t.Fatal(err)
			}
		},
		arrived: func(e *liveEnv) bool {
			a := e.screen("courses").(*coursesScreen).attendance
			return a.sheet != nil && len(a.sheet.Trainees) > 3 && a.sheet.Status[a.sheet.Trainees[3].ID] == models.Absent
		},
		kept: func(t *testing.T, e *liveEnv) {
			e.act(func() {
				a := e.screen("courses").(*coursesScreen).attendance
				if a.grid.cursor.Row != 2 || e.u.win.Canvas().Focused() != a.grid {
					t.Errorf("the grid's cursor moved to row %d (focus on the grid: %v)", a.grid.cursor.Row+1, e.u.win.Canvas().Focused() == a.grid)
				}
				for _, tr := range a.sheet.Trainees[:2] {
					if a.sheet.Status[tr.ID] != models.Present {
						t.Errorf("%s lost the status taken: %q", tr.Name, a.sheet.Status[tr.ID])
					}
				}
			})
		}},
	{name: "attendance tab, the course filter typed", screen: "courses",
		open: func(t *testing.T, e *liveEnv) *kit.Entry {
			s := attendanceCourse(t, e)
			e.state["sheet"] = s.attendance.sheet
			e.typeIn(s.search, "界面")
			return s.search
		},
		change: func(t *testing.T, e *liveEnv) {
			sh := e.state["sheet"].(*training.SessionSheet)
			if err := e.other.Enrolment.RecordAttendance(ctx, sh.Session.ID, sh.Trainees[0].ID, models.Late); err != nil {
				t.Fatal(err)
			}
		},
		arrived: func(e *liveEnv) bool {
			a := e.screen("courses").(*coursesScreen).attendance
			return a.sheet != nil && a.sheet.Status[a.sheet.Trainees[0].ID] == models.Late
		}},
	{name: "course completion, a score typed", screen: "courses",
		open: func(t *testing.T, e *liveEnv) *kit.Entry {
			s := attendanceCourse(t, e)
			e.state["sheet"] = s.attendance.sheet
			e.act(func() { s.tabs.SelectIndex(tabCompletion) })
			e.act(func() { s.completion.table.Select(widget.TableCellID{Row: 1}) })
			e.typeIn(s.completion.score, "8")
			return s.completion.score
		},
		change: func(t *testing.T, e *liveEnv) {
			sh := e.state["sheet"].(*training.SessionSheet)
			if err := e.other.Enrolment.RecordAttendance(ctx, sh.Session.ID, sh.Trainees[1].ID, models.Present); err != nil {
				t.Fatal(err)
			}
		},
		arrived: func(e *liveEnv) bool {
			c := e.screen("courses").(*coursesScreen).completion
			return len(c.rows) > 1 && c.rows[1].decision.SessionsPresent == 1
		}},
	{name: "certificates, a row chosen", screen: "certificates",
		open: func(t *testing.T, e *liveEnv) *kit.Entry {
			s := e.screen("certificates").(*certificatesScreen)
			i := validRow(t, s)
			e.act(func() { s.table.Select(widget.TableCellID{Row: i}) })
			e.state["chosen"] = s.rows[i].Certificate.Serial
			for _, r := range s.rows[i+1:] {
				if r.Certificate.Status == models.CertValid {
					e.state["void"] = r.Certificate.Serial
					break
				}
			}
			return nil
		},
		change: func(t *testing.T, e *liveEnv) {
			if err := e.other.Certificates.VoidCertificate(ctx, e.state["void"].(string), "另一位工作人员作废"); err != nil {
				t.Fatal(err)
			}
		},
		arrived: func(e *liveEnv) bool {
			for _, r := range e.screen("certificates").(*certificatesScreen).all {
				if r.Certificate.Serial == e.state["void"] {
					return r.Certificate.Status == models.CertVoid
				}
			}
			return false
		},
		kept: func(t *testing.T, e *liveEnv) {
			e.act(func() {
				if r := e.screen("certificates").(*certificatesScreen).current(); r == nil || r.Certificate.Serial != e.state["chosen"] {
					t.Errorf("the certificate chosen is no longer chosen: %v", r)
				}
			})
		}},
	{name: "placements, the filter typed", screen: "placements",
		open: func(t *testing.T, e *liveEnv) *kit.Entry {
			s := e.screen("placements").(*placementsScreen)
			l := s.load(s.villageID)
			e.state["id"], e.state["capacity"] = l.Village.ID, l.Village.PlacementCapacity
			e.typeIn(s.filter, firstRunes(l.Village.Name, 3))
			return s.filter
		},
		change: func(t *testing.T, e *liveEnv) {
			e.exec(t, `UPDATE organisations SET placement_capacity = placement_capacity + 1 WHERE id = $1`, e.state["id"])
		},
		arrived: func(e *liveEnv) bool {
			l := e.screen("placements").(*placementsScreen).load(e.state["id"].(int64))
			return l != nil && l.Village.PlacementCapacity == e.state["capacity"].(int)+1
		}},
	{name: "mentors, the filter typed", screen: "mentors",
		open: func(t *testing.T, e *liveEnv) *kit.Entry {
			s := e.screen("mentors").(*mentorsScreen)
			l := s.load(s.mentorID)
			e.state["id"], e.state["max"] = l.Mentor.ID, l.Mentor.MaxMentees
			e.typeIn(s.filter, l.Mentor.Name)
			return s.filter
		},
		change: func(t *testing.T, e *liveEnv) {
			e.exec(t, `UPDATE instructors SET max_mentees = max_mentees + 1 WHERE id = $1`, e.state["id"])
		},
		arrived: func(e *liveEnv) bool {
			l := e.screen("mentors").(*mentorsScreen).load(e.state["id"].(int64))
			return l != nil && l.Mentor.MaxMentees == e.state["max"].(int)+1
		}},
	{name: "returns, the region typed", screen: "returns",
		open: func(t *testing.T, e *liveEnv) *kit.Entry {
			s := e.screen("returns").(*returnsScreen)
			r := s.view.Rows[0]
			e.state["id"], e.state["date"] = r.Return.ID, r.Return.ReturnDate.AddDays(-1)
			e.typeIn(s.region, r.Trainee.HomeRegion.City)
			e.eventually("the region's returns", func() bool { return s.view != nil && len(s.view.Rows) > 0 })
			return s.region
		},
		change: func(t *testing.T, e *liveEnv) {
			e.exec(t, `UPDATE returns SET return_date = $1 WHERE id = $2`, e.state["date"].(models.Date).String(), e.state["id"])
		},
		arrived: func(e *liveEnv) bool {
			for _, r := range e.screen("returns").(*returnsScreen).view.Rows {
				if r.Return.ID == e.state["id"] {
					return r.Return.ReturnDate.Equal(e.state["date"].(models.Date))
				}
			}
			return false
		}},
	{name: "elections, a row chosen", screen: "returns",
		open: func(t *testing.T, e *liveEnv) *kit.Entry {
			s := e.screen("returns").(*returnsScreen)
			for i, r := range s.view.Rows {
				if len(r.Elections) > 0 {
					e.act(func() { s.table.Select(widget.TableCellID{Row: i}) })
					e.state["id"], e.state["date"] = r.Elections[0].ID, r.Elections[0].Date.AddDays(1)
					e.state["row"] = r.Return.ID
					return nil
				}
			}
			t.Fatal("no elections listed")
			return nil
		},
		change: func(t *testing.T, e *liveEnv) {
			e.exec(t, `UPDATE elections SET date = $1 WHERE id = $2`, e.state["date"].(models.Date).String(), e.state["id"])
		},
		arrived: func(e *liveEnv) bool {
			for _, r := range e.screen("returns").(*returnsScreen).view.Rows {
				for _, el := range r.Elections {
					if el.ID == e.state["id"] {
						return el.Date.Equal(e.state["date"].(models.Date))
					}
				}
			}
			return false
		},
		kept: func(t *testing.T, e *liveEnv) {
			e.act(func() {
				if r := e.screen("returns").(*returnsScreen).row(); r == nil || r.Return.ID != e.state["row"] {
					t.Errorf("the return chosen is no longer chosen: %v", r)
				}
			})
		}},
}

// attendanceCourse opens a new running course of four trainees on its
// attendance tab, the grid on its last session held.
func attendanceCourse(t *testing.T, e *liveEnv) *coursesScreen {
	s := e.screen("courses").(*coursesScreen)
	day := e.svc.Today().AddDays(-6).String()
	c, _ := testCourse(t, e.testEnv, 10, models.CompletionRule{}, []int64{4, 5, 6, 7}, day)
	openCourse(t, e.testEnv, s, c.ID, "attendance")
	if s.attendance.sheet == nil || len(s.attendance.sheet.Trainees) != 4 {
		t.Fatal("the attendance grid has no sheet of four")
	}
	return s
}
