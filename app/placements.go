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

// placementsScreen shows the key villages with their capacity and
// occupancy today as a list of bars, and the chosen village's placements
// with the hosts' evaluations. Trainees are placed and placements
// evaluated in forms (placements_forms.go); the placement list prints as a
// PDF.
type placementsScreen struct {
	u      *ui
	box    fyne.CanvasObject
	loaded bool

	summary *widget.Label
	filter  *kit.Entry
	loads   []training.VillageLoad // every key village, by region and name
	visible []training.VillageLoad
	list    *widget.List

	villageID int64
	title     *widget.Label
	loadLabel *widget.Label
	info      *widget.Label
	rows      []training.PlacedTrainee // the village's placements, the latest first
	rowsTitle *widget.Label
	rowList   *widget.List
	placeID   int64 // the placement chosen, 0 for none

	placeBtn    *widget.Button
	evalBtn     *widget.Button
	printOneBtn *widget.Button

	placeForm *placeForm    // opened last; for tests
	evalForm  *evaluateForm // opened last; for tests
}

func newPlacements(u *ui) *placementsScreen {
	s := &placementsScreen{u: u}
	s.summary = widget.NewLabel(T("dashboard.loading"))
	s.filter = kit.NewEntry()
	s.filter.SetPlaceHolder(T("placements.filter_placeholder"))
	s.filter.OnChanged = func(string) { s.applyFilter() }
	s.list = widget.NewList(func() int { return len(s.visible) }, mentorLoadItem, s.updateLoad)
	s.list.OnSelected = func(id widget.ListItemID) {
		if id < len(s.visible) {
			s.choose(s.visible[id].Village.ID)
		}
	}

	s.title = kit.Heading(T("placements.none_chosen"))
	s.loadLabel = widget.NewLabel("")
	s.loadLabel.Importance = widget.HighImportance
	s.info = kit.Caption("")
	s.info.Truncation = fyne.TextTruncateEllipsis
	s.rowsTitle = kit.Heading(T("placements.placements"))
	s.rowList = widget.NewList(func() int { return len(s.rows) }, kit.TwoLineItem, s.updateRow)
	s.rowList.OnSelected = func(id widget.ListItemID) {
		if id < len(s.rows) {
			s.placeID = s.rows[id].Placement.ID
			s.updateButtons()
		}
	}
	s.rowList.OnUnselected = func(widget.ListItemID) {
		s.placeID = 0
		s.updateButtons()
	}

	s.placeBtn = u.actionButton(models.PermEdit, T("placements.place"), theme.ContentAddIcon(), s.openPlace)
	s.placeBtn.Importance = widget.HighImportance
	s.evalBtn = u.actionButton(models.PermEdit, T("placements.evaluate"), theme.DocumentCreateIcon(), s.openEvaluate)
	s.printOneBtn = widget.NewButtonWithIcon(T("placements.print_village"), theme.DocumentPrintIcon(), func() { s.print(s.villageID) })
	printAll := widget.NewButtonWithIcon(T("placements.print_all"), theme.DocumentPrintIcon(), func() { s.print(0) })
	refresh := widget.NewButtonWithIcon(T("button.refresh"), theme.ViewRefreshIcon(), s.shown)
	top := kit.Bar(kit.Heading(T("nav.placements")), s.summary, container.NewHBox(printAll, refresh))

	left := kit.CardWithHeading(kit.Heading(T("placements.villages")),
		container.NewBorder(container.NewVBox(s.filter, kit.WrapCaption(T("placements.load_legend"))), nil, nil, nil, s.list))
	buttons := container.NewHBox(s.placeBtn, s.evalBtn, s.printOneBtn)
	header := container.NewVBox(kit.Bar(s.title, s.loadLabel, nil), s.info, buttons)
	right := container.NewBorder(header, nil, nil, nil, kit.CardWithHeading(s.rowsTitle, s.rowList))
	split := container.NewHSplit(left, right)
	split.Offset = 0.38
	s.box = container.NewBorder(top, nil, nil, nil, split)
	s.updateButtons()
	return s
}

func (s *placementsScreen) content() fyne.CanvasObject { return s.box }

// shown reloads the villages' loads and the chosen village's placements.
func (s *placementsScreen) shown() {
	goLoad(s.u, s.u.svc.FollowUp.KeyVillageLoads, s.setLoads)
	if s.villageID != 0 {
		s.loadRows()
	}
}

// setLoads shows the loaded villages, choosing the first when none is
// chosen yet.
func (s *placementsScreen) setLoads(ls []training.VillageLoad) {
	keys := make(map[int64]string, len(ls))
	for _, l := range ls {
		keys[l.Village.ID] = pinyin.SortKey(l.Village.Region.String()) + "\x00" + pinyin.SortKey(l.Village.Name)
	}
	sort.SliceStable(ls, func(i, j int) bool { return keys[ls[i].Village.ID] < keys[ls[j].Village.ID] })
	s.loads = ls
	today, capacity, full := 0, 0, 0
	for _, l := range ls {
		today += l.Today
		capacity += l.Village.PlacementCapacity
		if l.Full() {
			full++
		}
	}
	s.summary.SetText(T("placements.summary", "Villages", formatInt(len(ls)), "Today", formatInt(today),
		"Capacity", formatInt(capacity), "Full", formatInt(full)))
	s.applyFilter()
	if !s.loaded && s.villageID == 0 && len(s.visible) > 0 {
		s.list.Select(0)
	}
	s.loaded = true
	s.showVillage()
}

// applyFilter lists the villages whose name or region holds the text.
func (s *placementsScreen) applyFilter() {
	q := strings.TrimSpace(s.filter.Text)
	s.visible = s.visible[:0:0]
	for _, l := range s.loads {
		if q == "" || strings.Contains(l.Village.Name, q) || l.Village.Region.Contains(q) {
			s.visible = append(s.visible, l)
		}
	}
	s.list.UnselectAll()
	for i, l := range s.visible {
		if l.Village.ID == s.villageID {
			s.list.Select(i)
		}
	}
	s.list.Refresh()
}

func (s *placementsScreen) updateLoad(id widget.ListItemID, o fyne.CanvasObject) {
	if id >= len(s.visible) {
		return
	}
	l := s.visible[id]
	setLoadItem(o, l.Village.Name, villageLoadDetail(l), l.Today, l.Village.PlacementCapacity)
}

// villageLoadDetail is a village's detail line: kind, city and county,
// placements not evaluated, and "full".
func villageLoadDetail(l training.VillageLoad) string {
	parts := []string{villageKindLabel(l.Village.Kind), l.Village.Region.Short(),
		T("placements.active_n", "N", l.Active)}
	if l.Full() {
		parts = append([]string{T("placements.full")}, parts...)
	}
	return strings.Join(nonEmpty(parts), T("list.separator"))
}

// villageKindLabel is "Village" or "Community".
func villageKindLabel(k models.OrgKind) string {
	if k == models.OrgCommunity {
		return T("placements.community")
	}
	return T("placements.village")
}

// load returns the village's load, nil when it is not listed.
func (s *placementsScreen) load(id int64) *training.VillageLoad {
	for i := range s.loads {
		if s.loads[i].Village.ID == id {
			return &s.loads[i]
		}
	}
	return nil
}

// choose shows a village's placements.
func (s *placementsScreen) choose(id int64) {
	if id == s.villageID {
		return
	}
	s.villageID, s.placeID, s.rows = id, 0, nil
	s.rowList.UnselectAll()
	s.rowList.Refresh()
	s.showVillage()
	s.loadRows()
}

// showVillage shows the chosen village's heading.
func (s *placementsScreen) showVillage() {
	l := s.load(s.villageID)
	if l == nil {
		s.title.SetText(T("placements.none_chosen"))
		s.loadLabel.SetText("")
		s.info.SetText("")
		s.updateButtons()
		return
	}
	v := l.Village
	s.title.SetText(v.Name)
	text := T("placements.load_text", "Today", l.Today, "Capacity", v.PlacementCapacity)
	if l.Full() {
		text += T("list.separator") + T("placements.full")
	}
	s.loadLabel.SetText(text)
	contact := ""
	if v.ContactPerson != "" {
		contact = T("placements.contact", "Name", v.ContactPerson, "Phone", models.MaskPhone(v.ContactPhone))
	}
	s.info.SetText(strings.Join(nonEmpty([]string{villageKindLabel(v.Kind), v.Region.String(), contact}), T("list.separator")))
	s.updateButtons()
}

func (s *placementsScreen) updateButtons() {
	if s.villageID == 0 {
		s.placeBtn.Disable()
		s.printOneBtn.Disable()
	} else {
		s.placeBtn.Enable()
		s.printOneBtn.Enable()
	}
	if s.row() == nil {
		s.evalBtn.Disable()
	} else {
		s.evalBtn.Enable()
	}
}

// loadRows reads the chosen village's placements.
func (s *placementsScreen) loadRows() {
	id := s.villageID
	goLoad(s.u, func(ctx context.Context) ([]training.VillagePlacements, error) {
		return s.u.svc.FollowUp.VillagePlacements(ctx, id)
	}, func(vs []training.VillagePlacements) {
		if id != s.villageID {
			return
		}
		s.rows = nil
		if len(vs) == 1 {
			s.rows = vs[0].Placements
		}
		sort.SliceStable(s.rows, func(i, j int) bool {
			a, b := s.rows[i].Placement, s.rows[j].Placement
			if !a.StartDate.Equal(b.StartDate) {
				return a.StartDate.After(b.StartDate)
			}
			return a.ID > b.ID
		})
		s.rowsTitle.SetText(T("placements.placements_n", "N", len(s.rows)))
		keep := s.placeID
		s.placeID = 0
		s.rowList.UnselectAll()
		s.rowList.Refresh()
		for i, r := range s.rows {
			if r.Placement.ID == keep {
				s.rowList.Select(i)
				s.rowList.ScrollTo(i)
			}
		}
		s.updateButtons()
		switch s.u.takeShow("placements") {
		case "place":
			s.openPlace()
			s.placeForm.picker.demo("张")
		case "evaluate":
			if len(s.rows) > 0 {
				s.rowList.Select(len(s.rows) - 1)
				s.openEvaluate()
			}
		}
	})
}

// row returns the chosen placement, nil when none.
func (s *placementsScreen) row() *training.PlacedTrainee {
	if s.placeID == 0 {
		return nil
	}
	for i := range s.rows {
		if s.rows[i].Placement.ID == s.placeID {
			return &s.rows[i]
		}
	}
	return nil
}

func (s *placementsScreen) updateRow(id widget.ListItemID, o fyne.CanvasObject) {
	if id >= len(s.rows) {
		return
	}
	kit.SetTwoLines(o, placementTitle(s.rows[id]), placementDetail(s.rows[id], s.u.svc.Today()))
}

// placementTitle is the trainee and the dates.
func placementTitle(r training.PlacedTrainee) string {
	p := r.Placement
	return strings.Join(nonEmpty([]string{r.Trainee.Name, r.Trainee.HomeRegion.Short(),
		T("timeline.period", "From", p.StartDate.String(), "To", p.EndDate.String())}), T("list.separator"))
}

// placementDetail is the state, supervisor, grade and comment.
func placementDetail(r training.PlacedTrainee, today models.Date) string {
	p := r.Placement
	var state string
	switch {
	case today.Before(p.StartDate):
		state = T("placements.upcoming")
	case !today.After(p.EndDate):
		state = T("placements.running")
	default:
		state = T("placements.ended")
	}
	parts := []string{state}
	if p.Supervisor != "" {
		parts = append(parts, T("placements.supervisor_is", "Name", p.Supervisor))
	}
	grade := gradeLabel(p.Grade)
	if p.Comment != "" {
		grade += T("placements.colon") + p.Comment
	}
	return strings.Join(append(parts, grade), T("list.separator"))
}

// changed reloads what a new placement or evaluation changes.
func (s *placementsScreen) changed() {
	if s.u.trainees != nil {
		s.u.trainees.invalidate()
	}
	s.shown()
}

// print prints the placement list of one village, or of all (0).
func (s *placementsScreen) print(villageID int64) {
	title := T("placements.print_title")
	name := "跟班学习安排表"
	if l := s.load(villageID); l != nil {
		name += "-" + l.Village.Name
	}
	printList(s.u, title, listFileName(s.u, name), "placement list", func(ctx context.Context) (listDoc, error) {
		vs, err := s.u.svc.FollowUp.VillagePlacements(ctx, villageID)
		if err != nil {
			return nil, err
		}
		return func(w io.Writer, m lists.Meta) (int, error) { return lists.Placements(w, m, vs) }, nil
	})
}
