// Package backup copies Peiyang's database while it is in use, puts a copy
// back, and keeps a folder of automatic backups. The SQL stays in store.
package backup

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"time"

	"peiyang/internal/private"
	"peiyang/models"
	"peiyang/settings"
	"peiyang/store"
)

// Settings of the automatic backups.
const (
	SettingFolder = settings.BackupFolder // default: "backups" beside the database
	SettingKeep   = settings.BackupKeep   // default: DefaultKeep
	DefaultKeep   = settings.DefaultBackupKeep
)

// Prefix and Ext name the automatic backups: peiyang-YYYYMMDD-HHMMSS.db.
const (
	Prefix = "peiyang-"
	Ext    = ".db"
)

// stampLayout is the time in backup and set-aside file names.
const stampLayout = "20060102-150405"

// Backup writes a consistent copy of the open database to path (mode 0600;
// the file must not exist) and records it in the audit trail.
func Backup(ctx context.Context, db *store.DB, path string) error {
	if err := db.BackupTo(ctx, path); err != nil {
		return err
	}
	return db.RecordAudit(ctx, "backup", "database", 0, map[string]string{"file": filepath.Base(path)})
}

// Restore replaces the database file dbPath with the backup src. The
// database must not be open in this process (nor, preferably, in any
// other). src is checked first: it must pass SQLite's integrity check and
// its schema must not be newer than this program's; else nothing changes.
// The current database is checkpointed and moved aside, with its -wal and
// -shm files if any, as dbPath.before-restore-YYYYMMDD-HHMMSS, whose path
// Restore returns ("" when there was no database).
func Restore(ctx context.Context, dbPath, src string, now time.Time) (aside string, err error) {
	dbAbs, err := filepath.Abs(dbPath)
	if err != nil {
		return "", fmt.Errorf("restore: %w", err)
	}
	srcAbs, err := filepath.Abs(src)
	if err != nil {
		return "", fmt.Errorf("restore: %w", err)
	}
	if dbAbs == srcAbs {
		return "", models.Errorf(models.EINVALID, "file", "The backup is the database itself.")
	}
	v, err := store.CheckFile(ctx, srcAbs)
	if err != nil {
		return "", err
	}
	if latest := store.LatestSchemaVersion(); v > latest {
		return "", models.Errorf(models.EINVALID, "file",
			"The backup was made by a newer version of Peiyang (schema {{.V}}; this program knows up to {{.Latest}}). Update Peiyang first.",
			"V", v, "Latest", latest)
	}
	// Copy the backup next to the database first, so that the swap is a
	// rename on the same file system.
	tmp := dbAbs + ".restoring"
	if err := copyFile(srcAbs, tmp); err != nil {
		return "", fmt.Errorf("restore: %w", err)
	}
	defer os.Remove(tmp) // gone after the rename; left over only on failure
	if err := store.Checkpoint(ctx, dbAbs); err != nil {
		return "", err
	}
	if _, err := os.Stat(dbAbs); err == nil {
		aside = dbAbs + ".before-restore-" + now.Format(stampLayout)
		if _, err := os.Stat(aside); err == nil {
			return "", models.Errorf(models.ECONFLICT, "", "The file {{.Path}} exists already; try again in a second.", "Path", aside)
		}
		if err := os.Rename(dbAbs, aside); err != nil {
			return "", fmt.Errorf("restore: set the database aside: %w", err)
		}
		for _, suffix := range []string{"-wal", "-shm"} {
			if _, err := os.Stat(dbAbs + suffix); err == nil {
				if err := os.Rename(dbAbs+suffix, aside+suffix); err != nil {
					return aside, fmt.Errorf("restore: set the database aside: %w", err)
				}
			}
		}
	} else if !errors.Is(err, os.ErrNotExist) {
		return "", fmt.Errorf("restore: %w", err)
	}
	if err := os.Rename(tmp, dbAbs); err != nil {
		if aside != "" {
			_ = os.Rename(aside, dbAbs) // put the old one back
		}
		return "", fmt.Errorf("restore: %w", err)
	}
	// Record the restore in the restored database's own trail.
	db, err := store.Open(dbAbs)
	if err != nil {
		return aside, err
	}
	err = db.RecordAudit(ctx, "restore", "database", 0, map[string]any{
		"file": filepath.Base(srcAbs), "schema": v, "set_aside": filepath.Base(aside)})
	return aside, errors.Join(err, db.Close())
}

// copyFile copies src to dst, created mode 0600 (replaced if it exists),
// and syncs it.
func copyFile(src, dst string) error {
	in, err := os.Open(src)
	if err != nil {
		return err
	}
	defer in.Close()
	out, err := os.OpenFile(dst, os.O_WRONLY|os.O_CREATE|os.O_TRUNC, 0o600)
	if err != nil {
		return err
	}
	if err := private.Restrict(dst); err != nil {
		out.Close()
		return err
	}
	if _, err := io.Copy(out, in); err != nil {
		out.Close()
		return err
	}
	if err := out.Sync(); err != nil {
		out.Close()
		return err
	}
	if err := out.Close(); err != nil {
		return err
	}
	return nil
}

// Rotate backs the database up into dir (created mode 0700 when missing)
// as peiyang-YYYYMMDD-HHMMSS.db and then deletes the oldest automatic
// backups there beyond the newest keep (keep < 1 counts as 1). Other files
// in dir are left alone. It returns the new backup's path.
func Rotate(ctx context.Context, db *store.DB, dir string, keep int, now time.Time) (string, error) {
	if keep < 1 {
		keep = 1
	}
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return "", fmt.Errorf("backup: %w", err)
	}
	path := filepath.Join(dir, Prefix+now.Format(stampLayout)+Ext)
	for i := 2; ; i++ { // two backups in the same second
		if _, err := os.Stat(path); errors.Is(err, os.ErrNotExist) {
			break
		}
		path = filepath.Join(dir, Prefix+now.Format(stampLayout)+"-"+strconv.Itoa(i)+Ext)
	}
	if err := Backup(ctx, db, path); err != nil {
		return "", err
	}
	old, err := List(dir)
	if err != nil {
		return path, err
	}
	for len(old) > keep {
		if err := os.Remove(old[0]); err != nil {
			return path, fmt.Errorf("backup: remove an old backup: %w", err)
		}
		old = old[1:]
	}
	return path, nil
}

// List returns the automatic backups in dir, oldest first.
func List(dir string) ([]string, error) {
	entries, err := os.ReadDir(dir)
	if err != nil {
		return nil, fmt.Errorf("backup: %w", err)
	}
	var out []string
	for _, e := range entries {
		if _, ok := backupKey(e.Name()); ok && e.Type().IsRegular() {
			out = append(out, filepath.Join(dir, e.Name()))
		}
	}
	sort.Slice(out, func(i, j int) bool {
		a, _ := backupKey(filepath.Base(out[i]))
		b, _ := backupKey(filepath.Base(out[j]))
		return a < b
	})
	return out, nil
}

// backupKey orders automatic backups' names, peiyang-STAMP[-N].db, by time
// and then by the same-second counter; ok is false for other names.
func backupKey(name string) (key string, ok bool) {
	if !strings.HasPrefix(name, Prefix) || !strings.HasSuffix(name, Ext) {
		return "", false
	}
	rest := strings.TrimSuffix(strings.TrimPrefix(name, Prefix), Ext)
	if len(rest) < len(stampLayout) {
		return "", false
	}
	stamp, count := rest[:len(stampLayout)], rest[len(stampLayout):]
	if _, err := time.Parse(stampLayout, stamp); err != nil {
		return "", false
	}
	n := 1
	if count != "" {
		c, err := strconv.Atoi(strings.TrimPrefix(count, "-"))
		if err != nil || !strings.HasPrefix(count, "-") || c < 2 {
			return "", false
		}
		n = c
	}
	return fmt.Sprintf("%s-%06d", stamp, n), true
}

// Settings returns the automatic backups' folder and count from the
// database's settings, with their defaults: the folder "backups" beside
// the database, and DefaultKeep.
func Settings(ctx context.Context, db *store.DB) (dir string, keep int, err error) {
	dir, err = db.Setting(ctx, SettingFolder)
	if err != nil {
		return "", 0, err
	}
	if strings.TrimSpace(dir) == "" {
		dir = filepath.Join(filepath.Dir(db.Path()), "backups")
	}
	keep = DefaultKeep
	v, err := db.Setting(ctx, SettingKeep)
	if err != nil {
		return "", 0, err
	}
	if n, err := strconv.Atoi(strings.TrimSpace(v)); err == nil && n > 0 {
		keep = n
	}
	return dir, keep, nil
}

// Auto makes an automatic backup as the settings say (for the window to
// call when it closes) and returns its path.
func Auto(ctx context.Context, db *store.DB, now time.Time) (string, error) {
	dir, keep, err := Settings(ctx, db)
	if err != nil {
		return "", err
	}
	return Rotate(ctx, db, dir, keep, now)
}
