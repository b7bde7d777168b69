package qr

import "math/bits"

// encoder lays out the modules of one symbol.
type encoder struct {
	version  int
	size     int
	modules  []uint8 // 1 for a dark module, row-major
	function []bool  // modules of the function patterns, which masks skip

	words      int      // 64-bit words per packed row or column
	rows, cols []uint64 // packed modules, for the penalty
}

func newEncoder(version int) *encoder {
	size := version*4 + 17
	words := (size + 63) / 64
	return &encoder{version: version, size: size, modules: make([]uint8, size*size), function: make([]bool, size*size),
		words: words, rows: make([]uint64, size*words), cols: make([]uint64, size*words)}
}

// set sets a function module.
func (e *encoder) set(x, y int, dark bool) {
	e.modules[y*e.size+x] = b2u(dark)
	e.function[y*e.size+x] = true
}

// drawFunctionPatterns draws the timing, finder and alignment patterns
// and the version information, and reserves the format information.
func (e *encoder) drawFunctionPatterns() {
	for i := 0; i < e.size; i++ {
		e.set(6, i, i%2 == 0)
		e.set(i, 6, i%2 == 0)
	}
	e.drawFinder(3, 3)
	e.drawFinder(e.size-4, 3)
	e.drawFinder(3, e.size-4)
	pos := alignmentPositions(e.version)
	n := len(pos)
	for i, x := range pos {
		for j, y := range pos {
			if i == 0 && j == 0 || i == 0 && j == n-1 || i == n-1 && j == 0 {
				continue // the finders' corners
			}
			for dy := -2; dy <= 2; dy++ {
				for dx := -2; dx <= 2; dx++ {
					e.set(x+dx, y+dy, max(abs(dx), abs(dy)) != 1)
				}
			}
		}
	}
	e.drawFormatBits(0, 0) // reserves the modules; drawn for real later
	e.drawVersion()
}

// drawFinder draws a finder pattern with its separator, centred at x, y.
func (e *encoder) drawFinder(x, y int) {
	for dy := -4; dy <= 4; dy++ {
		for dx := -4; dx <= 4; dx++ {
			xx, yy := x+dx, y+dy
			if xx >= 0 && xx < e.size && yy >= 0 && yy < e.size {
				d := max(abs(dx), abs(dy))
				e.set(xx, yy, d != 2 && d != 4)
			}
		}
	}
}

// alignmentPositions lists the centres of the alignment patterns on each
// axis, in ascending order.
func alignmentPositions(version int) []int {
	if version == 1 {
		return nil
	}
	n := version/7 + 2
	step := (version*8 + n*3 + 5) / (n*4 - 4) * 2
	out := make([]int, n)
	out[0] = 6
	for i, pos := n-1, version*4+17-7; i >= 1; i, pos = i-1, pos-step {
		out[i] = pos
	}
	return out
}

// drawFormatBits draws both copies of the format information for the
// level and mask, and the dark module.
func (e *encoder) drawFormatBits(level Level, mask int) {
	data := level.formatBits()<<3 | mask
	rem := data
	for i := 0; i < 10; i++ {
		rem = rem<<1 ^ (rem>>9)*0x537
	}
	bits := (data<<10 | rem) ^ 0x5412
	bit := func(i int) bool { return bits>>uint(i)&1 != 0 }
	for i := 0; i <= 5; i++ {
		e.set(8, i, bit(i))
	}
	e.set(8, 7, bit(6))
	e.set(8, 8, bit(7))
	e.set(7, 8, bit(8))
	for i := 9; i < 15; i++ {
		e.set(14-i, 8, bit(i))
	}
	for i := 0; i < 8; i++ {
		e.set(e.size-1-i, 8, bit(i))
	}
	for i := 8; i < 15; i++ {
		e.set(8, e.size-15+i, bit(i))
	}
	e.set(8, e.size-8, true)
}

// drawVersion draws both copies of the version information (version 7
// and up).
func (e *encoder) drawVersion() {
	if e.version < 7 {
		return
	}
	rem := e.version
	for i := 0; i < 12; i++ {
		rem = rem<<1 ^ (rem>>11)*0x1F25
	}
	bits := e.version<<12 | rem
	for i := 0; i < 18; i++ {
		dark := bits>>uint(i)&1 != 0
		a, b := e.size-11+i%3, i/3
		e.set(a, b, dark)
		e.set(b, a, dark)
	}
}

// drawCodewords places the codewords' bits in the zigzag order of the
// standard, skipping function modules; remainder bits stay light.
func (e *encoder) drawCodewords(data []byte) {
	i, n := 0, len(data)*8
	for right := e.size - 1; right >= 1; right -= 2 {
		if right == 6 {
			right = 5
		}
		upward := (right+1)&2 == 0
		for vert := 0; vert < e.size; vert++ {
			y := vert
			if upward {
				y = e.size - 1 - vert
			}
			for j := 0; j < 2; j++ {
				k := y*e.size + right - j
				if !e.function[k] && i < n {
					e.modules[k] = data[i>>3] >> uint(7-i&7) & 1
					i++
				}
			}
		}
	}
}

// maskPattern returns the modules mask inverts: those the mask's
// condition holds for, function modules excluded.
func (e *encoder) maskPattern(mask int) []uint8 {
	var cond func(x, y int) bool
	switch mask {
	case 0:
		cond = func(x, y int) bool { return (x+y)%2 == 0 }
	case 1:
		cond = func(x, y int) bool { return y%2 == 0 }
	case 2:
		cond = func(x, y int) bool { return x%3 == 0 }
	case 3:
		cond = func(x, y int) bool { return (x+y)%3 == 0 }
	case 4:
		cond = func(x, y int) bool { return (x/3+y/2)%2 == 0 }
	case 5:
		cond = func(x, y int) bool { return x*y%2+x*y%3 == 0 }
	case 6:
		cond = func(x, y int) bool { return (x*y%2+x*y%3)%2 == 0 }
	default:
		cond = func(x, y int) bool { return ((x+y)%2+x*y%3)%2 == 0 }
	}
	out := make([]uint8, len(e.modules))
	for y := 0; y < e.size; y++ {
		for x := 0; x < e.size; x++ {
			k := y*e.size + x
			out[k] = b2u(!e.function[k] && cond(x, y))
		}
	}
	return out
}

// applyMask XORs the data modules with a mask pattern; applying it twice
// undoes it.
func (e *encoder) applyMask(pattern []uint8) {
	for k, inv := range pattern {
		e.modules[k] ^= inv
	}
}

func b2u(b bool) uint8 {
	if b {
		return 1
	}
	return 0
}

// Penalty weights of the standard's mask evaluation.
const (
	penaltyN1 = 3
	penaltyN2 = 3
	penaltyN3 = 40
	penaltyN4 = 10
)

// penalty scores the symbol as it stands: runs of one colour, 2×2 blocks,
// finder-like patterns and the balance of dark and light. It works on the
// rows and columns packed into bits, a run or 64 modules at a time.
func (e *encoder) penalty() int {
	n, w := e.size, e.words
	rows, cols := e.rows, e.cols
	clear(rows)
	clear(cols)
	for y := 0; y < n; y++ {
		line := e.modules[y*n : (y+1)*n]
		for x, b := range line {
			rows[y*w+x>>6] |= uint64(b) << uint(x&63)
			cols[x*w+y>>6] |= uint64(b) << uint(y&63)
		}
	}
	score, dark := 0, 0
	for a := 0; a < n; a++ {
		score += linePenalty(rows[a*w:(a+1)*w], n) + linePenalty(cols[a*w:(a+1)*w], n)
		for _, v := range rows[a*w : (a+1)*w] {
			dark += bits.OnesCount64(v)
		}
	}
	for y := 0; y < n-1; y++ {
		r0, r1 := rows[y*w:(y+1)*w], rows[(y+1)*w:(y+2)*w]
		for i := 0; i < w; i++ {
			a, b := r0[i], r1[i]
			a1, b1 := a>>1, b>>1 // the modules one to the right
			if i+1 < w {
				a1 |= r0[i+1] << 63
				b1 |= r1[i+1] << 63
			}
			same := ^(a ^ a1) & ^(a ^ b) & ^(b ^ b1)
			if lim := n - 1 - i*64; lim < 64 { // 2×2 blocks start at columns 0 to n-2
				same &= 1<<uint(lim) - 1
			}
			score += bits.OnesCount64(same) * penaltyN2
		}
	}
	total := n * n
	k := (abs(dark*20-total*10)+total-1)/total - 1
	return score + k*penaltyN4
}

// linePenalty scores one row or column, n modules packed in bits: runs of
// five or more modules of one colour and finder-like patterns.
func linePenalty(line []uint64, n int) int {
	score := 0
	var h runHistory
	color, run := false, 0 // the light border before the line
	for pos := 0; pos < n; {
		dark := line[pos>>6]>>uint(pos&63)&1 != 0
		end := runEnd(line, pos, dark, n)
		length := end - pos
		if length >= 5 {
			score += penaltyN1 + length - 5
		}
		if dark == color { // a light first run
			run += length
		} else {
			h.add(run, n)
			if !color {
				score += h.finderLike() * penaltyN3
			}
			color, run = dark, length
		}
		pos = end
	}
	return score + h.terminate(color, run, n)*penaltyN3
}

// runEnd returns the first position after pos whose module differs from
// the colour at pos, or n.
func runEnd(line []uint64, pos int, dark bool, n int) int {
	i := pos >> 6
	v := line[i]
	if !dark {
		v = ^v
	}
	v >>= uint(pos & 63) // ones while the run lasts
	if v != ^uint64(0)>>uint(pos&63) {
		return min(n, pos+bits.TrailingZeros64(^v))
	}
	for i++; i < len(line); i++ {
		v := line[i]
		if !dark {
			v = ^v
		}
		if v != ^uint64(0) {
			return min(n, i*64+bits.TrailingZeros64(^v))
		}
	}
	return n
}

// runHistory holds the lengths of the last seven runs of a row or column,
// newest first, to find the 1:1:3:1:1 finder-like pattern with four light
// modules on either side.
type runHistory [7]int

func (h *runHistory) add(run, size int) {
	if h[0] == 0 {
		run += size // the light border before the row
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
	h.add(run+size, size) // the light border after the row
	return h.finderLike()
}

func abs(x int) int {
	if x < 0 {
		return -x
	}
	return x
}
