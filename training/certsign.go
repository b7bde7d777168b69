package training

import (
	"context"
	"crypto/ed25519"

	"peiyang/certsign"
)

// The signed QR codes of certificates: the key they are signed with, kept
// in the settings, and the check of a code against this database.

// SigningKey returns the key certificates are signed with, made and saved
// on first use.
func (s *CertificateService) SigningKey(ctx context.Context) (ed25519.PrivateKey, error) {
	key, err := certsign.Key(ctx, s.store)
	return key, wrap("signing key", err)
}

// VerifyCertificate checks a certificate's code (the text of its QR code)
// against this database's key and records, in one read transaction.
func (s *CertificateService) VerifyCertificate(ctx context.Context, text string) (*certsign.Result, error) {
	return read(s.rules, ctx, "verify certificate", func(ctx context.Context) (*certsign.Result, error) {
		return certsign.Check(ctx, s.store, text)
	})
}
