// Package pinyin turns Chinese personal names into Hanyu Pinyin for search
// and for sorting names in pinyin order.
//
// Names are read as names: the surname (the first character, or a compound
// surname such as 欧阳 or 尉迟) takes its surname reading, so 单 reads shan,
// 曾 zeng and 尉迟 yuchi; the other characters take their most common
// reading. Syllables are lowercase and without tones, ü written as v (女 nv),
// as pinyin input methods type them. Latin letters and digits are kept as
// lowercase text; the middle dot of transliterated names (阿依古丽·买买提),
// spaces and other punctuation are skipped, and so are characters that have
// no known reading.
package pinyin

import (
	"strings"
	"sync"
	"unicode"

	gopinyin "github.com/mozillazg/go-pinyin"

	"peiyang/models"
)

// syllable is one reading: the toneless syllable and its tone, '1' to '4',
// '5' for the neutral tone and '0' for latin text and digits.
type syllable struct {
	text string
	tone byte
}

// Syllables returns the name's syllables, e.g. 赵明阳 → [zhao ming yang].
// A run of latin letters or digits is one item: "Lucy王" → [lucy wang].
func Syllables(name string) []string {
	ss := read(name)
	out := make([]string, len(ss))
	for i, s := range ss {
		out[i] = s.text
	}
	return out
}

// Full returns the syllables joined: 赵明阳 → zhaomingyang.
func Full(name string) string {
	var b strings.Builder
	for _, s := range read(name) {
		b.WriteString(s.text)
	}
	return b.String()
}

// Initials returns the first letter of each syllable: 赵明阳 → zmy,
// 张晓红 → zxh (zh, ch and sh give z, c and s, as people type them).
func Initials(name string) string {
	var b strings.Builder
	for _, s := range read(name) {
		b.WriteByte(s.text[0])
	}
	return b.String()
}

// SortKey returns a key whose byte order is the pinyin order of names:
// syllable by syllable (李 before 李明 before 林), then by tones (黎明 li2
// before 李明 li3), then by the characters themselves, so that different
// names never share a key.
func SortKey(name string) string {
	ss := read(name)
	var b strings.Builder
	for i, s := range ss {
		if i > 0 {
			b.WriteByte(' ')
		}
		b.WriteString(s.text)
	}
	b.WriteByte(1)
	for _, s := range ss {
		b.WriteByte(s.tone)
	}
	b.WriteByte(1)
	b.WriteString(name)
	return b.String()
}

// read converts a name into its syllables.
func read(name string) []syllable {
	rs := []rune(name)
	for i, r := range rs {
		rs[i] = models.HalfWidth(r)
	}
	out := make([]syllable, 0, len(rs))
	i := 0
	if !hasMiddleDot(rs) {
		i = readSurname(rs, &out)
	}
	var latin []rune
	flush := func() {
		if len(latin) > 0 {
			out = append(out, syllable{text: string(latin), tone: '0'})
			latin = latin[:0]
		}
	}
	for ; i < len(rs); i++ {
		r := rs[i]
		if isLatin(r) {
			latin = append(latin, unicode.ToLower(r))
			continue
		}
		flush()
		if s, ok := reading(r); ok {
			out = append(out, s)
		}
	}
	flush()
	return out
}

// readSurname appends the surname's readings when the name starts with a
// compound surname (and has a given name after it) or with a single
// surname whose surname reading differs from the common one, and returns
// how many runes it read.
func readSurname(rs []rune, out *[]syllable) int {
	if len(rs) >= 3 {
		if c, ok := compoundSurnames[string(rs[:2])]; ok {
			*out = append(*out, parse(c[0]), parse(c[1]))
			return 2
		}
	}
	if len(rs) >= 1 {
		if s, ok := surnames[rs[0]]; ok {
			*out = append(*out, parse(s))
			return 1
		}
	}
	return 0
}

var cache sync.Map // rune → syllable; a missing reading is syllable{}

// reading returns the common reading of a character: from the table of
// rare characters, else go-pinyin's first reading.
func reading(r rune) (syllable, bool) {
	if v, ok := cache.Load(r); ok {
		s := v.(syllable)
		return s, s.text != ""
	}
	var s syllable
	if t, ok := rare[r]; ok {
		s = parse(t)
	} else {
		args := gopinyin.NewArgs()
		args.Style = gopinyin.Tone3
		args.Fallback = func(rune, gopinyin.Args) []string { return nil }
		if p := gopinyin.SinglePinyin(r, args); len(p) > 0 {
			s = parse(p[0])
		}
	}
	cache.Store(r, s)
	return s, s.text != ""
}

// parse turns "zhong1" into {zhong, '1'}; a reading without a tone digit is
// neutral. Anything but ASCII letters is dropped.
func parse(tone3 string) syllable {
	tone := byte('5')
	if n := len(tone3); n > 0 && tone3[n-1] >= '1' && tone3[n-1] <= '4' {
		tone = tone3[n-1]
		tone3 = tone3[:n-1]
	}
	var b strings.Builder
	for _, r := range tone3 {
		switch {
		case r >= 'a' && r <= 'z':
			b.WriteRune(r)
		case r == 'ü':
			b.WriteByte('v')
		}
	}
	return syllable{text: b.String(), tone: tone}
}

func isLatin(r rune) bool {
	return (r >= 'a' && r <= 'z') || (r >= 'A' && r <= 'Z') || (r >= '0' && r <= '9')
}

// middleDots are the separators found in transliterated names.
const middleDots = "·•‧・･∙⋅"

// IsMiddleDot reports whether r is one of the dots that separate the parts
// of a transliterated name (阿依古丽·买买提).
func IsMiddleDot(r rune) bool { return strings.ContainsRune(middleDots, r) }

func hasMiddleDot(rs []rune) bool {
	for _, r := range rs {
		if IsMiddleDot(r) {
			return true
		}
	}
	return false
}
