package app

import (
	"context"
	"fmt"
	"path/filepath"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"peiyang/internal/userfile"
	"peiyang/reports/certificate"
	"peiyang/settings"
)

// settingsScreen edits the settings: the issuing organisation, the
// signatory, the certificate's title and wording, the serial format, the
// positions and offsets of overlay printing, the language, and the backup
// folder; it shows the database file and how to choose another. Every
// certificate setting is checked as the documents will read it, in the
// transaction that writes it, so that a bad value changes nothing. The
// signing key (certificate.signing_key) is never shown.
type settingsScreen struct {
	u      *ui
	box    fyne.CanvasObject
	loaded bool

	values  map[string]string    // as read, by key
	entries map[string]*keyEntry // single-line fields, by key
	body    *widget.Entry        // certificate.body
	errs    map[string]*widget.Label
	preview *widget.Label // an example serial
	general *widget.Label // messages of settings the screen lacks
	columns *fyne.Container
	saved   *widget.Label
	save    *widget.Button
	lang    *widget.Select
	saving  bool
	onDone  func() // after a save or a refused one; for tests
}

// settingKeys are the settings the screen writes, in the form's order.
func settingKeys() []string {
	keys := []string{certificate.KeyOrgFallback, settings.OrgShortName, certificate.KeySignatory, certificate.KeySealImage,
		certificate.KeyTitle, certificate.KeyBody, settings.SerialFormat, certificate.KeyOffsetX, certificate.KeyOffsetY}
	for _, f := range certificate.Fields {
		keys = append(keys, certificate.KeyFieldPrefix+f)
	}
	return append(keys, settings.BackupFolder, settings.BackupKeep, settings.UserName)
}

// overlayFieldLabel names an overlay field.
func overlayFieldLabel(f string) string {
	switch f {
	case "serial":
		return T("certificates.serial")
	case "name":
		return T("certificates.name")
	case "gender":
		return T("settings.field_gender")
	case "start":
		return T("settings.field_start")
	case "end":
		return T("settings.field_end")
	case "course":
		return T("certificates.course")
	case "hours":
		return T("certificates.hours")
	case "issued":
		return T("certificates.issued_on")
	case "qr":
		return T("settings.field_qr")
	}
	return f
}

// positionText writes a position as the setting does: x,y,size[,width].
func positionText(p certificate.Position) string {
	s := fmt.Sprintf("%g,%g,%g", p.X, p.Y, p.Size)
	if p.Width > 0 {
		s += fmt.Sprintf(",%g", p.Width)
	}
	return s
}

func newSettings(u *ui) *settingsScreen {
	s := &settingsScreen{u: u, values: map[string]string{}, entries: map[string]*keyEntry{}, errs: map[string]*widget.Label{}}
	defaults := certificate.Defaults()
	entry := func(key, placeholder string) *keyEntry {
		e := newKeyEntry()
		e.SetPlaceHolder(placeholder)
		e.OnSubmitted = func(string) { s.submit() }
		s.entries[key] = e
		s.errs[key] = errorLabel()
		return e
	}
	field := func(key string, input fyne.CanvasObject) fyne.CanvasObject {
		if s.errs[key] == nil {
			s.errs[key] = errorLabel()
		}
		return container.NewVBox(input, s.errs[key])
	}

	// The certificate.
	entry(certificate.KeyOrgFallback, certificate.DefaultOrgName)
	short := entry(settings.OrgShortName, T("settings.short_name_placeholder"))
	short.OnChanged = func(string) { s.updatePreview() }
	entry(certificate.KeySignatory, T("settings.signatory_placeholder"))
	seal := entry(certificate.KeySealImage, T("settings.seal_placeholder"))
	chooseSeal := widget.NewButtonWithIcon(T("settings.choose_file"), theme.FileImageIcon(), func() {
		chooseOpenFile(u.win, []string{".png", ".jpg", ".jpeg"}, func(path string) { seal.SetText(path) })
	})
	sealHelp := caption(T("settings.seal_help"))
	sealHelp.Wrapping = fyne.TextWrapWord
	entry(certificate.KeyTitle, certificate.DefaultTitle)
	s.body = widget.NewMultiLineEntry()
	s.body.Wrapping = fyne.TextWrapWord
	s.body.SetMinRowsVisible(4)
	s.body.SetPlaceHolder(T("settings.body_placeholder"))
	bodyHelp := caption(T("settings.body_help", "Fields", "{{"+strings.Join(certificate.Placeholders, "}} {{")+"}}"))
	bodyHelp.Wrapping = fyne.TextWrapWord
	serial := entry(settings.SerialFormat, T("settings.serial_placeholder"))
	s.preview = caption("")
	s.preview.Wrapping = fyne.TextWrapWord
	serial.OnChanged = func(string) { s.updatePreview() }
	serialHelp := caption(T("settings.serial_help"))
	serialHelp.Wrapping = fyne.TextWrapWord
	certForm := container.New(layout.NewFormLayout(), flatten(
		formRow(T("settings.org_name"), field(certificate.KeyOrgFallback, s.entries[certificate.KeyOrgFallback])),
		formRow(T("settings.short_name"), field(settings.OrgShortName, short)),
		formRow(T("settings.signatory"), field(certificate.KeySignatory, s.entries[certificate.KeySignatory])),
		formRow(T("settings.seal"), field(certificate.KeySealImage, container.NewVBox(
			container.NewBorder(nil, nil, nil, chooseSeal, seal), sealHelp))),
		formRow(T("settings.title"), field(certificate.KeyTitle, s.entries[certificate.KeyTitle])),
		formRow(T("settings.body"), field(certificate.KeyBody, container.NewVBox(s.body, bodyHelp))),
		formRow(T("settings.serial_format"), container.NewVBox(serial, s.errs[settings.SerialFormat], s.preview, serialHelp)),
	)...)

	// Overlay printing.
	entry(certificate.KeyOffsetX, "0")
	entry(certificate.KeyOffsetY, "0")
	offsets := container.New(layout.NewFormLayout(), flatten(
		formRow(T("settings.offset_x"), field(certificate.KeyOffsetX, s.entries[certificate.KeyOffsetX])),
		formRow(T("settings.offset_y"), field(certificate.KeyOffsetY, s.entries[certificate.KeyOffsetY])),
	)...)
	var posRows [][]fyne.CanvasObject
	for _, f := range certificate.Fields {
		key := certificate.KeyFieldPrefix + f
		ph := T("settings.qr_off")
		if p, ok := defaults.Positions[f]; ok {
			ph = positionText(p)
		}
		entry(key, ph)
		posRows = append(posRows, formRow(overlayFieldLabel(f), field(key, s.entries[key])))
	}
	positions := container.New(layout.NewFormLayout(), flatten(posRows...)...)
	overlayHelp := caption(T("settings.overlay_help"))
	overlayHelp.Wrapping = fyne.TextWrapWord
	calibrate := widget.NewButtonWithIcon(T("settings.calibration"), theme.DocumentPrintIcon(), s.askCalibration)
	overlayCard := card(T("settings.overlay_title"), container.NewVBox(overlayHelp, offsets, widget.NewSeparator(), positions,
		container.NewHBox(layout.NewSpacer(), calibrate)))

	// Language.
	langs := []string{T("settings.lang_zh"), T("settings.lang_en")}
	s.lang = widget.NewSelect(langs, nil)
	if Language() == LangChinese {
		s.lang.SetSelectedIndex(0)
	} else {
		s.lang.SetSelectedIndex(1)
	}
	s.lang.OnChanged = func(string) {
		code := LangEnglish
		if s.lang.SelectedIndex() == 0 {
			code = LangChinese
		}
		if code != Language() {
			u.switchLanguage(code)
		}
	}
	langHelp := caption(T("settings.language_help"))
	langHelp.Wrapping = fyne.TextWrapWord
	langCard := card(T("settings.language"), container.NewVBox(
		container.New(layout.NewFormLayout(), formRow(T("settings.language"), s.lang)...), langHelp))

	// The database and backups.
	dbPath := newReadOnlyEntry(u.opts.DBPath)
	dbHelp := widget.NewLabel(T("settings.db_help"))
	dbHelp.Wrapping = fyne.TextWrapWord
	other := otherDBPath(u.opts.DBPath)
	dbFlag := newReadOnlyEntry(fmt.Sprintf("peiyang --db %q", other))
	dbEnv := newReadOnlyEntry(fmt.Sprintf("PEIYANG_DB=%q", other))
	backup := entry(settings.BackupFolder, defaultBackupFolder(u.opts.DBPath))
	chooseBackup := widget.NewButtonWithIcon(T("settings.choose_folder"), theme.FolderOpenIcon(), func() {
		chooseFolder(u.win, func(dir string) { backup.SetText(dir) })
	})
	keep := entry(settings.BackupKeep, "10")
	userName := entry(settings.UserName, T("safety.user_name_placeholder"))
	backupHelp := caption(T("settings.backup_help"))
	backupHelp.Wrapping = fyne.TextWrapWord
	dbForm := container.New(layout.NewFormLayout(), flatten(
		formRow(T("settings.db_file"), dbPath),
		formRow("", container.NewVBox(dbHelp, dbFlag, dbEnv)),
		formRow(T("settings.backup_folder"), field(settings.BackupFolder, container.NewVBox(
			container.NewBorder(nil, nil, nil, chooseBackup, backup), backupHelp))),
		formRow(T("safety.keep"), field(settings.BackupKeep, fixedWidth(120, keep))),
		formRow(T("safety.user_name"), field(settings.UserName, userName)),
	)...)
	dbCard := card(T("settings.db_title"), dbForm)

	certCard := card(T("settings.certificate_title"), certForm)
	left := container.NewVBox(certCard, langCard, dbCard)
	right := container.NewVBox(overlayCard)
	s.columns = container.New(&ratioLayout{ratios: []float32{0.56, 0.44}}, left, right)

	s.general = errorLabel()
	s.saved = widget.NewLabel("")
	s.saved.Importance = widget.SuccessImportance
	s.save = widget.NewButtonWithIcon(T("button.save"), theme.DocumentSaveIcon(), s.submit)
	s.save.Importance = widget.HighImportance
	s.save.Disable()
	s.saved.Hide()
	bar := container.NewBorder(nil, nil, nil, container.NewVBox(layout.NewSpacer(), s.save), container.NewVBox(s.general, s.saved))
	s.box = container.NewBorder(heading(T("nav.settings")), bar, nil, nil, container.NewVScroll(s.columns))
	return s
}

// otherDBPath is an example of another database file, beside the
// current one.
func otherDBPath(current string) string {
	if current == "" {
		return "other.db"
	}
	return filepath.Join(filepath.Dir(current), "other.db")
}

func (s *settingsScreen) content() fyne.CanvasObject { return s.box }

// shown reads the settings each time the screen comes up, unless the
// user is editing them.
func (s *settingsScreen) shown() {
	if s.loaded && s.dirty() {
		return
	}
	keys := settingKeys()
	goLoad(s.u, func(ctx context.Context) (map[string]string, error) {
		out := make(map[string]string, len(keys))
		for _, k := range keys {
			v, err := s.u.svc.Settings.Setting(ctx, k)
			if err != nil {
				return nil, err
			}
			out[k] = v
		}
		return out, nil
	}, s.setValues)
}

// setValues shows the settings read.
func (s *settingsScreen) setValues(values map[string]string) {
	s.values = values
	for k, e := range s.entries {
		e.SetText(values[k])
	}
	s.body.SetText(strings.ReplaceAll(values[certificate.KeyBody], `\n`, "\n"))
	s.loaded = true
	s.save.Enable()
	s.updatePreview()
}

// form returns the values of the form, by key.
func (s *settingsScreen) form() map[string]string {
	out := make(map[string]string, len(s.entries)+1)
	for k, e := range s.entries {
		out[k] = strings.TrimSpace(e.Text)
	}
	out[certificate.KeyBody] = strings.TrimSpace(s.body.Text)
	return out
}

// changed returns the settings the form changes.
func (s *settingsScreen) changed() map[string]string {
	out := map[string]string{}
	for k, v := range s.form() {
		old := s.values[k]
		if k == certificate.KeyBody {
			old = strings.ReplaceAll(old, `\n`, "\n")
		}
		if v != strings.TrimSpace(old) {
			out[k] = v
		}
	}
	return out
}

func (s *settingsScreen) dirty() bool { return len(s.changed()) > 0 }

// updatePreview shows the serial the format gives, or beside the field
// what is wrong with it, as it is typed.
func (s *settingsScreen) updatePreview() {
	short := strings.TrimSpace(s.entries[settings.OrgShortName].Text)
	format := settings.SerialFormatFor(s.entries[settings.SerialFormat].Text, short)
	ex, err := settings.FormatSerial(format, short, s.u.svc.Today().Year(), 12)
	if err != nil {
		s.preview.Hide()
		setError(s.errs[settings.SerialFormat], UserMessage(err))
	} else {
		setError(s.errs[settings.SerialFormat], "")
		s.preview.SetText(T("settings.serial_example", "Serial", ex))
		s.preview.Show()
	}
	if s.columns != nil {
		s.columns.Refresh()
	}
}

// submit saves the changes in the background: all of them, checked as
// the documents read them, or none, with each message beside its field.
func (s *settingsScreen) submit() {
	if s.saving || !s.loaded {
		return
	}
	s.clearErrors()
	s.setSaved("")
	values := s.changed()
	if len(values) == 0 {
		s.setSaved(T("settings.unchanged"))
		s.finish()
		return
	}
	u := s.u
	u.saveInBackground(&s.saving, func(ctx context.Context) error {
		return u.svc.Settings.SaveSettings(ctx, values)
	}, func(err error) {
		if err != nil {
			s.showErrors(err)
		} else {
			for k, v := range values {
				s.values[k] = v
			}
			s.setSaved(T("settings.saved", "Time", time.Now().Format("15:04")))
		}
		s.finish()
	})
}

// setSaved shows the outcome of a save, or nothing for "".
func (s *settingsScreen) setSaved(text string) {
	s.saved.SetText(text)
	if text == "" {
		s.saved.Hide()
	} else {
		s.saved.Show()
	}
	s.box.(*fyne.Container).Refresh()
}

func (s *settingsScreen) finish() {
	if s.onDone != nil {
		s.onDone()
	}
}

// defaultBackupFolder is where backups go while the setting is empty: a
// folder named backups beside the database.
func defaultBackupFolder(db string) string {
	if db == "" {
		return "backups"
	}
	return filepath.Join(filepath.Dir(db), "backups")
}

func (s *settingsScreen) clearErrors() {
	for _, l := range s.errs {
		setError(l, "")
	}
	setError(s.general, "")
	s.box.(*fyne.Container).Refresh()
}

// showErrors puts each message beside its setting; others go below the
// form, and failures that are no validation error to showError.
func (s *settingsScreen) showErrors(err error) {
	fe := fieldErrors(err)
	if fe == nil {
		showError(s.u.win, err)
		return
	}
	var rest []string
	for key, msg := range fe {
		if l := s.errs[key]; l != nil {
			setError(l, msg)
		} else {
			rest = append(rest, msg)
		}
	}
	setError(s.general, strings.Join(rest, "\n"))
	if len(rest) == 0 {
		setError(s.general, T("settings.not_saved"))
	}
	s.box.(*fyne.Container).Refresh()
}

// askCalibration asks where to write the calibration page and writes it.
func (s *settingsScreen) askCalibration() {
	chooseSaveFile(s.u.win, safeFileName(T("settings.calibration_file"))+".pdf", ".pdf", func(path string) { s.calibration(path) })
}

// calibration writes the calibration page of overlay printing, with the
// saved settings, then opens it.
func (s *settingsScreen) calibration(path string) *task {
	u := s.u
	return u.runTask(T("settings.calibration"), func(ctx context.Context, p *Progress) error {
		settings, err := certificate.LoadSettings(ctx, u.svc.Settings)
		if err != nil {
			return err
		}
		d, err := (&certificate.Printer{Settings: settings, Date: u.svc.Now()}).Calibration()
		if err != nil {
			return err
		}
		b, err := d.Bytes()
		if err != nil {
			return fmt.Errorf("app: calibration page: %w", err)
		}
		return userfile.WriteBytes(path, b)
	}, func() {
		if err := openWithSystem(u.app, path); err != nil {
			logError("open the calibration page", err)
		}
		u.showWritten(T("settings.calibration"), T("settings.calibration_done"), path)
	})
}

// readOnlyEntry shows text that may be selected and copied, not edited.
type readOnlyEntry struct {
	widget.Entry
}

func newReadOnlyEntry(text string) *readOnlyEntry {
	e := &readOnlyEntry{}
	e.ExtendBaseWidget(e)
	e.SetText(text)
	e.TextStyle.Monospace = true
	e.Wrapping = fyne.TextWrapOff
	// Whatever gets past the key handlers (a paste from the menu) is
	// undone.
	e.OnChanged = func(s string) {
		if s != text {
			e.SetText(text)
		}
	}
	return e
}

// TypedRune ignores typing.
func (e *readOnlyEntry) TypedRune(rune) {}

// TypedKey lets through only what moves the cursor.
func (e *readOnlyEntry) TypedKey(ev *fyne.KeyEvent) {
	switch ev.Name {
	case fyne.KeyLeft, fyne.KeyRight, fyne.KeyUp, fyne.KeyDown, fyne.KeyHome, fyne.KeyEnd, fyne.KeyPageUp, fyne.KeyPageDown:
		e.Entry.TypedKey(ev)
	}
}

// TypedShortcut lets through copying and selecting, not cutting or
// pasting.
func (e *readOnlyEntry) TypedShortcut(s fyne.Shortcut) {
	switch s.(type) {
	case *fyne.ShortcutCopy, *fyne.ShortcutSelectAll:
		e.Entry.TypedShortcut(s)
	}
}
