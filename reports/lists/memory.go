package lists

import (
	"runtime/debug"
	"sync"
)

// largeDoc is the number of pages from which a document is large enough
// for its memory to matter: a 40,630-row roster has about 3,500 pages.
const largeDoc = 100

// gcPercentLarge is the garbage collector's heap growth (GOGC) while a
// large document is turned into PDF.
const gcPercentLarge = 50

// tight counts the large documents being written, to restore the
// collector's setting when the last one is done.
var tight struct {
	sync.Mutex
	n   int
	old int
}

// tightenGC lowers the collector's heap growth until the returned function
// is called. At the end of a large document pdfkit's recording, gofpdf's
// pages and the file gofpdf assembles are all in memory at once (about
// 150 MB live for 40,630 rows) and at the default GOGC of 100 the heap
// would grow to twice that before a collection; at 50 the roster's peak
// drops from about 380 MB to about 260 MB for a few more collections. The
// setting is the process's: calls may overlap, and the last to finish
// restores the value found by the first.
func tightenGC() (release func()) {
	tight.Lock()
	defer tight.Unlock()
	if tight.n == 0 {
		tight.old = debug.SetGCPercent(gcPercentLarge)
		if tight.old >= 0 && tight.old < gcPercentLarge { // already tighter, or off (-1): leave it
			debug.SetGCPercent(tight.old)
		}
	}
	tight.n++
	return func() {
		tight.Lock()
		defer tight.Unlock()
		tight.n--
		if tight.n == 0 {
			debug.SetGCPercent(tight.old)
		}
	}
}
