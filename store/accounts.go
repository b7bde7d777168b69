package store

import (
	"context"
	"crypto/hmac"
	"crypto/pbkdf2"
	"crypto/rand"
	"crypto/sha256"
	"database/sql"
	"encoding/base64"
	"errors"
	"fmt"
	"strings"

	"golang.org/x/text/secure/precis"

	"peiyang/models"
)

// Accounts on a shared database. An account is a PostgreSQL LOGIN role in
// one of Peiyang's group roles (peiyang_admin, peiyang_staff,
// peiyang_region, peiyang_viewer), listed in the accounts table with its
// region. The database enforces what each may do (grants and row-level
// security, migrations/postgres/0009_accounts.sql); the store makes and
// changes accounts through the SECURITY DEFINER functions of that
// migration, so that an admin needs no right to create roles, and records
// each change in the audit trail. A password reaches the server only as a
// SCRAM-SHA-256 verifier. A SQLite file has no accounts: its one user, the
// person at the desk, is admin (models.Desk).

// Messages of the accounts.
const (
	msgAccountsNeedServer = "Accounts exist on a shared database on a server only; on a database file the person at the desk may do everything."
	msgNoAccount          = "The database user {{.User}} has no Peiyang account on {{.Server}}: ask an admin to add it ({{.Command}})."
	msgAccountNotFound    = "There is no account {{.Name}}."
	msgAccountExists      = "A database user named {{.Name}} exists already; choose another name."
	msgForbidden          = "Your account {{.User}} ({{.Role}}) may not do this."
	msgOutsideRegion      = "Your account {{.User}} may only change the records of its own outflow region, {{.Region}}."
	msgOnlyAdmin          = "Your account {{.User}} ({{.Role}}) may not manage accounts: only an admin may."
)

// SQLSTATE codes of the accounts.
const (
	pgInsufficientPrivilege = "42501"
	pgDuplicateObject       = "42710"
	pgUndefinedObject       = "42704"
	pgInvalidParameter      = "22023"
)

// Account returns the account the database is used with: on PostgreSQL
// the session's user with its role and region (the owner of the database
// and superusers are admin), EFORBIDDEN when the user has none; on a
// SQLite file models.Desk. It is read once and kept.
func (db *DB) Account(ctx context.Context) (*models.Account, error) {
	if a := db.account.Load(); a != nil {
		return a, nil
	}
	a := models.Desk
	if db.dialect == postgresDialect {
		got, err := db.pgAccount(ctx)
		if err != nil {
			return nil, err
		}
		a = *got
	}
	db.account.Store(&a)
	return &a, nil
}

// pgAccount reads the session's account from the server.
func (db *DB) pgAccount(ctx context.Context) (*models.Account, error) {
	q := db.reader(ctx)
	var a models.Account
	var admin, staff, region, viewer bool
	err := q.QueryRowContext(ctx, `SELECT session_user,
			EXISTS (SELECT 1 FROM pg_roles WHERE rolname = session_user AND rolsuper)
			OR EXISTS (SELECT 1 FROM pg_tables WHERE tablename = 'audit_log' AND schemaname = current_schema()
				AND tableowner = session_user),
			pg_has_role(session_user, 'peiyang_admin', 'USAGE'), pg_has_role(session_user, 'peiyang_staff', 'USAGE'),
			pg_has_role(session_user, 'peiyang_region', 'USAGE'), pg_has_role(session_user, 'peiyang_viewer', 'USAGE')`).
		Scan(&a.Name, &a.Owner, &admin, &staff, &region, &viewer)
	if err != nil {
		return nil, fmt.Errorf("store: account: %w", db.redactErr(err))
	}
	switch {
	case a.Owner || admin:
		a.Role = models.RoleAdmin
	case staff:
		a.Role = models.RoleStaff
	case region:
		a.Role = models.RoleRegion
	case viewer:
		a.Role = models.RoleViewer
	default:
		return nil, models.Errorf(models.EFORBIDDEN, "", msgNoAccount, "User", a.Name, "Server", db.name, "Command", "peiyang accounts add")
	}
	var reg string
	var disabled int
	err = q.QueryRowContext(ctx, `SELECT region, disabled FROM accounts WHERE name = session_user`).Scan(&reg, &disabled)
	switch {
	case errors.Is(err, sql.ErrNoRows):
	case err != nil:
		return nil, fmt.Errorf("store: account: %w", db.redactErr(err))
	default:
		a.Region, a.Disabled = reg, disabled == 1
	}
	return &a, nil
}

// mayCopy reports whether the session may write rows with COPY, which
// PostgreSQL refuses on a table with row-level security to all but the
// tables' owner and superusers (and the store's migrations, which run
// before the account is read).
func (db *DB) mayCopy() bool {
	a := db.account.Load()
	return a == nil || a.Owner
}

// traineesRead is the table the session reads trainees from: for a viewer
// on PostgreSQL the view trainees_masked (ID numbers, phones and birth
// dates masked by the server: a viewer may not read them in full), else
// trainees.
func (db *DB) traineesRead(ctx context.Context) string {
	if db.dialect == postgresDialect {
		if a, err := db.Account(ctx); err == nil && a.Role == models.RoleViewer {
			return "trainees_masked"
		}
	}
	return "trainees"
}

const accountCols = `a.name, a.role, a.region, a.disabled, a.created_at, a.updated_at`

// FindAccounts lists the accounts, by name: every one for an admin, else
// the user's own. On a SQLite file it is EINVALID: there are none.
func (db *DB) FindAccounts(ctx context.Context) ([]*models.Account, error) {
	if db.dialect != postgresDialect {
		return nil, models.Errorf(models.EINVALID, "", msgAccountsNeedServer)
	}
	return findMany(ctx, db.reader(ctx), "find accounts",
		`SELECT `+accountCols+`, COALESCE(r.rolcanlogin, false) FROM accounts a
		LEFT JOIN pg_roles r ON r.rolname = a.name ORDER BY a.name`, nil,
		func(s scanner) (*models.Account, error) {
			var a models.Account
			var disabled int
			var login bool
			err := s.Scan(&a.Name, &a.Role, &a.Region, &disabled, timeCol{&a.CreatedAt}, timeCol{&a.UpdatedAt}, &login)
			a.Disabled = disabled == 1 || !login
			return &a, err
		})
}

// CreateAccount makes a new account: a LOGIN role with the password in
// the role's group, and its row in accounts.
func (db *DB) CreateAccount(ctx context.Context, a *models.Account, password string) error {
	verifier, err := db.accountVerifier(password)
	if err != nil {
		return err
	}
	now := db.stamp()
	err = db.accountCall(ctx, AuditCreate, a.Name, map[string]any{"role": a.Role, "region": a.Region},
		`SELECT peiyang_account_add(?, ?, ?, ?, ?)`, a.Name, string(a.Role), a.Region, verifier, formatTime(now))
	if err != nil {
		return err
	}
	a.CreatedAt, a.UpdatedAt = now, now
	return nil
}

// SetAccountRole moves an account to another role (and region).
func (db *DB) SetAccountRole(ctx context.Context, name string, role models.Role, region string) error {
	return db.accountCall(ctx, AuditUpdate, name, map[string]any{"role": role, "region": region},
		`SELECT peiyang_account_set_role(?, ?, ?, ?)`, name, string(role), region, formatTime(db.stamp()))
}

// DisableAccount stops an account from logging in (or lets it again).
func (db *DB) DisableAccount(ctx context.Context, name string, disabled bool) error {
	return db.accountCall(ctx, AuditUpdate, name, map[string]any{"disabled": disabled},
		`SELECT peiyang_account_disable(?, ?, ?)`, name, disabled, formatTime(db.stamp()))
}

// SetAccountPassword sets an account's password: the user's own, or, for
// an admin, anyone's.
func (db *DB) SetAccountPassword(ctx context.Context, name, password string) error {
	verifier, err := db.accountVerifier(password)
	if err != nil {
		return err
	}
	return db.accountCall(ctx, "password", name, nil,
		`SELECT peiyang_account_password(?, ?, ?)`, name, verifier, formatTime(db.stamp()))
}

// accountVerifier checks the store is a server and makes the password's
// verifier.
func (db *DB) accountVerifier(password string) (string, error) {
	if db.dialect != postgresDialect {
		return "", models.Errorf(models.EINVALID, "", msgAccountsNeedServer)
	}
	if err := models.ValidatePassword(password); err != nil {
		return "", err
	}
	return scramVerifier(password)
}

// accountCall runs one of the account functions and records the change in
// the audit trail (entity accounts, the account's name; never a password),
// in one transaction.
func (db *DB) accountCall(ctx context.Context, action, name string, detail map[string]any, query string, args ...any) error {
	if db.dialect != postgresDialect {
		return models.Errorf(models.EINVALID, "", msgAccountsNeedServer)
	}
	d, err := detailJSON(detail)
	if err != nil {
		return err
	}
	err = db.write(ctx, func(w *writeTx) error {
		if _, err := w.ExecContext(w.ctx, query, args...); err != nil {
			return err
		}
		return w.event(action, "accounts", name, d)
	})
	switch pgCode(err) {
	case pgDuplicateObject:
		return models.Errorf(models.ECONFLICT, "name", msgAccountExists, "Name", name)
	case pgUndefinedObject:
		return models.Errorf(models.ENOTFOUND, "name", msgAccountNotFound, "Name", name)
	case pgInvalidParameter:
		return models.Errorf(models.EINVALID, "name", "The account {{.Name}} cannot be made or changed so: {{.Err}}.",
			"Name", name, "Err", pgMessage(err))
	case pgInsufficientPrivilege:
		a, aerr := db.Account(ctx)
		if aerr != nil {
			return fmt.Errorf("store: account %s: %w", name, errors.Join(err, aerr))
		}
		if a != nil && a.Role != models.RoleAdmin {
			return models.Errorf(models.EFORBIDDEN, "", msgOnlyAdmin, "User", a.Name, "Role", string(a.Role))
		}
	}
	if err != nil {
		return fmt.Errorf("store: account %s: %w", name, err)
	}
	db.account.Store(nil) // the session's own account may have changed
	return nil
}

// pgMessage is the server's message of an error, "" for another error.
func pgMessage(err error) string {
	var e interface{ SQLState() string }
	if !errors.As(err, &e) {
		return ""
	}
	s := err.Error()
	s = strings.TrimPrefix(s, "ERROR: ")
	if i := strings.Index(s, " (SQLSTATE"); i > 0 {
		s = s[:i]
	}
	if i := strings.LastIndex(s, "ERROR: "); i >= 0 {
		s = s[i+len("ERROR: "):]
	}
	return s
}

// forbidden turns PostgreSQL's refusal of a write for want of a grant, or
// for a row outside a region account's region (row-level security), into
// the EFORBIDDEN error that says so; any other error passes as it is.
func (db *DB) forbidden(ctx context.Context, err error) error {
	if err == nil || pgCode(err) != pgInsufficientPrivilege {
		return err
	}
	var de *models.Error
	if errors.As(err, &de) {
		return err
	}
	a, aerr := db.Account(context.WithoutCancel(ctx))
	if aerr != nil {
		return errors.Join(aerr, err)
	}
	if a.Role == models.RoleRegion && strings.Contains(err.Error(), "row-level security") {
		return &forbiddenError{models.Errorf(models.EFORBIDDEN, "", msgOutsideRegion, "User", a.Name, "Region", a.Region), err}
	}
	return &forbiddenError{models.Errorf(models.EFORBIDDEN, "", msgForbidden, "User", a.Name, "Role", string(a.Role)), err}
}

// forbiddenError is the domain error of a refused write with the server's
// error beneath it.
type forbiddenError struct {
	de    *models.Error
	cause error
}

func (e *forbiddenError) Error() string   { return e.de.Error() }
func (e *forbiddenError) Unwrap() []error { return []error{e.de, e.cause} }

// scramIterations is the iteration count of the verifiers Peiyang makes,
// PostgreSQL's own default.
const scramIterations = 4096

// scramVerifier makes the SCRAM-SHA-256 verifier PostgreSQL stores for a
// password (RFC 5802, RFC 7677): the password prepared by SASLprep (as
// PostgreSQL and pgx do, the password as it is when it cannot be), a
// random salt, and the stored and server keys.
func scramVerifier(password string) (string, error) {
	if p, err := precis.OpaqueString.String(password); err == nil {
		password = p
	}
	salt := make([]byte, 16)
	if _, err := rand.Read(salt); err != nil {
		return "", fmt.Errorf("store: password: %w", err)
	}
	salted, err := pbkdf2.Key(sha256.New, password, salt, scramIterations, sha256.Size)
	if err != nil {
		return "", fmt.Errorf("store: password: %w", err)
	}
	mac := func(key []byte, msg string) []byte {
		h := hmac.New(sha256.New, key)
		h.Write([]byte(msg))
		return h.Sum(nil)
	}
	clientKey := mac(salted, "Client Key")
	storedKey := sha256.Sum256(clientKey)
	serverKey := mac(salted, "Server Key")
	b64 := base64.StdEncoding.EncodeToString
	return fmt.Sprintf("SCRAM-SHA-256$%d:%s$%s:%s", scramIterations, b64(salt), b64(storedKey[:]), b64(serverKey)), nil
}
