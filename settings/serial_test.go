package settings

import (
	"testing"

	"peiyang/models"
)

func TestFormatSerial(t *testing.T) {
	tests := []struct {
		format string
		year   int
		seq    int
		want   string // "" means the format is refused
	}{
		{DefaultSerialFormat, 2025, 1, "〔2025〕第0001号"},
		{DefaultSerialFormat, 2024, 12, "〔2024〕第0012号"},
		{DefaultSerialFormat, 2025, 9999, "〔2025〕第9999号"},
		{DefaultSerialFormat, 2025, 12345, "〔2025〕第12345号"},
		{"PY-{year}-{seq:6}", 2025, 42, "PY-2025-000042"},
		{"{seq:1}/{year}", 2025, 42, "42/2025"},
		{"成{year}培字{seq}号", 2026, 7, "成2026培字0007号"},
		{"{year}{year}-{seq}", 2025, 3, "20252025-0003"},
		{"第{seq}号", 2025, 1, ""},                 // no year: serials would repeat every year
		{"〔{year}〕", 2025, 1, ""},                // no sequence
		{"{year}-{seq}-{seq}", 2025, 1, ""},      // two sequences
		{"{year}-{seq:0}", 2025, 1, ""},          // width out of range
		{"{year}-{seq:12}", 2025, 1, ""},         // width out of range
		{"{year}-{seq}-{month}", 2025, 1, ""},    // unknown placeholder
		{"{year}-{seq", 2025, 1, ""},             // unclosed
		{"{year}-}{seq}", 2025, 1, ""},           // stray closing brace
		{"{year}-{seq}}", 2025, 1, ""},           // stray closing brace at the end
		{"{{year}}-{seq}", 2025, 1, ""},          // nested braces
		{"", 2025, 1, ""},                        // empty
		{"{Year}-{seq}", 2025, 1, ""},            // placeholders are lower case
		{"{ year }-{seq}", 2025, 1, ""},          // no spaces inside
		{"{year}年{seq:4}", 2025, 1, "2025年0001"}, // {seq:4} equals {seq}
	}
	for _, tt := range tests {
		t.Run(tt.format, func(t *testing.T) {
			got, err := FormatSerial(tt.format, tt.year, tt.seq)
			if tt.want == "" {
				wantCode(t, err, models.EINVALID)
				if e := domainError(t, err); e.Field != SerialFormat {
					t.Errorf("field %q", e.Field)
				}
				return
			}
			if err != nil || got != tt.want {
				t.Errorf("FormatSerial = %q, %v; want %q", got, err, tt.want)
			}
		})
	}
}
