package pdfkit

import (
	"bytes"
	"encoding/binary"
	"os"
	"strings"
	"testing"

	"github.com/jung-kurt/gofpdf"
	"golang.org/x/image/font"
	"golang.org/x/image/font/sfnt"
	"golang.org/x/image/math/fixed"

	"peiyang/assets"
)

func testFont(t testing.TB) *Font {
	t.Helper()
	f, err := DefaultFont()
	if err != nil {
		t.Fatal(err)
	}
	return f
}

func TestEmbeddedFont(t *testing.T) {
	if len(assets.Font) < 10<<20 || binary.BigEndian.Uint32(assets.Font) != 0x00010000 {
		t.Fatalf("assets.Font is not the TrueType LXGW WenKai (%d bytes)", len(assets.Font))
	}
	lic, err := os.ReadFile("../../assets/fonts/OFL.txt")
	if err != nil {
		t.Fatalf("the font's licence must ship beside it: %v", err)
	}
	for _, want := range []string{"SIL OPEN FONT LICENSE Version 1.1", "Copyright 2021-2023 LXGW", `Reserved Font Names "霞鹜" and "LXGW"`} {
		if !bytes.Contains(lic, []byte(want)) {
			t.Errorf("OFL.txt lacks %q", want)
		}
	}
	f := testFont(t)
	if f.Name() != "LXGW WenKai" || f.upem != 1000 || f.numGlyphs < 20000 {
		t.Errorf("font %q, %d units per em, %d glyphs", f.Name(), f.upem, f.numGlyphs)
	}
}

func TestLoadFontRejects(t *testing.T) {
	for name, data := range map[string][]byte{
		"CFF":   append([]byte("OTTO"), make([]byte, 20)...),
		"TTC":   append([]byte("ttcf"), make([]byte, 20)...),
		"short": []byte("ab"),
		"junk":  bytes.Repeat([]byte{7}, 64),
	} {
		if _, err := LoadFont(data); err == nil {
			t.Errorf("%s: LoadFont accepted it", name)
		}
	}
}

// TestCmap compares our character map and advances with x/image/font/sfnt
// on the whole BMP and a sample of the supplementary planes.
func TestCmap(t *testing.T) {
	f := testFont(t)
	sf, err := sfnt.Parse(assets.Font)
	if err != nil {
		t.Fatal(err)
	}
	var buf sfnt.Buffer
	check := func(r rune) {
		want, err := sf.GlyphIndex(&buf, r)
		if err != nil {
			t.Fatal(err)
		}
		if got := f.glyph(r); got != uint16(want) {
			t.Fatalf("%U: glyph %d, sfnt says %d", r, got, want)
		}
		if want == 0 {
			return
		}
		adv, err := sf.GlyphAdvance(&buf, want, fixed.I(f.upem), font.HintingNone)
		if err != nil {
			t.Fatal(err)
		}
		if got := f.units(r); got != adv.Round() {
			t.Fatalf("%U: advance %d, sfnt says %d", r, got, adv.Round())
		}
	}
	for r := rune(0); r <= 0xFFFF; r++ {
		check(r)
	}
	for r := rune(0x10000); r <= 0x10FFFF; r += 7 {
		check(r)
	}
	for _, r := range "𠮷𡃁" {
		if !f.HasGlyph(r) {
			t.Errorf("the font should have %c %U", r, r)
		}
	}
	if f.HasGlyph('𪚥') {
		t.Errorf("the tests assume the font lacks 𪚥 U+2A6A5")
	}
}

// TestSubset checks that a subset maps each rune to the same outline and
// advance as the full font, composite glyphs (¨ and ∕ are) included.
func TestSubset(t *testing.T) {
	f := testFont(t)
	text := "结业证书王芳阿依古丽·买买提，。（）ABC xyz 019¨´∕−〔〕𠮷𡃁"
	runes := []rune(text)
	sub, newID, err := f.subset(runes)
	if err != nil {
		t.Fatal(err)
	}
	if len(sub) > 100<<10 {
		t.Errorf("subset of %d runes is %d bytes", len(runes), len(sub))
	}
	small, err := LoadFont(sub)
	if err != nil {
		t.Fatalf("the subset does not parse: %v", err)
	}
	var b1, b2 sfnt.Buffer
	for _, r := range runes {
		g, ok := newID[f.glyph(r)]
		if !ok || g == 0 {
			t.Fatalf("subset lacks %q", r)
		}
		if r <= 0xFFFF && small.glyph(r) != g {
			t.Errorf("%q: the subset's cmap says glyph %d, the map %d", r, small.glyph(r), g)
		}
		if small.advance[g] != f.advance[f.glyph(r)] {
			t.Errorf("%q: advance %d, want %d", r, small.advance[g], f.advance[f.glyph(r)])
		}
		s1, err1 := f.sf.LoadGlyph(&b1, sfnt.GlyphIndex(f.glyph(r)), fixed.I(1000), nil)
		s2, err2 := small.sf.LoadGlyph(&b2, sfnt.GlyphIndex(g), fixed.I(1000), nil)
		if err1 != nil || err2 != nil {
			t.Fatalf("%q: %v, %v", r, err1, err2)
		}
		if len(s1) != len(s2) {
			t.Fatalf("%q: %d segments in the subset, %d in the font", r, len(s2), len(s1))
		}
		for i := range s1 {
			if s1[i] != s2[i] {
				t.Fatalf("%q: segment %d differs", r, i)
			}
		}
	}
	if small.HasGlyph('中') {
		t.Error("the subset has a glyph it was not asked for")
	}
}

func TestMeasureString(t *testing.T) {
	f := testFont(t)
	// Hanzi are one em wide: 10 pt is 10/72 inch.
	if got, want := f.MeasureString("结业证书", 10), 4*10*ptToMM; !near(got, want) {
		t.Errorf("4 hanzi at 10 pt: %.3f mm, want %.3f", got, want)
	}
	// Agree with gofpdf's own measurement.
	pdf := gofpdf.New("P", "mm", "A4", "")
	pdf.AddUTF8FontFromBytes("full", "", assets.Font)
	pdf.SetFont("full", "", 14)
	for _, s := range []string{"阿依古丽·买买提", "Peiyang 2024-09-02", "〔2024〕第0012号，（试行）"} {
		if got, want := f.MeasureString(s, 14), pdf.GetStringWidth(s); !near(got, want) {
			t.Errorf("%q: %.3f mm, gofpdf says %.3f", s, got, want)
		}
	}
	if got := f.MeasureString("王𠮷", 10); !near(got, 2*10*ptToMM) {
		t.Errorf("王𠮷 at 10 pt: %.3f mm", got)
	}
	if !strings.Contains(f.Name(), "WenKai") {
		t.Errorf("name %q", f.Name())
	}
}

func near(a, b float64) bool { return a-b < 1e-6 && b-a < 1e-6 }
