// Package cli is Peiyang's command line: batch work (demo data, statistics,
// trainees, courses, enrolment, attendance, certificates, checks) driven
// without the window, over the same store and rules the window uses.
package cli

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"runtime"
	"sort"
	"strings"
	"time"

	"peiyang/app"
	"peiyang/demo"
	"peiyang/internal/buildinfo"
	"peiyang/internal/inuse"
	"peiyang/models"
)

// Exit codes.
const (
	exitOK    = 0
	exitError = 1 // the command failed
	exitUsage = 2 // the command line was wrong
)

// EnvDB names the environment variable that overrides the default database.
const EnvDB = "PEIYANG_DB"

// errUsage marks a usage error; the message has been printed already.
var errUsage = errors.New("usage")

// command is one command of the command line.
type command struct {
	name    string // e.g. "trainees add"
	args    string // synopsis of the arguments
	summary string
	run     func(e *env, args []string) error
	// reads marks a command that changes nothing in the database (its
	// prints' and exports' audit entries aside): it runs on a database
	// that cannot be written, opened for reading only, with a notice.
	reads bool
}

// Run executes the command line args and returns the process exit code.
func Run(args []string, stdout, stderr io.Writer) int {
	return run(context.Background(), args, stdout, stderr, time.Now)
}

func run(ctx context.Context, args []string, stdout, stderr io.Writer, now func() time.Time) int {
	e := &env{stdout: stdout, stderr: stderr, ctx: ctx, now: now}
	// Global flags before the command.
	for len(args) > 0 && strings.HasPrefix(args[0], "-") {
		switch {
		case args[0] == "-h" || args[0] == "--help" || args[0] == "-help":
			printHelp(stdout)
			return exitOK
		case args[0] == "--version" || args[0] == "-version":
			fmt.Fprintln(stdout, buildinfo.String())
			return exitOK
		case args[0] == "--db" || args[0] == "-db":
			if len(args) < 2 || args[1] == "" {
				fmt.Fprintln(stderr, "peiyang: --db needs the path of a database file or a PostgreSQL connection string")
				return exitUsage
			}
			e.dbPath, args = args[1], args[2:]
		case strings.HasPrefix(args[0], "--db=") || strings.HasPrefix(args[0], "-db="):
			if e.dbPath = args[0][strings.Index(args[0], "=")+1:]; e.dbPath == "" {
				fmt.Fprintln(stderr, "peiyang: --db needs the path of a database file or a PostgreSQL connection string")
				return exitUsage
			}
			args = args[1:]
		default:
			fmt.Fprintf(stderr, "peiyang: unknown flag %s\n", args[0])
			printHelp(stderr)
			return exitUsage
		}
	}
	if len(args) == 0 {
		return openWindow(e)
	}
	cmd, rest := findCommand(args)
	if cmd == nil {
		fmt.Fprintf(stderr, "peiyang: unknown command %q\n\n", strings.Join(args[:min(2, len(args))], " "))
		printHelp(stderr)
		return exitUsage
	}
	e.cmd = cmd
	inuse.SetProgram("peiyang " + cmd.name)
	e.fs = flag.NewFlagSet("peiyang "+cmd.name, flag.ContinueOnError)
	e.fs.SetOutput(stderr)
	// parse prints the help, once: on stdout when asked, on stderr after
	// a wrong flag.
	e.fs.Usage = func() {}
	e.fs.Var((*dbFlag)(&e.dbPath), "db", "database `file` or PostgreSQL connection string (default: $"+EnvDB+", else peiyang.db in the user's config folder)")
	ctx, interrupted, release := interruptible(e.ctx)
	e.ctx = ctx
	err := cmd.run(e, rest)
	release()
	if cerr := e.close(); cerr != nil && err == nil {
		err = cerr
	}
	switch {
	case err == nil:
		return exitOK
	case interrupted.Load():
		fmt.Fprintf(stderr, "peiyang %s: interrupted; what it was writing was rolled back or removed.\n", cmd.name)
		return exitInterrupted
	case errors.Is(err, flag.ErrHelp):
		return exitOK
	case errors.Is(err, errUsage):
		return exitUsage
	}
	e.printError(err)
	return exitError
}

// negativeFlag names the first whole-number flag given a negative value:
// no record has a negative number and no count is below zero, so a
// negative --course, --trainee, --limit... is a mistake, not "all".
// Random seeds may be negative.
func negativeFlag(fs *flag.FlagSet) string {
	name := ""
	fs.Visit(func(f *flag.Flag) {
		g, ok := f.Value.(flag.Getter)
		if name != "" || !ok || f.Name == "seed" {
			return
		}
		switch v := g.Get().(type) {
		case int:
			if v < 0 {
				name = f.Name
			}
		case int64:
			if v < 0 {
				name = f.Name
			}
		}
	})
	return name
}

// dbFlag is the --db flag of a command: a path, never empty.
type dbFlag string

func (f *dbFlag) String() string { return string(*f) }

func (f *dbFlag) Set(v string) error {
	if v == "" {
		return errors.New("it needs the path of a database file or a PostgreSQL connection string")
	}
	*f = dbFlag(v)
	return nil
}

// findCommand matches the longest command name at the start of args.
func findCommand(args []string) (*command, []string) {
	for _, n := range []int{2, 1} {
		if len(args) < n {
			continue
		}
		name := strings.Join(args[:n], " ")
		for _, c := range commands() {
			if c.name == name {
				return c, args[n:]
			}
		}
	}
	return nil, nil
}

// parse parses the command's flags; positional arguments may come before or
// after the flags. want is the number of positional arguments required.
func (e *env) parse(args []string, want int) ([]string, error) {
	var pos []string
	for {
		if err := e.fs.Parse(args); err != nil {
			if errors.Is(err, flag.ErrHelp) {
				printCommandHelp(e.stdout, e.cmd, e.fs)
				return nil, flag.ErrHelp
			}
			printCommandHelp(e.stderr, e.cmd, e.fs)
			return nil, errUsage
		}
		if name := negativeFlag(e.fs); name != "" {
			return nil, e.usagef("--%s cannot be negative", name)
		}
		args = e.fs.Args()
		if len(args) == 0 {
			break
		}
		pos = append(pos, args[0])
		args = args[1:]
	}
	if len(pos) != want {
		fmt.Fprintf(e.stderr, "peiyang %s: expected %d argument(s), got %d\n", e.cmd.name, want, len(pos))
		printCommandHelp(e.stderr, e.cmd, e.fs)
		return nil, errUsage
	}
	return pos, nil
}

// usagef reports a usage error for the running command.
func (e *env) usagef(format string, a ...any) error {
	fmt.Fprintf(e.stderr, "peiyang %s: %s\n", e.cmd.name, fmt.Sprintf(format, a...))
	printCommandHelp(e.stderr, e.cmd, e.fs)
	return errUsage
}

// runWindow opens the window and returns when it is closed; tests
// replace it.
var runWindow = app.Run

// openWindow is what the program does with no command: the window over
// the chosen database, offering demo data when the database is empty.
func openWindow(e *env) int {
	if !hasDisplay() {
		fmt.Fprintln(e.stderr, "peiyang: no display to open the window on; use the command line (peiyang --help).")
		return exitError
	}
	inuse.SetProgram(inuse.Window)
	if err := e.open(); err != nil {
		e.printError(err)
		return exitError
	}
	defer e.close()
	opts := app.Options{
		DBPath: e.db.Path(),
		Route:  app.ParseRoute(os.Getenv(app.EnvScreen)),
		MakeDemo: func(ctx context.Context) (*models.Dataset, error) {
			return demo.Generate(demo.Options{Today: models.DateOf(e.now())})
		},
	}
	if e.db.IsPostgres() {
		opts.DBPath = e.db.Name()
		var err error
		if opts.DBUser, err = e.db.User(e.ctx); err != nil {
			e.printError(err)
			return exitError
		}
	}
	err := runWindow(e.svc, withSafety(e, opts))
	if err != nil {
		e.printError(err)
		return exitError
	}
	return exitOK
}

// hasDisplay reports whether a window can be opened: on Linux and the
// BSDs an X11 or Wayland display must be set.
func hasDisplay() bool {
	switch runtime.GOOS {
	case "linux", "freebsd", "openbsd", "netbsd", "dragonfly":
		return os.Getenv("DISPLAY") != "" || os.Getenv("WAYLAND_DISPLAY") != ""
	}
	return true
}

func printHelp(w io.Writer) {
	fmt.Fprint(w, `Peiyang (培养): the joint cultivation programme of mobile party members.

Usage:
  peiyang [--db DATABASE]                 open the window
  peiyang [--db DATABASE] COMMAND [ARGS]  run a command
  peiyang --version                       print the version and the commit

The database is --db DATABASE, else $PEIYANG_DB, else peiyang.db in the
user's config folder. A file is created on first use, in an existing folder
(only the default's folder is made). Another program's database is refused
and left unchanged; one that cannot be written opens for reading commands
only. A PostgreSQL connection string (postgres://user@host/peiyang, or
postgres:///peiyang over the local socket) opens a shared database on a
server, with the PG* variables and ~/.pgpass as psql uses them.

Commands:
`)
	cs := commands()
	sort.SliceStable(cs, func(i, j int) bool { return cs[i].name < cs[j].name })
	for _, c := range cs {
		fmt.Fprintf(w, "  %-22s %s\n", c.name, c.summary)
	}
	fmt.Fprint(w, "\nRun `peiyang COMMAND --help` for a command's flags.\n")
}

func printCommandHelp(w io.Writer, c *command, fs *flag.FlagSet) {
	fmt.Fprintf(w, "Usage: peiyang %s %s\n\n%s\n\nFlags:\n", c.name, c.args, c.summary)
	fs.VisitAll(func(f *flag.Flag) {
		name, usage := flag.UnquoteUsage(f)
		line := "  --" + f.Name
		if name != "" {
			line += " " + name
		}
		fmt.Fprintf(w, "%s\n        %s", line, usage)
		if f.DefValue != "" && f.DefValue != "0" && f.DefValue != "false" {
			fmt.Fprintf(w, " (default %s)", f.DefValue)
		}
		fmt.Fprintln(w)
	})
}
