package sheets

import (
	"testing"
	"unicode/utf8"
)

// The fuzz targets run their seed corpus as normal tests; run one for
// longer with, e.g., go test -fuzz=FuzzReadCSV ./reports/sheets.

func FuzzReadCSV(f *testing.F) {
	f.Add([]byte(nomineeCSV))
	f.Add(append([]byte{0xEF, 0xBB, 0xBF}, nomineeCSV...))
	f.Add(gbk(f, nomineeCSV))
	f.Add([]byte("\"unterminated,\"quote\n\"\"\"\n,,,\n"))
	f.Add([]byte{0xFF, 0xFE, 0x41, 0x00, 0x09, 0x00})
	f.Add([]byte{0x81, 0x30, 0x81, 0x30, ',', 0xFE})
	f.Fuzz(func(t *testing.T, data []byte) {
		tb, err := Read("f.csv", data, Options{Limits: Limits{MaxRows: 1000}})
		if err != nil {
			return
		}
		prev := 0
		for _, r := range tb.Rows {
			if r.Num <= prev || len(r.Cells) == 0 || r.Empty() {
				t.Fatalf("bad row %+v after %d", r, prev)
			}
			prev = r.Num
			for _, c := range r.Cells {
				if !utf8.ValidString(c) {
					t.Fatalf("invalid UTF-8 cell %q", c)
				}
			}
		}
	})
}

func FuzzReadXLSX(f *testing.F) {
	good := nomineeXLSX(f)
	f.Add(good)
	f.Add(good[:len(good)/2])
	damaged := append([]byte(nil), good...)
	for i := len(damaged) / 3; i < len(damaged)/3+64 && i < len(damaged); i++ {
		damaged[i] ^= 0x5A
	}
	f.Add(damaged)
	f.Add([]byte("PK\x03\x04"))
	f.Fuzz(func(t *testing.T, data []byte) {
		// Any outcome but a panic or a hang is fine: Read turns a parser's
		// panic into an error.
		tb, err := Read("f.xlsx", data, Options{Limits: Limits{MaxRows: 1000, MaxUnzip: 8 << 20}})
		if err == nil && len(tb.Rows) == 0 {
			t.Fatal("no error and no rows")
		}
	})
}

func FuzzNormalizers(f *testing.F) {
	for _, s := range []string{"", "510623198802151234", "5.10104E+17", "１１０１０５１９４９１２３１００２ｘ", "2024年9月2日",
		"2024.09", "199005", "45537", "09:00-11:30", "下午2:30-5:00", "四川省德阳市中江县南华镇新市村", "重庆市云阳县",
		"张　三", "阿依古丽•买买提", "+86 138-1234-5678", "男", "88.5分", "\xff\xfe", "市中区", "9点半"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if got := Fold(s); utf8.ValidString(s) && !utf8.ValidString(got) {
			t.Fatalf("Fold made invalid UTF-8 of %q", s)
		}
		Clean(s)
		NormalizeName(s)
		NormalizeHeader(s)
		if id, err := NormalizeIDNumber(s); err == nil && id != "" && Clean(id) != id {
			t.Fatalf("ID %q not clean", id)
		}
		NormalizePhone(s)
		_, _ = ParseGender(s)
		_, _ = ParseYesNo(s)
		_, _ = ParseNumber(s)
		if d, p, err := ParseDate(s); err == nil && (d.IsZero() != (p == PrecisionNone)) {
			t.Fatalf("ParseDate(%q) = %s precision %d", s, d, p)
		}
		if c, err := ParseClock(s); err == nil && (c < 0 || c >= 24*60) {
			t.Fatalf("ParseClock(%q) = %d", s, c)
		}
		_, _, _ = ParseTimeRange(s)
		r, ok := ParseRegion(s)
		if !ok && r.String() != compact(s) {
			t.Fatalf("ParseRegion(%q) lost text: %+v", s, r)
		}
	})
}
