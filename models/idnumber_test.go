package models

import (
	"strings"
	"testing"
)

// withCheck completes 17 digits with their check character.
func withCheck(first17 string) string { return first17 + string(IDCheckChar(first17)) }

func TestIDCheckCharKnownNumbers(t *testing.T) {
	// Worked examples of GB 11643-1999 published with the standard.
	cases := map[string]byte{
		"11010519491231002": 'X',
		"44052418800101001": '4',
		"51060319900307123": IDCheckChar("51060319900307123"),
	}
	for first17, want := range cases {
		if got := IDCheckChar(first17); got != want {
			t.Errorf("IDCheckChar(%s) = %c, want %c", first17, got, want)
		}
	}
	if IDCheckChar("1234") != 0 || IDCheckChar("1101051949123100A") != 0 {
		t.Error("IDCheckChar accepted a malformed prefix")
	}
}

func TestParseIDNumber(t *testing.T) {
	today := MustDate("2025-11-26")
	tests := []struct {
		name    string
		id      string
		wantErr string // substring of the message, "" for valid
		gender  Gender
		birth   string
	}{
		{"valid X check", "11010519491231002X", "", Female, "1949-12-31"},
		{"odd 17th digit is male", withCheck("51062319880215123"), "", Male, "1988-02-15"},
		{"even 17th digit is female", withCheck("51060319900307124"), "", Female, "1990-03-07"},
		{"short", "1101051949123100", "18 characters", "", ""},
		{"long", "11010519491231002XX", "18 characters", "", ""},
		{"letter inside", "11010519A91231002X", "must be digits", "", ""},
		{"bad last char", "11010519491231002Y", "digit or X", "", ""},
		{"bad check", "110105194912310021", "check character is wrong", "", ""},
		{"no province", withCheck("99010519491231002"), "no province", "", ""},
		{"feb 30", withCheck("51060319900230123"), "does not exist", "", ""},
		{"month 13", withCheck("51060319901330123"), "does not exist", "", ""},
		{"future birth", withCheck("51060320301010123"), "not possible", "", ""},
		{"before 1900", withCheck("51060318991010123"), "not possible", "", ""},
		{"leap day ok", withCheck("51060320000229123"), "", Male, "2000-02-29"},
		{"leap day 1900 bad", withCheck("51060319000229123"), "does not exist", "", ""},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			info, err := ParseIDNumber(tc.id, today)
			if tc.wantErr != "" {
				if err == nil {
					t.Fatalf("ParseIDNumber(%s) accepted an invalid number", tc.id)
				}
				if ErrorCode(err) != EINVALID || !strings.Contains(err.Error(), tc.wantErr) {
					t.Fatalf("error %q (code %s), want one containing %q", err, ErrorCode(err), tc.wantErr)
				}
				return
			}
			if err != nil {
				t.Fatalf("ParseIDNumber(%s): %v", tc.id, err)
			}
			if info.Gender != tc.gender || info.BirthDate.String() != tc.birth {
				t.Errorf("got %s %s, want %s %s", info.Gender, info.BirthDate, tc.gender, tc.birth)
			}
			if info.RegionCode != tc.id[:6] {
				t.Errorf("region code %s", info.RegionCode)
			}
		})
	}
}

func TestPhones(t *testing.T) {
	tests := []struct {
		in    string
		norm  string
		valid bool
	}{
		{"13812341234", "13812341234", true},
		{" 138 1234 1234 ", "13812341234", true},
		{"+86 138-1234-1234", "13812341234", true},
		{"12812341234", "12812341234", false},
		{"1381234123", "1381234123", false},
		{"028-86601234", "028-86601234", true},
		{"0831-2345678", "0831-2345678", true},
		{"（028）86601234", "028-86601234", true},
		{"028-0660123", "028-0660123", false},
		{"86601234", "86601234", false},
		{"abc", "abc", false},
		{"", "", true},
	}
	for _, tc := range tests {
		n := NormalizePhone(tc.in)
		if n != tc.norm {
			t.Errorf("NormalizePhone(%q) = %q, want %q", tc.in, n, tc.norm)
		}
		if err := ValidatePhone("phone", n); (err == nil) != tc.valid {
			t.Errorf("ValidatePhone(%q) = %v, want valid=%v", n, err, tc.valid)
		}
	}
}
