package app

import (
	"context"
	"slices"
	"testing"

	"fyne.io/fyne/v2"
)

// File → Open a shared database…: the dialog passes the connection
// string and the password typed to the hook; the window goes on over the
// service it returns, the sidebar names the database and the user, and
// the connection string is remembered without the password, for the next
// time the dialog opens.
func TestOpenSharedDatabase(t *testing.T) {
	e := newEnv(t, LangChinese, "dashboard", false)
	if menuHas(e.u.win.MainMenu(), T("shared.menu_open")) {
		t.Fatal("the menu offers a shared database without the hook")
	}
	var gotTarget, gotPassword string
	e.u.opts.OpenShared = func(_ context.Context, target, password string) (Shared, error) {
		gotTarget, gotPassword = target, password
		return Shared{Service: e.svc, Name: "zhang@db.example:5432/peiyang", User: "zhang",
			Remember: "postgres://zhang@db.example:5432/peiyang"}, nil
	}
	e.act(e.u.rebuild)
	if !menuHas(e.u.win.MainMenu(), T("shared.menu_open")) {
		t.Fatal("File has no Open a shared database…")
	}
	e.act(e.u.askShared)
	f := e.u.sharing
	if f.target.Text != "" || !f.password.Password || f.dialog.Button(1).Text != "连接" {
		t.Fatalf("first time: target %q, password hidden %v", f.target.Text, f.password.Password)
	}
	e.act(func() {
		f.target.SetText("postgres://zhang:pw-in-url@db.example:5432/peiyang")
		f.password.SetText("typed-pw")
		f.submit()
	})
	e.u.waitIdle()
	if gotTarget != "postgres://zhang:pw-in-url@db.example:5432/peiyang" || gotPassword != "typed-pw" {
		t.Fatalf("the hook got %q and %q", gotTarget, gotPassword)
	}
	want := "共享数据库：db.example:5432/peiyang（用户：zhang）" // the user said once
	if !slices.Contains(texts(e.u.win.Content()), want) {
		t.Errorf("the sidebar does not say %q: %v", want, texts(e.u.win.Content()))
	}
	if got := e.u.app.Preferences().String(prefSharedTarget); got != "postgres://zhang@db.example:5432/peiyang" {
		t.Errorf("remembered %q", got)
	}
	e.act(e.u.askShared)
	if f := e.u.sharing; f.target.Text != "postgres://zhang@db.example:5432/peiyang" || f.password.Text != "" {
		t.Errorf("second time: target %q, password %q", f.target.Text, f.password.Text)
	}
}

// menuHas reports whether a menu of the main menu has an item labelled so.
func menuHas(m *fyne.MainMenu, label string) bool {
	for _, menu := range m.Items {
		for _, it := range menu.Items {
			if it.Label == label {
				return true
			}
		}
	}
	return false
}
