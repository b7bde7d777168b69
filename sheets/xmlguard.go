package sheets

import (
	"bytes"
	"errors"
	"io"
)

// Errors of the XML guard.
var (
	errTokenTooLong = errors.New("an XML token is longer than the limit")
	errDirective    = errors.New("the XML holds a document type or another directive")
)

// xmlGuard passes an XML stream through unchanged but fails as soon as
// one token (a run of text, a tag, a comment, a CDATA section, a
// processing instruction) grows longer than max bytes, or the stream
// holds a directive such as a document type. encoding/xml gathers a whole token in memory
// before it returns it, so without the guard one gigabyte-long cell
// would be read into memory at once (and copied several times).
type xmlGuard struct {
	r     io.Reader
	max   int
	n     int // bytes of the current token so far
	state guardState
	bang  []byte  // what follows "<!", up to the length of "[CDATA["
	prev  [2]byte // the last two bytes of the token, for its end
	// opened is set when a comment, CDATA section or processing
	// instruction has just begun: its end is looked for after its start.
	opened bool
}

type guardState uint8

const (
	gText    guardState = iota
	gLt                 // after "<"
	gTag                // inside a tag
	gDQ                 // in a double-quoted attribute value
	gSQ                 // in a single-quoted attribute value
	gBang               // after "<!"
	gComment            // inside "<!--"
	gCDATA              // inside "<![CDATA["
	gPI                 // inside "<?"
)

func newXMLGuard(r io.Reader, max int) *xmlGuard {
	return &xmlGuard{r: r, max: max, bang: make([]byte, 0, 8)}
}

func (g *xmlGuard) Read(p []byte) (int, error) {
	n, err := g.r.Read(p)
	if gerr := g.scan(p[:n]); gerr != nil {
		return 0, gerr
	}
	return n, err
}

// scan follows the tokens of b.
func (g *xmlGuard) scan(b []byte) error {
	for i := 0; i < len(b); i++ {
		if g.state == gText {
			// Fast path: jump to the next tag.
			j := bytes.IndexByte(b[i:], '<')
			if j < 0 {
				g.n += len(b) - i
				break
			}
			g.n += j
			if g.n > g.max {
				return errTokenTooLong
			}
			i += j
			g.n, g.state = 1, gLt
			continue
		}
		c := b[i]
		g.n++
		if g.n > g.max {
			return errTokenTooLong
		}
		if err := g.step(c); err != nil {
			return err
		}
		g.prev[0], g.prev[1] = g.prev[1], c
		if g.opened {
			g.prev, g.opened = [2]byte{}, false
		}
	}
	if g.n > g.max {
		return errTokenTooLong
	}
	return nil
}

// step moves the state machine on by one byte outside text.
func (g *xmlGuard) step(c byte) error {
	switch g.state {
	case gLt:
		switch c {
		case '!':
			g.state, g.bang = gBang, g.bang[:0]
		case '?':
			g.state, g.opened = gPI, true
		case '>':
			g.end()
		default:
			g.state = gTag
		}
	case gTag:
		switch c {
		case '"':
			g.state = gDQ
		case '\'':
			g.state = gSQ
		case '>':
			g.end()
		}
	case gDQ:
		if c == '"' {
			g.state = gTag
		}
	case gSQ:
		if c == '\'' {
			g.state = gTag
		}
	case gBang:
		return g.stepBang(c)
	case gComment:
		if c == '>' && g.prev == [2]byte{'-', '-'} {
			g.end()
		}
	case gCDATA:
		if c == '>' && g.prev == [2]byte{']', ']'} {
			g.end()
		}
	case gPI:
		if c == '>' && g.prev[1] == '?' {
			g.end()
		}
	}
	return nil
}

// stepBang tells a comment and a CDATA section from a directive, which
// xlsx parts never hold (a document type could declare entities).
func (g *xmlGuard) stepBang(c byte) error {
	g.bang = append(g.bang, c)
	s := string(g.bang)
	switch {
	case s == "--":
		g.state, g.opened = gComment, true
	case s == "[CDATA[":
		g.state, g.opened = gCDATA, true
	case s == "-" || hasPrefix("[CDATA[", s):
	default:
		return errDirective
	}
	return nil
}

func hasPrefix(s, prefix string) bool { return len(s) >= len(prefix) && s[:len(prefix)] == prefix }

// end closes the current token.
func (g *xmlGuard) end() { g.state, g.n = gText, 0 }
