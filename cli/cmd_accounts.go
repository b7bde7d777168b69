package cli

import (
	"bufio"
	"errors"
	"fmt"
	"io"
	"os"
	"strings"

	"golang.org/x/term"

	"peiyang/models"
)

// Accounts of a shared (PostgreSQL) database: `peiyang accounts add NAME
// --role ROLE [--region CITY]`, list, set-role, disable and password. A
// password is asked for twice on the terminal, never taken from the
// command line (where the process list and the shell's history would show
// it); piped in, it is read as two lines, for scripts.

// passwordInput is where passwords are read from: the terminal, without
// echo, when standard input is one. Tests replace it.
var passwordInput = func() (io.Reader, bool) {
	return os.Stdin, term.IsTerminal(int(os.Stdin.Fd()))
}

// errPasswordsDiffer is the refusal of two different passwords.
var errPasswordsDiffer = errors.New("the two passwords differ; nothing was changed")

// readPassword asks for a new password twice on stderr and returns it.
func (e *env) readPassword(whose string) (string, error) {
	in, tty := passwordInput()
	var lines *bufio.Reader
	ask := func(prompt string) (string, error) {
		fmt.Fprint(e.stderr, prompt)
		if f, ok := in.(*os.File); ok && tty {
			b, err := term.ReadPassword(int(f.Fd()))
			fmt.Fprintln(e.stderr)
			return string(b), err
		}
		if lines == nil {
			lines = bufio.NewReader(io.LimitReader(in, 4096))
		}
		s, err := lines.ReadString('\n')
		if err != nil && (err != io.EOF || s == "") {
			return "", fmt.Errorf("read the password: %w", err)
		}
		return strings.TrimRight(s, "\r\n"), nil
	}
	p1, err := ask(fmt.Sprintf("New password for %s: ", whose))
	if err != nil {
		return "", err
	}
	p2, err := ask("The same password again: ")
	if err != nil {
		return "", err
	}
	if p1 != p2 {
		return "", errPasswordsDiffer
	}
	return p1, nil
}

// roleFlags are --role and --region.
func (e *env) roleFlags() (role, region *string) {
	return e.fs.String("role", "", "the `role`: admin, staff, region (with --region) or viewer"),
		e.fs.String("region", "", "a region account's outflow region, the home `city` of its members (e.g. 德阳市)")
}

// accountArg declares and parses --role and --region, opens the database
// and returns the account named by the argument with that role.
func (e *env) accountArg(args []string) (*models.Account, error) {
	role, region := e.roleFlags()
	pos, err := e.parse(args, 1)
	if err != nil {
		return nil, err
	}
	if *role == "" {
		return nil, e.usagef("--role is required")
	}
	r, err := models.ParseRole(*role)
	if err != nil {
		return nil, err
	}
	if err := e.open(); err != nil {
		return nil, err
	}
	return &models.Account{Name: pos[0], Role: r, Region: strings.TrimSpace(*region)}, nil
}

func runAccountsAdd(e *env, args []string) error {
	a, err := e.accountArg(args)
	if err != nil {
		return err
	}
	var l models.ErrorList
	for _, err := range []error{models.ValidateAccountName(a.Name), models.ValidateAccountRole(a.Role, a.Region)} {
		var de *models.Error
		if errors.As(err, &de) {
			l = append(l, de)
		}
	}
	if err := l.Err(); err != nil { // before asking for the password
		return err
	}
	password, err := e.readPassword(a.Name)
	if err != nil {
		return err
	}
	if err := e.svc.Accounts.CreateAccount(e.ctx, a, password); err != nil {
		return err
	}
	fmt.Fprintf(e.stdout, "Account %s added: %s.\n", a.Name, describeRole(a))
	return nil
}

// describeRole says an account's role, with its region.
func describeRole(a *models.Account) string {
	if a.Role == models.RoleRegion {
		return fmt.Sprintf("%s (%s)", a.Role, a.Region)
	}
	return string(a.Role)
}

func runAccountsList(e *env, args []string) error {
	e.fs.BoolVar(&e.json, "json", false, "print JSON")
	if _, err := e.parse(args, 0); err != nil {
		return err
	}
	if err := e.open(); err != nil {
		return err
	}
	as, err := e.svc.Accounts.FindAccounts(e.ctx)
	if err != nil {
		return err
	}
	if e.json {
		return e.writeJSON(as)
	}
	t := e.table("NAME", "ROLE", "REGION", "STATE", "CHANGED")
	for _, a := range as {
		state := "active"
		if a.Disabled {
			state = "disabled"
		}
		t.row(a.Name, a.Role, a.Region, state, a.UpdatedAt.Local().Format("2006-01-02 15:04"))
	}
	return t.flush()
}

func runAccountsSetRole(e *env, args []string) error {
	a, err := e.accountArg(args)
	if err != nil {
		return err
	}
	if err := e.svc.Accounts.SetAccountRole(e.ctx, a.Name, a.Role, a.Region); err != nil {
		return err
	}
	fmt.Fprintf(e.stdout, "Account %s is now %s.\n", a.Name, describeRole(a))
	return nil
}

func runAccountsDisable(e *env, args []string) error {
	enable := e.fs.Bool("enable", false, "let the account log in again")
	pos, err := e.parse(args, 1)
	if err != nil {
		return err
	}
	if err := e.open(); err != nil {
		return err
	}
	if err := e.svc.Accounts.DisableAccount(e.ctx, pos[0], !*enable); err != nil {
		return err
	}
	if *enable {
		fmt.Fprintf(e.stdout, "Account %s may log in again.\n", pos[0])
	} else {
		fmt.Fprintf(e.stdout, "Account %s is disabled: it can no longer log in.\n", pos[0])
	}
	return nil
}

func runAccountsPassword(e *env, args []string) error {
	pos, err := e.parse(args, len(args))
	if err != nil {
		return err
	}
	if len(pos) > 1 {
		return e.usagef("give at most one account NAME")
	}
	if err := e.open(); err != nil {
		return err
	}
	name := ""
	if len(pos) == 1 {
		name = pos[0]
	} else {
		me, err := e.svc.Accounts.Account(e.ctx)
		if err != nil {
			return err
		}
		name = me.Name
	}
	password, err := e.readPassword(name)
	if err != nil {
		return err
	}
	if err := e.svc.Accounts.SetAccountPassword(e.ctx, name, password); err != nil {
		return err
	}
	fmt.Fprintf(e.stdout, "The password of %s is changed.\n", name)
	return nil
}
