package models

import (
	"encoding/json"
	"strings"
	"testing"
	"unicode/utf8"
)

// The fuzz targets run their seed corpus with the normal tests; make fuzz
// (scripts/fuzz.sh) runs each for a while.

var fuzzToday = MustDate("2025-06-15")

func FuzzParseIDNumber(f *testing.F) {
	for _, s := range []string{
		"510623198802151234", "11010519491231002X", "11010519491231002x", "110105194912310021",
		"510623199002301234", "990623198802151234", "51062320300215123X", "5106231988021512",
		"５１０６２３１９８８０２１５１２３４", "51062319880215123\x00", "\xff\xfe51062319880215123",
		" 510623198802151234 ", "51062318990215123X", "",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		info, err := ParseIDNumber(s, fuzzToday)
		if err != nil {
			if _, ok := err.(*Error); !ok {
				t.Fatalf("ParseIDNumber(%q): error %T, want *Error", s, err)
			}
			if !utf8.ValidString(err.Error()) && utf8.ValidString(s) {
				t.Fatalf("ParseIDNumber(%q): message not UTF-8: %q", s, err.Error())
			}
			return
		}
		if len(s) != 18 || IDCheckChar(s[:17]) != s[17] {
			t.Fatalf("ParseIDNumber accepted %q", s)
		}
		if info.BirthDate.After(fuzzToday) || info.BirthDate.Year() < 1900 || info.Province == "" || info.RegionCode != s[:6] {
			t.Fatalf("ParseIDNumber(%q) = %+v", s, info)
		}
		if strings.ReplaceAll(info.BirthDate.String(), "-", "") != s[6:14] {
			t.Fatalf("ParseIDNumber(%q): birth date %s", s, info.BirthDate)
		}
		if want := map[bool]Gender{true: Male, false: Female}[(s[16]-'0')%2 == 1]; info.Gender != want {
			t.Fatalf("ParseIDNumber(%q): gender %s", s, info.Gender)
		}
		// Any other check character is refused.
		for _, c := range []byte("0123456789X") {
			if c != s[17] {
				if _, err := ParseIDNumber(s[:17]+string(c), fuzzToday); err == nil {
					t.Fatalf("ParseIDNumber accepted %q with a wrong check character", s[:17]+string(c))
				}
			}
		}
		if m := MaskIDNumber(s); len(m) != 18 || m[:6] != s[:6] || m[6:17] != "***********" || m[17] != s[17] || !MaskedIDMatches(m, s) {
			t.Fatalf("MaskIDNumber(%q) = %q", s, m)
		}
	})
}

func FuzzParseDate(f *testing.F) {
	for _, s := range []string{"2025-06-15", "2024-02-29", "2023-02-29", "0000-01-01", "9999-12-31", "2025-6-15",
		"2025-06-15T00:00:00Z", "２０２５-06-15", "2025-06-15\x00", "", " 2025-06-15", "+2025-06-15"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		d, err := ParseDate(s)
		if err != nil {
			if _, ok := err.(*Error); !ok {
				t.Fatalf("ParseDate(%q): error %T, want *Error", s, err)
			}
			return
		}
		if s == "" {
			if !d.IsZero() {
				t.Fatalf("ParseDate(\"\") = %s", d)
			}
			return
		}
		if d.String() != s {
			t.Fatalf("ParseDate(%q) = %s: not a round trip", s, d)
		}
		b, err := d.MarshalJSON()
		if err != nil {
			t.Fatal(err)
		}
		var back Date
		if err := back.UnmarshalJSON(b); err != nil || !back.Equal(d) {
			t.Fatalf("JSON round trip of %s: %s, %v", d, back, err)
		}
		if c := d.Chinese(); !utf8.ValidString(c) {
			t.Fatalf("Chinese(%s) = %q", d, c)
		}
	})
}

func FuzzParseClock(f *testing.F) {
	for _, s := range []string{"09:30", "9:30", "23:59", "24:00", "-1:00", "12:60", "9:5", "09:30:00", "", "9:30pm"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		c, err := ParseClock(s)
		if err == nil && (c < 0 || c >= 24*60) {
			t.Fatalf("ParseClock(%q) = %d", s, c)
		}
	})
}

// Trainee.Validate takes any text in any field without panicking, and a
// trainee it accepts has a valid ID number and clean text.
func FuzzTraineeValidate(f *testing.F) {
	f.Add("赵明阳", "510623198802151234", "13812345678", "2010-07-01", "notes")
	f.Add("王𠮷", "11010519491231002x", "028-8765 4321", "", "")
	f.Add("'; DROP TABLE trainees; --", "510623198802151234", "+86 138 1234 5678", "1970-01-01", "\x00\u202e")
	f.Add("", "", "", "", "")
	f.Add("👨\u200d👩\u200d👧\u200d👦", "\xed\xa0\x80", "1", "2030-01-01", strings.Repeat("长", 10000))
	f.Fuzz(func(t *testing.T, name, id, phone, joined, notes string) {
		tr := &Trainee{Name: name, IDNumber: id, Phone: phone, Notes: notes}
		tr.JoinedParty, _ = ParseDate(joined)
		err := tr.Validate(fuzzToday)
		if err != nil {
			if ErrorCode(err) != EINVALID {
				t.Fatalf("Validate: code %q for %v", ErrorCode(err), err)
			}
			return
		}
		if _, err := ParseIDNumber(tr.IDNumber, fuzzToday); err != nil {
			t.Fatalf("Validate accepted the ID number %q: %v", tr.IDNumber, err)
		}
		if tr.BirthDate.IsZero() || tr.Gender == "" || tr.Name == "" {
			t.Fatalf("Validate accepted %+v", tr)
		}
		if utf8.ValidString(name) && !utf8.ValidString(tr.Name) {
			t.Fatalf("Validate made invalid UTF-8 of the name %q: %q", name, tr.Name)
		}
	})
}

// FuzzMaskJSON: whatever the document, MaskJSON gives valid JSON or an
// error, changes nothing twice, and never lets a full ID number or phone
// through under its own key.
func FuzzMaskJSON(f *testing.F) {
	for _, s := range []string{`{"id_number":"510623198803121234","phone":"13812345678","birth_date":"1988-03-12"}`,
		`[{"a":{"contact_phone":"028-86601234"}},["id_number",{"id_number":"x"}]]`, `"id_number"`, `{"id_number":1}`,
		`{"birth_date":"1988-03"}`, `{}`, `{"a":[1,2,{"b":null}],"phone":""}`, `{"k":"\u003c\u0000"}`} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, doc []byte) {
		out, err := MaskJSON(doc)
		if err != nil {
			return
		}
		if !json.Valid(out) {
			t.Fatalf("MaskJSON(%s) = %s, not JSON", doc, out)
		}
		again, err := MaskJSON(out)
		if err != nil || string(again) != string(out) {
			t.Fatalf("MaskJSON not idempotent: %s, then %s (%v)", out, again, err)
		}
		var v any
		if err := json.Unmarshal(out, &v); err != nil {
			t.Fatal(err)
		}
		var walk func(any)
		walk = func(v any) {
			switch x := v.(type) {
			case map[string]any:
				for k, e := range x {
					if s, ok := e.(string); ok && k == "id_number" && len(s) == 18 && strings.Count(s, "*") < 11 {
						t.Fatalf("id_number %q through in %s", s, out)
					}
					walk(e)
				}
			case []any:
				for _, e := range x {
					walk(e)
				}
			}
		}
		walk(v)
	})
}
