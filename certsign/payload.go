// Package certsign signs the text that a completion certificate's QR code
// carries, and checks it offline: who holds the certificate, for which
// course, since when, and that the party school issued it.
//
// # The payload, version PY2
//
// One line of UTF-8 text: four fields separated by "|", then the issue
// date, the masked ID number and the signature separated by spaces:
//
//	PY2|〔2025〕第0001号|张三|乡村振兴专题培训班|20250615 510623***********4 0123…(155 digits)
//
// The fields are:
//
//  1. the format tag PY2;
//  2. the certificate serial;
//  3. the holder's name;
//  4. the course title;
//  5. the issue date, YYYYMMDD;
//  6. the holder's ID number, always masked by the policy
//     (models.MaskIDNumber: the region code and the check character;
//     certificates printed before the policy show the first six and last
//     four characters): the full number is never printed;
//  7. the Ed25519 signature of "PY2|serial|name|course|YYYY-MM-DD|masked
//     ID" (its UTF-8 bytes), as a number in 155 decimal digits.
//
// The end is written so that a QR code holds it in its compact modes
// (package qr): the date and the digits of the signature in numeric mode
// (3⅓ bits a digit, where base64 took 8 bits for 6), the masked ID number
// in alphanumeric mode; the text before it stays in byte mode. A usual
// certificate's code is one or two versions smaller than with PY1, its
// modules larger on the same paper, and the signature is the same
// Ed25519 signature as before.
//
// Inside a field "|" becomes "｜" and line breaks become spaces, and a name
// or course title longer than 40 characters is cut to 39 and "…", so that
// the text stays short and unambiguous. The signing key is made on first
// use and kept in the database's settings (see Key); a payload whose
// signature does not verify with it was altered or never issued here.
//
// # Version PY1
//
// Certificates printed before PY2 carry seven fields separated by "|",
// the date as YYYY-MM-DD and the signature of the same message with the
// tag PY1 in unpadded base64url (86 characters):
//
//	PY1|〔2025〕第0001号|张三|乡村振兴专题培训班|2025-06-15|510623********1234|<signature>
//
// They are still verified; Sign writes PY2.
package certsign

import (
	"crypto/ed25519"
	"encoding/base64"
	"math/big"
	"strings"

	"peiyang/models"
)

// Tag is the first field of the payloads Sign writes; TagV1 that of the
// earlier format, still verified.
const (
	Tag   = "PY2"
	TagV1 = "PY1"
)

// sigDigits is the length of a signature written in decimal: 2^512 has
// 155 digits.
const sigDigits = 155

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

// message is the signed part of the payload in the format of tag.
func (p Payload) message(tag string) string {
	return strings.Join([]string{tag, field(p.Serial, 0), field(p.Name, 0), field(p.Course, 0), p.IssuedOn.String(), field(p.MaskedID, 0)}, "|")
}

// text writes the payload with its signature in format PY2.
func (p Payload) text(sig []byte) string {
	digits := new(big.Int).SetBytes(sig).String()
	return strings.Join([]string{Tag, field(p.Serial, 0), field(p.Name, 0), field(p.Course, 0)}, "|") + "|" +
		strings.ReplaceAll(p.IssuedOn.String(), "-", "") + " " + field(p.MaskedID, 0) + " " +
		strings.Repeat("0", sigDigits-len(digits)) + digits
}

// Sign returns the payload's text with its signature.
func (p Payload) Sign(key ed25519.PrivateKey) string {
	return p.text(ed25519.Sign(key, []byte(p.message(Tag))))
}

// Parse splits a payload's text (PY2, or PY1) into its fields and
// signature without checking the signature. Surrounding white space is
// ignored. Text that is not a payload is an EINVALID error.
func Parse(text string) (Payload, []byte, error) {
	p, sig, _, err := parse(text)
	return p, sig, err
}

// parse is Parse that also returns the format's tag.
func parse(text string) (Payload, []byte, string, error) {
	text = strings.TrimSpace(text)
	if strings.HasPrefix(text, TagV1+"|") {
		p, sig, err := parseV1(text)
		return p, sig, TagV1, err
	}
	notOurs := models.Errorf(models.EINVALID, "", "This is not the code of a Peiyang certificate: it must start with PY2 (or PY1) and have its fields separated by |.")
	parts := strings.Split(text, "|")
	if len(parts) != 5 || parts[0] != Tag {
		return Payload{}, nil, "", notOurs
	}
	tail := parts[4]
	last := strings.LastIndexByte(tail, ' ')
	if len(tail) < 9 || tail[8] != ' ' || last < 8 {
		return Payload{}, nil, "", notOurs
	}
	raw := tail[:8]
	date, err := models.ParseDate(raw[:4] + "-" + raw[4:6] + "-" + raw[6:])
	if err != nil || date.IsZero() {
		return Payload{}, nil, "", models.Errorf(models.EINVALID, "", "The certificate code holds {{.Text}} where the issue date should be.", "Text", raw)
	}
	sig, ok := decimalSignature(tail[last+1:])
	if !ok {
		return Payload{}, nil, "", models.Errorf(models.EINVALID, "", "The signature of the certificate code is damaged.")
	}
	masked := ""
	if last > 9 {
		masked = tail[9:last]
	}
	p := Payload{Serial: parts[1], Name: parts[2], Course: parts[3], IssuedOn: date, MaskedID: masked}
	if p.text(sig) != text {
		// A field that Sign would have written differently: not signed by us.
		return Payload{}, nil, "", models.Errorf(models.EINVALID, "", "The certificate code is not in its canonical form.")
	}
	return p, sig, Tag, nil
}

// decimalSignature reads a signature written in 155 decimal digits.
func decimalSignature(digits string) ([]byte, bool) {
	if len(digits) != sigDigits || strings.Trim(digits, "0123456789") != "" {
		return nil, false
	}
	n, ok := new(big.Int).SetString(digits, 10)
	if !ok || n.BitLen() > 8*ed25519.SignatureSize {
		return nil, false
	}
	return n.FillBytes(make([]byte, ed25519.SignatureSize)), true
}

// parseV1 reads a payload of format PY1.
func parseV1(text string) (Payload, []byte, error) {
	parts := strings.Split(text, "|")
	if len(parts) != 7 {
		return Payload{}, nil, models.Errorf(models.EINVALID, "", "This is not the code of a Peiyang certificate: it must start with PY2 (or PY1) and have its fields separated by |.")
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
	if p.message(TagV1) != strings.Join(parts[:6], "|") {
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
	p, sig, tag, err := parse(text)
	if err != nil {
		return Payload{}, false, err
	}
	ok := len(pub) == ed25519.PublicKeySize && ed25519.Verify(pub, []byte(p.message(tag)), sig)
	return p, ok, nil
}
