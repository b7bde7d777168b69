package printing

import (
	"strings"
	"testing"
)

func TestParseLpstat(t *testing.T) {
	ps := "printer HP is idle.  enabled since Mon Dec  7 00:04:04 2026\n" +
		"\tForm mounted:\n\tDescription: 办公室 HP\n\tAlerts: none\n" +
		"printer Canon now printing Canon-3.  enabled since Mon Dec  7 00:04:04 2026\n\tDescription: Canon\n" +
		"printer Old disabled since Mon Dec  7 00:04:15 2026 -\n\tPaused\n\tDescription: old one\n" +
		"printer Net is idle.  enabled since Mon Dec  7 00:04:04 2026\n\tAlerts: offline-report\n"
	acc := "HP accepting requests since Mon Dec  7 00:04:04 2026\nCanon not accepting requests since Mon Dec  7 00:04:04 2026 -\n\tRejecting Jobs\n" +
		"Old accepting requests since x\nNet accepting requests since x\n"
	list := parseLpstat(ps, acc, "system default destination: Canon\n")
	want := []Printer{
		{Name: "HP", Description: "办公室 HP", State: Idle, Accepting: true},
		{Name: "Canon", Description: "Canon", State: Printing, Default: true},
		{Name: "Old", Description: "old one", State: Stopped, Reason: "Paused", Accepting: true},
		{Name: "Net", State: Stopped, Reason: "offline", Accepting: true},
	}
	if len(list) != len(want) {
		t.Fatalf("%+v", list)
	}
	for i := range want {
		if list[i] != want[i] {
			t.Errorf("printer %d: %+v, want %+v", i, list[i], want[i])
		}
	}
	if len(parseLpstat("", "", "no system default destination")) != 0 {
		t.Error("printers from nothing")
	}
	if _, err := choose(list[:1], ""); err == nil || !strings.Contains(err.Error(), "No default printer") {
		t.Errorf("no default printer: %v", err)
	}
	if p, err := choose(list, ""); err == nil || p.Name != "" {
		t.Errorf("the default printer refuses jobs: %+v %v", p, err)
	}
	if p, err := choose(list, "hp"); err != nil || p.Name != "HP" {
		t.Errorf("hp: %+v %v", p, err)
	}
	for _, name := range []string{"Old", "Net", "Canon"} {
		if _, err := choose(list, name); err == nil {
			t.Errorf("%s can print", name)
		}
	}
}

func TestParseOptions(t *testing.T) {
	papers, duplex := parseOptions("PageSize/Media Size: *A4 A3 Letter\nPageRegion/Media Size: A4 A3\nDuplex/2-Sided Printing: *None DuplexNoTumble DuplexTumble\n")
	if len(papers) != 3 || papers[0] != "A4" || !duplex || !hasPaper(papers, "a3") || hasPaper(papers, "A5") {
		t.Errorf("%v %v", papers, duplex)
	}
	papers, duplex = parseOptions("media/Media: *iso_a4_210x297mm na_letter_8.5x11in\nsides/2-Sided: *one-sided\n")
	if duplex || !hasPaper(papers, "A4") {
		t.Errorf("IPP names: %v %v", papers, duplex)
	}
}

func TestSpoolerState(t *testing.T) {
	for _, c := range []struct {
		status, attrs uint32
		state         State
		reason        string
	}{
		{0, 0, Idle, ""},
		{statusPrinting, 0, Printing, ""},
		{statusPaused | statusPrinting, 0, Stopped, "paused"},
		{statusOffline, 0, Stopped, "offline"},
		{statusPaperOut, 0, Stopped, "out of paper"},
		{0, attributeWorkOffline, Stopped, "set to work offline"},
	} {
		if s, r := spoolerState(c.status, c.attrs); s != c.state || r != c.reason {
			t.Errorf("%#x %#x: %s %q, want %s %q", c.status, c.attrs, s, r, c.state, c.reason)
		}
	}
}
