package models

import (
	"encoding/json"
	"strings"
	"testing"
)

func TestMasks(t *testing.T) {
	tests := []struct{ in, id, phone string }{
		{"11010519491231002X", "110105***********X", ""},
		{"510623198803121234", "510623***********4", ""},
		{"13812341234", "", "138****1234"},
		{"028-86601234", "", "028-****1234"},
		{"0831-2345678", "", "0831-***5678"},
		{"123", "***", "***"},
		{"51062319880312123", "*****************", ""}, // 17 characters: no ID number
		{"DEID-12", "*******", ""},
		{"", "", ""},
	}
	for _, tc := range tests {
		if tc.id != "" || tc.in == "" {
			got := MaskIDNumber(tc.in)
			if got != tc.id {
				t.Errorf("MaskIDNumber(%s) = %s, want %s", tc.in, got, tc.id)
			}
			if again := MaskIDNumber(got); again != got {
				t.Errorf("MaskIDNumber is not idempotent: %s, then %s", got, again)
			}
		}
		if tc.phone != "" {
			got := MaskPhone(tc.in)
			if got != tc.phone {
				t.Errorf("MaskPhone(%s) = %s, want %s", tc.in, got, tc.phone)
			}
			if again := MaskPhone(got); again != got {
				t.Errorf("MaskPhone is not idempotent: %s, then %s", got, again)
			}
		}
	}
}

// TestMaskHidesBirthDigits: the mask hides the eight birth date digits
// and the sequence number, whatever the number.
func TestMaskHidesBirthDigits(t *testing.T) {
	id := "510623198803121234"
	m := MaskIDNumber(id)
	if strings.Contains(m, "19880312") || strings.Contains(m, "1234") || strings.Count(m, "*") != 11 {
		t.Errorf("MaskIDNumber(%s) = %s shows the birth date or the sequence number", id, m)
	}
}

func TestMaskedIDMatches(t *testing.T) {
	full := "510623198803121234"
	for _, tc := range []struct {
		masked string
		want   bool
	}{
		{MaskIDNumber(full), true},
		{"510623********1234", true}, // the older mask, as in older certificates
		{"510623********1235", false},
		{"510624***********4", false},
		{"510623**********4", false},
		{full, true},
	} {
		if got := MaskedIDMatches(tc.masked, full); got != tc.want {
			t.Errorf("MaskedIDMatches(%s) = %v", tc.masked, got)
		}
	}
}

func TestMonthOnlyDate(t *testing.T) {
	d := MustDate("1988-03-12").MonthOnly()
	if d.String() != "1988-03" || d.Chinese() != "1988年3月" || d.Day() != 1 || !d.IsMonthOnly() {
		t.Errorf("month-only date: %s %s day %d", d, d.Chinese(), d.Day())
	}
	if d.MonthOnly() != d || !(Date{}).MonthOnly().IsZero() {
		t.Error("MonthOnly is not idempotent, or turns the zero date into one")
	}
	b, err := json.Marshal(d)
	if err != nil || string(b) != `"1988-03"` {
		t.Fatalf("JSON %s %v", b, err)
	}
	var back Date
	if err := json.Unmarshal(b, &back); err != nil || back != d {
		t.Errorf("round trip: %v %v", back, err)
	}
	if _, err := d.Value(); err == nil {
		t.Error("a month-only date can be stored")
	}
	if v, err := MustDate("1988-03-12").Value(); err != nil || v != "1988-03-12" {
		t.Errorf("Value %v %v", v, err)
	}
	if err := json.Unmarshal([]byte(`"1988-13"`), &back); err == nil {
		t.Error("accepted month 13")
	}
}

func maskTestTrainee() *Trainee {
	return &Trainee{ID: 7, Name: "赵明阳", Gender: Male, BirthDate: MustDate("1988-03-12"), IDNumber: "510623198803121234",
		Phone: "13812345678", JoinedParty: MustDate("2010-07-01"), HomeRegion: Region{Province: "四川省", Code: "510623"}}
}

func TestTraineeMasked(t *testing.T) {
	tr := maskTestTrainee()
	m := tr.Masked()
	if m.IDNumber != "510623***********4" || m.Phone != "138****5678" || m.BirthDate.String() != "1988-03" {
		t.Errorf("masked %s %s %s", m.IDNumber, m.Phone, m.BirthDate)
	}
	if tr.IDNumber != "510623198803121234" || tr.BirthDate.String() != "1988-03-12" {
		t.Error("Masked changed the trainee")
	}
	if tr.MaskedUnless(true) != tr || tr.MaskedUnless(false).IDNumber != m.IDNumber {
		t.Error("MaskedUnless")
	}
	o := (&Organisation{ContactPhone: "028-86601234"}).Masked()
	i := (&Instructor{Phone: "13912345678"}).Masked()
	if o.ContactPhone != "028-****1234" || i.Phone != "139****5678" {
		t.Errorf("contact %s, instructor %s", o.ContactPhone, i.Phone)
	}
}

// TestMaskJSONAgreesWithMasked: the key-based masking of a record's JSON
// (the audit trail, the command line's JSON) gives what the typed one
// does, at any depth.
func TestMaskJSONAgreesWithMasked(t *testing.T) {
	tr := maskTestTrainee()
	org := &Organisation{ID: 3, Name: "中江县委组织部", ContactPhone: "0838-7212345"}
	doc := map[string]any{"trainee": tr, "orgs": []any{org}, "n": 1}
	raw, _ := json.Marshal(doc)
	got, err := MaskJSON(raw)
	if err != nil {
		t.Fatal(err)
	}
	want, _ := json.Marshal(map[string]any{"trainee": tr.Masked(), "orgs": []any{org.Masked()}, "n": 1})
	if string(got) != string(want) {
		t.Errorf("MaskJSON\n got %s\nwant %s", got, want)
	}
	again, _ := MaskJSON(got)
	if string(again) != string(got) {
		t.Errorf("MaskJSON is not idempotent:\n%s\n%s", got, again)
	}
	for _, bad := range []string{"{", "", "{} {}", `{"a":}`, "[1,"} {
		if _, err := MaskJSON([]byte(bad)); err == nil {
			t.Errorf("no error for %q", bad)
		}
	}
	for _, ok := range []string{`"x"`, `[]`, `{}`, `[{"phone":"13812345678"},["a",{"b":{"id_number":"510623198803121234"}}],null,1.5e3,true]`} {
		got, err := MaskJSON([]byte(ok))
		if err != nil || strings.Contains(string(got), "13812345678") || strings.Contains(string(got), "198803121234") || !json.Valid(got) {
			t.Errorf("MaskJSON(%s) = %s, %v", ok, got, err)
		}
	}
	// A column holding a birth date in another form is hidden.
	m := map[string]any{"birth_date": "1988/03/12", "notes": "1988-03-12"}
	MaskRecord(m)
	if m["birth_date"] != "**********" || m["notes"] != "1988-03-12" {
		t.Errorf("MaskRecord %v", m)
	}
}

func TestScrubLog(t *testing.T) {
	for in, want := range map[string]string{
		"store: find trainee 510623198802151234: locked":  "store: find trainee #: locked",
		"row 4 (138 1234 5678, 028-86601234, 1988.02.15)": "row 4 (#, #, #)",
		"masked 510623***********4 and 138****5678":       "masked # and #",
		"trainee 3 of 10 (王芳): [invalid] id_number":       "trainee 3 of 10 (…): [invalid] id_number",
		"opened in 430 ms, 12 rows, version 2":            "opened in 430 ms, 12 rows, version 2",
		"a - b. c 1 2":                                    "a - b. c 1 2",
	} {
		if got := ScrubLog(in); got != want {
			t.Errorf("ScrubLog(%q) = %q, want %q", in, got, want)
		}
	}
}
