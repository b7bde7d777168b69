package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"unicode/utf8"

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

// SetSetting creates or replaces a named setting. A value that is not
// valid UTF-8 is refused: it would not read back as it was written.
func (db *DB) SetSetting(ctx context.Context, key, value string) error {
	if !utf8.ValidString(value) {
		return models.Errorf(models.EINVALID, "value", "The text is not valid UTF-8.")
	}
	return db.write(ctx, func(q querier) error {
		_, err := q.ExecContext(ctx, `INSERT INTO settings (key, value) VALUES (?, ?)
			ON CONFLICT (key) DO UPDATE SET value = excluded.value`, key, value)
		return dbErr("set setting", err)
	})
}
