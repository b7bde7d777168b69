package app

import (
	"fmt"
	"strings"

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

// The settings screen's cards: the certificate, overlay printing, the
// language, the database and backups. Each setting's input is kept by key
// (s.entries), with its messages below it (s.form).

// entry makes the input of a setting; Enter saves.
func (s *settingsScreen) entry(key, placeholder string) *kit.Entry {
	e := kit.NewEntry()
	e.SetPlaceHolder(placeholder)
	e.OnSubmitted = func(string) { s.submit() }
	s.entries[key] = e
	return e
}

// row is a setting's row: its label beside its input, with the setting's
// messages below (watching watch, by default the setting's entry).
func (s *settingsScreen) row(label, key string, input fyne.CanvasObject, watch ...fyne.CanvasObject) []fyne.CanvasObject {
	if len(watch) == 0 && s.entries[key] != nil {
		watch = []fyne.CanvasObject{s.entries[key]}
	}
	return kit.Row(label, s.form.Field(key, input, watch...))
}

// certificateCard holds the organisation, signatory, title, wording and
// serial format.
func (s *settingsScreen) certificateCard() fyne.CanvasObject {
	org := s.entry(certificate.KeyOrgFallback, certificate.DefaultOrgName)
	short := s.entry(settings.OrgShortName, T("settings.short_name_placeholder"))
	short.OnChanged = func(string) { s.updatePreview() }
	sign := s.entry(certificate.KeySignatory, T("settings.signatory_placeholder"))
	seal := s.entry(certificate.KeySealImage, T("settings.seal_placeholder"))
	chooseSeal := s.u.actionButton(models.PermSettings, T("settings.choose_file"), theme.FileImageIcon(), func() {
		s.u.chooseFile(docImages, T("settings.seal"), []string{".png", ".jpg", ".jpeg"}, func(path string) { seal.SetText(path) })
	})
	sealHelp := kit.Caption(T("settings.seal_help"))
	sealHelp.Wrapping = fyne.TextWrapWord
	title := s.entry(certificate.KeyTitle, certificate.DefaultTitle)
	s.body = kit.NewMultiLineEntry()
	s.body.SetMinRowsVisible(4)
	s.body.SetPlaceHolder(T("settings.body_placeholder"))
	bodyHelp := kit.WrapLabel(T("settings.body_help", "Fields", "{{"+strings.Join(certificate.Placeholders, "}} {{")+"}}"), widget.MediumImportance)
	bodyHelp.SizeName = theme.SizeNameCaptionText
	serial := s.entry(settings.SerialFormat, T("settings.serial_placeholder"))
	serial.OnChanged = func(string) { s.updatePreview() }
	s.preview = kit.Caption("")
	s.preview.Wrapping = fyne.TextWrapWord
	serialHelp := kit.Caption(T("settings.serial_help"))
	serialHelp.Wrapping = fyne.TextWrapWord
	return kit.Card(T("settings.certificate_title"), kit.Rows(
		s.row(T("settings.org_name"), certificate.KeyOrgFallback, org),
		s.row(T("settings.short_name"), settings.OrgShortName, short),
		s.row(T("settings.signatory"), certificate.KeySignatory, sign),
		s.row(T("settings.seal"), certificate.KeySealImage, container.NewVBox(container.NewBorder(nil, nil, nil, chooseSeal, seal), sealHelp), seal),
		s.row(T("settings.title"), certificate.KeyTitle, title),
		s.row(T("settings.body"), certificate.KeyBody, container.NewVBox(s.body, bodyHelp), s.body),
		s.row(T("settings.serial_format"), settings.SerialFormat, container.NewVBox(serial, s.preview, serialHelp), serial),
	))
}

// overlayCard holds the offsets and field positions of printing on
// pre-printed stock, and the calibration page.
func (s *settingsScreen) overlayCard() fyne.CanvasObject {
	defaults := certificate.Defaults()
	offsets := kit.Rows(
		s.row(T("settings.offset_x"), certificate.KeyOffsetX, s.entry(certificate.KeyOffsetX, "0")),
		s.row(T("settings.offset_y"), certificate.KeyOffsetY, s.entry(certificate.KeyOffsetY, "0")),
	)
	var rows [][]fyne.CanvasObject
	for _, f := range certificate.Fields {
		key := certificate.KeyFieldPrefix + f
		ph := T("settings.qr_off")
		if f == "photo" {
			ph = T("settings.photo_off")
		}
		if p, ok := defaults.Positions[f]; ok {
			ph = positionText(p)
		}
		rows = append(rows, s.row(overlayFieldLabel(f), key, s.entry(key, ph)))
	}
	help := kit.Caption(T("settings.overlay_help"))
	help.Wrapping = fyne.TextWrapWord
	calibrate := widget.NewButtonWithIcon(T("settings.calibration"), theme.DocumentPrintIcon(), s.askCalibration)
	return kit.Card(T("settings.overlay_title"), container.NewVBox(help, offsets, widget.NewSeparator(), kit.Rows(rows...),
		container.NewHBox(layout.NewSpacer(), calibrate)))
}

// languageNames are the languages as their speakers name them, the same
// in either language of the window, so that a user who cannot read the
// current one still finds their own.
var languageNames = []string{"中文", "English"} // LangChinese, LangEnglish

// languageCard chooses the window's language.
func (s *settingsScreen) languageCard() fyne.CanvasObject {
	s.lang = widget.NewSelect(languageNames, nil)
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
			s.u.switchLanguage(code)
		}
	}
	help := kit.Caption(T("settings.language_help"))
	help.Wrapping = fyne.TextWrapWord
	return kit.Card(T("settings.language"), container.NewVBox(kit.Rows(kit.Row(T("settings.language"), s.lang)), help))
}

// databaseCard shows the database file and how to open another, and holds
// the backup settings and the user's name. On a shared database it shows
// the database and the account instead, and an empty backup folder means
// no automatic backup: the server's backups are its DBA's (backup.Auto).
func (s *settingsScreen) databaseCard() fyne.CanvasObject {
	db, shared := s.u.opts.DBPath, s.u.opts.DBUser != ""
	placeholder, help := defaultBackupFolder(db), T("settings.backup_help")
	if shared {
		placeholder, help = T("settings.backup_none_shared"), T("settings.backup_help_shared")
	}
	backup := s.entry(settings.BackupFolder, placeholder)
	chooseBackup := s.u.actionButton(models.PermSettings, T("settings.choose_folder"), theme.FolderOpenIcon(), func() {
		kit.ChooseFolder(s.u.win, T("settings.backup_folder"), backup.Text, func(dir string) { backup.SetText(dir) })
	})
	keep := s.entry(settings.BackupKeep, "10")
	backupHelp := kit.Caption(help)
	backupHelp.Wrapping = fyne.TextWrapWord
	where := []fyne.CanvasObject{kit.NewReadOnlyEntry(s.u.databaseLabel())}
	if !shared {
		other := otherDBPath(db)
		where = []fyne.CanvasObject{kit.NewReadOnlyEntry(db),
			kit.WrapLabel(T("settings.db_help"), widget.MediumImportance),
			kit.NewReadOnlyEntry(fmt.Sprintf("peiyang --db %q", other)), kit.NewReadOnlyEntry(fmt.Sprintf("PEIYANG_DB=%q", other))}
	}
	rows := [][]fyne.CanvasObject{kit.Row(T("settings.db_file"), where[0])}
	if len(where) > 1 {
		rows = append(rows, kit.Row("", container.NewVBox(where[1:]...)))
	}
	rows = append(rows,
		s.row(T("settings.backup_folder"), settings.BackupFolder,
			container.NewVBox(container.NewBorder(nil, nil, nil, chooseBackup, backup), backupHelp), backup),
		s.row(T("safety.keep"), settings.BackupKeep, kit.Width(120, keep), keep),
		s.row(T("safety.user_name"), settings.UserName, s.entry(settings.UserName, T("safety.user_name_placeholder"))))
	return kit.Card(T("settings.db_title"), kit.Rows(rows...))
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
	case "photo":
		return T("settings.field_photo")
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
