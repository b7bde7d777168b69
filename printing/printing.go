// Package printing sends PDF files straight to a printer, so that staff
// print a batch of certificates or a roster without opening a PDF viewer.
//
// On Linux (and the other Unix systems) it goes through CUPS with its own
// commands: lpstat lists the printers and their state, lp submits the
// job with the copies (-n), two-sided printing (-o sides=...) and paper
// (-o media=...) asked for. The job options are checked first against
// what the printer offers (lpoptions -l), so that a printer without a
// duplex unit or without A3 paper is a clear error, not a job printed
// otherwise. CUPS_SERVER, lpoptions defaults and the user's default
// printer are honoured as lp honours them.
//
// On Windows it goes through the print spooler by the default PDF
// program's "printto" verb (ShellExecute): Windows has no call that
// prints a PDF itself (the spooler only passes bytes on to printers that
// understand PDF, which most do not), while the program registered for
// PDF files (a viewer such as Adobe Reader or SumatraPDF) renders the
// pages, with their embedded font, for any printer. The printers and
// their state come from the spooler (EnumPrinters, GetDefaultPrinter).
// Copies are made by printing the file that many times; two-sided
// printing and paper follow the printer's own settings, which the verb
// cannot change: Print says so in the job's notes instead of failing.
//
// A printer that does not exist, is paused, offline or refusing jobs, or
// a print system that is not running, is an error that says so, returned
// within seconds: every command has a time limit, and nothing waits for
// the paper to come out.
package printing

import (
	"context"
	"strings"
	"time"

	"peiyang/models"
)

// State is a printer's state.
type State string

// The states.
const (
	Idle     State = "idle"
	Printing State = "printing"
	Stopped  State = "stopped" // paused, offline or in error
	Unknown  State = "unknown"
)

// Printer is a printer the system knows.
type Printer struct {
	Name        string `json:"name"`
	Description string `json:"description,omitempty"`
	Default     bool   `json:"default"`
	State       State  `json:"state"`
	Accepting   bool   `json:"accepting"` // takes new jobs
	Reason      string `json:"reason,omitempty"`
}

// Ready reports whether the printer takes and prints jobs now.
func (p Printer) Ready() bool { return p.Accepting && p.State != Stopped }

// Duplex is two-sided printing.
type Duplex string

// The duplex choices; "" is the printer's default.
const (
	OneSided  Duplex = "one-sided"
	LongEdge  Duplex = "two-sided-long-edge"  // pages turned like a book's
	ShortEdge Duplex = "two-sided-short-edge" // pages turned like a calendar's
)

// ParseDuplex reads a --duplex value: off, long or short (or the CUPS
// names); "" is the printer's default.
func ParseDuplex(s string) (Duplex, error) {
	switch strings.ToLower(strings.TrimSpace(s)) {
	case "":
		return "", nil
	case "off", "no", "one-sided":
		return OneSided, nil
	case "long", "on", "long-edge", "two-sided-long-edge":
		return LongEdge, nil
	case "short", "short-edge", "two-sided-short-edge":
		return ShortEdge, nil
	}
	return "", models.Errorf(models.EINVALID, "duplex", MsgBadDuplex, "Value", s)
}

// Options say where and how to print.
type Options struct {
	Printer string // the printer's name; "" for the default printer
	Copies  int    // 0 or 1 for one copy; at most MaxCopies
	Duplex  Duplex // "" for the printer's default
	Paper   string // A4, A3, A5...; "" for the printer's default
	Title   string // the job's name in the queue
}

// MaxCopies is the most copies one job prints.
const MaxCopies = 999

// Job is a print job submitted.
type Job struct {
	Printer string   `json:"printer"`
	ID      string   `json:"id"`              // the queue's name for it, e.g. HP-12
	Notes   []string `json:"notes,omitempty"` // options the system could not apply, in English
}

// Messages of printing's errors.
const (
	MsgNoPrinter    = "There is no printer called {{.Name}}. Run `peiyang printers` to see the printers."
	MsgNoDefault    = "No default printer is set: name one with --printer NAME (see `peiyang printers`)."
	MsgNoPrinters   = "No printer is installed on this computer."
	MsgStopped      = "The printer {{.Name}} is paused or offline ({{.Reason}}); resume it or choose another."
	MsgNotAccepting = "The printer {{.Name}} is not accepting jobs; resume it or choose another."
	MsgNoService    = "The print system is not running ({{.Detail}}): start it (on Linux the CUPS service) and try again."
	MsgTimeout      = "The print system did not answer within {{.Seconds}} seconds; check the printer and try again."
	MsgRefused      = "The print system refused the job: {{.Detail}}"
	MsgBadDuplex    = "{{.Value}} is not a duplex choice: give off, long or short."
	MsgBadCopies    = "The copies must be between 1 and 999, not {{.N}}."
	MsgNoDuplexUnit = "The printer {{.Name}} cannot print on both sides."
	MsgNoPaper      = "The printer {{.Name}} has no {{.Paper}} paper; it has {{.Has}}."
	MsgNoPDFProgram = "No program is installed to print PDF files: install a PDF viewer (such as Adobe Reader or SumatraPDF) and try again."
)

// timeout bounds every command or call.
const timeout = 20 * time.Second

// check checks the options that do not depend on the printer.
func (o Options) check() error {
	if o.Copies < 0 || o.Copies > MaxCopies {
		return models.Errorf(models.EINVALID, "copies", MsgBadCopies, "N", o.Copies)
	}
	return nil
}

// choose returns the printer the options name, or the default one, and
// checks that it can print now.
func choose(list []Printer, name string) (Printer, error) {
	if len(list) == 0 {
		if name != "" {
			return Printer{}, models.Errorf(models.ENOTFOUND, "printer", MsgNoPrinter, "Name", name)
		}
		return Printer{}, models.Errorf(models.ENOTFOUND, "printer", MsgNoPrinters)
	}
	var p *Printer
	for i := range list {
		if name == "" && list[i].Default || name != "" && strings.EqualFold(list[i].Name, name) {
			p = &list[i]
			if list[i].Name == name {
				break // an exact match wins over one that differs in case
			}
		}
	}
	switch {
	case p == nil && name == "":
		return Printer{}, models.Errorf(models.ENOTFOUND, "printer", MsgNoDefault)
	case p == nil:
		return Printer{}, models.Errorf(models.ENOTFOUND, "printer", MsgNoPrinter, "Name", name)
	case p.State == Stopped:
		reason := p.Reason
		if reason == "" {
			reason = "stopped"
		}
		return Printer{}, models.Errorf(models.ECONFLICT, "printer", MsgStopped, "Name", p.Name, "Reason", reason)
	case !p.Accepting:
		return Printer{}, models.Errorf(models.ECONFLICT, "printer", MsgNotAccepting, "Name", p.Name)
	}
	return *p, nil
}

// Print sends the PDF file to the printer the options name (the default
// one when they name none), after checking that it exists, can print now
// and offers what the options ask for.
func Print(ctx context.Context, path string, o Options) (*Job, error) {
	if err := o.check(); err != nil {
		return nil, err
	}
	ctx, cancel := context.WithTimeout(ctx, timeout)
	defer cancel()
	list, err := printers(ctx)
	if err != nil {
		return nil, err
	}
	p, err := choose(list, o.Printer)
	if err != nil {
		return nil, err
	}
	o.Printer = p.Name
	return submit(ctx, path, o)
}

// Printers lists the printers, the default one marked.
func Printers(ctx context.Context) ([]Printer, error) {
	ctx, cancel := context.WithTimeout(ctx, timeout)
	defer cancel()
	return printers(ctx)
}

// timedOut turns a context's deadline into the error that says so.
func timedOut(ctx context.Context, err error) error {
	if ctx.Err() != nil {
		return models.Errorf(models.EINTERNAL, "printer", MsgTimeout, "Seconds", int(timeout/time.Second))
	}
	return err
}
