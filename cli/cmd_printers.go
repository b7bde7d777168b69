package cli

import (
	"fmt"
	"io"
	"strings"

	"peiyang/internal/userfile"
	"peiyang/printing"
)

// Printing straight to a printer: `peiyang printers` lists them, and every
// print command takes --printer [NAME] (the default printer without a
// name) with --copies, --duplex and --paper, besides or instead of --out.

// printTarget is the printer a print command sends its PDF to.
type printTarget struct {
	requested bool   // --printer was given
	name      string // its NAME; "" for the default printer
	copies    *int
	duplex    *string
	paper     *string
}

// withPrinter wraps a print command: it takes --printer [NAME] out of the
// arguments (NAME is the next one unless it starts with "-";
// --printer=NAME works too) and declares the printer's flags.
func withPrinter(run func(e *env, args []string) error) func(e *env, args []string) error {
	return func(e *env, args []string) error {
		t := &printTarget{}
		var rest []string
		for i := 0; i < len(args); i++ {
			a := args[i]
			name, value, hasValue := strings.Cut(strings.TrimLeft(a, "-"), "=")
			if !strings.HasPrefix(a, "-") || name != "printer" {
				rest = append(rest, a)
				continue
			}
			t.requested = true
			switch {
			case hasValue:
				t.name = value
			case i+1 < len(args) && !strings.HasPrefix(args[i+1], "-"):
				t.name = args[i+1]
				i++
			}
		}
		t.copies = e.fs.Int("copies", 1, "with --printer: print this many `copies`")
		t.duplex = e.fs.String("duplex", "", "with --printer: print on both sides, `long` (turned like a book's pages), short (like a calendar's) or off; unset, the printer's default")
		t.paper = e.fs.String("paper", "", "with --printer: the `paper` (A4, A3...); unset, the printer's default")
		e.fs.Bool("printer", false, "print straight to the printer `NAME` (--printer NAME), or to the default printer (--printer alone); see `peiyang printers`")
		e.target = t
		return run(e, rest)
	}
}

// printing reports whether the command prints to a printer.
func (e *env) printing() bool { return e.target != nil && e.target.requested }

// checkTarget checks that the command writes a file or prints, and the
// printer's options.
func (e *env) checkTarget(out string) error {
	if strings.TrimSpace(out) == "" && !e.printing() {
		return e.usagef("give --out FILE, or --printer [NAME] to print")
	}
	if !e.printing() {
		return nil
	}
	if *e.target.copies < 1 || *e.target.copies > printing.MaxCopies {
		return e.usagef("--copies must be between 1 and %d", printing.MaxCopies)
	}
	if _, err := printing.ParseDuplex(*e.target.duplex); err != nil {
		return e.usagef("--duplex must be long, short or off")
	}
	return nil
}

// printFile sends the PDF file to the command's printer and says so.
func (e *env) printFile(path, title string) error {
	t := e.target
	duplex, _ := printing.ParseDuplex(*t.duplex)
	job, err := printing.Print(e.ctx, path, printing.Options{Printer: t.name, Copies: *t.copies, Duplex: duplex,
		Paper: strings.TrimSpace(*t.paper), Title: title})
	if err != nil {
		return err
	}
	if err := e.audit("print", "", 0, map[string]any{"what": title, "printer": job.Printer, "copies": *t.copies}); err != nil {
		return err
	}
	id := ""
	if job.ID != "" {
		id = " as job " + job.ID
	}
	fmt.Fprintf(e.stdout, "Sent %s to the printer %s%s, copies: %d.\n", title, job.Printer, id, *t.copies)
	for _, n := range job.Notes {
		fmt.Fprintln(e.stderr, "peiyang: "+n)
	}
	return nil
}

// writeAndPrint writes a document to out (when given) and prints it (when
// asked).
func (e *env) writeAndPrint(out, title string, write func(w io.Writer) error) error {
	path, done, err := e.printPath(out)
	if err != nil {
		return err
	}
	defer done()
	if err := userfile.Write(path, write); err != nil {
		return err
	}
	if !e.printing() {
		return nil
	}
	return e.printFile(path, title)
}

// printPath returns the file to write a document to: out, or with
// --printer alone a temporary file (printing.TempFile), which done
// removes once the print system has it.
func (e *env) printPath(out string) (path string, done func(), err error) {
	if out != "" {
		return out, func() {}, nil
	}
	return printing.TempFile()
}

func runPrinters(e *env, args []string) error {
	e.fs.BoolVar(&e.json, "json", false, "print the printers as JSON")
	if _, err := e.parse(args, 0); err != nil {
		return err
	}
	list, err := printing.Printers(e.ctx)
	if err != nil {
		return err
	}
	if e.json {
		if list == nil {
			list = []printing.Printer{}
		}
		return e.writeJSON(list)
	}
	if len(list) == 0 {
		fmt.Fprintln(e.stdout, "No printer is installed.")
		return nil
	}
	for _, p := range list {
		mark := " "
		if p.Default {
			mark = "*"
		}
		state := string(p.State)
		if p.Reason != "" {
			state += " (" + p.Reason + ")"
		}
		if !p.Accepting {
			state += ", not accepting jobs"
		}
		fmt.Fprintf(e.stdout, "%s %-24s %-28s %s\n", mark, p.Name, state, p.Description)
	}
	fmt.Fprintln(e.stdout, "* the default printer, used by --printer without a name")
	return nil
}
