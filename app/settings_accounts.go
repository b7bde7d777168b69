package app

import (
	"context"
	"errors"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"peiyang/app/kit"
	"peiyang/models"
)

// accountsCard is Settings → Accounts: an admin's list of the shared
// database's accounts, with Add, Change role, Disable or Enable and
// Password, as `peiyang accounts` does. It is hidden for other accounts
// and on a database file, which has none.
type accountsCard struct {
	u      *ui
	card   fyne.CanvasObject
	list   *fyne.Container
	add    *widget.Button
	shown  []*models.Account // the accounts listed; for tests
	form   *accountForm      // the form opened last; for tests
	onLoad func()            // after the list was read; for tests
	// relayout lays out what holds the card after it was shown or hidden.
	relayout func()
}

func newAccountsCard(u *ui) *accountsCard {
	c := &accountsCard{u: u, list: container.NewVBox()}
	c.add = u.actionButton(models.PermAccounts, T("accounts.add"), theme.ContentAddIcon(), func() { c.openForm(nil) })
	help := kit.Caption(T("accounts.help"))
	help.Wrapping = fyne.TextWrapWord
	c.card = kit.Card(T("accounts.title"), container.NewVBox(help, c.list, container.NewHBox(c.add)))
	c.card.Hide()
	return c
}

// reload reads the accounts, for an admin on a shared database.
func (c *accountsCard) reload() {
	if !c.u.may(models.PermAccounts) {
		return
	}
	goLoad(c.u, func(ctx context.Context) ([]*models.Account, error) {
		as, err := c.u.svc.Accounts.FindAccounts(ctx)
		if models.ErrorCode(err) == models.EINVALID { // a database file
			return nil, nil
		}
		return as, err
	}, c.show)
}

// show lists the accounts, or hides the card when there are none to list.
func (c *accountsCard) show(as []*models.Account) {
	c.shown = as
	c.list.RemoveAll()
	if as == nil {
		c.card.Hide()
	} else {
		for _, a := range as {
			c.list.Add(c.row(a))
		}
		c.card.Show()
	}
	if c.relayout != nil {
		c.relayout()
	}
	if c.onLoad != nil {
		c.onLoad()
	}
}

// row is one account: its name above its role and state, and its
// buttons.
func (c *accountsCard) row(a *models.Account) fyne.CanvasObject {
	state := T("accounts.active")
	if a.Disabled {
		state = T("accounts.disabled")
	}
	label := kit.TwoLineItem()
	kit.SetTwoLines(label, a.Name, roleText(a)+T("list.separator")+state)
	role := widget.NewButton(T("accounts.change_role"), func() { c.openForm(a) })
	toggle := T("accounts.disable")
	if a.Disabled {
		toggle = T("accounts.enable")
	}
	name, disable := a.Name, !a.Disabled
	able := widget.NewButton(toggle, func() {
		c.run(func(ctx context.Context) error { return c.u.svc.Accounts.DisableAccount(ctx, name, disable) })
	})
	password := widget.NewButton(T("accounts.password"), func() { c.openPassword(name) })
	return container.NewBorder(nil, nil, nil, container.NewCenter(container.NewHBox(role, able, password)), label)
}

// roleLabel names a role in the window's language.
func roleLabel(r models.Role) string {
	key := "accounts.role_" + string(r)
	return T(key)
}

// roleText names an account's role, with a region account's region.
func roleText(a *models.Account) string {
	if a.Role == models.RoleRegion {
		return T("accounts.role_of_region", "Role", roleLabel(a.Role), "Region", a.Region)
	}
	return roleLabel(a.Role)
}

// run makes a change in the background, then lists the accounts again.
func (c *accountsCard) run(work func(ctx context.Context) error) {
	var busy bool
	c.u.saveInBackground(&busy, work, func(err error) {
		if err != nil {
			c.u.showError(err)
		}
		c.reload()
	})
}

// accountForm adds an account (with its password) or changes its role.
type accountForm struct {
	*dialogForm
	acct         *models.Account // nil: a new account
	name, region *kit.Entry
	role         *kit.Select
	pass1, pass2 *kit.Entry
	passwordOnly bool
}

func (c *accountsCard) openForm(a *models.Account) {
	f := &accountForm{dialogForm: newDialogForm(c.u), acct: a}
	c.form = f
	roles := make([]string, len(models.Roles))
	for i, r := range models.Roles {
		roles[i] = roleLabel(r)
	}
	f.name = f.entry("", "zhang.wei")
	f.role = f.choice(roles, nil)
	f.region = f.entry("", T("accounts.region_placeholder"))
	title := T("accounts.add")
	if a == nil {
		f.row("name", T("accounts.name"), f.name)
	} else {
		title = T("accounts.change_role") + " · " + a.Name
		f.role.SetSelectedIndex(roleIndex(a.Role))
		f.region.SetText(a.Region)
	}
	f.row("role", T("accounts.role"), f.role)
	f.row("region", T("accounts.region"), f.region)
	if a == nil {
		f.passwordRows()
	}
	f.open(title, f.body(), fyne.NewSize(560, 380), f.read, c.reload)
}

// openPassword sets an account's password.
func (c *accountsCard) openPassword(name string) {
	f := &accountForm{dialogForm: newDialogForm(c.u), acct: &models.Account{Name: name}, passwordOnly: true}
	c.form = f
	f.passwordRows()
	f.open(T("accounts.password")+" · "+name, f.body(), fyne.NewSize(520, 240), f.read, c.reload)
}

// passwordRows adds the password, asked twice.
func (f *accountForm) passwordRows() {
	f.pass1, f.pass2 = f.entry("", ""), f.entry("", "")
	f.pass1.Password, f.pass2.Password = true, true
	f.row("password", T("accounts.new_password"), f.pass1)
	f.row("password2", T("accounts.repeat_password"), f.pass2)
}

func roleIndex(r models.Role) int {
	for i, x := range models.Roles {
		if x == r {
			return i
		}
	}
	return -1
}

// read returns the save of the form's values.
func (f *accountForm) read() (func(ctx context.Context) error, error) {
	var l models.ErrorList
	if f.pass1 != nil {
		if err := models.CheckPasswordsMatch(f.pass1.Text, f.pass2.Text); err != nil {
			l = append(l, err)
		}
	}
	var role models.Role
	region := ""
	if !f.passwordOnly {
		if i := f.role.SelectedIndex(); i >= 0 {
			role = models.Roles[i]
		}
		region = formText(f.region.Text)
		var de *models.Error
		if errors.As(models.ValidateAccountRole(role, region), &de) {
			l = append(l, de)
		}
	}
	if err := l.Err(); err != nil {
		return nil, err
	}
	svc := f.u.svc.Accounts
	switch {
	case f.passwordOnly:
		name, p := f.acct.Name, f.pass1.Text
		return func(ctx context.Context) error { return svc.SetAccountPassword(ctx, name, p) }, nil
	case f.acct == nil:
		a := &models.Account{Name: formText(f.name.Text), Role: role, Region: region}
		p := f.pass1.Text
		return func(ctx context.Context) error { return svc.CreateAccount(ctx, a, p) }, nil
	default:
		name := f.acct.Name
		return func(ctx context.Context) error { return svc.SetAccountRole(ctx, name, role, region) }, nil
	}
}
