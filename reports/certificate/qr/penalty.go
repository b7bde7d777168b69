package qr

import (
	"math/bits"
	"sync"
)

// Mask choice. Each of the eight masks is scored by the standard's
// penalty rules on the rows and columns packed 64 modules to a word: the
// unmasked symbol is packed once, and each mask is a XOR with its packed
// pattern, which depends on the version only and is made once per process.

// Penalty weights of the standard's mask evaluation.
const (
	penaltyN1 = 3
	penaltyN2 = 3
	penaltyN3 = 40
	penaltyN4 = 10
)

// template is what every symbol of a version shares: the function
// patterns (format information aside), which modules they take, and the
// mask patterns, as bytes and packed by rows and by columns.
type template struct {
	modules  []uint8
	function []bool
	format   []formatModule
	words    int
	masks    [8][]uint8
	rows     [8][]uint64
	cols     [8][]uint64
}

var templates [41]struct {
	once sync.Once
	t    *template
}

// templateFor returns the version's template, made on first use.
func templateFor(version int) *template {
	v := &templates[version]
	v.once.Do(func() {
		e := newEncoder(version)
		e.drawFunctionPatterns()
		t := &template{modules: e.modules, function: e.function, format: formatModules(e.size), words: (e.size + 63) / 64}
		for m := range t.masks {
			t.masks[m] = e.maskPattern(m)
			t.rows[m], t.cols[m] = pack(t.masks[m], e.size, t.words)
		}
		v.t = t
	})
	return v.t
}

// pack packs a symbol's modules by rows and by columns, w words each.
func pack(modules []uint8, n, w int) (rows, cols []uint64) {
	rows, cols = make([]uint64, n*w), make([]uint64, n*w)
	for y := 0; y < n; y++ {
		for x, b := range modules[y*n : (y+1)*n] {
			rows[y*w+x>>6] |= uint64(b) << uint(x&63)
			cols[x*w+y>>6] |= uint64(b) << uint(y&63)
		}
	}
	return rows, cols
}

// chooseMask returns the mask with the lowest penalty for the symbol's
// modules (data drawn, no mask applied) at the level.
func chooseMask(t *template, modules []uint8, n int, level Level) int {
	w := t.words
	rows, cols := pack(modules, n, w)
	mrows, mcols := make([]uint64, len(rows)), make([]uint64, len(cols))
	best, bestScore := 0, -1
	for m := 0; m < 8; m++ {
		for i := range rows {
			mrows[i] = rows[i] ^ t.rows[m][i]
			mcols[i] = cols[i] ^ t.cols[m][i]
		}
		fb := formatBits(level, m)
		for _, f := range t.format {
			dark := f.bit < 0 || fb>>uint(f.bit)&1 != 0
			setBit(mrows[f.y*w:], f.x, dark)
			setBit(mcols[f.x*w:], f.y, dark)
		}
		if s := packedPenalty(mrows, mcols, n, w); bestScore < 0 || s < bestScore {
			best, bestScore = m, s
		}
	}
	return best
}

func setBit(line []uint64, i int, v bool) {
	if v {
		line[i>>6] |= 1 << uint(i&63)
	} else {
		line[i>>6] &^= 1 << uint(i&63)
	}
}

// penalty scores the encoder's symbol as it stands.
func (e *encoder) penalty() int {
	w := (e.size + 63) / 64
	rows, cols := pack(e.modules, e.size, w)
	return packedPenalty(rows, cols, e.size, w)
}

// packedPenalty scores a symbol n modules wide, packed by rows and by
// columns: runs of one colour, 2×2 blocks, finder-like patterns and the
// balance of dark and light.
func packedPenalty(rows, cols []uint64, n, w int) int {
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

// linePenalty scores one row or column, n modules packed in bits (at
// most 192): runs of five or more modules of one colour (3 points, and 1
// more for each module past five), and finder-like patterns 1:1:3:1:1
// with four light modules on one side (40 points), the light border
// around the symbol counting as light.
func linePenalty(line []uint64, n int) int {
	var x [4]uint64 // the line, a zero word after it
	copy(x[:], line)
	w := len(line)
	// Runs of five or more: a window of five equal modules starts at each
	// bit of win; a run of length L holds L-4 windows and scores L-2.
	var win [3]uint64
	for i := 0; i < w; i++ {
		var eq [4]uint64 // bit j of eq[k]: modules j+k and j+k+1 are equal
		for k := 0; k < 4; k++ {
			eq[k] = ^(shr(&x, i, k) ^ shr(&x, i, k+1))
		}
		win[i] = eq[0] & eq[1] & eq[2] & eq[3]
		if lim := n - 4 - i*64; lim < 64 { // windows start at 0 to n-5
			win[i] &= 1<<uint(max(lim, 0)) - 1
		}
	}
	score := 0
	for i := 0; i < w; i++ {
		var prev uint64
		if i > 0 {
			prev = win[i-1] >> 63
		}
		starts := win[i] &^ (win[i]<<1 | prev)
		score += bits.OnesCount64(win[i])*(penaltyN1-2) + bits.OnesCount64(starts)*2
	}
	// Finder-like patterns, in the history of the last seven runs (h0 the
	// newest), checked after each light run. Runs alternate light, dark,
	// ..., light, the first and last light runs taking in the border.
	var h1, h2, h3, h4, h5, h6 int
	last, light, first := 0, true, true
	for i := 0; i <= w && i < 4; i++ {
		var carry uint64
		if i > 0 {
			carry = x[i-1] >> 63
		}
		t := x[i] ^ (x[i]<<1 | carry) // a run starts at each bit
		for t != 0 {
			pos := i*64 + bits.TrailingZeros64(t)
			t &= t - 1
			run := pos - last
			if first {
				run, first = run+n, false
			}
			if light {
				score += finderLike(run, h1, h2, h3, h4, h5, h6)
			}
			h1, h2, h3, h4, h5, h6 = run, h1, h2, h3, h4, h5
			last, light = pos, !light
		}
	}
	// The last run is light (the border after a dark one).
	run := n - last + n
	if first {
		run += n
	}
	return score + finderLike(run, h1, h2, h3, h4, h5, h6)
}

// shr returns word i of the line shifted right by k bits (k < 64).
func shr(x *[4]uint64, i, k int) uint64 {
	if k == 0 {
		return x[i]
	}
	return x[i]>>uint(k) | x[i+1]<<uint(64-k)
}

// finderLike scores the runs h0 (light, the newest) to h6 for the
// finder-like pattern dark 1, light 1, dark 3, light 1, dark 1 units of
// h1, with at least four units of light on one side and one on the other.
func finderLike(h0, h1, h2, h3, h4, h5, h6 int) int {
	c := h1
	if c == 0 || h2 != c || h3 != 3*c || h4 != c || h5 != c {
		return 0
	}
	out := 0
	if h0 >= 4*c && h6 >= c {
		out += penaltyN3
	}
	if h6 >= 4*c && h0 >= c {
		out += penaltyN3
	}
	return out
}
