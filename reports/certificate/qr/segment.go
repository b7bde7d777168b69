package qr

// Segments: a QR code's data is a sequence of segments, each in a mode.
// Digits in numeric mode take 3⅓ bits each, the 45 characters of
// alphanumeric mode (0-9, A-Z, space and $%*+-./:) 5½ bits, anything else
// 8 bits a byte. Encode splits the data into the segments that make the
// shortest bit stream, so that a long run of digits (a signature written
// in decimal) or of capitals costs far less than in byte mode, while text
// in Chinese stays in byte mode (UTF-8) as every reader expects.

// mode is a segment's mode.
type mode int

const (
	numeric mode = iota
	alnum
	byteMode
)

// indicator is the mode's four-bit code.
func (m mode) indicator() uint32 { return [...]uint32{0x1, 0x2, 0x4}[m] }

// countBits is the width of the segment's character count in a version.
func (m mode) countBits(version int) int {
	group := 0
	switch {
	case version >= 27:
		group = 2
	case version >= 10:
		group = 1
	}
	return [3][3]int{{10, 12, 14}, {9, 11, 13}, {8, 16, 16}}[m][group]
}

// alnumChars are the characters of alphanumeric mode, by their value.
const alnumChars = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ $%*+-./:"

var alnumValue = func() (v [256]int8) {
	for i := range v {
		v[i] = -1
	}
	for i := range len(alnumChars) {
		v[alnumChars[i]] = int8(i)
	}
	return
}()

// fits reports whether byte c can be written in mode m.
func (m mode) fits(c byte) bool {
	switch m {
	case numeric:
		return c >= '0' && c <= '9'
	case alnum:
		return alnumValue[c] >= 0
	}
	return true
}

// bits is the length of n characters' data in mode m.
func (m mode) bits(n int) int {
	switch m {
	case numeric:
		return 10*(n/3) + [3]int{0, 4, 7}[n%3]
	case alnum:
		return 11*(n/2) + 6*(n%2)
	}
	return 8 * n
}

// segment is a run of the data in one mode.
type segment struct {
	mode mode
	data []byte
}

// segments splits data into the segments that make the shortest bit
// stream in a version: a shortest path over the bytes, each written in any
// mode that can hold it, a change of mode costing a new segment's header.
// Costs are in sixths of a bit, so that 3⅓ and 5½ are whole.
func segments(data []byte, version int) []segment {
	if len(data) == 0 {
		return nil
	}
	const modes = 3
	charCost := [modes]int{20, 33, 48}
	header := func(m mode) int { return 6 * (4 + m.countBits(version)) }
	const inf = 1 << 30
	cost := make([][modes]int, len(data)+1)
	from := make([][modes]mode, len(data)+1) // the mode of the byte before
	for i, c := range data {
		for m := range mode(modes) {
			cost[i+1][m] = inf
			if !m.fits(c) {
				continue
			}
			if i == 0 {
				cost[1][m], from[1][m] = header(m)+charCost[m], m
				continue
			}
			for prev := range mode(modes) {
				k := cost[i][prev] + charCost[m]
				if prev != m {
					k += header(m)
				}
				if k < cost[i+1][m] {
					cost[i+1][m], from[i+1][m] = k, prev
				}
			}
		}
	}
	m := byteMode
	for k := range mode(modes) {
		if cost[len(data)][k] < cost[len(data)][m] {
			m = k
		}
	}
	modesOf := make([]mode, len(data))
	for i := len(data); i > 0; i-- {
		modesOf[i-1] = m
		m = from[i][m]
	}
	var segs []segment
	for i := 0; i < len(data); {
		j := i + 1
		for j < len(data) && modesOf[j] == modesOf[i] {
			j++
		}
		segs = append(segs, segment{modesOf[i], data[i:j]})
		i = j
	}
	return segs
}

// segmentsBits is the length of the segments' bit stream in a version, or
// a huge number when a segment is too long for its count field.
func segmentsBits(segs []segment, version int) int {
	n := 0
	for _, s := range segs {
		if len(s.data) >= 1<<s.mode.countBits(version) {
			return 1 << 30
		}
		n += 4 + s.mode.countBits(version) + s.mode.bits(len(s.data))
	}
	return n
}

// appendSegment writes a segment's header and data.
func (b *bitBuffer) appendSegment(s segment, version int) {
	b.append(s.mode.indicator(), 4)
	b.append(uint32(len(s.data)), s.mode.countBits(version))
	d := s.data
	switch s.mode {
	case numeric:
		for len(d) > 0 {
			n := min(3, len(d))
			v := uint32(0)
			for _, c := range d[:n] {
				v = v*10 + uint32(c-'0')
			}
			b.append(v, [4]int{0, 4, 7, 10}[n])
			d = d[n:]
		}
	case alnum:
		for ; len(d) >= 2; d = d[2:] {
			b.append(uint32(alnumValue[d[0]])*45+uint32(alnumValue[d[1]]), 11)
		}
		if len(d) == 1 {
			b.append(uint32(alnumValue[d[0]]), 6)
		}
	default:
		for _, c := range d {
			b.append(uint32(c), 8)
		}
	}
}
