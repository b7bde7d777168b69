package cli

import (
	"encoding/json"
	"io"
	"net/url"
	"strings"
	"testing"

	"peiyang/models"
)

// withPasswords makes the next password prompts read these lines, as
// from a pipe.
func withPasswords(t *testing.T, lines ...string) {
	t.Helper()
	old := passwordInput
	passwordInput = func() (io.Reader, bool) { return strings.NewReader(strings.Join(lines, "\n") + "\n"), false }
	t.Cleanup(func() { passwordInput = old })
}

// as is the database's connection string for another user.
func as(t *testing.T, target, user string) string {
	t.Helper()
	u, err := url.Parse(target)
	if err != nil {
		t.Fatal(err)
	}
	u.User = url.User(user)
	return u.String()
}

// TestAccountsCommands manages accounts from the command line on a shared
// database: add (the password asked twice, never an argument), list,
// set-role, disable and enable, password; the accounts then work, and
// only an admin manages them. On a file every command says there are
// none.
func TestAccountsCommands(t *testing.T) {
	if bothStores(t, TestAccountsCommands) {
		return
	}
	db := tempDB(t)
	if storeKind(t) == sqliteKind {
		withPasswords(t, "a good password", "a good password")
		cmd(t, db, "accounts", "add", "zhang.wei", "--role", "staff").want(t, exitError, "shared database")
		cmd(t, db, "accounts", "list").want(t, exitError, "shared database")
		return
	}
	u, _ := url.Parse(db)
	prefix := strings.TrimPrefix(u.Path, "/")
	staff, region := prefix+".zhang", prefix+".deyang"
	withPasswords(t, "a good password", "another password")
	cmd(t, db, "accounts", "add", staff, "--role", "staff").want(t, exitError, "differ")
	withPasswords(t, "a good password", "a good password")
	cmd(t, db, "accounts", "add", staff, "--role", "staff").want(t, exitOK, "Account "+staff+" added: staff")
	withPasswords(t, "a good password", "a good password")
	cmd(t, db, "accounts", "add", region, "--role", "region").want(t, exitError, "outflow region")
	withPasswords(t, "short", "short")
	cmd(t, db, "accounts", "add", region, "--role", "region", "--region", "德阳市").want(t, exitError, "at least 10")
	withPasswords(t, "a good password", "a good password")
	cmd(t, db, "accounts", "add", region, "--role", "region", "--region", "德阳市").want(t, exitOK, "region (德阳市)")
	cmd(t, db, "accounts", "add", "Bad Name", "--role", "viewer").want(t, exitError, "lowercase")

	r := cmd(t, db, "accounts", "list", "--json")
	r.want(t, exitOK)
	var list []models.Account
	if err := json.Unmarshal([]byte(r.stdout), &list); err != nil || len(list) != 2 {
		t.Fatalf("accounts list: %v %s", err, r.stdout)
	}
	cmd(t, db, "accounts", "set-role", staff, "--role", "viewer").want(t, exitOK, "now viewer")
	cmd(t, as(t, db, staff), "accounts", "list").want(t, exitOK, "viewer")
	// A viewer manages nothing, and changes nothing.
	cmd(t, as(t, db, staff), "accounts", "disable", region).want(t, exitError, "only an admin")
	cmd(t, as(t, db, staff), "trainees", "add", "--name", "王芳", "--id", idNumber("51062319880215124")).want(t, exitError, "may not do this")
	// Its own password it sets.
	withPasswords(t, "my new password", "my new password")
	cmd(t, as(t, db, staff), "accounts", "password").want(t, exitOK, "password of "+staff)
	cmd(t, db, "accounts", "disable", region).want(t, exitOK, "disabled")
	cmd(t, as(t, db, region), "accounts", "list").want(t, exitError)
	cmd(t, db, "accounts", "list").want(t, exitOK, "disabled")
	cmd(t, db, "accounts", "disable", region, "--enable").want(t, exitOK, "again")
	cmd(t, as(t, db, region), "stats").want(t, exitOK)
	// The audit trail names the database user and holds no password.
	r = cmd(t, db, "audit", "--entity", "accounts", "--json")
	r.want(t, exitOK)
	if strings.Contains(r.stdout, "a good password") || strings.Contains(r.stdout, "SCRAM") {
		t.Errorf("the audit trail holds a password: %s", r.stdout)
	}
	if !strings.Contains(cmd(t, db, "audit", "--json").stdout, `"db_user": "`+staff+`"`) {
		t.Errorf("the audit trail does not name %s", staff)
	}
}
