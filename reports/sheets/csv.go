package sheets

import (
	"bytes"
	"encoding/csv"
	"errors"
	"io"
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
// program shows them, blank lines included.
func readCSV(name string, data []byte, lim Limits) (*Table, error) {
	text, enc, err := DecodeText(data)
	if err != nil {
		return nil, fileErr(MsgDamaged, name, err)
	}
	r := csv.NewReader(strings.NewReader(text))
	r.Comma = sniffDelimiter(text)
	r.LazyQuotes = true
	r.FieldsPerRecord = -1
	c := rowCollector{name: name, lim: lim}
	extra := 0 // line breaks inside quoted fields so far
	for {
		rec, err := r.Read()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			return nil, fileErr(MsgDamaged, name, err)
		}
		line, _ := r.FieldPos(0)
		num := line - extra
		for _, f := range rec {
			extra += strings.Count(f, "\n")
		}
		if err := c.add(num, rec); err != nil {
			return nil, err
		}
	}
	return &Table{File: name, Format: FormatCSV, Encoding: enc, Rows: c.rows}, nil
}
