package certificate

import (
	"context"
	"errors"
	"fmt"
	"sort"
	"strings"

	"peiyang/models"
	"peiyang/reports/pdfkit"
	"peiyang/settings"
)

// The settings that shape a certificate, declared in package settings with
// their defaults and checks. Every one may be left unset for its default.
const (
	KeyTitle       = settings.CertTitle      // the title
	KeyOrgName     = settings.CertOrgName    // the issuing organisation; unset, KeyOrgFallback, else its default
	KeyOrgFallback = settings.OrgName        // the organisation's name for every document
	KeySignatory   = settings.CertSignatory  // e.g. 院长：李建国; default none
	KeyBody        = settings.CertBody       // the wording, see DefaultBody
	KeyColor       = settings.CertColor      // title and border, #RRGGBB
	KeySealImage   = settings.CertSealImage  // a scan of the unit's seal; default none
	KeyDateStyle   = settings.CertDateStyle  // "arabic" (2025年6月15日) or "chinese" (二〇二五年六月十五日)
	KeyBackground  = settings.CertBackground // a PNG or JPEG file drawn under the whole page; no border then
	KeyPhoto       = settings.CertPhoto      // "on" for the trainee's photo left of the wording, the seal over its corner

	// Overlay printing (套打) on pre-printed stock.
	KeyOffsetX     = settings.CertOffsetX     // millimetres to the right, to calibrate a printer
	KeyOffsetY     = settings.CertOffsetY     // millimetres down
	KeyPaper       = settings.CertPaper       // the stock's size, "WIDTHxHEIGHT" in mm
	KeyFieldPrefix = settings.CertFieldPrefix // + a field name (Fields): "x,y[,size[,width]]"
)

// Defaults.
const (
	DefaultTitle   = settings.DefaultCertTitle
	DefaultOrgName = settings.DefaultCertOrgName
	// DefaultBody is the wording; {{name}} and the other fields of
	// Placeholders are filled in, and each line is a paragraph.
	DefaultBody = settings.DefaultCertBody
)

// Placeholders are the fields the body may hold.
var Placeholders = settings.Placeholders

// Fields are the variable fields of overlay printing, in the order the
// calibration page lists them.
var Fields = settings.OverlayFields

// Position places an overlay field: the left end of its baseline at X, Y
// millimetres from the top-left corner of the stock, Size points (for the
// QR code and the photo: their top-left corner, Size their width in mm).
// With Width, the text is centred in a box that wide and shrunk to fit it.
type Position = settings.Position

// Settings shape the certificates.
type Settings struct {
	Title, OrgName, Signatory, Body string
	Color                           pdfkit.Color
	Photo                           bool // the photo box on blank paper
	ChineseDates                    bool
	Background                      string // the file's path
	background                      *pdfkit.Image
	// SealImage is the scan of the unit's seal placed over the date, ""
	// for none (the default: the certificate is stamped by hand).
	SealImage string
	seal      *pdfkit.Image

	OffsetX, OffsetY float64
	Paper            pdfkit.Size // the stock, as it lies
	Positions        map[string]Position
}

// Defaults returns the settings of a database where none is set.
func Defaults() *Settings {
	s := &Settings{Positions: map[string]Position{}}
	for _, k := range s.readers() {
		if v := settings.DefaultOf(k.key); v != "" {
			if err := k.set(v); err != nil {
				panic("certificate: the default of " + k.key + " is refused: " + err.Error())
			}
		}
	}
	return s
}

// SettingReader reads named settings ("" means never set) and the files
// copied in for them (nil: none).
type SettingReader interface {
	Setting(ctx context.Context, key string) (string, error)
	SettingFile(ctx context.Context, key string) (*models.SettingFile, error)
}

// setter reads one setting's value into s.
type setter struct {
	key string
	set func(string) error
}

// readers are the settings LoadSettings reads, in order: org.name before
// certificate.org_name, which overrides it.
func (s *Settings) readers() []setter {
	color := func(c *pdfkit.Color) func(string) error {
		return func(v string) error {
			r, g, b, err := settings.ParseColor(v)
			*c = pdfkit.Color{R: r, G: g, B: b}
			return err
		}
	}
	list := []setter{
		{KeyTitle, func(v string) error { s.Title = v; return nil }},
		{KeyOrgFallback, func(v string) error { s.OrgName = v; return nil }},
		{KeyOrgName, func(v string) error { s.OrgName = v; return nil }},
		{KeySignatory, func(v string) error { s.Signatory = v; return nil }},
		{KeyBody, func(v string) (err error) { s.Body, err = settings.Body(v); return err }},
		{KeyColor, color(&s.Color)},
		{KeyPhoto, func(v string) (err error) { s.Photo, err = settings.ParseSwitch(v, "on", "off"); return err }},
		{KeyDateStyle, func(v string) (err error) {
			s.ChineseDates, err = settings.ParseSwitch(v, "chinese", "arabic")
			return err
		}},
		{KeyOffsetX, func(v string) (err error) { s.OffsetX, err = settings.ParseMM(v); return err }},
		{KeyOffsetY, func(v string) (err error) { s.OffsetY, err = settings.ParseMM(v); return err }},
		{KeyPaper, func(v string) (err error) { s.Paper.W, s.Paper.H, err = settings.ParsePaper(v); return err }},
	}
	for _, f := range Fields {
		list = append(list, setter{KeyFieldPrefix + f, func(v string) error {
			p, err := settings.ParsePosition(v, settings.IsBox(f))
			if err == nil {
				s.Positions[f] = p
			}
			return err
		}})
	}
	return list
}

// showsPhoto reports whether certificates printed with these settings
// show the trainee's photo: the photo box on blank paper, the photo's
// position in overlay printing.
func (s *Settings) showsPhoto(overlay bool) bool {
	if overlay {
		_, ok := s.Positions["photo"]
		return ok
	}
	return s.Photo
}

// LoadSettings reads the settings, with defaults for those not set, and
// the background image if there is one. A bad value is an EINVALID error
// naming its key.
func LoadSettings(ctx context.Context, st SettingReader) (*Settings, error) {
	s := Defaults()
	var l models.ErrorList
	for _, k := range s.readers() {
		v, err := st.Setting(ctx, k.key)
		if err != nil {
			return nil, fmt.Errorf("certificate: read setting %s: %w", k.key, err)
		}
		if v = strings.TrimSpace(v); v == "" {
			continue
		}
		if err := k.set(v); err != nil {
			l = append(l, fieldError(k.key, err))
		}
	}
	for key, load := range map[string]func(context.Context, SettingReader) error{KeyBackground: s.loadBackground, KeySealImage: s.loadSeal} {
		if err := load(ctx, st); err != nil {
			var e *models.Error
			if !errors.As(err, &e) {
				return nil, err
			}
			l = append(l, fieldError(key, e))
		}
	}
	return s, l.Err()
}

// fieldError returns err, a *models.Error, for the setting's key.
func fieldError(key string, err error) *models.Error {
	e, ok := err.(*models.Error)
	if !ok {
		e = models.Errorf(models.EINVALID, "", "{{.Error}}", "Error", err.Error())
	}
	e.Field = key
	return e
}

// fileSetting reads a setting that names a file: the path, "" when it is
// unset, and the copy kept in the database with it, nil when there is
// none.
func fileSetting(ctx context.Context, st SettingReader, key string) (string, *models.SettingFile, error) {
	path, err := st.Setting(ctx, key)
	if err != nil {
		return "", nil, fmt.Errorf("certificate: read setting %s: %w", key, err)
	}
	if path = strings.TrimSpace(path); path == "" {
		return "", nil, nil
	}
	f, err := st.SettingFile(ctx, key)
	if err != nil {
		return "", nil, fmt.Errorf("certificate: read the file of setting %s: %w", key, err)
	}
	return path, f, nil
}

// loadBackground reads the background image: the copy kept in the
// database when the setting was saved, checked again as it was then (a
// database made by an older version, without the copy, has the file the
// setting names read and checked instead).
func (s *Settings) loadBackground(ctx context.Context, st SettingReader) error {
	path, f, err := fileSetting(ctx, st, KeyBackground)
	if err != nil || path == "" {
		return err
	}
	var b []byte
	if f != nil {
		b = f.Data
		_, err = settings.CheckImage(b, path)
	} else {
		b, _, err = settings.Image(path)
	}
	if err != nil {
		return err
	}
	img, err := pdfkit.NewImage(b)
	if err != nil {
		return models.Errorf(models.EINVALID, "", "The background image {{.Value}} cannot be read: {{.Error}}", "Value", path, "Error", err.Error())
	}
	s.Background, s.background = path, img
	return nil
}

// MsgSealNotCopied refuses a seal image the database holds no copy of.
const MsgSealNotCopied = "The seal image {{.Value}} was not copied into the database: set it again."

// loadSeal reads the scan of the unit's seal, when there is one: the copy
// kept in the database when the setting was saved (and recorded in the
// audit trail), never the file the path names now.
func (s *Settings) loadSeal(ctx context.Context, st SettingReader) error {
	path, f, err := fileSetting(ctx, st, KeySealImage)
	if err != nil || path == "" {
		return err
	}
	if f == nil {
		return models.Errorf(models.EINVALID, "", MsgSealNotCopied, "Value", path)
	}
	if _, err := settings.CheckSealImage(f.Data, path); err != nil {
		return err
	}
	img, err := pdfkit.NewImage(f.Data)
	if err != nil {
		return models.Errorf(models.EINVALID, "", settings.MsgSealDamaged, "Value", path, "Error", err.Error())
	}
	s.SealImage, s.seal = path, img
	return nil
}

// Describe lists the settings as "key = value" lines, sorted, for a
// command's help or a calibration page.
func (s *Settings) Describe() []string {
	hex := func(c pdfkit.Color) string { return fmt.Sprintf("#%02X%02X%02X", c.R, c.G, c.B) }
	style := map[bool]string{true: "chinese", false: "arabic"}
	out := []string{
		KeyTitle + " = " + s.Title,
		KeyOrgName + " = " + s.OrgName,
		KeySignatory + " = " + s.Signatory,
		KeyBody + " = " + strings.ReplaceAll(s.Body, "\n", `\n`),
		KeyColor + " = " + hex(s.Color),
		KeySealImage + " = " + s.SealImage,
		KeyDateStyle + " = " + style[s.ChineseDates],
		KeyBackground + " = " + s.Background,
		fmt.Sprintf("%s = %g", KeyOffsetX, s.OffsetX),
		fmt.Sprintf("%s = %g", KeyOffsetY, s.OffsetY),
		fmt.Sprintf("%s = %gx%g", KeyPaper, s.Paper.W, s.Paper.H),
	}
	for _, f := range Fields {
		p, ok := s.Positions[f]
		v := ""
		if ok {
			v = fmt.Sprintf("%g,%g,%g", p.X, p.Y, p.Size)
			if p.Width > 0 {
				v += fmt.Sprintf(",%g", p.Width)
			}
		}
		out = append(out, KeyFieldPrefix+f+" = "+v)
	}
	sort.Strings(out)
	return out
}
