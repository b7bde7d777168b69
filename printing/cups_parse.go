package printing

import (
	"regexp"
	"strings"
)

// Parsing what CUPS's commands print, run with LANG=C. Kept apart from
// running them so that it is tested on every system.

var (
	// lpstat -l -p: "printer HP is idle.  enabled since ...", "printer HP
	// now printing HP-3.  enabled since ...", "printer HP disabled since
	// ... -", followed by indented lines: the reason, "Description: ...".
	printerLine = regexp.MustCompile(`^printer (\S+) (?:is (idle)|now (printing)|(disabled))`)
	// lpstat -a: "HP accepting requests since ...", "HP not accepting
	// requests since ... -".
	acceptLine = regexp.MustCompile(`^(\S+) (not )?accepting requests`)
	// lpstat -d: "system default destination: HP".
	defaultLine = regexp.MustCompile(`^system default destination: (\S+)`)
)

// parseLpstat reads the outputs of lpstat -l -p, lpstat -a and lpstat -d
// into the printers, in the order lpstat lists them.
func parseLpstat(printersOut, acceptOut, defaultOut string) []Printer {
	var list []Printer
	var cur *Printer
	for _, line := range strings.Split(printersOut, "\n") {
		if m := printerLine.FindStringSubmatch(line); m != nil {
			list = append(list, Printer{Name: m[1], State: Idle, Accepting: true})
			cur = &list[len(list)-1]
			switch {
			case m[3] != "":
				cur.State = Printing
			case m[4] != "":
				cur.State = Stopped
				cur.Reason = "paused"
			}
			continue
		}
		if cur == nil || !strings.HasPrefix(line, "\t") {
			continue
		}
		text := strings.TrimSpace(line)
		switch {
		case strings.HasPrefix(text, "Description:"):
			cur.Description = strings.TrimSpace(strings.TrimPrefix(text, "Description:"))
		case strings.HasPrefix(text, "Alerts:") && strings.Contains(text, "offline"):
			// printer-state-reasons offline-report: the device does not answer.
			cur.State, cur.Reason = Stopped, "offline"
		case cur.State == Stopped && cur.Reason == "paused" && text != "" && !strings.Contains(text, ":"):
			cur.Reason = text // the reason a disabled printer gives, "Paused" or the backend's message
		}
	}
	index := map[string]int{}
	for i, p := range list {
		index[p.Name] = i
	}
	for _, line := range strings.Split(acceptOut, "\n") {
		if m := acceptLine.FindStringSubmatch(line); m != nil {
			if i, ok := index[m[1]]; ok {
				list[i].Accepting = m[2] == ""
			}
		}
	}
	if m := defaultLine.FindStringSubmatch(strings.TrimSpace(defaultOut)); m != nil {
		if i, ok := index[m[1]]; ok {
			list[i].Default = true
		}
	}
	return list
}

// parseOptions reads lpoptions -l: the choices of the printer's PageSize
// (or media) and whether it has a Duplex option with a two-sided choice.
func parseOptions(out string) (papers []string, duplex bool) {
	for _, line := range strings.Split(out, "\n") {
		name, choices, ok := strings.Cut(line, ":")
		if !ok {
			continue
		}
		key, _, _ := strings.Cut(name, "/")
		switch strings.ToLower(strings.TrimSpace(key)) {
		case "pagesize", "media":
			for _, c := range strings.Fields(choices) {
				papers = append(papers, strings.TrimPrefix(c, "*"))
			}
		case "duplex", "sides", "kmduplex", "ef-duplex":
			for _, c := range strings.Fields(choices) {
				c = strings.ToLower(strings.TrimPrefix(c, "*"))
				if strings.Contains(c, "tumble") || strings.Contains(c, "two-sided") || c == "on" || c == "duplex" {
					duplex = true
				}
			}
		}
	}
	return papers, duplex
}

// hasPaper reports whether the paper (A4) is among the choices, which may
// be the PPD's names (A4, A4.Fullbleed) or IPP's (iso_a4_210x297mm).
func hasPaper(papers []string, paper string) bool {
	want := strings.ToLower(paper)
	for _, p := range papers {
		p = strings.ToLower(p)
		if p == want || strings.HasPrefix(p, want+".") || strings.HasPrefix(p, "iso_"+want+"_") {
			return true
		}
	}
	return false
}
