package qr

// encoder lays out the modules of one symbol.
type encoder struct {
	version  int
	size     int
	modules  []uint8 // 1 for a dark module, row-major
	function []bool  // modules of the function patterns, which masks skip

}

func newEncoder(version int) *encoder {
	size := version*4 + 17
	return &encoder{version: version, size: size, modules: make([]uint8, size*size), function: make([]bool, size*size)}
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
	bits := formatBits(level, mask)
	for _, f := range formatModules(e.size) {
		e.set(f.x, f.y, f.bit < 0 || bits>>uint(f.bit)&1 != 0)
	}
}

// formatBits is the 15-bit format information: the level and mask with
// their BCH code, masked.
func formatBits(level Level, mask int) int {
	data := level.formatBits()<<3 | mask
	rem := data
	for i := 0; i < 10; i++ {
		rem = rem<<1 ^ (rem>>9)*0x537
	}
	return (data<<10 | rem) ^ 0x5412
}

// formatModule is a module of the format information: bit is the bit of
// formatBits it shows, -1 for the dark module.
type formatModule struct{ x, y, bit int }

// formatModules lists the modules of both copies of the format
// information, and the dark module, of a symbol size modules wide.
func formatModules(size int) []formatModule {
	out := make([]formatModule, 0, 31)
	for i := 0; i <= 5; i++ {
		out = append(out, formatModule{8, i, i})
	}
	out = append(out, formatModule{8, 7, 6}, formatModule{8, 8, 7}, formatModule{7, 8, 8})
	for i := 9; i < 15; i++ {
		out = append(out, formatModule{14 - i, 8, i})
	}
	for i := 0; i < 8; i++ {
		out = append(out, formatModule{size - 1 - i, 8, i})
	}
	for i := 8; i < 15; i++ {
		out = append(out, formatModule{8, size - 15 + i, i})
	}
	return append(out, formatModule{8, size - 8, -1})
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

func abs(x int) int {
	if x < 0 {
		return -x
	}
	return x
}
