package settings

import (
	"bytes"
	"fmt"
	"image"
	"image/jpeg"
	"image/png"
	"io"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"unicode"

	"peiyang/models"
	"peiyang/reports/pdfkit"
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
// a box (the QR code, the photo: IsBox) "x,y[,width]".
func ParsePosition(v string, box bool) (Position, error) {
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
	case box && p.Size == 0:
		p.Size = 25
	case box && (p.Size < 12 || p.Size > 60):
		return Position{}, bad("{{.Value}}: the width of a QR code or a photo must be between 12 and 60 mm.", v)
	case !box && p.Size == 0:
		p.Size = 16
	case !box && (p.Size < 6 || p.Size > 72):
		return Position{}, bad("{{.Value}}: the font size must be between 6 and 72 points.", v)
	}
	return p, nil
}

// Placeholders are the fields a certificate's wording may hold.
var Placeholders = []string{"name", "gender", "course", "theme", "theme_note", "period", "start", "end", "hours", "assessed", "org", "serial", "issued"}

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

// Limits of a background image: the file's size, and its pixels, which
// a document decodes into memory (25 million pixels take 100 MB; an A4
// page scanned at 300 dpi has under 9 million).
const (
	MaxImageBytes  = 20 << 20
	MaxImageSide   = 10_000
	MaxImagePixels = 25_000_000
)

// Messages of the background image's checks.
const (
	MsgImageUnreadable = "The background image {{.Value}} cannot be read: {{.Error}}"
	MsgImageNotFile    = "The background image {{.Value}} is not a file (it is a folder, a device or a pipe)."
	MsgImageTooBig     = "The background image {{.Value}} is {{.MB}} MB; it may be at most {{.Max}} MB."
	MsgImageType       = "The background image {{.Value}} is neither PNG nor JPEG."
	MsgImagePixels     = "The background image {{.Value}} is {{.W}}×{{.H}} pixels; it may be at most {{.Side}} pixels a side and {{.Pixels}} million pixels in all."
	MsgImageDamaged    = "The background image {{.Value}} is damaged: {{.Error}}"
)

// Limit and messages of the seal's scan (certificate.seal_image): a scan
// of a seal at 600 dpi is well under 2 MB.
const (
	MaxSealBytes      = 2 << 20
	MsgSealUnreadable = "The seal image {{.Value}} cannot be read: {{.Error}}"
	MsgSealNotFile    = "The seal image {{.Value}} is not a file (it is a folder, a device or a pipe)."
	MsgSealTooBig     = "The seal image {{.Value}} is {{.MB}} MB; it may be at most {{.Max}} MB: scan it at a lower resolution."
	MsgSealType       = "The seal image {{.Value}} is neither PNG nor JPEG."
	MsgSealPixels     = "The seal image {{.Value}} is {{.W}}×{{.H}} pixels; it may be at most {{.Side}} pixels a side and {{.Pixels}} million pixels in all."
	MsgSealDamaged    = "The seal image {{.Value}} is damaged: {{.Error}}"
)

// imageRules are the size limit and the messages of one kind of image
// file a setting names.
type imageRules struct {
	maxBytes                                          int
	unreadable, notFile, tooBig, typ, pixels, damaged string
}

var (
	backgroundRules = imageRules{MaxImageBytes, MsgImageUnreadable, MsgImageNotFile, MsgImageTooBig, MsgImageType, MsgImagePixels, MsgImageDamaged}
	sealRules       = imageRules{MaxSealBytes, MsgSealUnreadable, MsgSealNotFile, MsgSealTooBig, MsgSealType, MsgSealPixels, MsgSealDamaged}
)

// Image reads an image file for a background and returns its bytes and
// type, "PNG" or "JPG". Only a regular file is read (a folder, a device
// such as /dev/zero or a named pipe is refused before it is opened), of
// at most MaxImageBytes, holding a PNG or JPEG image within the pixel
// limits that decodes.
func Image(path string) ([]byte, string, error) { return readImage(path, backgroundRules) }

// CheckImage checks an image's bytes as Image does (size, type, pixels,
// that it decodes) and returns its type, "PNG" or "JPG"; name names it in
// messages.
func CheckImage(b []byte, name string) (string, error) { return checkImage(b, name, backgroundRules) }

// SealImage reads the scan of the unit's seal as Image reads a
// background, within MaxSealBytes.
func SealImage(path string) ([]byte, string, error) { return readImage(path, sealRules) }

// CheckSealImage checks a seal scan's bytes as SealImage does.
func CheckSealImage(b []byte, name string) (string, error) { return checkImage(b, name, sealRules) }

func readImage(path string, r imageRules) ([]byte, string, error) {
	path = strings.TrimSpace(path)
	fi, err := os.Stat(path)
	if err != nil {
		return nil, "", bad(r.unreadable, path, "Error", err.Error())
	}
	if !fi.Mode().IsRegular() {
		return nil, "", bad(r.notFile, path)
	}
	if fi.Size() > int64(r.maxBytes) {
		return nil, "", bad(r.tooBig, path, "MB", fi.Size()>>20, "Max", r.maxBytes>>20)
	}
	f, err := os.Open(path)
	if err != nil {
		return nil, "", bad(r.unreadable, path, "Error", err.Error())
	}
	defer f.Close()
	// The file opened is the file checked: not swapped for a pipe since.
	if ofi, err := f.Stat(); err != nil || !os.SameFile(fi, ofi) {
		return nil, "", bad(r.notFile, path)
	}
	b, err := io.ReadAll(io.LimitReader(f, int64(r.maxBytes)+1))
	if err != nil {
		return nil, "", bad(r.unreadable, path, "Error", err.Error())
	}
	typ, err := checkImage(b, path, r)
	return b, typ, err
}

func checkImage(b []byte, name string, r imageRules) (string, error) {
	if len(b) > r.maxBytes {
		return "", bad(r.tooBig, name, "MB", len(b)>>20, "Max", r.maxBytes>>20)
	}
	var typ string
	var decode func(io.Reader) (image.Image, error)
	switch {
	case len(b) > 8 && string(b[:8]) == "\x89PNG\r\n\x1a\n":
		typ, decode = "PNG", png.Decode
	case len(b) > 3 && b[0] == 0xFF && b[1] == 0xD8 && b[2] == 0xFF:
		typ, decode = "JPG", jpeg.Decode
	default:
		return "", bad(r.typ, name)
	}
	cfg, _, err := image.DecodeConfig(bytes.NewReader(b))
	if err != nil {
		return "", bad(r.damaged, name, "Error", err.Error())
	}
	if cfg.Width < 1 || cfg.Height < 1 || cfg.Width > MaxImageSide || cfg.Height > MaxImageSide ||
		int64(cfg.Width)*int64(cfg.Height) > MaxImagePixels {
		return "", bad(r.pixels, name, "W", cfg.Width, "H", cfg.Height, "Side", MaxImageSide, "Pixels", MaxImagePixels/1_000_000)
	}
	if _, err := decode(bytes.NewReader(b)); err != nil {
		return "", bad(r.damaged, name, "Error", err.Error())
	}
	return typ, nil
}

// MsgNoGlyph is the error of text the documents' font cannot print.
const MsgNoGlyph = "The documents' font has no character {{.Char}} ({{.Code}}), so no document could print this text; write it another way."

// Printable refuses text the documents' font (pdfkit's embedded LXGW
// WenKai) has no character for, naming the first such character: saved,
// it would make every document that prints it fail. Line breaks are
// fine.
func Printable(v string) error {
	font, err := pdfkit.DefaultFont()
	if err != nil {
		return err
	}
	for _, r := range v {
		if r == '\n' || r == '\r' || font.HasGlyph(r) {
			continue
		}
		char := string(r)
		if !unicode.IsGraphic(r) {
			char = "?"
		}
		return models.Errorf(models.EINVALID, "", MsgNoGlyph, "Char", char, "Code", fmt.Sprintf("U+%04X", r))
	}
	return nil
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
