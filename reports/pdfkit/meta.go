package pdfkit

import (
	"strings"
	"time"
	"unicode/utf16"
)

// defaultDate is the creation date of deterministic documents.
var defaultDate = time.Date(2000, 1, 1, 0, 0, 0, 0, time.UTC)

// info returns the document information dictionary: title, subject,
// author, creator, producer and the dates.
func (d *Doc) info() string {
	o := d.opts
	date := o.CreationDate
	if date.IsZero() {
		date = time.Now()
		if o.Deterministic {
			date = defaultDate
		}
	}
	var b strings.Builder
	b.WriteString("<<")
	for _, e := range []struct{ key, value string }{
		{"Title", o.Title}, {"Subject", o.Subject}, {"Author", o.Author}, {"Creator", o.Creator},
		{"Producer", "Peiyang pdfkit (gofpdf)"},
	} {
		if e.value != "" {
			b.WriteString("/" + e.key + " " + pdfString(e.value) + " ")
		}
	}
	stamp := pdfString(pdfDate(date))
	b.WriteString("/CreationDate " + stamp + " /ModDate " + stamp + ">>")
	return b.String()
}

// pdfDate formats t as a PDF date, D:YYYYMMDDHHmmSS with its offset from
// UTC (Z, or +08'00').
func pdfDate(t time.Time) string {
	s := "D:" + t.Format("20060102150405")
	_, off := t.Zone()
	if off == 0 {
		return s + "Z"
	}
	return s + t.Format("-07'00'")
}

// pdfString writes s as a PDF text string: a literal when it is printable
// ASCII, else UTF-16 with a byte order mark, in hexadecimal.
func pdfString(s string) string {
	ascii := true
	for _, r := range s {
		if r < 0x20 || r > 0x7E {
			ascii = false
			break
		}
	}
	if ascii {
		return "(" + strings.NewReplacer(`\`, `\\`, "(", `\(`, ")", `\)`).Replace(s) + ")"
	}
	const hex = "0123456789ABCDEF"
	b := []byte("<FEFF")
	for _, u := range utf16.Encode([]rune(s)) {
		b = append(b, hex[u>>12], hex[u>>8&15], hex[u>>4&15], hex[u&15])
	}
	return string(append(b, '>'))
}
