package certsign_test

import (
	"context"
	"crypto/ed25519"
	"crypto/rand"
	"encoding/base64"
	"strings"
	"sync"
	"testing"
	"unicode/utf8"

	"peiyang/certsign"
	"peiyang/models"
	"peiyang/reports/certificate/certtest"
	"peiyang/reports/certificate/qr"
)

// issued makes a course with certificates for the names and returns the
// fixture, the certificates and the trainees.
func issued(t *testing.T, names ...string) (*certtest.Fixture, []*models.Certificate, []*models.Trainee, *models.Course) {
	f := certtest.New(t)
	c, trainees := f.Course("乡村振兴专题培训班（第一期）", names, len(names))
	return f, f.Issue(c), trainees, c
}

func code(t *testing.T, f *certtest.Fixture, c *models.Certificate, tr *models.Trainee, course *models.Course) string {
	t.Helper()
	key, err := certsign.Key(f.Ctx, f.DB)
	if err != nil {
		t.Fatal(err)
	}
	return certsign.NewPayload(c, tr.Name, tr.IDNumber, course.Title).Sign(key)
}

func check(t *testing.T, f *certtest.Fixture, text string) *certsign.Result {
	t.Helper()
	r, err := certsign.Check(f.Ctx, f.DB, text)
	if err != nil {
		t.Fatal(err)
	}
	return r
}

func TestPayloadFormat(t *testing.T) {
	f, certs, trainees, course := issued(t, "阿依古丽·买买提")
	text := code(t, f, certs[0], trainees[0], course)
	parts := strings.Split(text, "|")
	masked := models.MaskIDNumber(trainees[0].IDNumber)
	if len(parts) != 5 || parts[0] != "PY2" || parts[1] != "2025-0001" || parts[2] != "阿依古丽·买买提" ||
		parts[3] != course.Title {
		t.Fatalf("payload %q", text)
	}
	tail := strings.Split(parts[4], " ")
	if len(tail) != 3 || tail[0] != "20250615" || tail[1] != masked || len(tail[2]) != 155 || strings.Trim(tail[2], "0123456789") != "" {
		t.Fatalf("payload's end %q", parts[4])
	}
	if strings.Contains(text, trainees[0].IDNumber) || !strings.Contains(masked, "********") {
		t.Errorf("the ID number is not masked: %q", text)
	}
	// The QR code holds the date and the signature in numeric mode and the
	// masked ID number in alphanumeric mode: a smaller code than PY1's
	// text for a usual certificate.
	long := "2025年乡村振兴专题培训班（第一期）"
	v2 := certsign.NewPayload(certs[0], trainees[0].Name, trainees[0].IDNumber, long).Sign(priv(t, f))
	sig := make([]byte, ed25519.SignatureSize)
	rand.Read(sig)
	v1 := "PY1|" + strings.Join(parts[1:3], "|") + "|" + long + "|2025-06-15|" + masked + "|" + base64.RawURLEncoding.EncodeToString(sig)
	c2, err := qr.Encode([]byte(v2), qr.M)
	if err != nil {
		t.Fatal(err)
	}
	c1, err := qr.Encode([]byte(v1), qr.M)
	if err != nil {
		t.Fatal(err)
	}
	if c2.Version >= c1.Version {
		t.Errorf("PY2 needs version %d, PY1 %d", c2.Version, c1.Version)
	}
	p, sig, err := certsign.Parse("  " + text + "\n")
	if err != nil || len(sig) != ed25519.SignatureSize || p.Serial != certs[0].Serial || p.Name != "阿依古丽·买买提" ||
		!p.IssuedOn.Equal(certs[0].IssuedOn) || p.MaskedID != masked || p.Course != course.Title {
		t.Errorf("parse: %+v %v", p, err)
	}
}

// priv returns the fixture database's signing key.
func priv(t *testing.T, f *certtest.Fixture) ed25519.PrivateKey {
	key, err := certsign.Key(f.Ctx, f.DB)
	if err != nil {
		t.Fatal(err)
	}
	return key
}

// TestPY1StillVerifies: certificates printed before PY2 carry PY1 codes;
// they verify with the same key, and a changed field or signature fails.
func TestPY1StillVerifies(t *testing.T) {
	f, certs, trainees, course := issued(t, "欧阳娜娜")
	key := priv(t, f)
	msg := "PY1|" + certs[0].Serial + "|欧阳娜娜|" + course.Title + "|2025-06-15|" + models.MaskIDNumber(trainees[0].IDNumber)
	text := msg + "|" + base64.RawURLEncoding.EncodeToString(ed25519.Sign(key, []byte(msg)))
	if r := check(t, f, text); r.Status != certsign.StatusValid || r.Payload.Serial != certs[0].Serial {
		t.Errorf("PY1 code: %s %s", r.Status, r.Message)
	}
	if r := check(t, f, strings.Replace(text, "欧阳娜娜", "欧阳娜", 1)); r.Status != certsign.StatusForged {
		t.Errorf("altered PY1 code: %s", r.Status)
	}
	p, _, err := certsign.Parse(text)
	if err != nil {
		t.Fatal(err)
	}
	if resigned := p.Sign(key); !strings.HasPrefix(resigned, "PY2|") || check(t, f, resigned).Status != certsign.StatusValid {
		t.Errorf("the PY1 payload signed again: %q", resigned)
	}
}

func TestFieldsCleanedAndCut(t *testing.T) {
	_, priv, _ := ed25519.GenerateKey(rand.Reader)
	long := strings.Repeat("长", 60)
	c := &models.Certificate{Serial: "S|1", IssuedOn: models.MustDate("2025-01-02")}
	text := certsign.NewPayload(c, "张\n三", "510623199001010011", long).Sign(priv)
	p, ok, err := certsign.Verify(text, priv.Public().(ed25519.PublicKey))
	if err != nil || !ok {
		t.Fatalf("verify %q: %v %v", text, ok, err)
	}
	if p.Serial != "S｜1" || p.Name != "张 三" || utf8.RuneCountInString(p.Course) != certsign.MaxField || !strings.HasSuffix(p.Course, "…") {
		t.Errorf("fields %+v", p)
	}
}

func TestVerdicts(t *testing.T) {
	f, certs, trainees, course := issued(t, "欧阳娜娜", "司马相如", "王芳")
	valid := code(t, f, certs[0], trainees[0], course)
	r := check(t, f, valid)
	if r.Status != certsign.StatusValid || !r.Valid() || !strings.Contains(r.Message, "is valid") || len(r.Differences) != 0 {
		t.Errorf("valid: %+v", r)
	}

	// Tampering with any field, or with the signature, is forgery.
	for i, repl := range []func(string) string{
		func(s string) string { return strings.Replace(s, "欧阳娜娜", "欧阳娜", 1) },
		func(s string) string { return strings.Replace(s, "20250615 ", "20250616 ", 1) },
		func(s string) string { return strings.Replace(s, "2025-0001", "2025-0002", 1) },
		func(s string) string { return strings.Replace(s, "第一期", "第二期", 1) },
		func(s string) string { return s[:len(s)-2] + "AA" },
		func(s string) string { return s[:len(s)-1] },
		func(s string) string { return "PY1" + s[3:] },
		func(s string) string { return s[:len(s)-1] + string('0'+(s[len(s)-1]-'0'+1)%10) },
		func(s string) string { return strings.Replace(s, "********", "*******0", 1) },
		func(string) string { return "hello" },
		func(string) string { return "" },
	} {
		r := check(t, f, repl(valid))
		if r.Status != certsign.StatusForged || r.Valid() || r.Message == "" {
			t.Errorf("tampering %d: %+v", i, r)
		}
	}

	// Signed with another key: forged.
	_, other, _ := ed25519.GenerateKey(rand.Reader)
	forged := certsign.NewPayload(certs[1], trainees[1].Name, trainees[1].IDNumber, course.Title).Sign(other)
	if r := check(t, f, forged); r.Status != certsign.StatusForged || !strings.Contains(r.Message, "forged") {
		t.Errorf("other key: %+v", r)
	}

	// Void.
	second := code(t, f, certs[1], trainees[1], course)
	if err := f.Svc.Certificates.VoidCertificate(f.Ctx, certs[1].Serial, "姓名有误"); err != nil {
		t.Fatal(err)
	}
	if r := check(t, f, second); r.Status != certsign.StatusVoid || r.VoidReason != "姓名有误" || !strings.Contains(r.Message, "姓名有误") {
		t.Errorf("void: %+v", r)
	}

	checkReplaced(t, f, certs[2], trainees[2], course)

	// Genuine but unknown here.
	key, _ := certsign.Key(f.Ctx, f.DB)
	ghost := certsign.NewPayload(&models.Certificate{Serial: "〔2024〕第9999号", IssuedOn: models.MustDate("2024-01-01")}, "张三", "", "x").Sign(key)
	if r := check(t, f, ghost); r.Status != certsign.StatusUnknown {
		t.Errorf("unknown serial: %+v", r)
	}

	// The record changed since printing: still valid, with the difference.
	trainees[0].Name = "欧阳娜"
	if err := f.DB.UpdateTrainee(f.Ctx, trainees[0]); err != nil {
		t.Fatal(err)
	}
	if r := check(t, f, valid); r.Status != certsign.StatusValid || len(r.Differences) != 1 || !strings.Contains(r.Differences[0], "欧阳娜") {
		t.Errorf("changed name: %+v", r)
	}
}

// checkReplaced reissues a certificate, then its replacement, and voids the
// last: the first code reads as replaced, with the current one's status.
func checkReplaced(t *testing.T, f *certtest.Fixture, cert *models.Certificate, trainee *models.Trainee, course *models.Course) {
	t.Helper()
	// Replaced, then the replacement replaced and voided.
	third := code(t, f, cert, trainee, course)
	next, err := f.Svc.Certificates.ReissueCertificate(f.Ctx, cert.Serial)
	if err != nil {
		t.Fatal(err)
	}
	r := check(t, f, third)
	if r.Status != certsign.StatusReplaced || r.ReplacedBy != next.Serial || r.Current != next.Serial || r.CurrentStatus != models.CertValid ||
		!strings.Contains(r.Message, next.Serial) {
		t.Errorf("replaced: %+v", r)
	}
	if r := check(t, f, code(t, f, next, trainee, course)); r.Status != certsign.StatusValid {
		t.Errorf("the replacement: %+v", r)
	}
	last, err := f.Svc.Certificates.ReissueCertificate(f.Ctx, next.Serial)
	if err != nil {
		t.Fatal(err)
	}
	if err := f.Svc.Certificates.VoidCertificate(f.Ctx, last.Serial, "重复发放"); err != nil {
		t.Fatal(err)
	}
	if r := check(t, f, third); r.Status != certsign.StatusReplaced || r.ReplacedBy != next.Serial || r.Current != last.Serial ||
		r.CurrentStatus != models.CertVoid || !strings.Contains(r.Message, "void") {
		t.Errorf("replaced twice, then void: %+v", r)
	}
}

func TestNoKeyYet(t *testing.T) {
	f := certtest.New(t)
	_, other, _ := ed25519.GenerateKey(rand.Reader)
	text := certsign.NewPayload(&models.Certificate{Serial: "〔2025〕第0001号", IssuedOn: models.MustDate("2025-06-15")}, "张三", "", "x").Sign(other)
	r := check(t, f, text)
	if r.Status != certsign.StatusForged || !strings.Contains(r.Message, "never signed") {
		t.Errorf("%+v", r)
	}
	if v, _ := f.DB.Setting(f.Ctx, certsign.SettingKey); v != "" {
		t.Error("checking a code made a key")
	}
}

// TestKeyMadeOnce: the key is made on first use, once, even when several
// goroutines ask at the same time, and read back after.
func TestKeyMadeOnce(t *testing.T) {
	f := certtest.New(t)
	keys := make([]ed25519.PrivateKey, 8)
	var wg sync.WaitGroup
	for i := range keys {
		wg.Go(func() {
			k, err := certsign.Key(context.Background(), f.DB)
			if err != nil {
				t.Error(err)
			}
			keys[i] = k
		})
	}
	wg.Wait()
	for _, k := range keys[1:] {
		if !k.Equal(keys[0]) {
			t.Fatal("two keys were made")
		}
	}
	v, err := f.DB.Setting(f.Ctx, certsign.SettingKey)
	if err != nil || !strings.HasPrefix(v, "ed25519:") {
		t.Fatalf("setting %q %v", v, err)
	}
	pub, err := certsign.PublicKey(f.Ctx, f.DB)
	if err != nil || !pub.Equal(keys[0].Public()) {
		t.Errorf("public key %x %v", pub, err)
	}
	if err := f.DB.SetSetting(f.Ctx, certsign.SettingKey, "ed25519:broken"); err != nil {
		t.Fatal(err)
	}
	if _, err := certsign.Key(f.Ctx, f.DB); err == nil || !strings.Contains(err.Error(), "damaged") {
		t.Errorf("damaged key: %v", err)
	}
}
