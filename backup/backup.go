// Package backup copies Peiyang's database while it is in use, puts a copy
// back (restore.go), and keeps a folder of automatic backups. The SQL
// stays in store.
package backup

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"time"

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
// the database ("" on PostgreSQL), and DefaultKeep.
func Settings(ctx context.Context, db *store.DB) (dir string, keep int, err error) {
	dir, err = db.Setting(ctx, SettingFolder)
	if err != nil {
		return "", 0, err
	}
	switch {
	case strings.TrimSpace(dir) != "":
	case db.IsPostgres():
		dir = "" // none unless set (see Auto)
	default:
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
// call when it closes) and returns its path. A PostgreSQL database is
// backed up automatically only into a folder the settings name: its
// server's backups are its DBA's, and a copy of everybody's data on each
// desk is not one to make by default. Then it returns "".
func Auto(ctx context.Context, db *store.DB, now time.Time) (string, error) {
	dir, keep, err := Settings(ctx, db)
	if err != nil || dir == "" {
		return "", err
	}
	return Rotate(ctx, db, dir, keep, now)
}
