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
		{DefaultSerialFormat, 2025, 1, "2025-0001"},
		{DefaultSerialFormat, 2024, 12, "2024-0012"},
		{DefaultSerialFormat, 2025, 9999, "2025-9999"},
		{DefaultSerialFormat, 2025, 12345, "2025-12345"},
		{DefaultSerialFormatOrg, 2025, 12, "成基党院结〔2025〕12号"},
		{DefaultSerialFormatOrg, 2026, 1, "成基党院结〔2026〕1号"},
		{"〔{year}〕第{seq}号", 2025, 1, "〔2025〕第0001号"},
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
			got, err := FormatSerial(tt.format, "成基党院", tt.year, tt.seq)
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

// {org} needs the short name; the format in force follows it.
func TestSerialFormatWithTheShortName(t *testing.T) {
	_, err := FormatSerial(DefaultSerialFormatOrg, " ", 2025, 1)
	wantCode(t, err, models.EINVALID)
	if e := domainError(t, err); e.Field != SerialFormat || e.Message != MsgSerialNeedsOrg {
		t.Errorf("error %+v", e)
	}
	for _, tt := range []struct{ setting, short, want string }{
		{"", "", DefaultSerialFormat},
		{"", "成基党院", DefaultSerialFormatOrg},
		{" 〔{year}〕第{seq}号 ", "成基党院", "〔{year}〕第{seq}号"},
	} {
		if got := SerialFormatFor(tt.setting, tt.short); got != tt.want {
			t.Errorf("SerialFormatFor(%q, %q) = %q, want %q", tt.setting, tt.short, got, tt.want)
		}
	}
	c := Context{Year: 2025}
	wantCode(t, Check(SerialFormat, DefaultSerialFormatOrg, c), models.EINVALID)
	c.OrgShortName = "成基党院"
	wantCode(t, Check(SerialFormat, DefaultSerialFormatOrg, c), "")
	for _, bad := range []string{"成都 基层", "{org}", "一二三四五六七八九十一二三"} {
		wantCode(t, Check(OrgShortName, bad, c), models.EINVALID)
	}
	wantCode(t, Check(OrgShortName, "成基党院", c), "")
}
