package cli

import (
	"context"
	"path/filepath"
	"time"

	"peiyang/app"
	"peiyang/backup"
	"peiyang/models"
	"peiyang/store"
)

// withSafety hands the window the backup and restore of the open database
// (e.db), which it cannot reach itself.
func withSafety(e *env, opts app.Options) app.Options {
	db := e.db
	opts.Backup = func(ctx context.Context, path string) error {
		return backup.Backup(ctx, db, path)
	}
	opts.AutoBackup = func(ctx context.Context, now time.Time) (string, error) {
		return backup.Auto(ctx, db, now)
	}
	opts.Restore = func(ctx context.Context, src string) (string, bool, error) {
		return restoreOpen(ctx, db, src, e.now())
	}
	return opts
}

// restoreOpen restores the backup src over the open database db: it checks
// the backup first, leaving db open when it is refused; else it closes db
// and restores (closed is then true).
func restoreOpen(ctx context.Context, db *store.DB, src string, now time.Time) (aside string, closed bool, err error) {
	path := db.Path()
	srcAbs, err := filepath.Abs(src)
	if err != nil {
		return "", false, err
	}
	if dbAbs, err := filepath.Abs(path); err == nil && dbAbs == srcAbs {
		return "", false, models.Errorf(models.EINVALID, "file", "The backup is the database itself.")
	}
	v, err := store.CheckFile(ctx, srcAbs)
	if err != nil {
		return "", false, err
	}
	if latest := store.LatestSchemaVersion(); v > latest {
		return "", false, models.Errorf(models.EINVALID, "file",
			"The backup was made by a newer version of Peiyang (schema {{.V}}; this program knows up to {{.Latest}}). Update Peiyang first.",
			"V", v, "Latest", latest)
	}
	if err := db.Close(); err != nil {
		return "", true, err
	}
	aside, err = backup.Restore(ctx, path, srcAbs, now)
	return aside, true, err
}
