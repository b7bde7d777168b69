package pdfkit

import "strings"

// Line breaking for Chinese text with the font's own advance widths.
//
// gofpdf's MultiCell and SplitText drop a character at every automatic
// break in Chinese text and happily start a line with "，". This breaker
// never drops or repeats a character: joining the lines it returns gives
// the input back without its line feeds. It follows the usual Chinese
// rules (禁则): a line never starts with closing punctuation such as
// "，。、；：？！）》」』】〕…—" or ",.;:?!)]}", never ends with opening
// punctuation such as "（《「『【〔" or "([{", and "·" in 阿依古丽·买买提 stays
// with both its neighbours; a line may break between any two hanzi, after
// spaces, and between hanzi and Latin text, but not inside a Latin word or
// a number unless that word alone is wider than the line. Spaces at the end
// of a line hang in the margin. When the rules leave no way to fit a line
// (a run of closing punctuation wider than the column, say), it breaks at
// the last character that fits, and a line always holds at least one
// character.

// noStart holds the characters a line must not start with.
var noStart = runeSet(",.;:?!)]}" +
	"，。、；：？！）》」』】〕〉〗〙〛｝］｠…‥—–～’”·・％‰℃°′″" +
	"ー々〻ゝゞヽヾぁぃぅぇぉっゃゅょゎァィゥェォッャュョヮヵヶ｡､｣")

// noEnd holds the characters a line must not end with.
var noEnd = runeSet("([{" + "（《「『【〔〈〖〘〚［｛｟‘“·・￥＄£$＃#" + "｢")

func runeSet(s string) map[rune]bool {
	m := map[rune]bool{}
	for _, r := range s {
		m[r] = true
	}
	return m
}

// wide reports whether r is a hanzi, kana, hangul or full-width form:
// characters that allow a line break on either side.
func wide(r rune) bool {
	switch {
	case r == 0x2014 || r == 0x2015 || r == 0x2026:
		return true
	case r >= 0x2E80 && r <= 0x303F: // radicals, CJK symbols and punctuation
		return true
	case r >= 0x3040 && r <= 0x9FFF: // kana, bopomofo, Ext A, unified ideographs
		return true
	case r >= 0xAC00 && r <= 0xD7A3, r >= 0xF900 && r <= 0xFAFF: // hangul, compatibility ideographs
		return true
	case r >= 0xFE30 && r <= 0xFE4F, r >= 0xFF00 && r <= 0xFF60, r >= 0xFFE0 && r <= 0xFFE6: // full-width forms
		return true
	case r >= 0x20000 && r <= 0x3FFFF: // ideographs outside the BMP
		return true
	}
	return false
}

// canBreak reports whether a line may break between a and b.
func canBreak(a, b rune) bool {
	switch {
	case b == ' ' || noStart[b] || noEnd[a]:
		return false
	case a == ' ':
		return true
	}
	return wide(a) || wide(b)
}

// WrapLines breaks s into lines no wider than width millimetres at size
// points (see the rules above). A line feed, or CR LF, ends a line; a
// trailing one adds no empty line, and "" gives no lines.
func (f *Font) WrapLines(s string, width, size float64) []string {
	if s == "" {
		return nil
	}
	paras := strings.Split(s, "\n")
	for i := range paras[:len(paras)-1] {
		paras[i] = strings.TrimSuffix(paras[i], "\r") // CR LF
	}
	if len(paras) > 1 && paras[len(paras)-1] == "" {
		paras = paras[:len(paras)-1]
	}
	// max is the width in thousandths of an em; integer sums keep the
	// fitting exact.
	max := int(width/(size*ptToMM)*1000 + 1e-6)
	var lines []string
	for _, p := range paras {
		lines = f.wrap(lines, []rune(p), max)
	}
	return lines
}

// wrap appends the lines of one paragraph (no line feeds) to lines.
func (f *Font) wrap(lines []string, rs []rune, max int) []string {
	if len(rs) == 0 {
		return append(lines, "")
	}
	adv := make([]int, len(rs))
	for i, r := range rs {
		adv[i] = f.units(r)
	}
	for start := 0; start < len(rs); {
		acc := 0   // width so far; trailing spaces never overflow
		last := -1 // the last allowed break that fits
		i := start
		for ; i < len(rs); i++ {
			acc += adv[i]
			if rs[i] != ' ' {
				if acc > max {
					break
				}
			}
			if i+1 < len(rs) && canBreak(rs[i], rs[i+1]) {
				last = i + 1
			}
		}
		end := len(rs)
		switch {
		case i == len(rs):
			// the rest fits
		case last > start:
			end = last
		default:
			// nothing breakable fits: break before the first character
			// that does not, keeping at least one on the line
			end = max2(i, start+1)
		}
		lines = append(lines, string(rs[start:end]))
		start = end
	}
	return lines
}

func max2(a, b int) int {
	if a > b {
		return a
	}
	return b
}

// trimmedWidth returns the width of line in millimetres at size points
// without its trailing spaces, which hang in the margin: the width that
// centring and right alignment use.
func (f *Font) trimmedWidth(line string, size float64) float64 {
	return f.MeasureString(strings.TrimRight(line, " "), size)
}
