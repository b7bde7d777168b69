package printing

// The Windows spooler's printer status and attribute flags
// (PRINTER_INFO_2), decoded on every system so that it is tested.
const (
	statusPaused         = 0x00000001
	statusError          = 0x00000002
	statusPendingDelete  = 0x00000004
	statusPaperJam       = 0x00000008
	statusPaperOut       = 0x00000010
	statusOffline        = 0x00000080
	statusPrinting       = 0x00000400
	statusNotAvailable   = 0x00001000
	statusNoToner        = 0x00040000
	statusUserNeeded     = 0x00100000
	statusDoorOpen       = 0x00400000
	attributeDefault     = 0x00000004
	attributeWorkOffline = 0x00000400
)

// spoolerState turns a printer's status and attributes into its state
// and, when stopped, the reason.
func spoolerState(status, attributes uint32) (State, string) {
	for _, s := range []struct {
		flag   uint32
		reason string
	}{
		{statusPaused, "paused"}, {statusOffline, "offline"}, {statusNotAvailable, "not available"},
		{statusPendingDelete, "being deleted"}, {statusPaperJam, "paper jam"}, {statusPaperOut, "out of paper"},
		{statusNoToner, "out of toner"}, {statusDoorOpen, "door open"}, {statusUserNeeded, "needs attention"},
		{statusError, "error"},
	} {
		if status&s.flag != 0 {
			return Stopped, s.reason
		}
	}
	if attributes&attributeWorkOffline != 0 {
		return Stopped, "set to work offline"
	}
	if status&statusPrinting != 0 {
		return Printing, ""
	}
	return Idle, ""
}
