package store

import (
	"context"
	"database/sql"
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
