package sheets

import (
	"fmt"
	"math"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"peiyang/models"
)

// Fold turns full-width ASCII forms (digits, letters and punctuation,
// U+FF01 to U+FF5E) into their ASCII forms and every kind of space
// (ideographic, no-break, zero-width) into an ASCII space. Invalid UTF-8
// is replaced by U+FFFD.
func Fold(s string) string {
	if isPlainASCII(s) {
		return s
	}
	var b strings.Builder
	b.Grow(len(s))
	for _, r := range s {
		b.WriteRune(foldRune(r))
	}
	return b.String()
}

func isPlainASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= utf8.RuneSelf {
			return false
		}
	}
	return true
}

func foldRune(r rune) rune {
	switch {
	case r >= 0xFF01 && r <= 0xFF5E:
		return r - 0xFEE0
	case r == 0x3000, r == 0x00A0, r == 0x2007, r == 0x202F, r == 0xFEFF,
		r >= 0x2000 && r <= 0x200B:
		return ' '
	case r == 0x2212, r == 0x2013, r == 0x2014, r == 0xFE63: // minus and dashes
		return '-'
	}
	return r
}

// Clean folds s, turns runs of white space (line breaks included) into one
// space and trims both ends.
func Clean(s string) string {
	s = Fold(s)
	if !strings.ContainsFunc(s, unicode.IsSpace) {
		return s
	}
	return strings.Join(strings.Fields(s), " ")
}

// compact folds s and removes all white space.
func compact(s string) string {
	s = Fold(s)
	if !strings.ContainsFunc(s, unicode.IsSpace) {
		return s
	}
	return strings.Map(func(r rune) rune {
		if unicode.IsSpace(r) {
			return -1
		}
		return r
	}, s)
}

// middleDots are the characters people type for the middle dot of
// transcribed minority names (阿依古丽·买买提).
const middleDots = "·•‧∙⋅･・."

// NormalizeName cleans a person's name. Spaces between Chinese characters,
// which people type to line up two-character names (张　三), are removed,
// and the variants of the middle dot become "·"; Latin names keep single
// spaces.
func NormalizeName(s string) string {
	s = Clean(s)
	rs := []rune(s)
	var b strings.Builder
	for i, r := range rs {
		switch {
		case r == ' ':
			if i > 0 && i < len(rs)-1 && (unicode.Is(unicode.Han, rs[i-1]) || unicode.Is(unicode.Han, rs[i+1])) {
				continue
			}
		case strings.ContainsRune(middleDots, r) && i > 0 && i < len(rs)-1 &&
			unicode.Is(unicode.Han, rs[i-1]) && unicode.Is(unicode.Han, rs[i+1]):
			r = '·'
		}
		b.WriteRune(r)
	}
	return b.String()
}

// unquote removes what people and programs put around a number to keep it
// text: a leading apostrophe (typed with a Chinese input method it may
// be ‘ or ’, or a backquote), the ="..." of CSV files, and tab characters.
func unquote(s string) string {
	for _, q := range []string{"'", "‘", "’", "`", "＇"} {
		s = strings.TrimPrefix(s, q)
	}
	if strings.HasPrefix(s, `="`) && strings.HasSuffix(s, `"`) && len(s) >= 3 {
		s = s[2 : len(s)-1]
	}
	return strings.Trim(s, `"`)
}

// Messages of the normalisers' errors; they double as translation keys.
const (
	MsgIDDamaged  = "The ID number was turned into a number by Excel (the cell shows {{.Text}}) and has lost its last digits; type it again as text."
	MsgDateBad    = "Not a date: {{.Text}}. Write it as 2024-09-02, 2024/9/2, 2024年9月2日 or 2024.09."
	MsgClockBad   = "Not a time of day: {{.Text}}. Write it as 09:00."
	MsgRangeBad   = "Not a time range: {{.Text}}. Write it as 09:00-11:30."
	MsgGenderBad  = "Not a gender: {{.Text}}. Write 男 or 女."
	MsgNumberBad  = "Not a number: {{.Text}}."
	MsgYesNoBad   = "Write 是 or 否, not {{.Text}}."
	maxEchoedText = 40
)

// echo shortens a cell's text for a message.
func echo(s string) string {
	if r := []rune(s); len(r) > maxEchoedText {
		return string(r[:maxEchoedText]) + "…"
	}
	return s
}

func invalid(msg, text string) *models.Error {
	return models.Errorf(models.EINVALID, "", msg, "Text", echo(text))
}

// NormalizeIDNumber cleans a resident ID number: spaces (full-width ones
// too) and quoting removed, full-width digits folded, a lowercase x made
// uppercase. A number Excel stored as a number and so damaged, shown as
// 5.10104E+17, written with a decimal point, or with its last digits
// turned into zeros and its check character wrong, is an error: it is
// never guessed. Other faults are left to models.ParseIDNumber.
func NormalizeIDNumber(s string) (string, error) {
	s = strings.ToUpper(unquote(compact(s)))
	if s == "" {
		return "", nil
	}
	damaged := looksScientific(s)
	if i := strings.IndexByte(s, '.'); i > 0 && allDigits(s[:i]) && allDigits(s[i+1:]) {
		damaged = true
	}
	// Excel keeps 15 significant digits: an 18-digit number ends in 000.
	if len(s) == 18 && allDigits(s) && strings.HasSuffix(s, "000") && models.IDCheckChar(s[:17]) != s[17] {
		damaged = true
	}
	if damaged {
		return "", invalid(MsgIDDamaged, asExcelShows(s))
	}
	return s, nil
}

// asExcelShows writes a number as Excel's General format shows an ID
// number it took for one, six significant digits: 5.10104E+17. That is
// what the person sees in the cell, and never more than the region code
// of the number.
func asExcelShows(s string) string {
	f, err := strconv.ParseFloat(s, 64)
	if err != nil {
		return models.MaskIDNumber(s)
	}
	return fmt.Sprintf("%.5E", f)
}

// looksScientific reports whether s is a number in scientific notation,
// such as 5.10104E+17.
func looksScientific(s string) bool {
	i := strings.IndexAny(s, "Ee")
	if i < 1 || i == len(s)-1 {
		return false
	}
	mant, exp := s[:i], strings.TrimPrefix(strings.TrimPrefix(s[i+1:], "+"), "-")
	mant = strings.Replace(mant, ".", "", 1)
	return allDigits(mant) && allDigits(exp)
}

func allDigits(s string) bool {
	if s == "" {
		return false
	}
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}

// NormalizePhone cleans a phone number: quoting and spaces removed,
// full-width digits folded, the country code dropped; then
// models.NormalizePhone.
func NormalizePhone(s string) string {
	s = unquote(Clean(s))
	s = strings.TrimPrefix(s, "+86")
	s = strings.TrimPrefix(s, "0086")
	if strings.HasSuffix(s, ".0") && allDigits(strings.TrimSuffix(s, ".0")) {
		s = strings.TrimSuffix(s, ".0")
	}
	return models.NormalizePhone(s)
}

// ParseGender reads 男, 女, 男性, 女性, M, F, male or female; the empty
// text gives "".
func ParseGender(s string) (models.Gender, error) {
	switch strings.ToLower(compact(s)) {
	case "":
		return "", nil
	case "男", "男性", "m", "male", "1":
		return models.Male, nil
	case "女", "女性", "f", "female", "2":
		return models.Female, nil
	}
	return "", invalid(MsgGenderBad, s)
}

// ParseYesNo reads 是/否, Y/N, yes/no, √, 1/0 and true/false; the empty
// text is false.
func ParseYesNo(s string) (bool, error) {
	switch strings.ToLower(compact(s)) {
	case "", "否", "n", "no", "0", "false", "×", "x":
		return false, nil
	case "是", "y", "yes", "1", "true", "√", "✓", "✔":
		return true, nil
	}
	return false, invalid(MsgYesNoBad, s)
}

// ParseNumber reads a number such as 88, 88.5, ８８ or 2学时; a unit
// after the number (分, 学时, 课时, 小时, h) is dropped. The empty text is
// an error; callers check for it first.
func ParseNumber(s string) (float64, error) {
	t := strings.ToLower(compact(s))
	for _, unit := range []string{"学时", "课时", "小时", "分", "h"} {
		t = strings.TrimSuffix(t, unit)
	}
	t = strings.TrimSuffix(t, "%")
	v, err := strconv.ParseFloat(t, 64)
	if err != nil || math.IsNaN(v) || math.IsInf(v, 0) {
		return 0, invalid(MsgNumberBad, s)
	}
	return v, nil
}
