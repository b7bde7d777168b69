package cli

import (
	"context"
	"fmt"
	"strings"

	"peiyang/models"
	"peiyang/reports/certificate"
)

func init() {
	register(
		&command{name: "settings get", args: "KEY [--json]", summary: "Show a setting (certificate wording, organisation, serial format, overlay positions...).", run: runSettingsGet},
		&command{name: "settings set", args: "KEY VALUE", summary: "Change a setting; a value the documents cannot use is refused and nothing changes.", run: runSettingsSet},
	)
}

func runSettingsGet(e *env, args []string) error {
	e.fs.BoolVar(&e.json, "json", false, "print JSON")
	pos, err := e.parse(args, 1)
	if err != nil {
		return err
	}
	if pos[0] == certificateKeySetting {
		return models.Errorf(models.EINVALID, "key", "The certificate signing key is never shown.")
	}
	if err := e.open(); err != nil {
		return err
	}
	v, err := e.svc.Setting(e.ctx, pos[0])
	if err != nil {
		return err
	}
	if e.json {
		return e.writeJSON(map[string]string{"key": pos[0], "value": v})
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
	if key == certificateKeySetting {
		return models.Errorf(models.EINVALID, "key", "The certificate signing key cannot be set by hand.")
	}
	if err := e.open(); err != nil {
		return err
	}
	err = e.svc.Update(e.ctx, func(ctx context.Context) error {
		if err := e.svc.SetSetting(ctx, key, value); err != nil {
			return err
		}
		return checkSettings(ctx, e.svc, key)
	})
	if err != nil {
		return err
	}
	fmt.Fprintf(e.stdout, "%s = %s\n", key, value)
	return nil
}

// certificateKeySetting holds the certificate signing key.
const certificateKeySetting = "certificate.signing_key"

// checkSettings checks, inside the transaction that changed it, that the
// documents and rules can still use the settings.
func checkSettings(ctx context.Context, st certificate.SettingReader, key string) error {
	if !strings.HasPrefix(key, "certificate.") {
		return nil
	}
	return certificate.CheckSettings(ctx, st, 2025)
}
