package kit

// Latest tells the latest of a series of loads from the ones it replaced.
// A screen takes a Ticket with Next when it starts a load and, when the
// result arrives, uses it only while the ticket is Current: a load the
// user has moved on from (another course chosen, the filter typed on) is
// dropped. Use it on the UI thread only; its zero value is ready.
type Latest struct{ n uint64 }

// Ticket identifies one load of a Latest.
type Ticket struct {
	l *Latest
	n uint64
}

// Next starts a load, making every earlier one stale.
func (l *Latest) Next() Ticket {
	l.n++
	return Ticket{l, l.n}
}

// Drop makes the load in flight stale, without starting another.
func (l *Latest) Drop() { l.n++ }

// Current reports whether no load was started (or dropped) since the
// ticket's.
func (t Ticket) Current() bool { return t.l != nil && t.l.n == t.n }
