//go:build !windows

package printing

import (
	"bytes"
	"context"
	"errors"
	"os"
	"os/exec"
	"regexp"
	"strconv"
	"strings"

	"peiyang/models"
)

// run runs a CUPS command in the C locale and returns what it printed; a
// failure carries its message.
func run(ctx context.Context, name string, args ...string) (string, error) {
	cmd := exec.CommandContext(ctx, name, args...)
	cmd.Env = append(os.Environ(), "LANG=C", "LC_ALL=C")
	var out, errOut bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &errOut
	err := cmd.Run()
	if err == nil {
		return out.String(), nil
	}
	if ctx.Err() != nil {
		return "", timedOut(ctx, err)
	}
	detail := strings.TrimSpace(errOut.String())
	if detail == "" {
		detail = err.Error()
	}
	var notFound *exec.Error
	if errors.As(err, &notFound) {
		return "", models.Errorf(models.EINTERNAL, "printer", MsgNoService, "Detail", name+" is not installed")
	}
	if strings.Contains(detail, "cheduler is not running") || strings.Contains(detail, "Unable to connect") {
		return "", models.Errorf(models.EINTERNAL, "printer", MsgNoService, "Detail", detail)
	}
	return out.String(), &cmdError{detail}
}

// cmdError is a command's failure, with what it said.
type cmdError struct{ detail string }

func (e *cmdError) Error() string { return e.detail }

// printers asks CUPS for the printers, their state and the default one.
func printers(ctx context.Context) ([]Printer, error) {
	ps, err := run(ctx, "lpstat", "-l", "-p")
	if err != nil && !noDestinations(err) {
		return nil, err
	}
	acc, err := run(ctx, "lpstat", "-a")
	if err != nil && !noDestinations(err) {
		return nil, err
	}
	def, err := run(ctx, "lpstat", "-d")
	if err != nil && !noDestinations(err) {
		return nil, err
	}
	return parseLpstat(ps, acc, def), nil
}

// noDestinations reports whether lpstat failed only because no printer
// is installed.
func noDestinations(err error) bool {
	var ce *cmdError
	return errors.As(err, &ce) && strings.Contains(ce.detail, "No destinations added")
}

// submit checks the options against the printer's and runs lp.
func submit(ctx context.Context, path string, o Options) (*Job, error) {
	if err := checkOffer(ctx, o); err != nil {
		return nil, err
	}
	args := []string{"-d", o.Printer}
	if o.Copies > 1 {
		args = append(args, "-n", strconv.Itoa(o.Copies))
	}
	if o.Title != "" {
		args = append(args, "-t", o.Title)
	}
	if o.Duplex != "" {
		args = append(args, "-o", "sides="+string(o.Duplex))
	}
	if o.Paper != "" {
		args = append(args, "-o", "media="+o.Paper)
	}
	out, err := run(ctx, "lp", append(args, "--", path)...)
	if err != nil {
		return nil, refused(err)
	}
	job := &Job{Printer: o.Printer}
	if m := requestLine.FindStringSubmatch(out); m != nil {
		job.ID = m[1]
	}
	return job, nil
}

// checkOffer checks the two-sided printing and the paper asked for
// against the printer's options (lpoptions -l); when they cannot be read,
// CUPS decides.
func checkOffer(ctx context.Context, o Options) error {
	if o.Duplex == "" && o.Paper == "" {
		return nil
	}
	opts, err := run(ctx, "lpoptions", "-p", o.Printer, "-l")
	if err != nil {
		return refused(err)
	}
	papers, duplex := parseOptions(opts)
	if len(papers) == 0 {
		return nil
	}
	if o.Duplex != "" && o.Duplex != OneSided && !duplex {
		return models.Errorf(models.EINVALID, "duplex", MsgNoDuplexUnit, "Name", o.Printer)
	}
	if o.Paper != "" && !hasPaper(papers, o.Paper) {
		return models.Errorf(models.EINVALID, "paper", MsgNoPaper, "Name", o.Printer, "Paper", o.Paper, "Has", describe(papers))
	}
	return nil
}

// refused turns a command's failure into the error that the print system
// refused the job.
func refused(err error) error {
	var ce *cmdError
	if errors.As(err, &ce) {
		return models.Errorf(models.EINTERNAL, "printer", MsgRefused, "Detail", ce.detail)
	}
	return err
}

// requestLine is what lp says of the job: "request id is HP-12 (1
// file(s))".
var requestLine = regexp.MustCompile(`request id is (\S+)`)

// describe lists choices for a message: "A4, A3".
func describe(items []string) string {
	if len(items) == 0 {
		return "none"
	}
	return strings.Join(items, ", ")
}
