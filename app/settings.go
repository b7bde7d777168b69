package app

import (
	"context"
	"io"
	"path/filepath"
	"slices"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"peiyang/app/kit"
	"peiyang/models"
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

	values  map[string]string     // as read, by key
	entries map[string]*kit.Entry // single-line fields, by key
	body    *kit.Entry            // certificate.body
	form    *kit.Form             // the messages beside the settings
	preview *widget.Label         // an example serial
	columns *fyne.Container
	saved   *widget.Label
	save    *widget.Button
	lang    *widget.Select
	saving  bool
	onDone  func() // after a save or a refused one; for tests

	accounts *accountsCard // Settings → Accounts, for admins on a shared database
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

func newSettings(u *ui) *settingsScreen {
	s := &settingsScreen{u: u, values: map[string]string{}, entries: map[string]*kit.Entry{}, form: kit.NewForm()}
	// An account that may not change the settings sees the language (its
	// own choice) and the database, read only.
	certCard, overlayCard := s.certificateCard(), s.overlayCard()
	left := container.NewVBox(certCard, s.languageCard(), s.databaseCard())
	s.accounts = newAccountsCard(u)
	right := container.NewVBox(s.accounts.card, overlayCard)
	s.columns = kit.Ratio([]float32{0.56, 0.44}, left, right)
	s.saved = widget.NewLabel("")
	s.saved.Importance = widget.SuccessImportance
	s.save = widget.NewButtonWithIcon(T("button.save"), theme.DocumentSaveIcon(), s.submit)
	s.save.Importance = widget.HighImportance
	s.save.Disable()
	s.saved.Hide()
	bar := container.NewBorder(nil, nil, nil, container.NewVBox(layout.NewSpacer(), s.save), container.NewVBox(s.form.General(), s.saved))
	u.allow(models.PermSettings, certCard, overlayCard, bar)
	for _, e := range s.entries {
		u.readOnly(models.PermSettings, e)
	}
	scroll := container.NewVScroll(s.columns)
	s.accounts.relayout = func() { kit.Relayout(right, s.columns, scroll) }
	s.box = container.NewBorder(kit.Heading(T("nav.settings")), bar, nil, nil, scroll)
	s.form.Contain(s.columns, s.box)
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
	s.accounts.reload()
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
	s.form.Clear()
	s.loaded = true
	s.save.Enable()
	s.updatePreview()
}

// formValues returns the values of the form, by key.
func (s *settingsScreen) formValues() map[string]string {
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
	for k, v := range s.formValues() {
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
		s.form.Set(settings.SerialFormat, UserMessage(err))
		return
	}
	s.form.Set(settings.SerialFormat, "")
	s.preview.SetText(T("settings.serial_example", "Serial", ex))
	s.preview.Show()
	kit.Relayout(s.columns)
}

// submit saves the changes in the background: all of them, checked as
// the documents read them, or none, with each message beside its field.
func (s *settingsScreen) submit() {
	if s.saving || !s.loaded || !s.u.permit(models.PermSettings) {
		return
	}
	s.form.Clear()
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

// showErrors puts each message beside its setting; others go below the
// form, and failures that are no validation error to showError.
func (s *settingsScreen) showErrors(err error) {
	msgs, ok := fieldMessages(err)
	if !ok {
		showError(s.u.win, err)
		return
	}
	if !slices.ContainsFunc(msgs, func(m kit.Message) bool { return s.entries[m.Field] == nil && m.Field != certificate.KeyBody }) {
		msgs = append(msgs, kit.Message{Text: T("settings.not_saved")})
	}
	s.form.Show(msgs)
}

// askCalibration asks where to write the calibration page of overlay
// printing, writes it with the saved settings, and says where it went.
func (s *settingsScreen) askCalibration() {
	u := s.u
	u.save(saveJob{kind: docCertificates, title: T("settings.calibration"), name: T("settings.calibration_file") + ".pdf", ext: ".pdf",
		write: func(ctx context.Context, p *Progress, w io.Writer) error {
			settings, err := certificate.LoadSettings(ctx, u.svc.Settings)
			if err != nil {
				return err
			}
			d, err := (&certificate.Printer{Settings: settings, Date: u.svc.Now()}).Calibration()
			if err != nil {
				return err
			}
			return d.Output(w)
		},
		audit: auditNote{action: "print", detail: map[string]any{"what": "calibration page"}},
		saved: func() string { return T("settings.calibration_done") },
	})
}
