package store

import (
	"context"
	"crypto/sha256"
	"database/sql"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"

	"peiyang/models"
)

// Setting returns the value of a named setting, or "" when it was never set.
func (db *DB) Setting(ctx context.Context, key string) (string, error) {
	var v string
	err := db.reader(ctx).QueryRowContext(ctx, `SELECT value FROM settings WHERE key = ?`, key).Scan(&v)
	if errors.Is(err, sql.ErrNoRows) {
		return "", nil
	}
	if err != nil {
		return "", fmt.Errorf("store: setting: %w", err)
	}
	return v, nil
}

// maxSetting is the longest setting value, in characters.
const maxSetting = 4000

// SetSetting creates or replaces a named setting. A value that is too
// long, not valid UTF-8 (it would not read back as written) or holds
// control characters is refused, with an error that names the key.
func (db *DB) SetSetting(ctx context.Context, key, value string) error {
	return db.write(ctx, func(w *writeTx) error { return w.setSetting(key, value) })
}

// setSetting creates or replaces a setting and records it.
func (w *writeTx) setSetting(key, value string) error {
	// The last guard for every setting: documents print these texts.
	if err := models.CheckText(key, value, maxSetting); err != nil {
		return err
	}
	return w.upsert("settings", "set setting", rowKey{cols: []string{"key"}, vals: []any{key}},
		`INSERT INTO settings (key, value) VALUES (?, ?)
		ON CONFLICT (key) DO UPDATE SET value = excluded.value`, key, value)
}

// SettingFile returns the file copied in for a setting, nil when there is
// none.
func (db *DB) SettingFile(ctx context.Context, key string) (*models.SettingFile, error) {
	f := &models.SettingFile{Key: key}
	err := db.reader(ctx).QueryRowContext(ctx, `SELECT name, type, data, sha256, updated_at FROM setting_files WHERE key = ?`, key).
		Scan(&f.Name, &f.Type, &f.Data, &f.SHA256, timeCol{&f.UpdatedAt})
	if errors.Is(err, sql.ErrNoRows) {
		return nil, nil
	}
	if err != nil {
		return nil, fmt.Errorf("store: setting file: %w", err)
	}
	return f, nil
}

// SetSettingFile keeps a copy of the file for the setting key, in place
// of any before; nil f removes it. The audit trail records the file's
// name, type, size and SHA-256, never its bytes.
func (db *DB) SetSettingFile(ctx context.Context, key string, f *models.SettingFile) error {
	return db.write(ctx, func(w *writeTx) error {
		before, err := w.settingFileSummary(key)
		if err != nil {
			return err
		}
		if f == nil {
			if before == "" {
				return nil
			}
			if _, err := w.ExecContext(ctx, `DELETE FROM setting_files WHERE key = ?`, key); err != nil {
				return dbErr("remove setting file", err)
			}
			return w.recordFile(AuditDelete, key, before, "")
		}
		sum := sha256.Sum256(f.Data)
		f.Key, f.SHA256, f.UpdatedAt = key, hex.EncodeToString(sum[:]), db.stamp()
		_, err = w.ExecContext(ctx, `INSERT INTO setting_files (key, name, type, data, sha256, updated_at) VALUES (?, ?, ?, ?, ?, ?)
			ON CONFLICT (key) DO UPDATE SET name = excluded.name, type = excluded.type, data = excluded.data,
			sha256 = excluded.sha256, updated_at = excluded.updated_at`,
			key, f.Name, f.Type, f.Data, f.SHA256, formatTime(f.UpdatedAt))
		if err != nil {
			return dbErr("set setting file", err)
		}
		after, err := w.settingFileSummary(key)
		if err != nil {
			return err
		}
		action := AuditUpdate
		if before == "" {
			action = AuditCreate
		}
		return w.recordFile(action, key, before, after)
	})
}

// settingFileSummary is the audit's JSON of a setting's file, without its
// bytes; "" when there is none.
func (w *writeTx) settingFileSummary(key string) (string, error) {
	var name, typ, sum string
	var size int64
	err := w.QueryRowContext(w.ctx, `SELECT name, type, length(data), sha256 FROM setting_files WHERE key = ?`, key).Scan(&name, &typ, &size, &sum)
	if errors.Is(err, sql.ErrNoRows) {
		return "", nil
	}
	if err != nil {
		return "", fmt.Errorf("store: setting file: %w", err)
	}
	b, err := json.Marshal(map[string]any{"key": key, "name": name, "type": typ, "bytes": size, "sha256": sum})
	return string(b), err
}

// recordFile appends the audit entry of a change of a setting's file.
func (w *writeTx) recordFile(action, key, before, after string) error {
	w.changed = true
	w.entries++
	return w.db.appendAudit(w.ctx, w.q, action, "setting_files", key, before, after)
}
