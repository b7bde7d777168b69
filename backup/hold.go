package backup

import (
	"context"
	"errors"
	"fmt"
	"path/filepath"
	"time"

	"peiyang/internal/inuse"
	"peiyang/models"
)

// The register of who has a database file open (see internal/inuse),
// from the side of the programs that open it, and the messages that name
// them.

// HoldWait is how long Hold waits for a restore that is replacing the
// database.
var HoldWait = 30 * time.Second

// Hold records this process in the register of the database file dbPath;
// call it before opening the database and release the hold after closing
// it. It first cleans up what an interrupted restore left beside the file
// (note is then the message for the user, else nil). While a restore is
// replacing the database it waits up to HoldWait, then refuses.
func Hold(ctx context.Context, dbPath string) (h *inuse.Hold, note *models.Error, err error) {
	abs, err := filepath.Abs(dbPath)
	if err != nil {
		return nil, nil, fmt.Errorf("open database: %w", err)
	}
	if note, err = Recover(abs); err != nil {
		return nil, nil, fmt.Errorf("open database: %w", err)
	}
	h, err = inuse.Open(ctx, abs, HoldWait)
	if errors.Is(err, inuse.ErrReplacing) {
		return nil, note, models.Errorf(models.ECONFLICT, "",
			"A restore is replacing the database; try again when it has finished.")
	}
	if err != nil {
		return nil, note, fmt.Errorf("open database: %w", err)
	}
	return h, note, nil
}

// inUseError refuses a restore while others have the database open,
// naming the first of them.
func inUseError(hs []inuse.Holder) error {
	if len(hs) == 0 {
		return models.Errorf(models.ECONFLICT, "",
			"The database is open in another program; close it, then try again.")
	}
	h := hs[0]
	for _, o := range hs {
		if o.What == inuse.Restore {
			h = o
		}
	}
	data := []any{"What", h.What, "PID", h.PID, "User", h.User,
		"Since", h.Since.Local().Format("2006-01-02 15:04"), "N", len(hs)}
	switch {
	case h.What == inuse.Restore:
		return models.Errorf(models.ECONFLICT, "",
			"Another restore of this database is under way (process {{.PID}}, user {{.User}}, since {{.Since}}); wait for it to finish.", data...)
	case len(hs) == 1:
		return models.Errorf(models.ECONFLICT, "",
			"The database is open in another Peiyang program: {{.What}} (process {{.PID}}, user {{.User}}, since {{.Since}}). Close it, then try again.", data...)
	}
	return models.Errorf(models.ECONFLICT, "",
		"The database is open in {{.N}} other Peiyang programs, among them {{.What}} (process {{.PID}}, user {{.User}}, since {{.Since}}). Close them, then try again.", data...)
}

// fileError explains a failure to write or rename a file of a restore.
func fileError(err error, dir string) error {
	switch {
	case isDiskFull(err):
		return models.Errorf(models.EINVALID, "",
			"There is not enough free space on the disk that holds {{.Folder}} for the restore.", "Folder", dir)
	case isInUse(err):
		return inUseError(nil)
	}
	return fmt.Errorf("restore: %w", err)
}
