package certsign_test

import (
	"crypto/ed25519"
	"strings"
	"testing"

	"peiyang/certsign"
	"peiyang/models"
	"peiyang/settings"
)

// The fuzz targets run their seed corpus with the normal tests; make fuzz
// (scripts/fuzz.sh) runs each for a while.

// fuzzKey is a fixed signing key, so that failures reproduce.
var fuzzKey = ed25519.NewKeyFromSeed([]byte("peiyang-fuzz-key-0123456789abcde"))

func fuzzCert() *models.Certificate {
	return &models.Certificate{Serial: "〔2025〕第0001号", Year: 2025, Seq: 1, IssuedOn: models.MustDate("2025-06-15")}
}

// Parse and Verify take any text without panicking; text they accept
// verifies only with the key that signed it and signs back to itself.
func FuzzParse(f *testing.F) {
	good := certsign.NewPayload(fuzzCert(), "张三", "510623198802151234", "乡村振兴专题培训班").Sign(fuzzKey)
	f.Add(good)
	f.Add(" \n" + good + "\r\n")
	f.Add(strings.Replace(good, "张三", "李四", 1))
	f.Add(strings.Replace(good, "2025-06-15", "2025-6-15", 1))
	f.Add(good[:len(good)-1])
	f.Add(good + "|")
	f.Add("PY1||||||")
	f.Add("PY1|a|b|c|2025-06-15|d|" + strings.Repeat("A", 86))
	f.Add("PY2|〔2025〕第0001号|张三|x|2025-06-15|510623********1234|sig")
	f.Add("'; DROP TABLE certificates; --")
	f.Add("PY1|\x00|\u202e|\xed\xa0\x80|2025-06-15|𠮷|" + strings.Repeat("_", 86))
	f.Add("")
	pub := fuzzKey.Public().(ed25519.PublicKey)
	f.Fuzz(func(t *testing.T, text string) {
		p, sig, err := certsign.Parse(text)
		vp, ok, verr := certsign.Verify(text, pub)
		if (err == nil) != (verr == nil) {
			t.Fatalf("Parse and Verify disagree on %q: %v, %v", text, err, verr)
		}
		if err != nil {
			if models.ErrorCode(err) != models.EINVALID {
				t.Fatalf("Parse(%q): %v, want EINVALID", text, err)
			}
			return
		}
		if len(sig) != ed25519.SignatureSize || vp != p {
			t.Fatalf("Parse(%q) = %+v, %d-byte signature; Verify = %+v", text, p, len(sig), vp)
		}
		resigned := p.Sign(fuzzKey)
		if ok && resigned != strings.TrimSpace(text) {
			t.Fatalf("verified %q, but it signs back as %q", text, resigned)
		}
		if _, ok2, _ := certsign.Verify(resigned, pub); !ok2 {
			t.Fatalf("the payload of %q, signed again, does not verify", text)
		}
		other := ed25519.NewKeyFromSeed([]byte("another-key-0123456789abcdefghij")).Public().(ed25519.PublicKey)
		if _, ok3, _ := certsign.Verify(resigned, other); ok3 {
			t.Fatalf("%q verifies with another key", resigned)
		}
	})
}

// Any name, course and serial make a payload that verifies and reads back
// as written, cleaned and cut.
func FuzzPayloadRoundTrip(f *testing.F) {
	f.Add("〔2025〕第0001号", "张三", "510623198802151234", "乡村振兴专题培训班")
	f.Add("x|y", "a\r\nb|c", "", strings.Repeat("长", 41))
	f.Add("S", "👨\u200d👩\u200d👧\u200d👦 王𠮷\u202e", "11010519491231002X", "\x00\t")
	f.Add("S", "\xff\xfe", "\xed\xa0\x80", "  ")
	pub := fuzzKey.Public().(ed25519.PublicKey)
	f.Fuzz(func(t *testing.T, serial, name, id, course string) {
		c := fuzzCert()
		c.Serial = serial
		p := certsign.NewPayload(c, name, id, course)
		text := p.Sign(fuzzKey)
		got, ok, err := certsign.Verify(text, pub)
		if err != nil {
			// Only text the format cannot carry may fail: white space at
			// the ends of the whole text, which Parse trims.
			if strings.TrimSpace(text) == text {
				t.Fatalf("Verify(%q): %v", text, err)
			}
			return
		}
		if !ok {
			if strings.TrimSpace(text) == text {
				t.Fatalf("Verify(%q) does not hold", text)
			}
			return
		}
		if got != p {
			t.Fatalf("read back %+v, wrote %+v", got, p)
		}
	})
}

// Every serial format the settings accept gives serials that read back
// from the QR code's text exactly as they were issued, so that the
// certificate is found again; the formats that could not are refused.
func FuzzSerialFormatRoundTrip(f *testing.F) {
	for _, format := range []string{settings.DefaultSerialFormat, "{year}|{seq}", "{year}\n{seq:6}", "{year}\r\n{seq}",
		"{year}｜{seq}", " {year}-{seq} ", "PY1|{year}{seq}", "\t{year}\t{seq}\t", "〔{year}〕培字第{seq:5}号"} {
		f.Add(format, 2025, 12)
	}
	pub := fuzzKey.Public().(ed25519.PublicKey)
	f.Fuzz(func(t *testing.T, format string, year, seq int) {
		if year < 1 || year > 9999 || seq < 1 || seq > 999_999 {
			return
		}
		const short = "成基党院"
		if settings.Check(settings.SerialFormat, format, settings.Context{Year: year, OrgShortName: short}) != nil {
			return
		}
		// As the service issues them: the format in force.
		format = settings.SerialFormatFor(format, short)
		serial, err := settings.FormatSerial(format, short, year, seq)
		if err != nil {
			t.Fatalf("the check accepts %q, which gives no serial: %v", format, err)
		}
		c := fuzzCert()
		c.Serial = serial
		got, ok, err := certsign.Verify(certsign.NewPayload(c, "张三", "11010519491231002X", "课程").Sign(fuzzKey), pub)
		if err != nil || !ok || got.Serial != serial {
			t.Fatalf("format %q: serial %q reads back as %q (%v, %v)", format, serial, got.Serial, ok, err)
		}
	})
}
