package sheets

import (
	"bytes"
	"encoding/xml"
	"strings"
	"testing"
	"unicode/utf8"

	"peiyang/internal/hostile"
)

// The fuzz targets run their seed corpus as normal tests; run one for
// longer with, e.g., go test -fuzz=FuzzReadCSV ./sheets.

func FuzzReadCSV(f *testing.F) {
	f.Add([]byte(nomineeCSV))
	f.Add(append([]byte{0xEF, 0xBB, 0xBF}, nomineeCSV...))
	f.Add(gbk(f, nomineeCSV))
	f.Add([]byte("\"unterminated,\"quote\n\"\"\"\n,,,\n"))
	f.Add([]byte{0xFF, 0xFE, 0x41, 0x00, 0x09, 0x00})
	f.Add([]byte{0x81, 0x30, 0x81, 0x30, ',', 0xFE})
	// The hostile files, small.
	f.Add(hostile.HugeFieldCSV(300))
	f.Add(hostile.ManyFieldsCSV(3000))
	f.Fuzz(func(t *testing.T, data []byte) {
		tb, err := Read("f.csv", data, Options{Limits: Limits{MaxRows: 1000, MaxCellChars: 200, MaxCols: 64}})
		if err != nil {
			return
		}
		prev := 0
		for _, r := range tb.Rows {
			if r.Num <= prev || len(r.Cells) == 0 || r.Empty() || len(r.Cells) > 64 {
				t.Fatalf("bad row %+v after %d", r, prev)
			}
			prev = r.Num
			for _, c := range r.Cells {
				if !utf8.ValidString(c) || utf8.RuneCountInString(c) > 200 {
					t.Fatalf("invalid or long cell %q", c)
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
	// The hostile workbooks, small.
	f.Add(hostile.MergeBombXLSX(2000, 20, false))
	f.Add(hostile.MergeBombXLSX(200, 20, true))
	f.Add(hostile.HugeCellXLSX(300, false))
	f.Add(hostile.HugeCellXLSX(300, true))
	f.Add(hostile.ManyStringsXLSX(2000))
	f.Add(hostile.WideRowsXLSX(20, 16384))
	f.Add(hostile.EmptyCellsXLSX(5000))
	f.Add(hostile.DeepXLSX(100))
	f.Add(hostile.ManySheetsXLSX(5))
	f.Add(hostile.FormulaXLSX())
	lim := Limits{MaxRows: 1000, MaxUnzip: 8 << 20, MaxCellChars: 200, MaxCells: 5000, MaxText: 100_000, MaxMerges: 100}
	f.Fuzz(func(t *testing.T, data []byte) {
		// Any outcome but a panic or a hang is fine: Read turns a parser's
		// panic into an error. What is read is within the limits.
		tb, err := Read("f.xlsx", data, Options{Limits: lim})
		if err != nil {
			return
		}
		if len(tb.Rows) == 0 {
			t.Fatal("no error and no rows")
		}
		cells := 0
		for _, r := range tb.Rows {
			cells += len(r.Cells)
			for _, c := range r.Cells {
				if utf8.RuneCountInString(c) > lim.MaxCellChars {
					t.Fatalf("cell of %d characters", utf8.RuneCountInString(c))
				}
			}
		}
		if cells > lim.MaxCells {
			t.Fatalf("%d cells", cells)
		}
	})
}

// The guard lets no token through that is longer than its limit: what
// encoding/xml then gathers at once is bounded, whatever the input.
func FuzzXMLGuard(f *testing.F) {
	for _, s := range []string{
		"<a b='>>>>'>text<![CDATA[<<<<]]><!-- <--> --><?pi ?> ?></a>",
		"<a>" + strings.Repeat("x", 100) + "</a>",
		"<!DOCTYPE a [<!ENTITY x 'y'>]><a>&x;</a>",
		"<a><![CDATA[" + strings.Repeat("]", 70) + "]]></a>",
		"<!-->" + strings.Repeat("-", 70) + "-->",
		`<a b="` + strings.Repeat(">", 70) + `"/>`,
	} {
		f.Add([]byte(s))
	}
	const limit = 64
	f.Fuzz(func(t *testing.T, data []byte) {
		dec := xml.NewDecoder(newXMLGuard(bytes.NewReader(data), limit))
		for {
			tok, err := dec.RawToken()
			if err != nil {
				return
			}
			n := 0
			switch tk := tok.(type) {
			case xml.CharData:
				n = len(tk)
			case xml.Comment:
				n = len(tk)
			case xml.Directive:
				n = len(tk)
			case xml.ProcInst:
				n = len(tk.Target) + len(tk.Inst)
			case xml.StartElement:
				n = len(tk.Name.Space) + len(tk.Name.Local)
				for _, a := range tk.Attr {
					n += len(a.Name.Space) + len(a.Name.Local) + len(a.Value)
				}
			}
			if n > limit {
				t.Fatalf("a token of %d bytes passed the guard of %d: %T", n, limit, tok)
			}
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
