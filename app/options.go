package app

import (
	"context"
	"time"

	"peiyang/models"
	"peiyang/training"
)

// What the program that opens the window hands it (Options), and what it
// hands back after a restore (Restored).

// Options configure the window.
type Options struct {
	// DBPath is the database file, shown in the sidebar; for a shared
	// (PostgreSQL) database its name without a password, with DBUser.
	DBPath string
	// DBUser is the database user of a shared database, "" for a file.
	DBUser string
	// OpenShared connects to a PostgreSQL database (a connection string
	// and a password, "" for none) for the window to go on over; nil
	// leaves out File → Open a shared database….
	OpenShared func(ctx context.Context, target, password string) (Shared, error)
	// Route is where the window opens; the zero value is the dashboard.
	Route Route
	// Language is zh or en; "" takes $PEIYANG_LANG, the saved setting, or
	// the system's language.
	Language string
	// MakeDemo builds demo data for the first start with an empty
	// database; nil leaves out the offer.
	MakeDemo func(ctx context.Context) (*models.Dataset, error)
	// Backup writes a copy of the open database to path (a new file) and
	// records it in the audit trail; nil leaves out "Back up now…".
	Backup func(ctx context.Context, path string) error
	// AutoBackup makes an automatic backup into the backup folder of the
	// settings, keeping the last few, and returns its path; the window
	// calls it when it closes, at most once a day. nil for none.
	AutoBackup func(ctx context.Context, now time.Time) (string, error)
	// Restore replaces the database with the backup src after checking
	// it, keeping the current data aside, and says what became of it (see
	// Restored); on an error the database is as it was. nil leaves out
	// "Restore from a backup…".
	Restore func(ctx context.Context, src string) (Restored, error)
	// Replaced reports whether another file now sits at the database's
	// path than the one the window has open (a restore or a copy made by
	// another program); the window asks every few seconds and then
	// reopens through Reopen. nil for no watch.
	Replaced func() bool
	// Reopen closes the database and opens the file at its path again,
	// returning the service over it.
	Reopen func(ctx context.Context) (*training.Service, error)
	// Notice is shown when the window opens (what was cleaned up after
	// an interrupted restore); nil for none.
	Notice *models.Error
}

// Restored is what became of a restore. When Service is set the window
// goes on with it: over the restored database when Done, else over the
// original one, reopened. Closed without a Service means the database
// could not be reopened: the window can only close.
type Restored struct {
	Service *training.Service
	Done    bool   // the backup is in place
	Aside   string // where the previous data are kept
	Closed  bool   // the window's service is closed
}
