package models

import (
	"bytes"
	"encoding/json"
	"errors"
	"io"
	"strings"
	"unicode"
)

// The masking policy: how every output (the window, the command line's
// text and JSON, PDFs, workbooks, the certificate's QR code, the audit
// trail and logs) shows personal numbers unless the user asks for them in
// full (--full-ids, the window's Reveal; both recorded in the audit
// trail). The three masks are decided together, because outputs show them
// side by side:
//
//	ID number   the region code (first six characters) and the check
//	            character (the last): 511421***********X
//	birth date  the year and month only: 1985-03 (1985年3月, 1985.03)
//	phone       a mobile's first three and last four digits: 138****5678;
//	            a landline's area code and last four: 028-****1234
//
// The birth date digits of an ID number are hidden as well as its
// sequence number, so that the birth date shown elsewhere cannot fill them
// in: with all three masks side by side, the gender and the home region
// known, and the check character's help, an attacker is left with 28 to 31
// days times 500 sequence numbers divided by 11 check characters, about
// 1,300 candidate numbers a person (fewer when the date joined the party,
// never before the 18th birthday, cuts the birth month short), and never
// fewer than 45: the hidden sequence number alone leaves 45 or 46 for any
// check character, so even one who knew the exact birth date from
// elsewhere would face that many.
// internal/idattack plays that attacker in the tests. The old mask
// (511421********374X) hid the eight birth date digits alone, and the
// birth date printed beside it gave the full number back.
//
// Organisation contacts' and instructors' phones are masked like
// trainees'. Every function here is idempotent: masking a masked value
// changes nothing. Logs carry no personal data at all, masked or not
// (ScrubLog).

// MaskIDNumber shows the region code and the check character of an
// 18-character ID number and hides the birth date and the sequence
// number: 511421***********X. Any other value is hidden entirely.
func MaskIDNumber(id string) string {
	r := []rune(id)
	if len(r) != 18 {
		return strings.Repeat("*", len(r))
	}
	return string(r[:6]) + strings.Repeat("*", 11) + string(r[17])
}

// MaskedIDMatches reports whether a masked ID number (of this policy or
// an older one, such as the first six and last four characters printed
// in older certificates' QR codes) may be the full one: same length, and
// every character it shows the same.
func MaskedIDMatches(masked, full string) bool {
	m, f := []rune(masked), []rune(full)
	if len(m) != len(f) {
		return false
	}
	for i := range m {
		if m[i] != '*' && m[i] != f[i] {
			return false
		}
	}
	return true
}

// MaskPhone shows the first three and last four digits of a mobile
// number: 138****1234. Landlines keep their area code and last four
// digits: 028-****1234. Values too short to mask are hidden entirely.
func MaskPhone(p string) string {
	r := []rune(p)
	if len(r) < 8 {
		return strings.Repeat("*", len(r))
	}
	if i := strings.IndexRune(p, '-'); i > 0 {
		area := []rune(p[:i])
		if len(r)-len(area)-5 < 1 {
			return strings.Repeat("*", len(r))
		}
		return string(area) + "-" + strings.Repeat("*", len(r)-len(area)-5) + string(r[len(r)-4:])
	}
	return string(r[:3]) + strings.Repeat("*", len(r)-7) + string(r[len(r)-4:])
}

// MaskBirthDate keeps the year and month of a birth date (see
// Date.MonthOnly).
func MaskBirthDate(d Date) Date { return d.MonthOnly() }

// Masked returns a copy of the trainee as outputs show it under the
// policy: ID number, phone and birth date masked.
func (t *Trainee) Masked() *Trainee {
	c := *t
	c.IDNumber, c.Phone, c.BirthDate = MaskIDNumber(t.IDNumber), MaskPhone(t.Phone), MaskBirthDate(t.BirthDate)
	return &c
}

// MaskedUnless returns the trainee itself when full is set, else Masked.
func (t *Trainee) MaskedUnless(full bool) *Trainee {
	if full {
		return t
	}
	return t.Masked()
}

// Masked returns a copy of the organisation with its contact phone
// masked.
func (o *Organisation) Masked() *Organisation {
	c := *o
	c.ContactPhone = MaskPhone(o.ContactPhone)
	return &c
}

// Masked returns a copy of the instructor with the phone masked.
func (i *Instructor) Masked() *Instructor {
	c := *i
	c.Phone = MaskPhone(i.Phone)
	return &c
}

// MaskRecord masks, in place, the personal values of a record held as a
// map from field or column names (the models' JSON names, which are also
// the database's column names) to values: id_number, phone and any
// *_phone, birth_date. Nested maps and lists are masked too. It is how the
// audit trail's before and after and the command line's JSON follow the
// policy whatever record they hold.
func MaskRecord(m map[string]any) {
	for k, v := range m {
		switch x := v.(type) {
		case string:
			m[k] = maskField(k, x)
		case map[string]any:
			MaskRecord(x)
		case []any:
			maskList(x)
		}
	}
}

func maskList(l []any) {
	for _, v := range l {
		switch x := v.(type) {
		case map[string]any:
			MaskRecord(x)
		case []any:
			maskList(x)
		}
	}
}

// maskField masks the value of the named field, if it is a personal one.
func maskField(name, v string) string {
	switch {
	case v == "":
		return v
	case name == "id_number":
		return MaskIDNumber(v)
	case name == "phone" || strings.HasSuffix(name, "_phone"):
		return MaskPhone(v)
	case name == "birth_date":
		if d, err := parseDateOrMonth(v); err == nil {
			return d.MonthOnly().String()
		}
		return strings.Repeat("*", len([]rune(v)))
	}
	return v
}

// MaskJSON masks the personal values (see MaskRecord) of a JSON document:
// in objects at any depth. The result is compact JSON with the keys in
// their order; text that is not one JSON value is an error.
func MaskJSON(doc []byte) ([]byte, error) {
	dec := json.NewDecoder(bytes.NewReader(doc))
	dec.UseNumber()
	var out bytes.Buffer
	// Per open object or array: whether it is an object, how many
	// values it holds so far, and the key of the value to come.
	type level struct {
		object bool
		n      int
		key    string
	}
	var stack []level
	for {
		tok, err := dec.Token()
		if err != nil {
			return nil, err // io.EOF too: no value, or an unfinished one
		}
		if d, ok := tok.(json.Delim); ok && (d == '}' || d == ']') {
			out.WriteByte(byte(d))
			stack = stack[:len(stack)-1]
		} else {
			key := ""
			isKey := false
			if len(stack) > 0 {
				top := &stack[len(stack)-1]
				isKey = top.object && top.n%2 == 0
				switch {
				case top.object && !isKey:
					out.WriteByte(':')
					key = top.key
				case top.n > 0:
					out.WriteByte(',')
				}
				top.n++
				if s, ok := tok.(string); ok && isKey {
					top.key = s
				}
			}
			switch v := tok.(type) {
			case json.Delim:
				out.WriteByte(byte(v))
				stack = append(stack, level{object: v == '{'})
			case string:
				if !isKey && key != "" {
					v = maskField(key, v)
				}
				if err := writeJSONString(&out, v); err != nil {
					return nil, err
				}
			default:
				b, err := json.Marshal(v)
				if err != nil {
					return nil, err
				}
				out.Write(b)
			}
		}
		if len(stack) == 0 {
			break
		}
	}
	if _, err := dec.Token(); err != io.EOF {
		return nil, errors.New("models: mask JSON: more than one value")
	}
	return out.Bytes(), nil
}

func writeJSONString(w *bytes.Buffer, s string) error {
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(s); err != nil {
		return err
	}
	w.Truncate(w.Len() - 1) // Encode's newline
	return nil
}

// ScrubLog makes text fit for a log, which carries no personal data,
// masked or not: it blanks runs of Chinese text (names, titles, places) as
// "…" and numbers of six digits or more as "#", counting digits across
// the spaces, hyphens and dots that may split a phone number, an ID number
// or a date (138 1234 5678, 510623-19880215-1234, 1988.02.15); a masked
// value's visible digits go with them.
func ScrubLog(s string) string {
	var b strings.Builder
	rs := []rune(s)
	for i := 0; i < len(rs); {
		switch {
		case unicode.Is(unicode.Han, rs[i]):
			j := i
			for j < len(rs) && (unicode.Is(unicode.Han, rs[j]) || unicode.IsPunct(rs[j]) && rs[j] > 0x2000) {
				j++
			}
			b.WriteString("…")
			i = j
		case isNumberRune(rs[i]) && unicode.IsDigit(rs[i]) || rs[i] == '*':
			j, digits := numberRun(rs, i)
			if digits >= 6 {
				b.WriteString("#")
			} else {
				b.WriteString(string(rs[i:j]))
			}
			i = j
		default:
			b.WriteRune(rs[i])
			i++
		}
	}
	return b.String()
}

func isNumberRune(r rune) bool {
	return unicode.IsDigit(r) || r == 'X' || r == 'x' || r == '*'
}

// numberRun returns the end of the number starting at i, single
// separators (space, hyphen, dot) inside it included, and how many digits
// and mask stars it holds.
func numberRun(rs []rune, i int) (end, digits int) {
	j := i
	for j < len(rs) {
		switch {
		case isNumberRune(rs[j]):
			if rs[j] != 'X' && rs[j] != 'x' {
				digits++
			}
			j++
		case (rs[j] == ' ' || rs[j] == '-' || rs[j] == '.') && j+1 < len(rs) && unicode.IsDigit(rs[j+1]) && j > i:
			j++
		default:
			return j, digits
		}
	}
	return j, digits
}
