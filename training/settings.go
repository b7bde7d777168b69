package training

import (
	"context"
	"errors"
	"sort"

	"peiyang/models"
	"peiyang/settings"
)

// Settings, as the settings package declares them: reading, saving by hand
// (the window's settings screen, `peiyang settings set`), and listing.

// Setting returns a setting's stored value, "" when it was never set.
func (s *SettingService) Setting(ctx context.Context, key string) (string, error) {
	v, err := s.store.Setting(ctx, key)
	return v, wrap("setting", err)
}

// SetSetting stores a setting the program keeps itself (the signing key,
// the day of the last automatic backup, the window's language...). An
// undeclared key, or a value the setting's check refuses, is EINVALID.
func (s *SettingService) SetSetting(ctx context.Context, key, value string) error {
	c, err := s.settingContext(ctx, map[string]string{key: value})
	if err != nil {
		return wrap("set setting", err)
	}
	if err := settings.Check(key, value, c); err != nil {
		return wrap("set setting", err)
	}
	return wrap("set setting", s.store.SetSetting(ctx, key, value))
}

// SaveSettings stores settings a person typed, all of them or none, in one
// transaction: every key must be declared and settable by hand (neither
// secret nor internal), and every value must pass its setting's check. The
// errors of all refused values come together, each with its key as field.
// The file a setting names is copied in with it (emptying the setting
// removes the copy).
func (s *SettingService) SaveSettings(ctx context.Context, values map[string]string) error {
	keys := make([]string, 0, len(values))
	for k := range values {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	var list models.ErrorList
	c, err := s.settingContext(ctx, values)
	if err != nil {
		return wrap("save settings", err)
	}
	files := map[string]*models.SettingFile{} // of the settings that name a file
	for _, k := range keys {
		err := settings.CheckKey(k, true)
		if d, _ := settings.Lookup(k); err == nil && d.File != nil {
			files[k], err = settings.ReadFile(k, values[k])
		} else if err == nil {
			err = settings.Check(k, values[k], c)
		}
		var e *models.Error
		switch {
		case err == nil:
		case errors.As(err, &e):
			list = append(list, e)
		default:
			return wrap("save settings", err)
		}
	}
	if err := list.Err(); err != nil {
		return wrap("save settings", err)
	}
	return s.update(ctx, "save settings", func(ctx context.Context) error {
		for _, k := range keys {
			if f, ok := files[k]; ok {
				if err := s.store.SetSettingFile(ctx, k, f); err != nil {
					return err
				}
			}
			if err := s.store.SetSetting(ctx, k, values[k]); err != nil {
				return err
			}
		}
		return nil
	})
}

// SettingFile returns the file copied in for a setting that names one
// (the certificate's background image), nil when there is none.
func (s *SettingService) SettingFile(ctx context.Context, key string) (*models.SettingFile, error) {
	f, err := s.store.SettingFile(ctx, key)
	return f, wrap("setting file", err)
}

// SettingValue is a declared setting with its stored value ("" when unset;
// never the value of a secret setting).
type SettingValue struct {
	settings.Setting
	Value string
	Set   bool // a value is stored
}

// ListSettings returns every declared setting with its value, by key.
func (s *SettingService) ListSettings(ctx context.Context) ([]SettingValue, error) {
	return read(s.rules, ctx, "list settings", func(ctx context.Context) ([]SettingValue, error) {
		var out []SettingValue
		for _, d := range settings.All() {
			v, err := s.store.Setting(ctx, d.Key)
			if err != nil {
				return nil, err
			}
			sv := SettingValue{Setting: d, Set: v != ""}
			if !d.Secret {
				sv.Value = v
			}
			out = append(out, sv)
		}
		return out, nil
	})
}

// settingContext is what the settings' checks need: the current year,
// and the organisation's short name as it will be once values are saved.
func (s *rules) settingContext(ctx context.Context, values map[string]string) (settings.Context, error) {
	c := settings.Context{Year: s.today().Year()}
	short, ok := values[settings.OrgShortName]
	if !ok {
		var err error
		if short, err = s.store.Setting(ctx, settings.OrgShortName); err != nil {
			return c, err
		}
	}
	c.OrgShortName = short
	return c, nil
}
