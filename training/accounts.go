package training

import (
	"context"
	"errors"

	"peiyang/models"
)

// Accounts on a shared (PostgreSQL) database: who uses it with which role.
// The database enforces what each role may do; the window and the command
// line ask the session's account (Account) only to hide what it may not.
// On a SQLite file there are none, and the person at the desk is admin.

// AccountStore manages the accounts (store/accounts.go).
type AccountStore interface {
	Account(ctx context.Context) (*models.Account, error)
	FindAccounts(ctx context.Context) ([]*models.Account, error)
	CreateAccount(ctx context.Context, a *models.Account, password string) error
	SetAccountRole(ctx context.Context, name string, role models.Role, region string) error
	DisableAccount(ctx context.Context, name string, disabled bool) error
	SetAccountPassword(ctx context.Context, name, password string) error
}

// AccountService manages the accounts of a shared database.
type AccountService struct{ *rules }

// Account is the session's account: on a shared database its user with
// its role and region, on a file the person at the desk (admin).
func (s *AccountService) Account(ctx context.Context) (*models.Account, error) {
	a, err := s.store.Account(ctx)
	return a, wrap("account", err)
}

// FindAccounts lists the accounts by name (an admin's view; others see
// their own).
func (s *AccountService) FindAccounts(ctx context.Context) ([]*models.Account, error) {
	as, err := s.store.FindAccounts(ctx)
	return as, wrap("find accounts", err)
}

// CreateAccount adds an account with its first password.
func (s *AccountService) CreateAccount(ctx context.Context, a *models.Account, password string) error {
	var l models.ErrorList
	for _, err := range []error{models.ValidateAccountName(a.Name), models.ValidateAccountRole(a.Role, a.Region),
		models.ValidatePassword(password)} {
		var de *models.Error
		if errors.As(err, &de) {
			l = append(l, de)
		}
	}
	if err := l.Err(); err != nil {
		return wrap("create account", err)
	}
	return wrap("create account", s.store.CreateAccount(ctx, a, password))
}

// SetAccountRole gives an account another role (a region account its
// region).
func (s *AccountService) SetAccountRole(ctx context.Context, name string, role models.Role, region string) error {
	if err := models.ValidateAccountRole(role, region); err != nil {
		return wrap("set account role", err)
	}
	return wrap("set account role", s.store.SetAccountRole(ctx, name, role, region))
}

// DisableAccount stops an account from logging in, or lets it again.
func (s *AccountService) DisableAccount(ctx context.Context, name string, disabled bool) error {
	return wrap("disable account", s.store.DisableAccount(ctx, name, disabled))
}

// SetAccountPassword sets the password of an account: one's own, or as an
// admin anyone's.
func (s *AccountService) SetAccountPassword(ctx context.Context, name, password string) error {
	if err := models.ValidatePassword(password); err != nil {
		return wrap("set account password", err)
	}
	return wrap("set account password", s.store.SetAccountPassword(ctx, name, password))
}
