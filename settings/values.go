package settings

import (
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"

	"peiyang/models"
)

// The values settings hold, parsed as the programme reads them: each
// parser is the setting's check and its reader, so a value that passes
// the check is one the documents can use.

// bad returns an EINVALID error about a setting's value.
func bad(message, value string, data ...any) error {
	return models.Errorf(models.EINVALID, "", message, append([]any{"Value", value}, data...)...)
}

// ParseColor reads a colour written #RRGGBB.
func ParseColor(v string) (r, g, b uint8, err error) {
	hex := strings.TrimPrefix(strings.TrimSpace(v), "#")
	n, perr := strconv.ParseUint(hex, 16, 32)
	if perr != nil || len(hex) != 6 {
		return 0, 0, 0, bad("{{.Value}} is not a colour: write it as #RRGGBB, such as #B5121B.", v)
	}
	return uint8(n >> 16), uint8(n >> 8), uint8(n), nil
}

// ParseSwitch reads one of two words: yes gives true, no false.
func ParseSwitch(v, yes, no string) (bool, error) {
	switch strings.ToLower(strings.TrimSpace(v)) {
	case yes:
		return true, nil
	case no:
		return false, nil
	}
	return false, bad("{{.Value}} must be {{.Yes}} or {{.No}}.", v, "Yes", yes, "No", no)
}

// ParseMM reads an offset in millimetres, within ±50 mm; "mm" may follow.
func ParseMM(v string) (float64, error) {
	f, err := strconv.ParseFloat(strings.TrimSuffix(strings.TrimSpace(v), "mm"), 64)
	if err != nil || f < -50 || f > 50 {
		return 0, bad("{{.Value}} is not an offset: give millimetres between -50 and 50, such as 1.5 or -2.", v)
	}
	return f, nil
}

// ParsePaper reads a paper size, "WIDTHxHEIGHT" in millimetres, each
// between 50 and 600.
func ParsePaper(v string) (w, h float64, err error) {
	ws, hs, ok := strings.Cut(strings.ToLower(strings.TrimSpace(v)), "x")
	fw, err1 := strconv.ParseFloat(strings.TrimSpace(ws), 64)
	fh, err2 := strconv.ParseFloat(strings.TrimSpace(hs), 64)
	if !ok || err1 != nil || err2 != nil || fw < 50 || fh < 50 || fw > 600 || fh > 600 {
		return 0, 0, bad("{{.Value}} is not a paper size: give width x height in millimetres, such as 297x210.", v)
	}
	return fw, fh, nil
}

// Position places an overlay field: the left end of its baseline at X, Y
// millimetres from the top-left corner of the stock, Size points (for the
// QR code: its side in mm). With Width, the text is centred in a box that
// wide and shrunk to fit it.
type Position struct {
	X, Y, Size, Width float64
}

// String writes the position as the setting holds it: x,y,size[,width].
func (p Position) String() string {
	s := fmt.Sprintf("%g,%g,%g", p.X, p.Y, p.Size)
	if p.Width > 0 {
		s += fmt.Sprintf(",%g", p.Width)
	}
	return s
}

const msgPosition = "{{.Value}} is not a position: give x,y[,size[,width]] in millimetres and points, such as 58,96,20,45."

// ParsePosition reads "x,y[,size[,width]]" in millimetres and points; for
// the QR code (qr) "x,y[,side]".
func ParsePosition(v string, qr bool) (Position, error) {
	parts := strings.Split(strings.TrimSpace(v), ",")
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

// Placeholders are the fields a certificate's wording may hold.
var Placeholders = []string{"name", "gender", "course", "theme", "start", "end", "hours", "org", "serial", "issued"}

var placeholderRE = regexp.MustCompile(`\{\{\s*([^{}]*?)\s*\}\}`)

// Body reads a certificate's wording: a written "\n" is a line break, and
// every {{field}} must be one of Placeholders.
func Body(v string) (string, error) {
	body := strings.ReplaceAll(strings.TrimSpace(v), `\n`, "\n")
	for _, m := range placeholderRE.FindAllStringSubmatch(body, -1) {
		if !slices.Contains(Placeholders, m[1]) {
			return "", bad("The certificate text holds the unknown field {{.Value}}; the known fields are {{.Known}}.", m[0],
				"Known", "{{"+strings.Join(Placeholders, "}}, {{")+"}}")
		}
	}
	return body, nil
}

// FillBody fills a wording's {{field}} placeholders with the values.
func FillBody(body string, values map[string]string) string {
	return placeholderRE.ReplaceAllStringFunc(body, func(m string) string {
		return values[placeholderRE.FindStringSubmatch(m)[1]]
	})
}

// Image reads an image file for a background and returns its bytes and
// type, "PNG" or "JPG".
func Image(path string) ([]byte, string, error) {
	path = strings.TrimSpace(path)
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, "", bad("The background image {{.Value}} cannot be read: {{.Error}}", path, "Error", err.Error())
	}
	switch {
	case len(b) > 8 && string(b[:8]) == "\x89PNG\r\n\x1a\n":
		return b, "PNG", nil
	case len(b) > 3 && b[0] == 0xFF && b[1] == 0xD8 && b[2] == 0xFF:
		return b, "JPG", nil
	}
	return nil, "", bad("The background image {{.Value}} is neither PNG nor JPEG.", path)
}

// Messages of the backup folder's checks.
const (
	MsgRelativeFolder = "Give the folder's full path."
	MsgNotFolder      = "{{.Value}} is a file, not a folder."
)

// Folder reads a folder given by its full path; a folder that does not
// exist yet is fine (the first backup makes it), a file is not.
func Folder(v string) (string, error) {
	dir := strings.TrimSpace(v)
	if !filepath.IsAbs(dir) {
		return "", bad(MsgRelativeFolder, v)
	}
	if fi, err := os.Stat(dir); err == nil && !fi.IsDir() {
		return "", bad(MsgNotFolder, v)
	}
	return dir, nil
}

// Count reads a whole number from min to max.
func Count(v string, min, max int) (int, error) {
	n, err := strconv.Atoi(strings.TrimSpace(v))
	if err != nil || n < min || n > max {
		return 0, bad("Enter a whole number from {{.Min}} to {{.Max}}.", v, "Min", min, "Max", max)
	}
	return n, nil
}
