// Package qr encodes QR codes (ISO/IEC 18004) as module matrices, for
// printing: numeric, alphanumeric and byte segments chosen to make the
// shortest bit stream (segment.go), versions 1 to 40, the smallest
// version that holds the data and the highest error correction level that
// fits in it. It follows Project Nayuki's reference design
// (mask choice by the standard's penalty rules included) and is fast
// enough to encode a code per certificate in a batch of thousands: about
// 50 µs for 200 bytes, where the libraries at hand take 1 to 3 ms.
package qr

import (
	"errors"
	"fmt"
)

// Level is an error correction level.
type Level int

// Error correction levels: L recovers about 7% of the codewords, M 15%,
// Q 25%, H 30%.
const (
	L Level = iota
	M
	Q
	H
)

func (l Level) String() string { return [...]string{"L", "M", "Q", "H"}[l] }

// formatBits is the level's two-bit code in the format information.
func (l Level) formatBits() int { return [...]int{1, 0, 3, 2}[l] }

// ErrTooLong is returned for data no version can hold.
var ErrTooLong = errors.New("qr: data too long for a QR code")

// Code is an encoded QR code: a square of Size×Size modules, without the
// four-module quiet zone that must surround it when printed.
type Code struct {
	Version int
	Level   Level
	Mask    int
	Size    int
	modules []uint8 // row-major, 1 for dark
}

// Dark reports whether the module at column x, row y is dark.
func (c *Code) Dark(x, y int) bool { return c.modules[y*c.Size+x] != 0 }

// Encode encodes data in the segments that make it shortest, at least at
// level min: the level is raised as far as the chosen version allows.
func Encode(data []byte, min Level) (*Code, error) {
	if min < L || min > H {
		return nil, fmt.Errorf("qr: bad error correction level %d", min)
	}
	version, bits := 0, 0
	var segs []segment
	for v := 1; v <= 40; v++ {
		if v == 1 || v == 10 || v == 27 { // the count fields widen
			segs = segments(data, v)
		}
		if bits = segmentsBits(segs, v); bits <= numDataCodewords(v, min)*8 {
			version = v
			break
		}
	}
	if version == 0 {
		return nil, ErrTooLong
	}
	level := min
	for l := min + 1; l <= H; l++ {
		if bits <= numDataCodewords(version, l)*8 {
			level = l
		}
	}
	codewords := dataCodewords(segs, version, level)
	t := templateFor(version)
	e := &encoder{version: version, size: version*4 + 17, modules: append([]uint8(nil), t.modules...), function: t.function}
	e.drawCodewords(addECCAndInterleave(codewords, version, level))
	mask := chooseMask(t, e.modules, e.size, level)
	for k, inv := range t.masks[mask] {
		e.modules[k] ^= inv
	}
	format := formatBits(level, mask)
	for _, f := range t.format { // not e.set: the template's function map is shared
		e.modules[f.y*e.size+f.x] = b2u(f.bit < 0 || format>>uint(f.bit)&1 != 0)
	}
	return &Code{Version: version, Level: level, Mask: mask, Size: e.size, modules: e.modules}, nil
}

// dataCodewords builds the data codewords: the segments, the terminator,
// padding to a byte and the alternating pad bytes.
func dataCodewords(segs []segment, version int, level Level) []byte {
	capacity := numDataCodewords(version, level)
	var bb bitBuffer
	for _, s := range segs {
		bb.appendSegment(s, version)
	}
	bb.append(0, min(4, capacity*8-bb.n))
	bb.append(0, (8-bb.n%8)%8)
	for pad := uint32(0xEC); bb.n < capacity*8; pad ^= 0xEC ^ 0x11 {
		bb.append(pad, 8)
	}
	return bb.bytes
}

// bitBuffer is a sequence of bits, most significant first.
type bitBuffer struct {
	bytes []byte
	n     int
}

func (b *bitBuffer) append(v uint32, bits int) {
	for i := bits - 1; i >= 0; i-- {
		if b.n%8 == 0 {
			b.bytes = append(b.bytes, 0)
		}
		if v>>uint(i)&1 != 0 {
			b.bytes[b.n/8] |= 0x80 >> uint(b.n%8)
		}
		b.n++
	}
}

// addECCAndInterleave splits the data into the version's blocks, appends
// each block's Reed-Solomon codewords and interleaves them.
func addECCAndInterleave(data []byte, version int, level Level) []byte {
	numBlocks := numECBlocks[level][version]
	eccLen := eccPerBlock[level][version]
	raw := numRawDataModules(version) / 8
	numShort := numBlocks - raw%numBlocks
	shortLen := raw / numBlocks
	divisor := rsDivisor(eccLen)
	blocks := make([][]byte, numBlocks)
	k := 0
	for i := range blocks {
		n := shortLen - eccLen
		if i >= numShort {
			n++
		}
		block := make([]byte, 0, shortLen+1)
		block = append(block, data[k:k+n]...)
		k += n
		ecc := rsRemainder(block, divisor)
		if i < numShort {
			block = append(block, 0) // placeholder, skipped below
		}
		blocks[i] = append(block, ecc...)
	}
	out := make([]byte, 0, raw)
	for i := 0; i <= shortLen; i++ {
		for j, b := range blocks {
			if i != shortLen-eccLen || j >= numShort {
				out = append(out, b[i])
			}
		}
	}
	return out
}

// numRawDataModules is the number of modules that hold codewords (data
// and error correction) in a version, remainder bits included.
func numRawDataModules(version int) int {
	n := (16*version+128)*version + 64
	if version >= 2 {
		align := version/7 + 2
		n -= (25*align-10)*align - 55
		if version >= 7 {
			n -= 36
		}
	}
	return n
}

// numDataCodewords is the number of data codewords a version holds at a
// level.
func numDataCodewords(version int, level Level) int {
	return numRawDataModules(version)/8 - eccPerBlock[level][version]*numECBlocks[level][version]
}

// Error correction codewords per block and number of blocks, by level and
// version (index 0 unused), from the standard's table 9.
var eccPerBlock = [4][41]int{
	{0, 7, 10, 15, 20, 26, 18, 20, 24, 30, 18, 20, 24, 26, 30, 22, 24, 28, 30, 28, 28, 28, 28, 30, 30, 26, 28, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30},
	{0, 10, 16, 26, 18, 24, 16, 18, 22, 22, 26, 30, 22, 22, 24, 24, 28, 28, 26, 26, 26, 26, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28},
	{0, 13, 22, 18, 26, 18, 24, 18, 22, 20, 24, 28, 26, 24, 20, 30, 24, 28, 28, 26, 30, 28, 30, 30, 30, 30, 28, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30},
	{0, 17, 28, 22, 16, 22, 28, 26, 26, 24, 28, 24, 28, 22, 24, 24, 30, 28, 28, 26, 28, 30, 24, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30},
}

var numECBlocks = [4][41]int{
	{0, 1, 1, 1, 1, 1, 2, 2, 2, 2, 4, 4, 4, 4, 4, 6, 6, 6, 6, 7, 8, 8, 9, 9, 10, 12, 12, 12, 13, 14, 15, 16, 17, 18, 19, 19, 20, 21, 22, 24, 25},
	{0, 1, 1, 1, 2, 2, 4, 4, 4, 5, 5, 5, 8, 9, 9, 10, 10, 11, 13, 14, 16, 17, 17, 18, 20, 21, 23, 25, 26, 28, 29, 31, 33, 35, 37, 38, 40, 43, 45, 47, 49},
	{0, 1, 1, 2, 2, 4, 4, 6, 6, 8, 8, 8, 10, 12, 16, 12, 17, 16, 18, 21, 20, 23, 23, 25, 27, 29, 34, 34, 35, 38, 40, 43, 45, 48, 51, 53, 56, 59, 62, 65, 68},
	{0, 1, 1, 2, 4, 4, 4, 5, 6, 8, 8, 11, 11, 16, 16, 18, 16, 19, 21, 25, 25, 25, 34, 30, 32, 35, 37, 40, 42, 45, 48, 51, 54, 57, 60, 63, 66, 70, 74, 77, 81},
}

// gfExp and gfLog are the powers of 2 and their logarithms in GF(2^8)
// modulo x^8 + x^4 + x^3 + x^2 + 1, the field of the error correction.
var gfExp, gfLog = func() (exp [510]byte, log [256]int) {
	x := 1
	for i := 0; i < 255; i++ {
		exp[i], exp[i+255] = byte(x), byte(x)
		log[x] = i
		x <<= 1
		if x&0x100 != 0 {
			x ^= 0x11D
		}
	}
	return
}()

// gfMul multiplies in GF(2^8).
func gfMul(x, y byte) byte {
	if x == 0 || y == 0 {
		return 0
	}
	return gfExp[gfLog[x]+gfLog[y]]
}

// rsDivisor returns the Reed-Solomon generator polynomial of the degree,
// coefficients from the highest power down, the leading 1 omitted.
func rsDivisor(degree int) []byte {
	out := make([]byte, degree)
	out[degree-1] = 1
	root := byte(1)
	for i := 0; i < degree; i++ {
		for j := range out {
			out[j] = gfMul(out[j], root)
			if j+1 < len(out) {
				out[j] ^= out[j+1]
			}
		}
		root = gfMul(root, 0x02)
	}
	return out
}

// rsRemainder returns the error correction codewords of data: the
// remainder of its polynomial divided by the divisor.
func rsRemainder(data, divisor []byte) []byte {
	out := make([]byte, len(divisor))
	for _, b := range data {
		factor := b ^ out[0]
		copy(out, out[1:])
		out[len(out)-1] = 0
		if factor == 0 {
			continue
		}
		lf := gfLog[factor]
		for i, d := range divisor {
			if d != 0 {
				out[i] ^= gfExp[gfLog[d]+lf]
			}
		}
	}
	return out
}
