package models

import (
	"strings"
	"time"
	"unicode"
)

// Role is what an account may do on a shared (PostgreSQL) database. The
// database enforces it (grants and row-level security); the window and the
// command line only follow it, hiding what an account may not do.
type Role string

// The roles, from most to least allowed.
const (
	// RoleAdmin may do everything: accounts, settings, restore, voiding and
	// reissuing certificates, retention.
	RoleAdmin Role = "admin"
	// RoleStaff runs the programme's daily work, but not accounts, settings
	// or restore.
	RoleStaff Role = "staff"
	// RoleRegion is an outflow region's account: it reads its own members
	// (and nothing of other regions' members, not even their count),
	// imports nominees for its region and records returns and elections of
	// its members.
	RoleRegion Role = "region"
	// RoleViewer reads everything, with ID numbers and phones masked, and
	// changes nothing.
	RoleViewer Role = "viewer"
)

// Roles lists the roles, most allowed first.
var Roles = []Role{RoleAdmin, RoleStaff, RoleRegion, RoleViewer}

// ParseRole reads a role's name (admin, staff, region or viewer, in any
// case).
func ParseRole(s string) (Role, error) {
	r := Role(strings.ToLower(strings.TrimSpace(s)))
	for _, x := range Roles {
		if r == x {
			return r, nil
		}
	}
	return "", Errorf(EINVALID, "role", "The role must be one of {{.Roles}}, not {{.Role}}.", "Roles", "admin, staff, region, viewer", "Role", s)
}

// Permission is one kind of thing an account may be allowed to do.
type Permission string

// The permissions the window and the command line ask about.
const (
	// PermEdit: change the programme's records (trainees, courses,
	// sessions, enrolment, attendance, scores, placements, mentors).
	PermEdit Permission = "edit"
	// PermIssue: issue and print certificates.
	PermIssue Permission = "issue"
	// PermVoid: void and reissue certificates.
	PermVoid Permission = "void"
	// PermImportNominees: take in a nominee list.
	PermImportNominees Permission = "import_nominees"
	// PermImport: take in schedules, attendance and photos.
	PermImport Permission = "import"
	// PermFollowUp: record returns and elections.
	PermFollowUp Permission = "follow_up"
	// PermReveal: show full ID numbers and phones (audited).
	PermReveal Permission = "reveal"
	// PermSettings: change settings.
	PermSettings Permission = "settings"
	// PermAccounts: add and change accounts.
	PermAccounts Permission = "accounts"
	// PermRestore: restore a backup, run retention.
	PermRestore Permission = "restore"
)

// permissions says which roles have each permission.
var permissions = map[Permission][]Role{
	PermEdit:           {RoleAdmin, RoleStaff},
	PermIssue:          {RoleAdmin, RoleStaff},
	PermVoid:           {RoleAdmin},
	PermImportNominees: {RoleAdmin, RoleStaff, RoleRegion},
	PermImport:         {RoleAdmin, RoleStaff},
	PermFollowUp:       {RoleAdmin, RoleStaff, RoleRegion},
	PermReveal:         {RoleAdmin, RoleStaff, RoleRegion},
	PermSettings:       {RoleAdmin},
	PermAccounts:       {RoleAdmin},
	PermRestore:        {RoleAdmin},
}

// May reports whether the role has the permission.
func (r Role) May(p Permission) bool {
	for _, x := range permissions[p] {
		if x == r {
			return true
		}
	}
	return false
}

// Account is a person's login on a shared database: a PostgreSQL role
// (LOGIN) that is a member of one of Peiyang's four group roles. On a
// SQLite file there are no accounts: the person at the desk is admin.
type Account struct {
	Name     string `json:"name"`             // the database user (role name)
	Role     Role   `json:"role"`             // what the account may do
	Region   string `json:"region,omitempty"` // a region account's outflow region (a city, e.g. 德阳市)
	Disabled bool   `json:"disabled"`         // it can no longer log in
	// Owner says the account owns the database (it set it up and runs its
	// upgrades); it is an admin that no other admin manages.
	Owner     bool      `json:"owner,omitempty"`
	CreatedAt time.Time `json:"created_at"`
	UpdatedAt time.Time `json:"updated_at"`
}

// May reports whether the account may do it: a disabled account nothing.
func (a *Account) May(p Permission) bool {
	return a != nil && !a.Disabled && a.Role.May(p)
}

// Desk is the account of the person at the desk on a SQLite file: admin.
var Desk = Account{Role: RoleAdmin}

// MaxAccountName is the longest account name: PostgreSQL's longest name.
const MaxAccountName = 63

// reservedAccountPrefixes start names an account may not take: the
// server's own roles and Peiyang's group roles.
var reservedAccountPrefixes = []string{"pg_", "peiyang_"}

// ValidateAccountName checks a new account's name: a letter first, then
// lowercase latin letters, digits, _ . or -, at most 63 characters, not a
// name of the server's or of Peiyang's own roles. Names are lowercase so
// that they work unquoted in psql and in a connection string alike.
func ValidateAccountName(name string) error {
	if name == "" {
		return Errorf(EINVALID, "name", "Give the account a name.")
	}
	if len(name) > MaxAccountName {
		return Errorf(EINVALID, "name", "An account name has at most {{.Max}} characters.", "Max", MaxAccountName)
	}
	for i, r := range name {
		ok := r < unicode.MaxASCII && (unicode.IsLower(r) || (i > 0 && (unicode.IsDigit(r) || strings.ContainsRune("_.-", r))))
		if !ok {
			return Errorf(EINVALID, "name", "An account name starts with a lowercase latin letter and holds only lowercase latin letters, digits, _ . and -, such as {{.Example}}.",
				"Example", "zhang.wei, deyang01")
		}
	}
	for _, p := range reservedAccountPrefixes {
		if strings.HasPrefix(name, p) {
			return Errorf(EINVALID, "name", "Account names starting with {{.Prefix}} are reserved.", "Prefix", p)
		}
	}
	return nil
}

// ValidateAccountRole checks a role and its region: a region account names
// its outflow region (a city, e.g. 德阳市), the others none.
func ValidateAccountRole(role Role, region string) error {
	if _, err := ParseRole(string(role)); err != nil {
		return err
	}
	if role == RoleRegion {
		if strings.TrimSpace(region) == "" {
			return Errorf(EINVALID, "region", "A region account needs its outflow region, such as 德阳市.")
		}
		return CheckText("region", region, MaxName)
	}
	if region != "" {
		return Errorf(EINVALID, "region", "Only a region account has a region.")
	}
	return nil
}

// CheckPasswordsMatch checks that a password typed twice is the same
// both times.
func CheckPasswordsMatch(p1, p2 string) *Error {
	if p1 != p2 {
		return Errorf(EINVALID, "password2", "The two passwords differ; type the same password twice.")
	}
	return nil
}

// MinPasswordLength is the shortest password an account may have.
const MinPasswordLength = 10

// ValidatePassword checks a new password: at least 10 characters, none of
// them a control character.
func ValidatePassword(p string) error {
	if len([]rune(p)) < MinPasswordLength {
		return Errorf(EINVALID, "password", "A password has at least {{.Min}} characters.", "Min", MinPasswordLength)
	}
	for _, r := range p {
		if unicode.IsControl(r) {
			return Errorf(EINVALID, "password", "A password cannot hold control characters.")
		}
	}
	return nil
}
