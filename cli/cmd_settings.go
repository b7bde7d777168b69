package cli

import (
	"fmt"

	"peiyang/models"
	"peiyang/settings"
)

func runSettingsList(e *env, args []string) error {
	e.fs.BoolVar(&e.json, "json", false, "print JSON")
	if _, err := e.parse(args, 0); err != nil {
		return err
	}
	if err := e.open(); err != nil {
		return err
	}
	list, err := e.svc.Settings.ListSettings(e.ctx)
	if err != nil {
		return err
	}
	if e.json {
		type item struct {
			Key         string `json:"key"`
			Value       string `json:"value"`
			Set         bool   `json:"set"`
			Default     string `json:"default"`
			Secret      bool   `json:"secret,omitempty"`
			Internal    bool   `json:"internal,omitempty"`
			Description string `json:"description"`
		}
		out := make([]item, len(list))
		for i, s := range list {
			out[i] = item{s.Key, s.Value, s.Set, s.Default, s.Secret, s.Internal, s.Description}
		}
		return e.writeJSON(out)
	}
	for _, s := range list {
		v := s.Value
		switch {
		case s.Secret && s.Set:
			v = "(set, never shown)"
		case !s.Set && s.Default != "":
			v = s.Default + "  (default)"
		case !s.Set:
			v = "(unset)"
		}
		fmt.Fprintf(e.stdout, "%s = %s\n    %s\n", s.Key, v, s.Description)
	}
	return nil
}

func runSettingsGet(e *env, args []string) error {
	e.fs.BoolVar(&e.json, "json", false, "print JSON")
	pos, err := e.parse(args, 1)
	if err != nil {
		return err
	}
	key := pos[0]
	if err := settings.CheckKey(key, false); err != nil {
		return err
	}
	if settings.IsSecret(key) {
		return models.Errorf(models.EINVALID, "key", settings.MsgSecret, "Key", key)
	}
	if err := e.open(); err != nil {
		return err
	}
	v, err := e.svc.Settings.Setting(e.ctx, key)
	if err != nil {
		return err
	}
	if e.json {
		return e.writeJSON(map[string]string{"key": key, "value": v})
	}
	fmt.Fprintln(e.stdout, v)
	return nil
}

func runSettingsSet(e *env, args []string) error {
	pos, err := e.parse(args, 2)
	if err != nil {
		return err
	}
	key, value := pos[0], pos[1]
	if err := settings.CheckKey(key, true); err != nil {
		return err
	}
	if err := e.open(); err != nil {
		return err
	}
	if err := e.svc.Settings.SaveSettings(e.ctx, map[string]string{key: value}); err != nil {
		return err
	}
	fmt.Fprintf(e.stdout, "%s = %s\n", key, value)
	return nil
}
