package settings

import (
	"strconv"
	"strings"
)

// The keys of the settings; every package that reads a setting names it
// with one of these.
const (
	// The organisation and the person using the program.
	OrgName      = "org.name"
	OrgShortName = "org.short_name"
	UserName     = "user.name"
	Language     = "ui.language"

	// Backups.
	BackupFolder   = "backup.folder"
	BackupKeep     = "backup.keep"
	LastAutoBackup = "backup.last_auto"

	// Certificates.
	SerialFormat    = "certificate.serial_format"
	SigningKey      = "certificate.signing_key"
	CertTitle       = "certificate.title"
	CertOrgName     = "certificate.org_name"
	CertSignatory   = "certificate.signatory"
	CertBody        = "certificate.body"
	CertColor       = "certificate.color"
	CertSealImage   = "certificate.seal_image"
	CertDateStyle   = "certificate.date_style"
	CertBackground  = "certificate.background"
	CertPhoto       = "certificate.photo"
	CertOffsetX     = "certificate.offset_x"
	CertOffsetY     = "certificate.offset_y"
	CertPaper       = "certificate.overlay.paper"
	CertFieldPrefix = "certificate.overlay." // + a field of OverlayFields

	// The store's own bookkeeping.
	SearchIndexVersion = "store.search_index_version"
)

// OverlayFields are the variable fields of overlay printing (套打), in the
// order the calibration page lists them; each has the setting
// CertFieldPrefix + field.
var OverlayFields = []string{"serial", "name", "gender", "start", "end", "course", "hours", "issued", "qr", "photo"}

// IsBox reports whether an overlay field is a box (the QR code, the
// photo), placed by its top-left corner and width in millimetres, rather
// than text.
func IsBox(field string) bool { return field == "qr" || field == "photo" }

// Defaults that other packages show.
const (
	// DefaultSerialFormat is the serial of an organisation without a short
	// name: 2025-0012. DefaultSerialFormatOrg, with one, writes the
	// serial as the organisation's document numbers are written, its
	// short name and 结 (结业证书) before the bracketed year:
	// 成基党院结〔2025〕12号. See SerialFormatFor.
	DefaultSerialFormat    = "{year}-{seq}"
	DefaultSerialFormatOrg = "{org}结〔{year}〕{seq:1}号"
	DefaultCertTitle       = "结业证书"
	DefaultCertOrgName     = "成都市基层党务学院"
	DefaultBackupKeep      = 10
	// DefaultCertBody is the wording; {{name}} and the other Placeholders
	// are filled in, and each line is a paragraph.
	// It is built from the course's facts: {{period}} is the dates (one
	// day, or from and to), {{theme_note}} names the theme when the
	// title does not (（乡村振兴专题）), {{assessed}} is ，经考核合格 only
	// when the course has an assessment.
	DefaultCertBody = "{{name}}同志于{{period}}参加{{org}}举办的{{course}}{{theme_note}}，" +
		"完成规定课程{{hours}}学时{{assessed}}，准予结业。\n特发此证。"
)

// overlayDefaults place the fields on A4 landscape stock; the QR code and
// the photo are not printed unless their positions are set.
var overlayDefaults = map[string]string{
	"serial": "205,32,12", "name": "58,96,20,45", "gender": "125,96,18,15", "start": "158,96,16,50",
	"end": "220,96,16,50", "course": "58,114,18,125", "hours": "205,114,18,20", "issued": "195,168,16,60",
}

// printable is the check of the texts documents print.
func printable(v string, _ Context) error { return Printable(v) }

// registry declares every setting. Add a setting here, with its check.
func registry() []Setting {
	checkBy := func(parse func(string) error) func(string, Context) error {
		return func(v string, _ Context) error { return parse(v) }
	}
	list := []Setting{
		{Key: OrgName, Description: "The organisation's name, printed at the head of rosters, sign-in sheets and reports, and on certificates unless certificate.org_name is set.",
			Check: printable},
		{Key: OrgShortName, Description: "The organisation's short name as its document numbers carry it, such as 成基党院; with it, certificate serials read 成基党院结〔2025〕12号 unless certificate.serial_format is set.",
			Check: checkBy(func(v string) error {
				if err := ShortName(v); err != nil {
					return err
				}
				return Printable(v)
			})},
		{Key: UserName, Description: "The name of the person using Peiyang, recorded with every change in the audit trail."},
		{Key: Language, Description: "The window's language: zh or en; unset, the system's.",
			Check: checkBy(func(v string) error { _, err := ParseSwitch(v, "zh", "en"); return err })},
		{Key: BackupFolder, Description: "The folder of the automatic backups, as a full path; unset, a folder named backups beside the database.",
			Check: checkBy(func(v string) error { _, err := Folder(v); return err })},
		{Key: BackupKeep, Default: strconv.Itoa(DefaultBackupKeep), Description: "How many automatic backups to keep, from 1 to 1000.",
			Check: checkBy(func(v string) error { _, err := Count(v, 1, 1000); return err })},
		{Key: LastAutoBackup, Internal: true, Description: "The day of the last automatic backup."},
		{Key: SerialFormat, Description: "The certificate serial: {year}, {seq} or {seq:N} for the number within the year padded to 4 or N digits, and {org} for org.short_name. Unset: " +
			DefaultSerialFormatOrg + " (成基党院结〔2025〕12号) with a short name, else " + DefaultSerialFormat + " (2025-0012). Issued serials never change.",
			Check: func(v string, c Context) error {
				_, err := FormatSerial(strings.TrimSpace(v), c.OrgShortName, c.Year, 1)
				return err
			}},
		{Key: SigningKey, Secret: true, Description: "The key the certificates' QR codes are signed with; made on first use. Back the database up: without it the printed certificates cannot be verified."},
		{Key: CertTitle, Default: DefaultCertTitle, Description: "The certificate's title.", Check: printable},
		{Key: CertOrgName, Default: DefaultCertOrgName, Description: "The issuing organisation on certificates; unset, org.name, else the default.",
			Check: printable},
		{Key: CertSignatory, Description: "The signatory under the certificate's text, such as 院长：李建国; unset, none.", Check: printable},
		{Key: CertBody, Default: DefaultCertBody, Description: "The certificate's wording, with the fields {{" + strings.Join(Placeholders, "}} {{") +
			"}}: {{period}} is the dates, {{theme_note}} the theme when the title does not name it, {{assessed}} ，经考核合格 when the course has an assessment; \\n starts a paragraph.",
			Check: checkBy(func(v string) error {
				if _, err := Body(v); err != nil {
					return err
				}
				return Printable(v)
			})},
		{Key: CertColor, Default: "#B5121B", Description: "The colour of the title and the border, #RRGGBB.",
			Check: checkBy(func(v string) error { _, _, _, err := ParseColor(v); return err })},
		{Key: CertSealImage, Description: "A scanned image of the unit's own seal, supplied by the unit (PNG with a transparent background, or JPEG, at most 2 MB), placed over the issue date on certificates sent electronically. Unset, no seal: the certificate is stamped by hand. The file is copied into the database when set, and every change is in the audit trail.",
			File: SealImage},
		{Key: CertDateStyle, Default: "arabic", Description: "How dates are written: arabic (2025年6月15日) or chinese (二〇二五年六月十五日).",
			Check: checkBy(func(v string) error { _, err := ParseSwitch(v, "chinese", "arabic"); return err })},
		{Key: CertBackground, Description: "A PNG or JPEG file drawn under the whole certificate page, without the border; unset, none. The file (at most 20 MB, 10,000 pixels a side, 25 million pixels) is copied into the database when set: moving or changing it afterwards changes nothing.",
			File: Image},
		{Key: CertPhoto, Default: "off", Description: "Whether the certificate has the trainee's photo: on prints a 25 × 35 mm box left of the wording with the photo (an empty framed box for a trainee without one), the seal image, if set, over its corner; off, none.",
			Check: checkBy(func(v string) error { _, err := ParseSwitch(v, "on", "off"); return err })},
		{Key: CertOffsetX, Default: "0", Description: "Overlay printing: millimetres to move everything right (negative: left), to calibrate a printer.",
			Check: checkBy(func(v string) error { _, err := ParseMM(v); return err })},
		{Key: CertOffsetY, Default: "0", Description: "Overlay printing: millimetres to move everything down (negative: up).",
			Check: checkBy(func(v string) error { _, err := ParseMM(v); return err })},
		{Key: CertPaper, Default: "297x210", Description: "Overlay printing: the pre-printed stock's size, WIDTHxHEIGHT in millimetres.",
			Check: checkBy(func(v string) error { _, _, err := ParsePaper(v); return err })},
		{Key: SearchIndexVersion, Internal: true, Description: "The version of the trainee search index; the index is rebuilt when it changes."},
	}
	for _, f := range OverlayFields {
		desc := "Overlay printing: where the " + f + " field goes, x,y[,size[,width]] in millimetres and points."
		switch f {
		case "qr":
			desc = "Overlay printing: where the QR code goes, x,y[,side] in millimetres; unset, no QR code."
		case "photo":
			desc = "Overlay printing: where the photo goes, x,y[,width] in millimetres (its top-left corner; the height is 1.4 times the width); unset, no photo."
		}
		list = append(list, Setting{Key: CertFieldPrefix + f, Default: overlayDefaults[f], Description: desc,
			Check: checkBy(func(v string) error { _, err := ParsePosition(v, IsBox(f)); return err })})
	}
	return list
}
