package userfile

import (
	"path/filepath"
	"strings"
	"unicode"
	"unicode/utf8"
)

// MaxNameBytes is the longest file name SafeName returns, in bytes of
// UTF-8: some 60 Chinese characters, well under the 255 bytes Linux and
// the 255 UTF-16 units Windows allow, leaving room in Windows' 260
// characters for the folder.
const MaxNameBytes = 180

// SafeName makes s a file name that every system Peiyang runs on accepts
// and that stays in the folder it is saved to. It keeps Chinese, the
// serials' brackets 〔〕 and the names' middle dot, and:
//
//   - turns what Windows forbids (< > : " / \ | ? *) and control characters
//     into "_", and tabs, line breaks and other spaces into a space;
//   - drops spaces and dots at the start (no hidden file, no "..") and at
//     the end (Windows drops them itself);
//   - puts "_" before a name Windows reserves for a device (CON, PRN, AUX,
//     NUL, COM1–COM9, LPT1–LPT9, with or without an extension);
//   - shortens the name to MaxNameBytes, keeping its extension;
//   - gives "_" for a name that is left empty.
func SafeName(s string) string {
	s = strings.Map(func(r rune) rune {
		switch {
		case unicode.IsSpace(r):
			return ' '
		case r < 0x20 || r == 0x7F || strings.ContainsRune(`<>:"/\|?*`, r) || r == utf8.RuneError:
			return '_'
		}
		return r
	}, s)
	s = strings.TrimLeft(s, ". ")
	s = strings.TrimRight(s, ". ")
	if s == "" {
		return "_"
	}
	s = shorten(s, MaxNameBytes)
	if reserved(s) {
		s = "_" + s
	}
	return s
}

// shorten cuts the name's stem, at a character boundary, until the whole
// name is at most max bytes; an extension of up to 8 letters or digits
// (".pdf", ".xlsx") stays.
func shorten(s string, max int) string {
	if len(s) <= max {
		return s
	}
	ext := filepath.Ext(s)
	if len(ext) > 9 || strings.ContainsFunc(ext[min(1, len(ext)):], func(r rune) bool {
		return r > unicode.MaxASCII || !unicode.IsLetter(r) && !unicode.IsDigit(r)
	}) {
		ext = ""
	}
	stem := s[:len(s)-len(ext)]
	for len(stem)+len(ext) > max {
		_, size := utf8.DecodeLastRuneInString(stem)
		stem = stem[:len(stem)-size]
	}
	return strings.TrimRight(stem, ". ") + ext
}

// reservedNames are Windows' device names, which no file may take, with
// any extension.
var reservedNames = map[string]bool{"CON": true, "PRN": true, "AUX": true, "NUL": true, "CONIN$": true, "CONOUT$": true}

func init() {
	for _, p := range []string{"COM", "LPT"} {
		for _, d := range "0123456789¹²³" {
			reservedNames[p+string(d)] = true
		}
	}
}

// reserved reports whether the name, before its first dot and any spaces
// there, is a device name of Windows.
func reserved(name string) bool {
	base, _, _ := strings.Cut(name, ".")
	return reservedNames[strings.ToUpper(strings.TrimRight(base, " "))]
}
