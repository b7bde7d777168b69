package certsign

import (
	"context"
	"crypto/ed25519"
	"crypto/rand"
	"encoding/base64"
	"fmt"
	"strings"

	"peiyang/models"
	"peiyang/settings"
)

// SettingKey is the setting that holds the signing key: "ed25519:" and the
// key's 32-byte seed in standard base64. Whoever can read the database can
// sign certificates with it; whoever loses it (a new database without the
// old settings) can no longer verify the certificates already printed, so
// back the database up.
const SettingKey = settings.SigningKey

const keyPrefix = "ed25519:"

// SettingReader reads named settings; "" means never set.
type SettingReader interface {
	Setting(ctx context.Context, key string) (string, error)
}

// KeyStore keeps the signing key: the store's settings and its write
// transactions, whose callback's context carries the transaction.
type KeyStore interface {
	SettingReader
	SetSetting(ctx context.Context, key, value string) error
	Update(ctx context.Context, fn func(ctx context.Context) error) error
}

// Key returns the signing key, making it and saving it in the settings
// on first use, in one transaction so that two programs starting at once
// agree on one key.
func Key(ctx context.Context, st KeyStore) (ed25519.PrivateKey, error) {
	if key, err := readKey(ctx, st); err != nil || key != nil {
		return key, err
	}
	var key ed25519.PrivateKey
	err := st.Update(ctx, func(ctx context.Context) error {
		var err error
		if key, err = readKey(ctx, st); err != nil || key != nil {
			return err
		}
		seed := make([]byte, ed25519.SeedSize)
		if _, err := rand.Read(seed); err != nil {
			return fmt.Errorf("make the signing key: %w", err)
		}
		key = ed25519.NewKeyFromSeed(seed)
		return st.SetSetting(ctx, SettingKey, keyPrefix+base64.StdEncoding.EncodeToString(seed))
	})
	if err != nil {
		return nil, fmt.Errorf("certsign: signing key: %w", err)
	}
	return key, nil
}

// PublicKey returns the key that verifies signatures, or nil when no
// certificate was ever signed with this database.
func PublicKey(ctx context.Context, st SettingReader) (ed25519.PublicKey, error) {
	key, err := readKey(ctx, st)
	if err != nil || key == nil {
		return nil, err
	}
	return key.Public().(ed25519.PublicKey), nil
}

// readKey reads the key from the settings, nil when it is not set.
func readKey(ctx context.Context, st SettingReader) (ed25519.PrivateKey, error) {
	v, err := st.Setting(ctx, SettingKey)
	if err != nil {
		return nil, fmt.Errorf("certsign: read the signing key: %w", err)
	}
	if v == "" {
		return nil, nil
	}
	seed, err := base64.StdEncoding.DecodeString(strings.TrimPrefix(v, keyPrefix))
	if !strings.HasPrefix(v, keyPrefix) || err != nil || len(seed) != ed25519.SeedSize {
		return nil, models.Errorf(models.EINTERNAL, SettingKey, "The certificate signing key in the settings is damaged; restore the database from a backup.")
	}
	return ed25519.NewKeyFromSeed(seed), nil
}
