package app

import (
	"context"
	"strconv"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/widget"

	"peiyang/app/kit"
	"peiyang/models"
)

// traineePicker finds a trainee by name, pinyin, ID or phone number for a
// form: a search box, the matches below it and the trainee chosen. Enter
// in the box chooses the first match. It is a kit.Watchable: choosing a
// trainee clears the form's message beside it.
type traineePicker struct {
	widget.BaseWidget
	u       *ui
	search  *kit.Entry
	list    *kit.List
	results []*models.Trainee
	chosen  *models.Trainee
	shown   *widget.Label
	latest  kit.Latest
	auto    bool // choose the first match when the matches arrive
	onPick  func(t *models.Trainee)
	watch   []func()
	box     fyne.CanvasObject
}

// pickerLimit is the most matches listed.
const pickerLimit = 50

func newTraineePicker(u *ui, onPick func(t *models.Trainee)) *traineePicker {
	p := &traineePicker{u: u, onPick: onPick}
	p.search = kit.NewEntry()
	p.search.SetPlaceHolder(T("trainees.search_placeholder"))
	p.search.OnChanged = p.find
	p.search.OnSubmitted = func(string) {
		if len(p.results) > 0 {
			p.list.Select(0)
		}
	}
	p.list = kit.NewList(func() int { return len(p.results) },
		func() fyne.CanvasObject {
			l := widget.NewLabel("")
			l.Truncation = fyne.TextTruncateEllipsis
			return l
		},
		func(id widget.ListItemID, o fyne.CanvasObject) {
			if id < len(p.results) {
				o.(*widget.Label).SetText(traineeLine(p.results[id]))
			}
		})
	p.list.OnSelected = func(id widget.ListItemID) {
		if id < len(p.results) {
			p.pick(p.results[id])
		}
	}
	p.shown = widget.NewLabel(T("mentors.no_trainee"))
	p.shown.Truncation = fyne.TextTruncateEllipsis
	// In the order of the tab key: the search box, then the matches.
	p.box = container.New(layout.NewBorderLayout(p.search, p.shown, nil, nil), p.search, kit.AtLeast(0, 128, p.list), p.shown)
	p.ExtendBaseWidget(p)
	return p
}

// CreateRenderer draws the search box, the matches and the choice.
func (p *traineePicker) CreateRenderer() fyne.WidgetRenderer { return widget.NewSimpleRenderer(p.box) }

// Value is the chosen trainee's ID, "" for none.
func (p *traineePicker) Value() string {
	if p.chosen == nil {
		return ""
	}
	return strconv.FormatInt(p.chosen.ID, 10)
}

// Watch registers a function called when another trainee is chosen.
func (p *traineePicker) Watch(changed func()) { p.watch = append(p.watch, changed) }

// traineeLine describes a trainee in one line: name, gender, home region
// and masked ID number.
func traineeLine(t *models.Trainee) string {
	return strings.Join(nonEmpty([]string{t.Name, genderLabel(t.Gender), t.HomeRegion.Short(), models.MaskIDNumber(t.IDNumber)}), T("list.separator"))
}

// find searches for the text in the background.
func (p *traineePicker) find(text string) {
	q := strings.TrimSpace(text)
	if q == "" {
		p.latest.Drop()
		p.results = nil
		p.list.UnselectAll()
		p.list.Refresh()
		return
	}
	loadLatest(p.u, &p.latest, func(ctx context.Context) ([]*models.Trainee, error) {
		return p.u.svc.Trainees.SearchTrainees(ctx, q, pickerLimit)
	}, func(ts []*models.Trainee) {
		p.results = ts
		p.list.UnselectAll()
		p.list.ScrollToTop()
		p.list.Refresh()
		if p.auto && len(ts) > 0 {
			p.auto = false
			p.list.Select(0)
		}
	})
}

// demo searches the text and chooses the first match, for screenshots of
// the forms.
func (p *traineePicker) demo(text string) {
	p.auto = true
	p.search.SetText(text)
}

// pick chooses a trainee.
func (p *traineePicker) pick(t *models.Trainee) {
	p.chosen = t
	p.shown.SetText(T("mentors.trainee_chosen", "Trainee", traineeLine(t)))
	if p.onPick != nil {
		p.onPick(t)
	}
	for _, fn := range p.watch {
		fn()
	}
}

// traineeID is the chosen trainee's ID, 0 for none.
func (p *traineePicker) traineeID() int64 {
	if p.chosen == nil {
		return 0
	}
	return p.chosen.ID
}
