package sheets

import (
	"bytes"
	"strings"
	"unicode/utf8"

	"golang.org/x/text/encoding/simplifiedchinese"
	"golang.org/x/text/encoding/unicode"
)

// Encodings Read reports for CSV files.
const (
	EncodingUTF8    = "UTF-8"
	EncodingUTF8BOM = "UTF-8 with BOM"
	EncodingUTF16   = "UTF-16"
	EncodingGB18030 = "GB18030"
)

// DecodeText turns a text file's bytes into a string, detecting the
// encoding: a byte order mark for UTF-8 or UTF-16, else UTF-8 when the
// bytes are valid UTF-8, else GB18030, the superset of GBK and GB2312 that
// Excel and WPS write on Chinese Windows.
func DecodeText(data []byte) (string, string, error) {
	switch {
	case bytes.HasPrefix(data, []byte{0xEF, 0xBB, 0xBF}):
		return strings.ToValidUTF8(string(data[3:]), "\uFFFD"), EncodingUTF8BOM, nil
	case bytes.HasPrefix(data, []byte{0xFF, 0xFE}), bytes.HasPrefix(data, []byte{0xFE, 0xFF}):
		dec := unicode.UTF16(unicode.LittleEndian, unicode.ExpectBOM).NewDecoder()
		out, err := dec.Bytes(data)
		return strings.ToValidUTF8(string(out), "\uFFFD"), EncodingUTF16, err
	case utf8.Valid(data):
		return string(data), EncodingUTF8, nil
	}
	out, err := simplifiedchinese.GB18030.NewDecoder().Bytes(data)
	return strings.ToValidUTF8(string(out), "\uFFFD"), EncodingGB18030, err
}

// MsgMixedEncoding is the error of a text file that is partly UTF-8 and
// partly another encoding, as when two files were pasted together.
const MsgMixedEncoding = "The file {{.File}} mixes two encodings: it is UTF-8, but line {{.Line}} is not (GBK, perhaps). Open it in Excel or WPS and save it again as CSV UTF-8."

// mixedEncoding reports whether text without a byte order mark has lines
// of Chinese (or other non-ASCII) text in valid UTF-8 and lines that are
// not UTF-8, and the first of those (from 1). A file in GBK alone has
// no valid UTF-8 line with such text but by rare chance; decoded as
// GB18030, a mixed file would turn its UTF-8 lines into nonsense.
func mixedEncoding(data []byte) (int, bool) {
	if utf8.Valid(data) || bytes.HasPrefix(data, []byte{0xFF, 0xFE}) || bytes.HasPrefix(data, []byte{0xFE, 0xFF}) {
		return 0, false
	}
	utf8Lines, bad := 0, 0
	for n, rest := 1, data; len(rest) > 0; n++ {
		line := rest
		if i := bytes.IndexByte(rest, '\n'); i >= 0 {
			line, rest = rest[:i], rest[i+1:]
		} else {
			rest = nil
		}
		switch {
		case !utf8.Valid(line):
			if bad == 0 {
				bad = n
			}
		case !isPlainASCII(string(line)):
			utf8Lines++
		}
	}
	return bad, utf8Lines > 0 && bad > 0
}

// sniffDelimiter picks the separator of a CSV text from its first lines:
// comma, tab (Excel's "Unicode text") or semicolon, whichever occurs most
// outside quotes.
func sniffDelimiter(text string) rune {
	counts := map[rune]int{}
	inQuote, lines := false, 0
	for _, r := range text {
		switch {
		case r == '"':
			inQuote = !inQuote
		case r == '\n' && !inQuote:
			lines++
		case !inQuote && (r == ',' || r == '\t' || r == ';'):
			counts[r]++
		}
		if lines >= 10 {
			break
		}
	}
	best := ','
	for _, r := range []rune{'\t', ';'} {
		if counts[r] > counts[best] {
			best = r
		}
	}
	return best
}

// readCSV reads a CSV file. Row numbers count records as a spreadsheet
// program shows them, blank lines included. The parser is the package's
// own, so that no record holds more than MaxCols fields and no field more
// than MaxCellChars characters, whatever the file: encoding/csv would
// gather a line of millions of empty fields first.
func readCSV(name string, data []byte, lim Limits) (*Table, error) {
	if line, mixed := mixedEncoding(data); mixed {
		return nil, fileErr(MsgMixedEncoding, name, nil, "Line", line)
	}
	text, enc, err := DecodeText(data)
	if err != nil {
		return nil, fileErr(MsgDamaged, name, err)
	}
	p := csvParser{text: text, comma: byte(sniffDelimiter(text))}
	c := rowCollector{name: name, lim: lim}
	for num := 1; p.pos < len(p.text); num++ {
		rec, long := p.record(lim.MaxCols, lim.MaxCellChars)
		if long >= 0 {
			return nil, fileErr(MsgCellTooLong, name, nil, "Cell", cellName(long, num), "Max", lim.MaxCellChars)
		}
		if err := c.add(num, rec, nil, false); err != nil {
			return nil, err
		}
	}
	return &Table{File: name, Format: FormatCSV, Encoding: enc, Rows: c.rows}, nil
}

// csvParser reads records of RFC 4180 text leniently, as Excel does: a
// quote inside an unquoted field, or inside a quoted one but not before
// a separator, is kept as a character; a quoted field still open at the
// end of the text ends there. A carriage return before a line feed is
// dropped.
type csvParser struct {
	text  string
	pos   int
	comma byte
}

// record reads one record, keeping its first maxCols fields. long is the
// index of the first field longer than maxChars characters, else -1.
func (p *csvParser) record(maxCols, maxChars int) (fields []string, long int) {
	long = -1
	for col := 0; ; col++ {
		f, last := p.field()
		if col < maxCols {
			if long < 0 && tooLong(f, maxChars) {
				long = col
			}
			fields = append(fields, f)
		}
		if last {
			return fields, long
		}
	}
}

func tooLong(s string, maxChars int) bool {
	return len(s) > maxChars && (len(s) > 4*maxChars || utf8.RuneCountInString(s) > maxChars)
}

// field reads one field and the separator or line end after it; last is
// set at the end of a record.
func (p *csvParser) field() (string, bool) {
	t := p.text
	if p.pos < len(t) && t[p.pos] == '"' {
		return p.quoted()
	}
	start := p.pos
	for i := start; i < len(t); i++ {
		switch t[i] {
		case p.comma:
			p.pos = i + 1
			return t[start:i], false
		case '\n':
			p.pos = i + 1
			return strings.TrimSuffix(t[start:i], "\r"), true
		}
	}
	p.pos = len(t)
	return strings.TrimSuffix(t[start:], "\r"), true
}

// quoted reads a quoted field. A field without a doubled or stray quote
// is a slice of the text; the others are built up.
func (p *csvParser) quoted() (string, bool) {
	t := p.text
	p.pos++
	start := p.pos
	var b *strings.Builder // nil while the field is t[start:...]
	keep := func(end int, extra byte) {
		if b == nil {
			b = &strings.Builder{}
			b.WriteString(t[start:end])
		} else {
			b.WriteString(t[p.pos:end])
		}
		b.WriteByte(extra)
	}
	done := func(end int, last bool) (string, bool) {
		var s string
		if b == nil {
			s = t[start:end]
		} else {
			b.WriteString(t[p.pos:end])
			s = b.String()
		}
		if strings.Contains(s, "\r\n") {
			s = strings.ReplaceAll(s, "\r\n", "\n")
		}
		return s, last
	}
	for {
		j := strings.IndexByte(t[p.pos:], '"')
		if j < 0 {
			s, last := done(len(t), true)
			p.pos = len(t)
			return s, last
		}
		end := p.pos + j
		next := end + 1
		switch {
		case next == len(t):
			s, last := done(end, true)
			p.pos = next
			return s, last
		case t[next] == p.comma, t[next] == '\n':
			s, last := done(end, t[next] == '\n')
			p.pos = next + 1
			return s, last
		case t[next] == '\r' && next+1 < len(t) && t[next+1] == '\n':
			s, last := done(end, true)
			p.pos = next + 2
			return s, last
		case t[next] == '"':
			keep(end, '"')
			p.pos = next + 1
		default:
			keep(end, '"')
			p.pos = next
		}
	}
}
