package app

import (
	"fmt"
	"strings"
	"testing"

	"fyne.io/fyne/v2/test"

	"peiyang/models"
	"peiyang/training"
)

// placementsEnv opens the placements screen.
func placementsEnv(t *testing.T, lang string) (*testEnv, *placementsScreen) {
	t.Helper()
	e := newEnv(t, lang, "placements", false)
	s, ok := e.u.built["placements"].(*placementsScreen)
	if !ok {
		t.Fatal("the placements screen is not built")
	}
	return e, s
}

// chooseVillage chooses the village in the list.
func chooseVillage(t *testing.T, e *testEnv, s *placementsScreen, id int64) {
	t.Helper()
	for i, l := range s.visible {
		if l.Village.ID == id {
			e.act(func() { s.list.Select(i) })
			return
		}
	}
	t.Fatalf("village %d is not listed", id)
}

// unplaced lists trainees without an active placement.
func unplaced(t *testing.T, e *testEnv) []*models.Trainee {
	t.Helper()
	var out []*models.Trainee
	for id := int64(1); id <= 400; id++ {
		ps, err := e.db.FindPlacements(ctx, models.PlacementFilter{TraineeID: id, ActiveOnly: true})
		if err != nil {
			t.Fatal(err)
		}
		if len(ps) == 0 {
			tr, err := e.svc.Trainees.FindTraineeByID(ctx, id)
			if err != nil {
				t.Fatal(err)
			}
			out = append(out, tr)
		}
	}
	return out
}

func TestPlacementVillages(t *testing.T) {
	e, s := placementsEnv(t, LangEnglish)
	want, err := e.svc.FollowUp.KeyVillageLoads(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if len(want) == 0 || s.list.Length() != len(want) {
		t.Fatalf("%d villages listed, %d key villages", s.list.Length(), len(want))
	}
	l := s.visible[0]
	row := loadRowText(s.updateLoad, 0)
	if !strings.HasPrefix(row, l.Village.Name) || !strings.HasSuffix(row, fmt.Sprintf("%d / %d", l.Today, l.Village.PlacementCapacity)) {
		t.Errorf("first row %q", row)
	}
	if s.villageID != l.Village.ID || s.title.Text != l.Village.Name ||
		s.loadLabel.Text != fmt.Sprintf("%d placed today of a capacity of %d", l.Today, l.Village.PlacementCapacity) &&
			!strings.HasSuffix(s.loadLabel.Text, "Full") {
		t.Errorf("chosen village %d %q %q", s.villageID, s.title.Text, s.loadLabel.Text)
	}
	if s.rowList.Length() != l.Total {
		t.Errorf("%d placements listed, %d at the village", s.rowList.Length(), l.Total)
	}
	e.act(func() { s.filter.SetText(l.Village.Name) })
	if s.list.Length() != 1 {
		t.Errorf("filtering by name lists %d villages", s.list.Length())
	}
}

func TestPlaceTrainee(t *testing.T) {
	e, s := placementsEnv(t, LangEnglish)
	var v training.VillageLoad
	for _, l := range s.visible {
		if !l.Full() && l.Village.PlacementCapacity-l.Today >= 1 {
			v = l
			break
		}
	}
	chooseVillage(t, e, s, v.Village.ID)
	free := unplaced(t, e)
	tr := free[0]
	e.act(func() { test.Tap(s.placeBtn) })
	f := s.placeForm
	pickTrainee(t, e, f.picker, tr)
	e.act(func() {
		f.supervisor.SetText("王书记")
		enter(f.supervisor)
	})
	ps, _ := e.db.FindPlacements(ctx, models.PlacementFilter{TraineeID: tr.ID, VillageID: v.Village.ID, ActiveOnly: true})
	if len(ps) != 1 || ps[0].Supervisor != "王书记" || !ps[0].StartDate.Equal(e.svc.Today()) {
		t.Fatalf("stored placements %+v (errors: %q %q)", ps, f.errorText("village_id"), f.General().Text)
	}
	if s.row() == nil || s.row().Placement.ID != ps[0].ID {
		t.Error("the new placement is not the one chosen")
	}
	want := fmt.Sprintf("%d placed today of a capacity of %d", v.Today+1, v.Village.PlacementCapacity)
	if !strings.HasPrefix(s.loadLabel.Text, want) {
		t.Errorf("load label %q, want %q", s.loadLabel.Text, want)
	}
}

func TestPlaceTraineeInFullVillage(t *testing.T) {
	e, s := placementsEnv(t, LangEnglish)
	v := s.visible[0].Village
	today := e.svc.Today()
	free := unplaced(t, e)
	// Fill the village for the form's dates.
	used := 0
	for _, tr := range free {
		err := e.svc.FollowUp.PlaceTrainee(ctx, &models.Placement{TraineeID: tr.ID, VillageID: v.ID, StartDate: today,
			EndDate: today.AddDays(7*placementWeeks - 1)})
		used++
		if models.ErrorCode(err) == models.ECONFLICT && strings.Contains(err.Error(), "capacity") {
			break
		}
	}
	e.act(s.shown)
	if l := s.load(v.ID); l == nil || !l.Full() || !strings.HasSuffix(s.loadLabel.Text, "Full") {
		t.Fatalf("the village is not shown full: %q", s.loadLabel.Text)
	}
	before, _ := e.db.FindPlacements(ctx, models.PlacementFilter{VillageID: v.ID})

	e.act(func() { test.Tap(s.placeBtn) })
	f := s.placeForm
	pickTrainee(t, e, f.picker, free[used])
	e.act(f.submit)
	if msg := f.errorText("village_id"); !strings.Contains(msg, fmt.Sprintf("its capacity of %d", v.PlacementCapacity)) {
		t.Errorf("error beside the village: %q", msg)
	}
	after, _ := e.db.FindPlacements(ctx, models.PlacementFilter{VillageID: v.ID})
	if len(after) != len(before) {
		t.Errorf("a refused placement was stored")
	}
	if e.u.win.Canvas().Overlays().Top() == nil {
		t.Error("the form closed on a refused placement")
	}
	// Dates that do not parse or end before the start.
	e.act(func() {
		f.start.SetText("2025-02-30")
		f.end.SetText("")
		f.submit()
	})
	if f.errorText("start_date") == "" || f.errorText("end_date") != "The end date is required." {
		t.Errorf("dates: %q, %q", f.errorText("start_date"), f.errorText("end_date"))
	}
}

func TestEvaluatePlacement(t *testing.T) {
	e, s := placementsEnv(t, LangEnglish)
	today := e.svc.Today()
	// A village with a placement that has started.
	for _, l := range s.visible {
		if l.Total == 0 {
			continue
		}
		chooseVillage(t, e, s, l.Village.ID)
		for i, r := range s.rows {
			if !r.Placement.StartDate.After(today) {
				e.act(func() { s.rowList.Select(i) })
				break
			}
		}
		if s.row() != nil {
			break
		}
	}
	r := s.row()
	if r == nil || s.evalBtn.Disabled() {
		t.Fatal("no placement chosen")
	}
	e.act(func() { test.Tap(s.evalBtn) })
	f := s.evalForm
	e.act(func() {
		f.grade.SetSelectedIndex(0) // excellent
		f.comment.SetText("工作积极主动")
		enter(f.comment)
	})
	p, err := e.db.FindPlacementByID(ctx, r.Placement.ID)
	if err != nil {
		t.Fatal(err)
	}
	if p.Grade != models.GradeExcellent || p.Comment != "工作积极主动" {
		t.Fatalf("stored %s %q", p.Grade, p.Comment)
	}
	if s.row() == nil || s.row().Placement.ID != p.ID {
		t.Fatal("the evaluated placement is no longer chosen")
	}
	row := listRowText(s.updateRow, indexOf(s.rows, func(x training.PlacedTrainee) bool { return x.Placement.ID == p.ID }))
	if !strings.Contains(row, "Excellent: 工作积极主动") {
		t.Errorf("the row shows %q", row)
	}
}

func TestEvaluateFuturePlacement(t *testing.T) {
	e, s := placementsEnv(t, LangChinese)
	v := s.visible[len(s.visible)-1]
	chooseVillage(t, e, s, v.Village.ID)
	tr := unplaced(t, e)[0]
	start := e.svc.Today().AddDays(300)
	p := &models.Placement{TraineeID: tr.ID, VillageID: v.Village.ID, StartDate: start, EndDate: start.AddDays(20)}
	if err := e.svc.FollowUp.PlaceTrainee(ctx, p); err != nil {
		t.Fatal(err)
	}
	e.act(s.shown)
	i := indexOf(s.rows, func(x training.PlacedTrainee) bool { return x.Placement.ID == p.ID })
	e.act(func() { s.rowList.Select(i) })
	if !strings.Contains(listRowText(s.updateRow, i), "未开始") {
		t.Errorf("row %q", listRowText(s.updateRow, i))
	}
	e.act(func() { test.Tap(s.evalBtn) })
	f := s.evalForm
	e.act(f.submit)
	if got := f.errorText("grade"); got != T("The grade must be excellent, good, pass or fail.") {
		t.Errorf("no grade: %q", got)
	}
	e.act(func() {
		f.grade.SetSelectedIndex(1)
		f.submit()
	})
	if got := f.errorText("grade"); !strings.Contains(got, start.String()) || englishWord.MatchString(got) {
		t.Errorf("a placement that has not started: %q", got)
	}
}

func TestPlacementsPrint(t *testing.T) {
	e, s := placementsEnv(t, LangEnglish)
	dir, opened := stubPrint(t)
	e.act(func() { test.Tap(s.printOneBtn) })
	waitPDF(t, e, dir, opened, "跟班学习安排表-"+s.title.Text)
}

// TestVillageContactPhoneMasked: a key village's contact phone is masked
// like a trainee's.
func TestVillageContactPhoneMasked(t *testing.T) {
	e, s := placementsEnv(t, LangEnglish)
	for _, l := range s.visible {
		v := l.Village
		if v.ContactPerson == "" || v.ContactPhone == "" {
			continue
		}
		chooseVillage(t, e, s, v.ID)
		if strings.Contains(s.info.Text, v.ContactPhone) || !strings.Contains(s.info.Text, models.MaskPhone(v.ContactPhone)) {
			t.Errorf("the village's contact shows %q for the phone %s", s.info.Text, v.ContactPhone)
		}
		return
	}
	t.Fatal("no key village with a contact phone")
}
