package app

import (
	"context"
	"strings"

	"fyne.io/fyne/v2"

	"peiyang/app/kit"
	"peiyang/models"
)

// returnForm records a trainee's return to the home village or community:
// the trainee, the village (those of the home county first), the date and
// notes.
type returnForm struct {
	*dialogForm
	picker   *traineePicker
	villages []*models.Organisation // the village select's options
	village  *kit.Select
	date     *kit.Entry
	notes    *kit.Entry
	saved    *models.Return
}

// openReturn opens the form that records a return.
func (s *returnsScreen) openReturn() {
	f := &returnForm{dialogForm: newDialogForm(s.u)}
	s.returnForm = f
	f.picker = newTraineePicker(s.u, f.picked)
	f.village = f.choice(nil, nil)
	f.village.PlaceHolder = T("returns.pick_trainee_first")
	f.date = f.entry(s.u.svc.Today().String(), "YYYY-MM-DD")
	f.notes = f.entry("", T("returns.notes_placeholder"))
	f.row("trainee_id", T("returns.trainee"), f.picker)
	f.row("village_id", T("returns.village"), f.village)
	f.row("return_date", T("returns.return_date"), f.date)
	f.row("notes", T("returns.notes"), f.notes)
	f.open(T("returns.return_title"), f.body(), fyne.NewSize(760, 470), f.read, func() {
		s.region.SetText("")
		s.changed()
	})
	s.u.win.Canvas().Focus(f.picker.search)
}

// picked offers the villages the trainee may return to.
func (f *returnForm) picked(t *models.Trainee) {
	id := t.ID
	goLoad(f.u, func(ctx context.Context) ([]*models.Organisation, error) {
		return f.u.svc.FollowUp.HomeVillages(ctx, id)
	}, func(vs []*models.Organisation) {
		if f.picker.traineeID() != id {
			return
		}
		f.villages = vs
		opts := make([]string, len(vs))
		for i, v := range vs {
			opts[i] = T("returns.village_option", "Name", v.Name, "Kind", villageKindLabel(v.Kind))
		}
		f.village.Options = opts
		f.village.PlaceHolder = T("mentors.choose")
		f.village.ClearSelected()
		// The trainee's own village, when it is on record, is the likely
		// one.
		h := t.HomeRegion
		for i, v := range vs {
			if h.Village != "" && v.Region.City == h.City && v.Region.County == h.County && v.Region.Village == h.Village {
				f.village.SetSelectedIndex(i)
				break
			}
		}
		f.village.Refresh()
	})
}

// read returns the work that records the return.
func (f *returnForm) read() (func(ctx context.Context) error, error) {
	var l models.ErrorList
	r := &models.Return{TraineeID: f.picker.traineeID(), ReturnDate: parseDate(&l, "return_date", f.date.Text),
		Notes: strings.TrimSpace(f.notes.Text)}
	if i := f.village.SelectedIndex(); i >= 0 && i < len(f.villages) {
		r.VillageID = f.villages[i].ID
	}
	if err := withChecks(l, func() error { return r.Validate(f.u.svc.Today()) }); err != nil {
		return nil, err
	}
	f.saved = r
	return func(ctx context.Context) error { return f.u.svc.FollowUp.RecordReturn(ctx, r) }, nil
}

// keepReturn makes the return the chosen row once the records are read
// again.
func (s *returnsScreen) keepReturn(id int64) {
	if s.view == nil {
		return
	}
	for i, r := range s.view.Rows {
		if r.Return.ID == id {
			s.selected = i
		}
	}
}
