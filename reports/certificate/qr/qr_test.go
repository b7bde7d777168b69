package qr

import (
	"bytes"
	"image"
	"image/color"
	"math/rand/v2"
	"testing"

	"github.com/makiuchi-d/gozxing"
	zqr "github.com/makiuchi-d/gozxing/qrcode"
	"github.com/makiuchi-d/gozxing/qrcode/decoder"
)

// decodeMatrix reads the code's modules back with ZXing's decoder and
// returns the bytes and the number of errors it had to correct.
func decodeMatrix(t *testing.T, c *Code) ([]byte, int, string) {
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
	res, err := decoder.NewDecoder().Decode(bm, nil)
	if err != nil {
		t.Fatalf("version %d-%s mask %d: ZXing cannot decode: %v", c.Version, c.Level, c.Mask, err)
	}
	return bytes.Join(res.GetByteSegments(), nil), res.GetErrorsCorrected(), res.GetECLevel()
}

// TestEveryVersionAndLevel fills each version at each level to the last
// byte and decodes it back: the capacity and block tables, the placement
// of the patterns and the error correction are all checked by ZXing. The
// bytes are from 0x80 up, which only byte mode holds.
func TestEveryVersionAndLevel(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	for level := L; level <= H; level++ {
		for v := 1; v <= 40; v++ {
			count := 8
			if v >= 10 {
				count = 16
			}
			n := (numDataCodewords(v, level)*8 - 4 - count) / 8
			data := make([]byte, n)
			for i := range data {
				data[i] = byte(0x80 + rng.IntN(128))
			}
			c, err := Encode(data, level)
			if err != nil {
				t.Fatalf("%d bytes at %s: %v", n, level, err)
			}
			if c.Version != v || c.Level != level || c.Size != 17+4*v {
				t.Fatalf("%d bytes at %s: version %d-%s, size %d; want version %d", n, level, c.Version, c.Level, c.Size, v)
			}
			got, fixed, ec := decodeMatrix(t, c)
			if !bytes.Equal(got, data) || fixed != 0 || ec != level.String() {
				t.Fatalf("version %d-%s: decoded %d bytes (want %d), %d errors corrected, level %s", v, level, len(got), n, fixed, ec)
			}
			// One more byte needs the next version.
			if v < 40 {
				c, err := Encode(append(data, 0xFF), level)
				if err != nil || c.Version != v+1 {
					t.Fatalf("%d bytes at %s: version %d (%v), want %d", n+1, level, c.Version, err, v+1)
				}
			}
		}
	}
	if _, err := Encode(make([]byte, 2954), L); err != ErrTooLong {
		t.Errorf("2954 bytes: %v, want ErrTooLong", err)
	}
	if _, err := Encode(nil, Level(9)); err == nil {
		t.Error("bad level accepted")
	}
}

// TestLevelBoost: a short text gets the highest level its version allows.
func TestLevelBoost(t *testing.T) {
	c, err := Encode([]byte("PY1"), L)
	if err != nil {
		t.Fatal(err)
	}
	if c.Version != 1 || c.Level != H {
		t.Errorf("version %d-%s, want 1-H", c.Version, c.Level)
	}
}

// TestDecodeImage draws a certificate payload as an image, quiet zone
// included, and reads it with ZXing's whole pipeline (detector too), so
// that the finder, timing and alignment patterns are checked as a
// scanner sees them.
func TestDecodeImage(t *testing.T) {
	text := "PY1|〔2025〕第0001号|阿依古丽·买买提|2025年乡村振兴专题培训班（第一期）|2025-06-15|510623********1234|" +
		"kq3Yb8uJ0a0mU7r9m1sVb1t9bJ0KxXo6x3L2d0v8wF0dA8t5yQ2c1r0xM4n7pB3e6uZ9kH2jL5sD8fG1aQ4wE7rT0y"
	c, err := Encode([]byte(text), M)
	if err != nil {
		t.Fatal(err)
	}
	const scale, quiet = 4, 4
	n := (c.Size + 2*quiet) * scale
	img := image.NewGray(image.Rect(0, 0, n, n))
	for y := 0; y < n; y++ {
		for x := 0; x < n; x++ {
			mx, my := x/scale-quiet, y/scale-quiet
			v := uint8(255)
			if mx >= 0 && my >= 0 && mx < c.Size && my < c.Size && c.Dark(mx, my) {
				v = 0
			}
			img.SetGray(x, y, color.Gray{Y: v})
		}
	}
	bmp, err := gozxing.NewBinaryBitmapFromImage(img)
	if err != nil {
		t.Fatal(err)
	}
	res, err := zqr.NewQRCodeReader().Decode(bmp, map[gozxing.DecodeHintType]interface{}{gozxing.DecodeHintType_CHARACTER_SET: "UTF-8"})
	if err != nil {
		t.Fatalf("version %d-%s: %v", c.Version, c.Level, err)
	}
	if got := res.GetText(); got != text {
		t.Errorf("decoded %q", got)
	}
}

// TestFormatAndVersionBits checks the BCH codes against the standard's
// annex tables for a few values.
func TestFormatAndVersionBits(t *testing.T) {
	e := newEncoder(7)
	e.drawVersion()
	// Version 7's information is 000111110010010100 (annex D).
	want := 0x07C94
	got := 0
	for i := 0; i < 18; i++ {
		if e.modules[(i/3)*e.size+e.size-11+i%3] != 0 {
			got |= 1 << i
		}
	}
	if got != want {
		t.Errorf("version 7 bits %018b, want %018b", got, want)
	}
	// Level M, mask 0 is 101010000010010 after masking (annex C).
	e = newEncoder(1)
	e.drawFormatBits(M, 0)
	got = 0
	for i := 0; i < 8; i++ {
		if e.modules[8*e.size+e.size-1-i] != 0 {
			got |= 1 << i
		}
	}
	for i := 8; i < 15; i++ {
		if e.modules[(e.size-15+i)*e.size+8] != 0 {
			got |= 1 << i
		}
	}
	if got != 0x5412 {
		t.Errorf("format M/0 bits %015b, want %015b", got, 0x5412)
	}
}

func BenchmarkEncodeCertificatePayload(b *testing.B) {
	text := []byte("PY1|〔2025〕第0001号|阿依古丽·买买提|2025年乡村振兴专题培训班（第一期）|2025-06-15|510623********1234|" +
		"kq3Yb8uJ0a0mU7r9m1sVb1t9bJ0KxXo6x3L2d0v8wF0dA8t5yQ2c1r0xM4n7pB3e6uZ9kH2jL5sD8fG1aQ4wE7rT0y")
	b.ReportAllocs()
	for b.Loop() {
		if _, err := Encode(text, M); err != nil {
			b.Fatal(err)
		}
	}
}

// slowPenalty is the standard's mask evaluation written module by module,
// after Project Nayuki's reference code, to check the packed one.
func slowPenalty(e *encoder) int {
	n := e.size
	at := func(x, y int) bool { return e.modules[y*n+x] != 0 }
	score := 0
	for pass := 0; pass < 2; pass++ {
		for a := 0; a < n; a++ {
			var h runHistory
			color, run := false, 0
			for b := 0; b < n; b++ {
				c := at(b, a)
				if pass == 1 {
					c = at(a, b)
				}
				if c == color {
					run++
					if run == 5 {
						score += penaltyN1
					} else if run > 5 {
						score++
					}
					continue
				}
				h.add(run, n)
				if !color {
					score += h.finderLike() * penaltyN3
				}
				color, run = c, 1
			}
			score += h.terminate(color, run, n) * penaltyN3
		}
	}
	dark := 0
	for y := 0; y < n; y++ {
		for x := 0; x < n; x++ {
			c := at(x, y)
			if c {
				dark++
			}
			if x < n-1 && y < n-1 && c == at(x+1, y) && c == at(x, y+1) && c == at(x+1, y+1) {
				score += penaltyN2
			}
		}
	}
	total := n * n
	return score + ((abs(dark*20-total*10)+total-1)/total-1)*penaltyN4
}

// runHistory is Nayuki's history of the last seven runs, newest first.
type runHistory [7]int

func (h *runHistory) add(run, size int) {
	if h[0] == 0 {
		run += size // the light border before the line
	}
	copy(h[1:], h[:6])
	h[0] = run
}

func (h *runHistory) finderLike() int {
	n := h[1]
	core := n > 0 && h[2] == n && h[3] == n*3 && h[4] == n && h[5] == n
	out := 0
	if core && h[0] >= n*4 && h[6] >= n {
		out++
	}
	if core && h[6] >= n*4 && h[0] >= n {
		out++
	}
	return out
}

func (h *runHistory) terminate(dark bool, run, size int) int {
	if dark {
		h.add(run, size)
		run = 0
	}
	h.add(run+size, size) // the light border after the line
	return h.finderLike()
}

// TestMaskChoice builds the symbol the slow way, each mask applied in
// turn and scored module by module, and checks that Encode chose the
// best mask and drew the same modules.
func TestMaskChoice(t *testing.T) {
	rng := rand.New(rand.NewPCG(5, 6))
	for _, n := range []int{1, 10, 40, 100, 215, 400, 1000} {
		data := make([]byte, n)
		for i := range data {
			data[i] = byte(rng.IntN(256))
		}
		c, err := Encode(data, M)
		if err != nil {
			t.Fatal(err)
		}
		codewords := addECCAndInterleave(dataCodewords(segments(data, c.Version), c.Version, c.Level), c.Version, c.Level)
		best, bestScore := 0, -1
		var want []uint8
		for m := 0; m < 8; m++ {
			e := newEncoder(c.Version)
			e.drawFunctionPatterns()
			e.drawCodewords(codewords)
			e.applyMask(e.maskPattern(m))
			e.drawFormatBits(c.Level, m)
			if s := slowPenalty(e); bestScore < 0 || s < bestScore {
				best, bestScore, want = m, s, e.modules
			}
		}
		if c.Mask != best || !bytes.Equal(c.modules, want) {
			t.Errorf("%d bytes: mask %d, want %d; same modules: %v", n, c.Mask, best, bytes.Equal(c.modules, want))
		}
	}
}

func TestPackedPenalty(t *testing.T) {
	rng := rand.New(rand.NewPCG(3, 4))
	for _, v := range []int{1, 2, 7, 10, 11, 14, 15, 27, 40} {
		e := newEncoder(v)
		e.drawFunctionPatterns()
		data := make([]byte, numRawDataModules(v)/8)
		for i := range data {
			data[i] = byte(rng.IntN(256))
		}
		e.drawCodewords(data)
		for m := 0; m < 8; m++ {
			p := e.maskPattern(m)
			e.applyMask(p)
			if got, want := e.penalty(), slowPenalty(e); got != want {
				t.Errorf("version %d mask %d: penalty %d, want %d", v, m, got, want)
			}
			e.applyMask(p)
		}
		// Long runs and finder-like patterns on purpose: all light, all dark.
		for _, fill := range []uint8{0, 1} {
			for k := range e.modules {
				if !e.function[k] {
					e.modules[k] = fill
				}
			}
			if got, want := e.penalty(), slowPenalty(e); got != want {
				t.Errorf("version %d filled with %d: penalty %d, want %d", v, fill, got, want)
			}
		}
	}
}
