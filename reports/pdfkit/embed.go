package pdfkit

import (
	"encoding/binary"
	"fmt"
	"hash/fnv"
	"slices"
	"strconv"
	"strings"
	"unicode/utf16"
)

// The document font is embedded as a Type 0 font with Identity-H encoding:
// every distinct character of the document gets a code (a CID, from 1 in
// the order of the characters), which CIDToGIDMap turns into the glyph of
// the embedded subset and ToUnicode back into the character. Characters
// outside the BMP (𠮷 U+20BB7) are glyphs like any other: drawn from the
// font, found by a viewer's search, copied and extracted as themselves.

// embedding is the font of one document: the subset and the codes of its
// characters.
type embedding struct {
	font   *Font
	runes  []rune   // by code - 1
	gids   []uint16 // new glyph index, by code - 1
	bmp    []uint16 // code of each BMP rune, 0 for none
	astral map[rune]uint16
	sub    []byte // the subset font file
}

// embed makes the subset for the runes (each at most once) and numbers
// them.
func (f *Font) embed(runes []rune) (*embedding, error) {
	runes = slices.Clone(runes)
	slices.Sort(runes)
	runes = slices.Compact(runes)
	if len(runes) > 0xFFFE {
		return nil, fmt.Errorf("pdfkit: %d distinct characters in one document, at most 65,534", len(runes))
	}
	sub, newID, err := f.subset(runes)
	if err != nil {
		return nil, err
	}
	e := &embedding{font: f, runes: runes, gids: make([]uint16, len(runes)), bmp: make([]uint16, 0x10000), astral: map[rune]uint16{}, sub: sub}
	for i, r := range runes {
		e.gids[i] = newID[f.glyph(r)]
		if r <= 0xFFFF {
			e.bmp[r] = uint16(i + 1)
		} else {
			e.astral[r] = uint16(i + 1)
		}
	}
	return e, nil
}

// codes appends the codes of s's characters to dst. Every character was
// registered (Doc.text) before the embedding was made.
func (e *embedding) codes(dst []uint16, s string) []uint16 {
	for _, r := range s {
		if r >= 0 && r <= 0xFFFF {
			dst = append(dst, e.bmp[r])
		} else {
			dst = append(dst, e.astral[r])
		}
	}
	return dst
}

// tag is the subset's six-letter prefix of the font's name, made from its
// characters so that equal subsets are named alike.
func (e *embedding) tag() string {
	h := fnv.New64a()
	for _, r := range e.runes {
		_ = binary.Write(h, binary.BigEndian, r)
	}
	v := h.Sum64()
	b := make([]byte, 6)
	for i := range b {
		b[i] = byte('A' + v%26)
		v /= 26
	}
	return string(b)
}

// widths returns the W array: the advance of every code whose glyph is
// not one em wide (the default width, DW 1000), in runs of codes.
func (e *embedding) widths() string {
	var b strings.Builder
	b.WriteByte('[')
	for i := 0; i < len(e.runes); {
		if e.font.units(e.runes[i]) == 1000 {
			i++
			continue
		}
		j := i
		for j < len(e.runes) && e.font.units(e.runes[j]) != 1000 {
			j++
		}
		b.WriteString(strconv.Itoa(i + 1))
		b.WriteByte('[')
		for k := i; k < j; k++ {
			if k > i {
				b.WriteByte(' ')
			}
			b.WriteString(strconv.Itoa(e.font.units(e.runes[k])))
		}
		b.WriteByte(']')
		i = j
	}
	b.WriteByte(']')
	return b.String()
}

// cidToGID returns the CIDToGIDMap stream's data: two bytes per code.
func (e *embedding) cidToGID() []byte {
	b := make([]byte, 2*(len(e.gids)+1))
	for i, g := range e.gids {
		binary.BigEndian.PutUint16(b[2*(i+1):], g)
	}
	return b
}

// toUnicode returns the ToUnicode CMap: each code back to its character,
// in UTF-16 (a surrogate pair outside the BMP), runs of consecutive
// characters as ranges.
func (e *embedding) toUnicode() []byte {
	type entry struct {
		from, to uint16
		r        rune
	}
	var entries []entry
	for i, r := range e.runes {
		code := uint16(i + 1)
		if n := len(entries) - 1; n >= 0 && r <= 0xFFFF {
			last := &entries[n]
			if last.to+1 == code && last.r+rune(last.to-last.from)+1 == r && last.r <= 0xFFFF &&
				code&0xFF != 0 && r&0xFF != 0 { // a range may only vary the last byte
				last.to = code
				continue
			}
		}
		entries = append(entries, entry{code, code, r})
	}
	var b strings.Builder
	b.WriteString("/CIDInit /ProcSet findresource begin\n12 dict begin\nbegincmap\n" +
		"/CIDSystemInfo <</Registry (Adobe) /Ordering (UCS) /Supplement 0>> def\n" +
		"/CMapName /Adobe-Identity-UCS def\n/CMapType 2 def\n" +
		"1 begincodespacerange\n<0000> <FFFF>\nendcodespacerange\n")
	for start := 0; start < len(entries); start += 100 {
		block := entries[start:min(start+100, len(entries))]
		fmt.Fprintf(&b, "%d beginbfrange\n", len(block))
		for _, en := range block {
			fmt.Fprintf(&b, "<%04X> <%04X> <", en.from, en.to)
			for _, u := range utf16.Encode([]rune{en.r}) {
				fmt.Fprintf(&b, "%04X", u)
			}
			b.WriteString(">\n")
		}
		b.WriteString("endbfrange\n")
	}
	b.WriteString("endcmap\nCMapName currentdict /CIDResource defineresource pop\nend\nend\n")
	return []byte(b.String())
}

// descriptor returns the font descriptor's entries but FontFile2.
func (e *embedding) descriptor(name string) string {
	f := e.font
	scale := func(v int) int { return (v*1000 + f.upem/2) / f.upem }
	head := f.tables["head"]
	box := [4]int{}
	for i := range box {
		box[i] = scale(int(int16(binary.BigEndian.Uint16(head[36+2*i:]))))
	}
	capHeight := f.ascent
	if os2 := f.tables["OS/2"]; len(os2) >= 90 && binary.BigEndian.Uint16(os2) >= 2 {
		capHeight = int(int16(binary.BigEndian.Uint16(os2[88:])))
	}
	return fmt.Sprintf("/Type /FontDescriptor /FontName /%s /Flags 4 /FontBBox [%d %d %d %d] /ItalicAngle 0 "+
		"/Ascent %d /Descent %d /CapHeight %d /StemV 80", name, box[0], box[1], box[2], box[3],
		scale(f.ascent), -scale(f.descent), scale(capHeight))
}

// psName is the font's PostScript name for the PDF: letters and digits
// of its full name.
func (f *Font) psName() string {
	name := strings.Map(func(r rune) rune {
		if r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' || r == '-' {
			return r
		}
		return -1
	}, f.name)
	if name == "" {
		name = "Font"
	}
	return name
}
