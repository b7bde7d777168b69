package certificate

import (
	"context"
	"errors"
	"fmt"
	"os"
	"regexp"
	"sort"
	"strconv"
	"strings"

	"peiyang/models"
	"peiyang/reports/pdfkit"
	"peiyang/training"
)

// The settings that shape a certificate, in the settings table. Every one
// may be left unset for its default.
const (
	KeyTitle       = "certificate.title"      // the title; default 结业证书
	KeyOrgName     = "certificate.org_name"   // the issuing organisation; default KeyOrgFallback, else DefaultOrgName
	KeyOrgFallback = "org.name"               // the organisation's name for every document
	KeySignatory   = "certificate.signatory"  // e.g. 院长：李建国; default none
	KeyBody        = "certificate.body"       // the wording, see DefaultBody
	KeyColor       = "certificate.color"      // title and border, #RRGGBB; default #B5121B
	KeySealColor   = "certificate.seal_color" // the seal, #RRGGBB; default #D7000F
	KeySeal        = "certificate.seal"       // "on" (default) or "off", for stock stamped by hand
	KeyDateStyle   = "certificate.date_style" // "arabic" (2025年6月15日, default) or "chinese" (二〇二五年六月十五日)
	KeyBackground  = "certificate.background" // a PNG or JPEG file drawn under the whole page; no border then

	// Overlay printing (套打) on pre-printed stock.
	KeyOffsetX     = "certificate.offset_x"      // millimetres to the right, to calibrate a printer
	KeyOffsetY     = "certificate.offset_y"      // millimetres down
	KeyPaper       = "certificate.overlay.paper" // the stock's size, "WIDTHxHEIGHT" in mm; default 297x210
	KeyFieldPrefix = "certificate.overlay."      // + a field name (Fields): "x,y[,size[,width]]"
)

// Defaults.
const (
	DefaultTitle   = "结业证书"
	DefaultOrgName = "成都市基层党务学院"
	// DefaultBody is the wording; {{name}} and the other fields of
	// Placeholders are filled in, and each line is a paragraph.
	DefaultBody = "{{name}}同志，{{gender}}，于{{start}}至{{end}}参加{{org}}举办的{{course}}，学习{{theme}}专题，" +
		"完成规定课程{{hours}}学时，经考核合格，准予结业。\n特发此证。"
)

// Placeholders are the fields the body may hold.
var Placeholders = []string{"name", "gender", "course", "theme", "start", "end", "hours", "org", "serial", "issued"}

// Fields are the variable fields of overlay printing, in the order the
// calibration page lists them.
var Fields = []string{"serial", "name", "gender", "start", "end", "course", "hours", "issued", "qr"}

// defaultPositions place the fields on A4 landscape stock; "qr" is not
// printed unless its position is set (x, y and the side in mm).
var defaultPositions = map[string]Position{
	"serial": {X: 205, Y: 32, Size: 12},
	"name":   {X: 58, Y: 96, Size: 20, Width: 45},
	"gender": {X: 125, Y: 96, Size: 18, Width: 15},
	"start":  {X: 158, Y: 96, Size: 16, Width: 50},
	"end":    {X: 220, Y: 96, Size: 16, Width: 50},
	"course": {X: 58, Y: 114, Size: 18, Width: 125},
	"hours":  {X: 205, Y: 114, Size: 18, Width: 20},
	"issued": {X: 195, Y: 168, Size: 16, Width: 60},
}

// Position places an overlay field: the left end of its baseline at X, Y
// millimetres from the top-left corner of the stock, Size points (for the
// QR code: its side in mm). With Width, the text is centred in a box that
// wide and shrunk to fit it.
type Position struct {
	X, Y, Size, Width float64
}

// Settings shape the certificates.
type Settings struct {
	Title, OrgName, Signatory, Body string
	Color, SealColor                pdfkit.Color
	Seal                            bool
	ChineseDates                    bool
	Background                      string // the file's path
	background                      []byte
	backgroundType                  string // "PNG" or "JPG"

	OffsetX, OffsetY float64
	Paper            pdfkit.Size // the stock, as it lies
	Positions        map[string]Position
}

// Defaults returns the settings of a database where none is set.
func Defaults() *Settings {
	pos := make(map[string]Position, len(defaultPositions))
	for k, v := range defaultPositions {
		pos[k] = v
	}
	return &Settings{Title: DefaultTitle, OrgName: DefaultOrgName, Body: DefaultBody,
		Color: pdfkit.Color{R: 0xB5, G: 0x12, B: 0x1B}, SealColor: pdfkit.Color{R: 0xD7, B: 0x0F},
		Seal: true, Paper: pdfkit.Size{W: 297, H: 210}, Positions: pos}
}

// SettingReader reads named settings; "" means never set.
type SettingReader interface {
	Setting(ctx context.Context, key string) (string, error)
}

// LoadSettings reads the settings, with defaults for those not set, and
// the background image if there is one. A bad value is an EINVALID error
// naming its key.
func LoadSettings(ctx context.Context, st SettingReader) (*Settings, error) {
	s := Defaults()
	get := func(key string) (string, error) {
		v, err := st.Setting(ctx, key)
		if err != nil {
			return "", fmt.Errorf("certificate: read setting %s: %w", key, err)
		}
		return strings.TrimSpace(v), nil
	}
	var l models.ErrorList
	for _, k := range []struct {
		key string
		set func(string) error
	}{
		{KeyTitle, func(v string) error { s.Title = v; return nil }},
		{KeyOrgFallback, func(v string) error { s.OrgName = v; return nil }},
		{KeyOrgName, func(v string) error { s.OrgName = v; return nil }},
		{KeySignatory, func(v string) error { s.Signatory = v; return nil }},
		{KeyBody, func(v string) error { s.Body = strings.ReplaceAll(v, `\n`, "\n"); return checkBody(s.Body) }},
		{KeyColor, func(v string) error { return parseColor(v, &s.Color) }},
		{KeySealColor, func(v string) error { return parseColor(v, &s.SealColor) }},
		{KeySeal, func(v string) error { return parseSwitch(v, "on", "off", &s.Seal) }},
		{KeyDateStyle, func(v string) error { return parseSwitch(v, "chinese", "arabic", &s.ChineseDates) }},
		{KeyBackground, s.loadBackground},
		{KeyOffsetX, func(v string) error { return parseMM(v, &s.OffsetX) }},
		{KeyOffsetY, func(v string) error { return parseMM(v, &s.OffsetY) }},
		{KeyPaper, s.parsePaper},
	} {
		v, err := get(k.key)
		if err != nil {
			return nil, err
		}
		if v == "" {
			continue
		}
		if err := k.set(v); err != nil {
			l = append(l, fieldError(k.key, err))
		}
	}
	for _, f := range Fields {
		v, err := get(KeyFieldPrefix + f)
		if err != nil {
			return nil, err
		}
		if v == "" {
			continue
		}
		p, err := parsePosition(v, f == "qr")
		if err != nil {
			l = append(l, fieldError(KeyFieldPrefix+f, err))
			continue
		}
		s.Positions[f] = p
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

// bad returns an EINVALID error about a setting's value.
func bad(message, value string, data ...any) error {
	return models.Errorf(models.EINVALID, "", message, append([]any{"Value", value}, data...)...)
}

var placeholderRE = regexp.MustCompile(`\{\{\s*([^{}]*?)\s*\}\}`)

// checkBody refuses a body with unknown fields.
func checkBody(body string) error {
	for _, m := range placeholderRE.FindAllStringSubmatch(body, -1) {
		if !contains(Placeholders, m[1]) {
			return bad("The certificate text holds the unknown field {{.Value}}; the known fields are {{.Known}}.", m[0],
				"Known", "{{"+strings.Join(Placeholders, "}}, {{")+"}}")
		}
	}
	return nil
}

func contains(list []string, s string) bool {
	for _, v := range list {
		if v == s {
			return true
		}
	}
	return false
}

// parseColor reads #RRGGBB.
func parseColor(v string, c *pdfkit.Color) error {
	n, err := strconv.ParseUint(strings.TrimPrefix(v, "#"), 16, 32)
	if err != nil || len(strings.TrimPrefix(v, "#")) != 6 {
		return bad("{{.Value}} is not a colour: write it as #RRGGBB, such as #B5121B.", v)
	}
	*c = pdfkit.Color{R: uint8(n >> 16), G: uint8(n >> 8), B: uint8(n)}
	return nil
}

// parseSwitch sets *b to whether v is yes; v must be yes or no.
func parseSwitch(v, yes, no string, b *bool) error {
	switch strings.ToLower(v) {
	case yes:
		*b = true
	case no:
		*b = false
	default:
		return bad("{{.Value}} must be {{.Yes}} or {{.No}}.", v, "Yes", yes, "No", no)
	}
	return nil
}

// parseMM reads a length in millimetres, within ±50 mm.
func parseMM(v string, out *float64) error {
	f, err := strconv.ParseFloat(strings.TrimSuffix(strings.TrimSpace(v), "mm"), 64)
	if err != nil || f < -50 || f > 50 {
		return bad("{{.Value}} is not an offset: give millimetres between -50 and 50, such as 1.5 or -2.", v)
	}
	*out = f
	return nil
}

func (s *Settings) parsePaper(v string) error {
	w, h, ok := strings.Cut(strings.ToLower(v), "x")
	fw, err1 := strconv.ParseFloat(strings.TrimSpace(w), 64)
	fh, err2 := strconv.ParseFloat(strings.TrimSpace(h), 64)
	if !ok || err1 != nil || err2 != nil || fw < 50 || fh < 50 || fw > 600 || fh > 600 {
		return bad("{{.Value}} is not a paper size: give width x height in millimetres, such as 297x210.", v)
	}
	s.Paper = pdfkit.Size{W: fw, H: fh}
	return nil
}

const msgPosition = "{{.Value}} is not a position: give x,y[,size[,width]] in millimetres and points, such as 58,96,20,45."

// parsePosition reads "x,y[,size[,width]]" in millimetres and points; for
// the QR code "x,y,side".
func parsePosition(v string, qr bool) (Position, error) {
	parts := strings.Split(v, ",")
	var f [4]float64
	for i, p := range parts {
		if i >= 4 {
			break
		}
		n, err := strconv.ParseFloat(strings.TrimSpace(p), 64)
		if err != nil {
			return Position{}, bad(msgPosition, v)
		}
		f[i] = n
	}
	p := Position{X: f[0], Y: f[1], Size: f[2], Width: f[3]}
	switch {
	case len(parts) < 2 || len(parts) > 4:
		return Position{}, bad(msgPosition, v)
	case p.X < 0 || p.Y < 0 || p.X > 600 || p.Y > 600 || p.Size < 0 || p.Width < 0:
		return Position{}, bad("{{.Value}} places the field off the paper.", v)
	case qr && p.Size == 0:
		p.Size = 25
	case qr && (p.Size < 12 || p.Size > 60):
		return Position{}, bad("{{.Value}}: the QR code's side must be between 12 and 60 mm.", v)
	case !qr && p.Size == 0:
		p.Size = 16
	case !qr && (p.Size < 6 || p.Size > 72):
		return Position{}, bad("{{.Value}}: the font size must be between 6 and 72 points.", v)
	}
	return p, nil
}

// loadBackground reads the background image and checks that it is a PNG
// or JPEG file.
func (s *Settings) loadBackground(path string) error {
	b, err := os.ReadFile(path)
	if err != nil {
		return bad("The background image {{.Value}} cannot be read: {{.Error}}", path, "Error", err.Error())
	}
	switch {
	case len(b) > 8 && string(b[:8]) == "\x89PNG\r\n\x1a\n":
		s.backgroundType = "PNG"
	case len(b) > 3 && b[0] == 0xFF && b[1] == 0xD8 && b[2] == 0xFF:
		s.backgroundType = "JPG"
	default:
		return bad("The background image {{.Value}} is neither PNG nor JPEG.", path)
	}
	s.Background, s.background = path, b
	return nil
}

// Describe lists the settings as "key = value" lines, sorted, for a
// command's help or a calibration page.
func (s *Settings) Describe() []string {
	hex := func(c pdfkit.Color) string { return fmt.Sprintf("#%02X%02X%02X", c.R, c.G, c.B) }
	onOff := map[bool]string{true: "on", false: "off"}
	style := map[bool]string{true: "chinese", false: "arabic"}
	out := []string{
		KeyTitle + " = " + s.Title,
		KeyOrgName + " = " + s.OrgName,
		KeySignatory + " = " + s.Signatory,
		KeyBody + " = " + strings.ReplaceAll(s.Body, "\n", `\n`),
		KeyColor + " = " + hex(s.Color),
		KeySealColor + " = " + hex(s.SealColor),
		KeySeal + " = " + onOff[s.Seal],
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

// CheckSettings checks the serial format (with an example in year) and
// every setting the certificates read, gathering all their errors: run
// it in the transaction that changed settings, so that a value the
// documents cannot use changes nothing.
func CheckSettings(ctx context.Context, st SettingReader, year int) error {
	var list models.ErrorList
	add := func(err error) error {
		var l models.ErrorList
		var e *models.Error
		switch {
		case errors.As(err, &l):
			list = append(list, l...)
		case errors.As(err, &e):
			list = append(list, e)
		default:
			return err
		}
		return nil
	}
	format, err := st.Setting(ctx, training.SettingSerialFormat)
	if err != nil {
		return err
	}
	if strings.TrimSpace(format) != "" {
		if _, err := training.FormatSerial(strings.TrimSpace(format), year, 1); err != nil {
			if err := add(err); err != nil {
				return err
			}
		}
	}
	if _, err := LoadSettings(ctx, st); err != nil {
		if err := add(err); err != nil {
			return err
		}
	}
	return list.Err()
}
