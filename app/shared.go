package app

import (
	"context"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"peiyang/app/kit"
	"peiyang/training"
)

// File → Open a shared database…: the window goes on over a PostgreSQL
// database on a server, which several staff use at once. The connection
// string is remembered (in the app's preferences) without its password;
// a password typed in the dialog is used for this connection only, and
// PostgreSQL's own ways (~/.pgpass, PGPASSWORD) work as with psql.

// Shared is the database Options.OpenShared opened.
type Shared struct {
	Service  *training.Service
	Name     string // user@host:port/database, without a password
	User     string // the database role the connection is on
	Remember string // the connection string without its password
}

// prefSharedTarget is the preference holding the last shared database's
// connection string, without its password.
const prefSharedTarget = "shared.connection"

// sharedForm is the dialog asking for the connection.
type sharedForm struct {
	*dialogForm
	target   *kit.Entry
	password *kit.Entry
}

// askShared asks for a shared database's connection string (and a
// password, when the server asks one and no ~/.pgpass gives it) and opens
// it.
func (u *ui) askShared() {
	if u.opts.OpenShared == nil {
		return
	}
	f := &sharedForm{dialogForm: newDialogForm(u)}
	f.target = f.entry(u.app.Preferences().String(prefSharedTarget), "postgres://user@host:5432/peiyang")
	f.password = f.entry("", T("shared.password_hint"))
	f.password.Password = true
	f.row("target", T("shared.target"), f.target)
	f.row("password", T("shared.password"), f.password)
	hint := widget.NewLabel(T("shared.hint"))
	hint.Wrapping = fyne.TextWrapWord
	var opened Shared
	f.open(T("shared.title"), f.body(hint), fyne.NewSize(640, 0), func() (func(ctx context.Context) error, error) {
		target, password := f.target.Text, f.password.Text
		return func(ctx context.Context) error {
			var err error
			opened, err = u.opts.OpenShared(ctx, target, password)
			return err
		}, nil
	}, func() { u.openedShared(opened) })
	connect := f.dialog.Button(1) // Save, which connects here
	connect.SetText(T("shared.connect"))
	connect.SetIcon(theme.LoginIcon())
	u.sharing = f
}

// openedShared goes on over the shared database and remembers its
// connection string.
func (u *ui) openedShared(s Shared) {
	u.app.Preferences().SetString(prefSharedTarget, s.Remember)
	u.svc = s.Service
	u.opts.DBPath, u.opts.DBUser = s.Name, s.User
	u.rebuild()
}

// databaseLabel says which database the window is on: the file, or the
// shared database and the user.
func (u *ui) databaseLabel() string {
	if u.opts.DBUser != "" {
		// The store names a server's database user@host/name; the user is
		// said once, after it.
		name := strings.TrimPrefix(u.opts.DBPath, u.opts.DBUser+"@")
		return T("shared.status", "Database", name, "User", u.opts.DBUser)
	}
	return T("app.database", "File", shortPath(u.opts.DBPath))
}
