package models

import "time"

// SettingFile is a file a setting names, copied into the database when
// the setting is saved (the certificate's background image), so that
// what the setting means never depends on a path that may move or
// change.
type SettingFile struct {
	Key       string    `json:"key"`  // the setting
	Name      string    `json:"name"` // the file's name when it was copied in
	Type      string    `json:"type"` // what it holds, e.g. PNG or JPG
	Data      []byte    `json:"-"`
	SHA256    string    `json:"sha256"` // of Data, in hex
	UpdatedAt time.Time `json:"updated_at"`
}
