// Package certsign signs the text that a completion certificate's QR code
// carries, and checks it offline: who holds the certificate, for which
// course, since when, and that the party school issued it.
//
// # The payload, version PY1
//
// One line of UTF-8 text, seven fields separated by "|":
//
//	PY1|〔2025〕第0001号|张三|乡村振兴专题培训班|2025-06-15|510623***********4|<signature>
//
// The fields are:
//
//  1. the format tag PY1;
//  2. the certificate serial;
//  3. the holder's name;
//  4. the course title;
//  5. the issue date, YYYY-MM-DD;
//  6. the holder's ID number, always masked by the policy
//     (models.MaskIDNumber: the region code and the check character;
//     certificates printed before the policy show the first six and last
//     four characters): the full number is never printed;
//  7. the Ed25519 signature of everything before the last "|" (the UTF-8
//     bytes of "PY1|…|510623***********4"), in unpadded base64url: 86
//     characters.
//
// Inside a field "|" becomes "｜" and line breaks become spaces, and a name
// or course title longer than 40 characters is cut to 39 and "…", so that
// the text stays short (about 200 bytes for a usual certificate, a QR code
// of version 10 or 11 at level M) and unambiguous. The signing key is made
// on first use and kept in the database's settings (see Key); a payload
// whose signature does not verify with it was altered or never issued
// here.
package certsign

import (
	"crypto/ed25519"
	"encoding/base64"
	"strings"

	"peiyang/models"
)

// Tag is the first field of every payload of this format.
const Tag = "PY1"

// MaxField is the longest name or course title a payload holds, in
// characters; longer ones are cut.
const MaxField = 40

// Payload is what a certificate's QR code says about it.
type Payload struct {
	Serial   string      `json:"serial"`
	Name     string      `json:"name"`
	Course   string      `json:"course"`
	IssuedOn models.Date `json:"issued_on"`
	MaskedID string      `json:"masked_id"`
}

// NewPayload builds the payload of a certificate, masking the ID number
// and shortening and cleaning the fields as the format requires.
func NewPayload(c *models.Certificate, traineeName, idNumber, courseTitle string) Payload {
	return Payload{
		Serial:   field(c.Serial, 0),
		Name:     field(traineeName, MaxField),
		Course:   field(courseTitle, MaxField),
		IssuedOn: c.IssuedOn,
		MaskedID: field(models.MaskIDNumber(idNumber), 0),
	}
}

// field replaces the separator and line breaks and cuts s to max
// characters (0: no limit).
func field(s string, max int) string {
	s = strings.NewReplacer("|", "｜", "\r\n", " ", "\n", " ", "\r", " ").Replace(s)
	if r := []rune(s); max > 0 && len(r) > max {
		s = string(r[:max-1]) + "…"
	}
	return s
}

// message is the signed part of the payload.
func (p Payload) message() string {
	return strings.Join([]string{Tag, field(p.Serial, 0), field(p.Name, 0), field(p.Course, 0), p.IssuedOn.String(), field(p.MaskedID, 0)}, "|")
}

// Sign returns the payload's text with its signature.
func (p Payload) Sign(key ed25519.PrivateKey) string {
	msg := p.message()
	return msg + "|" + base64.RawURLEncoding.EncodeToString(ed25519.Sign(key, []byte(msg)))
}

// Parse splits a payload's text into its fields and signature without
// checking the signature. Surrounding white space is ignored. Text that
// is not a payload of this format is an EINVALID error.
func Parse(text string) (Payload, []byte, error) {
	text = strings.TrimSpace(text)
	parts := strings.Split(text, "|")
	if len(parts) != 7 || parts[0] != Tag {
		return Payload{}, nil, models.Errorf(models.EINVALID, "", "This is not the code of a Peiyang certificate: it must start with PY1 and have seven fields separated by |.")
	}
	date, err := models.ParseDate(parts[4])
	if err != nil || date.IsZero() {
		return Payload{}, nil, models.Errorf(models.EINVALID, "", "The certificate code holds {{.Text}} where the issue date should be.", "Text", parts[4])
	}
	sig, err := base64.RawURLEncoding.DecodeString(parts[6])
	if err != nil || len(sig) != ed25519.SignatureSize {
		return Payload{}, nil, models.Errorf(models.EINVALID, "", "The signature of the certificate code is damaged.")
	}
	p := Payload{Serial: parts[1], Name: parts[2], Course: parts[3], IssuedOn: date, MaskedID: parts[5]}
	if p.message() != strings.Join(parts[:6], "|") {
		// A field that Sign would have written differently (a date not
		// in its canonical form, say): not signed by us.
		return Payload{}, nil, models.Errorf(models.EINVALID, "", "The certificate code is not in its canonical form.")
	}
	return p, sig, nil
}

// Verify parses the text and checks its signature with the public key. It
// returns the payload and whether the signature holds; err is set only
// when the text is no payload at all.
func Verify(text string, pub ed25519.PublicKey) (Payload, bool, error) {
	p, sig, err := Parse(text)
	if err != nil {
		return Payload{}, false, err
	}
	ok := len(pub) == ed25519.PublicKeySize && ed25519.Verify(pub, []byte(p.message()), sig)
	return p, ok, nil
}
