package app

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net/url"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/widget"

	"peiyang/internal/userfile"
	"peiyang/models"
	"peiyang/reports/lists"
	"peiyang/settings"
)

// Helpers shared by the follow-up screens (mentors.go, placements.go,
// returns.go): a form whose messages appear beside their fields and that
// saves in the background, a trainee picker, a select and a list that
// hand Escape (and the select Enter) on to the dialog, and printing a list
// to a PDF file that then opens in the system's viewer.

// fuForm is a form in a dialog: a label and a field per row, each field
// with its error label below it. Tab follows the rows, Enter in a
// keyEntry or fuSelect saves (wire them with enter), Escape cancels.
type fuForm struct {
	u       *ui
	rows    []fyne.CanvasObject
	errs    map[string]*widget.Label // by the model's field name
	alias   map[string]string        // an error's field → the field it is shown beside
	general *widget.Label            // messages of fields the form lacks
	saving  bool
	dialog  *dialog.CustomDialog
	submit  func()
	onDone  func() // after a save, done or refused; for tests
}

func newFuForm(u *ui) *fuForm {
	return &fuForm{u: u, errs: map[string]*widget.Label{}, alias: map[string]string{}, general: errorLabel()}
}

// row adds a row: the label and the field, whose errors are those of the
// model's field.
func (f *fuForm) row(field, label string, input fyne.CanvasObject) {
	e := errorLabel()
	f.errs[field] = e
	l := widget.NewLabelWithStyle(label, fyne.TextAlignTrailing, fyne.TextStyle{})
	f.rows = append(f.rows, l, container.NewVBox(input, e))
}

// also shows the errors of field beside the row of shownAs.
func (f *fuForm) also(field, shownAs string) { f.alias[field] = shownAs }

// entry returns a keyEntry that saves the form on Enter.
func (f *fuForm) entry(text, placeholder string) *keyEntry {
	e := newKeyEntry()
	e.SetText(text)
	e.SetPlaceHolder(placeholder)
	e.OnSubmitted = func(string) { f.submit() }
	return e
}

// choice returns a select of the options that saves the form on Enter.
func (f *fuForm) choice(options []string, changed func(string)) *fuSelect {
	s := newFuSelect(options, changed)
	s.onSubmit = func() { f.submit() }
	return s
}

// body is the rows in a form layout, with the general messages below.
func (f *fuForm) body(top ...fyne.CanvasObject) fyne.CanvasObject {
	form := container.New(layout.NewFormLayout(), f.rows...)
	return container.NewVBox(append(top, form, f.general)...)
}

// open shows the form in a dialog. read returns the work that saves the
// form's values (run in the background), or the errors of fields that do
// not parse; done runs on the UI thread after the work succeeded and the
// dialog closed.
func (f *fuForm) open(title string, content fyne.CanvasObject, size fyne.Size, read func() (func(ctx context.Context) error, error), done func()) {
	f.dialog, f.submit = showFormDialog(f.u.win, title, content, size, func() bool {
		if f.saving {
			return false
		}
		f.clear()
		work, err := read()
		if err != nil {
			f.showErrors(err)
			if f.onDone != nil {
				f.onDone()
			}
			return false
		}
		f.u.saveInBackground(&f.saving, work, func(err error) {
			if err != nil {
				f.showErrors(err)
			} else {
				f.dialog.Hide()
				done()
			}
			if f.onDone != nil {
				f.onDone()
			}
		})
		return false
	})
}

func (f *fuForm) clear() {
	for _, l := range f.errs {
		setError(l, "")
	}
	setError(f.general, "")
}

// showErrors puts each field's message beside its field; messages of
// other fields go below the form, and failures that are no validation
// error go to showError.
func (f *fuForm) showErrors(err error) {
	fe := fieldErrors(err)
	if fe == nil {
		showError(f.u.win, err)
		return
	}
	var rest []string
	shown := map[string][]string{}
	for field, msg := range fe {
		if a, ok := f.alias[field]; ok {
			field = a
		}
		if f.errs[field] != nil {
			shown[field] = append(shown[field], msg)
		} else {
			rest = append(rest, msg)
		}
	}
	for field, msgs := range shown {
		setError(f.errs[field], strings.Join(msgs, "\n"))
	}
	setError(f.general, strings.Join(rest, "\n"))
}

// errorText is the message shown beside a field, "" when none.
func (f *fuForm) errorText(field string) string {
	if l := f.errs[field]; l != nil && l.Visible() {
		return l.Text
	}
	return ""
}

// fuDate parses a date field, adding its error to l; "" is the zero date.
func fuDate(l *models.ErrorList, field, text string) models.Date {
	text = strings.TrimSpace(text)
	d, err := models.ParseDate(text)
	var e *models.Error
	if errors.As(err, &e) {
		l.Add(field, e.Message, "Text", text)
	}
	return d
}

// fuCheck returns the errors of fields that did not parse together with
// those the record's own checks find in the other fields (so that every
// message shows at once), or nil when every field parsed.
func fuCheck(l models.ErrorList, validate func() error) error {
	if len(l) == 0 {
		return nil
	}
	seen := map[string]bool{}
	for _, e := range l {
		seen[e.Field] = true
	}
	var more models.ErrorList
	if errors.As(validate(), &more) {
		for _, e := range more {
			if !seen[e.Field] {
				l = append(l, e)
			}
		}
	}
	return l.Err()
}

// passEscape hands Escape to the canvas's key handler (which closes the
// dialog open), and reports whether there was one.
func passEscape(o fyne.CanvasObject, ev *fyne.KeyEvent) bool {
	if ev.Name != fyne.KeyEscape {
		return false
	}
	if c := fyne.CurrentApp().Driver().CanvasForObject(o); c != nil && c.OnTypedKey() != nil {
		c.OnTypedKey()(ev)
		return true
	}
	return false
}

// fuSelect is a Select that hands Escape on to the window and calls
// onSubmit on Enter.
type fuSelect struct {
	widget.Select
	onSubmit func()
}

func newFuSelect(options []string, changed func(string)) *fuSelect {
	s := &fuSelect{}
	s.Options = options
	s.OnChanged = changed
	s.PlaceHolder = T("mentors.choose")
	s.ExtendBaseWidget(s)
	return s
}

// TypedKey handles Enter and Escape, and the rest as a Select does.
func (s *fuSelect) TypedKey(ev *fyne.KeyEvent) {
	switch {
	case passEscape(s, ev):
	case (ev.Name == fyne.KeyReturn || ev.Name == fyne.KeyEnter) && s.onSubmit != nil:
		s.onSubmit()
	default:
		s.Select.TypedKey(ev)
	}
}

// fuList is a List that hands Escape on to the window.
type fuList struct {
	widget.List
}

func newFuList(length func() int, create func() fyne.CanvasObject, update func(widget.ListItemID, fyne.CanvasObject)) *fuList {
	l := &fuList{}
	l.Length, l.CreateItem, l.UpdateItem = length, create, update
	l.ExtendBaseWidget(l)
	return l
}

// TypedKey handles Escape, and the rest as a List does.
func (l *fuList) TypedKey(ev *fyne.KeyEvent) {
	if !passEscape(l, ev) {
		l.List.TypedKey(ev)
	}
}

// fuMinSize makes o at least w wide and h high.
func fuMinSize(w, h float32, o fyne.CanvasObject) fyne.CanvasObject {
	r := canvas.NewRectangle(nil)
	r.SetMinSize(fyne.NewSize(w, h))
	return container.NewStack(r, o)
}

// fuPicker finds a trainee by name, pinyin, ID or phone number: a search
// box, the matches below it and the trainee chosen. Enter in the box
// chooses the first match.
type fuPicker struct {
	u       *ui
	search  *keyEntry
	list    *fuList
	results []*models.Trainee
	chosen  *models.Trainee
	shown   *widget.Label
	gen     int
	auto    bool // choose the first match when the matches arrive
	onPick  func(t *models.Trainee)
	box     fyne.CanvasObject
}

// fuPickerLimit is the most matches listed.
const fuPickerLimit = 50

func newFuPicker(u *ui, onPick func(t *models.Trainee)) *fuPicker {
	p := &fuPicker{u: u, onPick: onPick}
	p.search = newKeyEntry()
	p.search.SetPlaceHolder(T("trainees.search_placeholder"))
	p.search.OnChanged = p.find
	p.search.OnSubmitted = func(string) {
		if len(p.results) > 0 {
			p.list.Select(0)
		}
	}
	p.list = newFuList(func() int { return len(p.results) },
		func() fyne.CanvasObject {
			l := widget.NewLabel("")
			l.Truncation = fyne.TextTruncateEllipsis
			return l
		},
		func(id widget.ListItemID, o fyne.CanvasObject) {
			if id < len(p.results) {
				o.(*widget.Label).SetText(fuTraineeLine(p.results[id]))
			}
		})
	p.list.OnSelected = func(id widget.ListItemID) {
		if id < len(p.results) {
			p.pick(p.results[id])
		}
	}
	p.shown = widget.NewLabel(T("mentors.no_trainee"))
	p.shown.TextStyle.Bold = true
	p.shown.Truncation = fyne.TextTruncateEllipsis
	// In the order of the tab key: the search box, then the matches.
	p.box = container.New(layout.NewBorderLayout(p.search, p.shown, nil, nil), p.search, fuMinSize(0, 128, p.list), p.shown)
	return p
}

// fuTraineeLine describes a trainee in one line: name, gender, home
// region and masked ID number.
func fuTraineeLine(t *models.Trainee) string {
	return strings.Join(nonEmpty([]string{t.Name, genderLabel(t.Gender), t.HomeRegion.Short(), models.MaskIDNumber(t.IDNumber)}), T("list.separator"))
}

// find searches for the text in the background.
func (p *fuPicker) find(text string) {
	p.gen++
	gen, q := p.gen, strings.TrimSpace(text)
	if q == "" {
		p.results = nil
		p.list.UnselectAll()
		p.list.Refresh()
		return
	}
	goLoad(p.u, func(ctx context.Context) ([]*models.Trainee, error) {
		return p.u.svc.Trainees.SearchTrainees(ctx, q, fuPickerLimit)
	}, func(ts []*models.Trainee) {
		if gen != p.gen {
			return
		}
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
func (p *fuPicker) demo(text string) {
	p.auto = true
	p.search.SetText(text)
}

// pick chooses a trainee.
func (p *fuPicker) pick(t *models.Trainee) {
	p.chosen = t
	p.shown.SetText(T("mentors.trainee_chosen", "Trainee", fuTraineeLine(t)))
	if p.onPick != nil {
		p.onPick(t)
	}
}

// traineeID is the chosen trainee's ID, 0 for none.
func (p *fuPicker) traineeID() int64 {
	if p.chosen == nil {
		return 0
	}
	return p.chosen.ID
}

// fuDoc writes a gathered document.
type fuDoc func(w io.Writer, m lists.Meta) (int, error)

// fuAskPath asks where to save a file named name and calls then with the
// path; a variable so that tests answer without a file dialog.
var fuAskPath = func(u *ui, name string, then func(path string)) {
	d := dialog.NewFileSave(func(w fyne.URIWriteCloser, err error) {
		if err != nil {
			showError(u.win, err)
			return
		}
		if w == nil {
			return // cancelled
		}
		path := w.URI().Path()
		w.Close()
		then(path)
	}, u.win)
	d.SetFileName(name)
	d.Resize(fyne.NewSize(900, 600))
	d.Show()
}

// fuOpenFile opens a file in the system's viewer; a variable so that
// tests open nothing.
var fuOpenFile = func(u *ui, path string) {
	if err := u.app.OpenURL(&url.URL{Scheme: "file", Path: path}); err != nil {
		logError("open the printed file", err)
	}
}

// fuPrint prints a list: it gathers the document's data in the
// background, asks where to save the PDF, writes it in the background and
// opens it. title names the task; name is the file name offered.
func fuPrint(u *ui, title, name string, gather func(ctx context.Context) (fuDoc, error)) {
	var doc fuDoc
	u.runTask(title, func(ctx context.Context, p *Progress) error {
		p.Note(T("mentors.print_gathering"))
		d, err := gather(ctx)
		doc = d
		return err
	}, func() {
		fuAskPath(u, name, func(path string) { fuWrite(u, title, path, doc) })
	})
}

// fuWrite writes the document to path in the background, through a
// temporary file in the same folder so that the file appears whole or not
// at all, readable by its owner only; then it says so and opens the file.
func fuWrite(u *ui, title, path string, doc fuDoc) {
	var pages int
	u.runTask(title, func(ctx context.Context, p *Progress) error {
		p.Note(T("mentors.print_writing"))
		org, err := u.svc.Settings.Setting(ctx, settings.OrgName)
		if err != nil {
			return err
		}
		if err := ctx.Err(); err != nil {
			return err
		}
		m := lists.Meta{Org: org, Date: u.svc.Today()}
		pages, err = fuWriteFile(path, func(w io.Writer) (int, error) { return doc(w, m) })
		return err
	}, func() {
		dialog.ShowInformation(title, T("mentors.print_done", "File", path, "Pages", pages), u.win)
		fuOpenFile(u, path)
	})
}

// fuWriteFile writes a file whole or not at all (userfile.Write) and
// returns what write returns.
func fuWriteFile(path string, write func(w io.Writer) (int, error)) (n int, err error) {
	err = userfile.Write(path, func(w io.Writer) error {
		n, err = write(w)
		return err
	})
	return n, err
}

// fuFileName is a file name for a printed list: the title and today.
func fuFileName(u *ui, title string) string {
	return userfile.SafeName(title + "-" + u.svc.Today().String() + ".pdf")
}

// fuBar is a load bar: value of max, with the text "3 / 5".
func fuBar() *widget.ProgressBar {
	b := widget.NewProgressBar()
	b.TextFormatter = func() string {
		return fmt.Sprintf("%d / %d", int(b.Value), int(b.Max))
	}
	return b
}

// setFuBar shows n of max on the bar; a value over the maximum fills it.
func setFuBar(b *widget.ProgressBar, n, max int) {
	b.Max = float64(max)
	b.Value = float64(n)
	if max <= 0 {
		b.Max = 1
	}
	b.Refresh()
}
