package qr

import (
	"math/rand/v2"
	"strings"
	"testing"

	"github.com/makiuchi-d/gozxing"
	"github.com/makiuchi-d/gozxing/qrcode/decoder"
)

// decodeText reads the code's modules back with ZXing's decoder, every
// mode included, and returns the text.
func decodeText(t *testing.T, c *Code) string {
	t.Helper()
	bm, err := gozxing.NewSquareBitMatrix(c.Size)
	if err != nil {
		t.Fatal(err)
	}
	for y := 0; y < c.Size; y++ {
		for x := 0; x < c.Size; x++ {
			if c.Dark(x, y) {
				bm.Set(x, y)
			}
		}
	}
	res, err := decoder.NewDecoder().Decode(bm, map[gozxing.DecodeHintType]interface{}{gozxing.DecodeHintType_CHARACTER_SET: "UTF-8"})
	if err != nil {
		t.Fatalf("version %d-%s: ZXing cannot decode: %v", c.Version, c.Level, err)
	}
	return res.GetText()
}

// TestSegments: digits go in numeric mode, capitals in alphanumeric mode,
// short runs stay with their neighbours, and every split decodes back.
func TestSegments(t *testing.T) {
	for _, c := range []struct {
		text  string
		modes string // one letter a segment: N, A or B
	}{
		{"", ""},
		{"0123456789", "N"},
		{"HELLO WORLD", "A"},
		{"hello", "B"},
		{"PY2|〔2025〕第0001号|王芳|乡村振兴|20250615 510623********1234 " + strings.Repeat("1234567890", 15) + "12345", "BNAN"},
		{"a1b", "B"},                  // a digit alone is not worth a segment
		{"abc123456789012def", "BNB"}, // twelve are
	} {
		segs := segments([]byte(c.text), 10)
		modes := ""
		for _, s := range segs {
			modes += string("NAB"[s.mode])
		}
		if modes != c.modes {
			t.Errorf("%q: segments %s, want %s", c.text, modes, c.modes)
		}
		if c.text == "" {
			continue
		}
		code, err := Encode([]byte(c.text), M)
		if err != nil {
			t.Fatal(err)
		}
		if got := decodeText(t, code); got != c.text {
			t.Errorf("%q decoded as %q", c.text, got)
		}
	}
}

// TestSegmentsShorter: random texts of digits, capitals and other bytes
// decode back, and never take more bits than byte mode alone.
func TestSegmentsShorter(t *testing.T) {
	rng := rand.New(rand.NewPCG(7, 8))
	pools := []string{"0123456789", "0123456789ABCDEFXYZ $%*+-./:", "abcdefgh|"}
	for range 200 {
		var b []byte
		for range 1 + rng.IntN(12) {
			pool := pools[rng.IntN(len(pools))]
			for range 1 + rng.IntN(30) {
				b = append(b, pool[rng.IntN(len(pool))])
			}
		}
		for _, v := range []int{1, 10, 27} {
			if got, plain := segmentsBits(segments(b, v), v), segmentsBits([]segment{{byteMode, b}}, v); got > plain {
				t.Fatalf("%q in version %d: %d bits, byte mode alone %d", b, v, got, plain)
			}
		}
		code, err := Encode(b, L)
		if err != nil {
			t.Fatal(err)
		}
		if got := decodeText(t, code); got != string(b) {
			t.Fatalf("%q decoded as %q", b, got)
		}
	}
}
