package sheets

import (
	"strings"
	"testing"

	"peiyang/models"
)

func TestFoldAndClean(t *testing.T) {
	tests := []struct{ in, fold, clean string }{
		{"", "", ""},
		{"abc", "abc", "abc"},
		{"５１０１", "5101", "5101"},
		{"ＡＢｃ", "ABc", "ABc"},
		{"张\u3000三", "张 三", "张 三"},
		{"  a \t\n b  ", "  a \t\n b  ", "a b"},
		{"\u00a0x\u200by", " x y", "x y"},
		{"２０２４－０９", "2024-09", "2024-09"},
	}
	for _, tt := range tests {
		if got := Fold(tt.in); got != tt.fold {
			t.Errorf("Fold(%q) = %q, want %q", tt.in, got, tt.fold)
		}
		if got := Clean(tt.in); got != tt.clean {
			t.Errorf("Clean(%q) = %q, want %q", tt.in, got, tt.clean)
		}
	}
}

func TestNormalizeName(t *testing.T) {
	tests := []struct{ in, want string }{
		{"张三", "张三"},
		{" 张　三 ", "张三"},
		{"欧阳 明 阳", "欧阳明阳"},
		{"阿依古丽•买买提", "阿依古丽·买买提"},
		{"阿依古丽.买买提", "阿依古丽·买买提"},
		{"扎西・多吉", "扎西·多吉"},
		{"Zhang  San", "Zhang San"},
		{"ＬＩ　Ｍｉｎｇ", "LI Ming"},
	}
	for _, tt := range tests {
		if got := NormalizeName(tt.in); got != tt.want {
			t.Errorf("NormalizeName(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestNormalizeIDNumber(t *testing.T) {
	valid := "51062319880215123" + string(models.IDCheckChar("51062319880215123"))
	withX := "11010519491231002X"
	tests := []struct {
		in, want string
		damaged  bool
	}{
		{"", "", false},
		{valid, valid, false},
		{" " + valid[:6] + " " + valid[6:] + "\u3000", valid, false},
		{"１１０１０５１９４９１２３１００２ｘ", withX, false},
		{"11010519491231002x", withX, false},
		{"'" + valid, valid, false},
		{`="` + valid + `"`, valid, false},
		{"5.10104E+17", "", true},
		{"5.10623198802151E+17", "", true},
		{"5.10104e17", "", true},
		{"510623198802151000", "", true},
		{"510623198802151234.0", "", true},
		{"51062319880215", "51062319880215", false}, // too short: the core says so
		{"abc", "ABC", false},
	}
	for _, tt := range tests {
		got, err := NormalizeIDNumber(tt.in)
		if tt.damaged {
			if err == nil || models.ErrorCode(err) != models.EINVALID {
				t.Errorf("NormalizeIDNumber(%q) = %q, %v; want a damaged-number error", tt.in, got, err)
			} else if e := err.(*models.Error); e.Message != MsgIDDamaged {
				t.Errorf("NormalizeIDNumber(%q): message %q", tt.in, e.Message)
			}
			continue
		}
		if err != nil || got != tt.want {
			t.Errorf("NormalizeIDNumber(%q) = %q, %v; want %q", tt.in, got, err, tt.want)
		}
	}
}

func TestNormalizePhone(t *testing.T) {
	tests := []struct{ in, want string }{
		{"", ""},
		{"138 1234 5678", "13812345678"},
		{"１３８１２３４５６７８", "13812345678"},
		{"+86 138-1234-5678", "13812345678"},
		{"'13812345678", "13812345678"},
		{"13812345678.0", "13812345678"},
		{"028-86601234", "028-86601234"},
		{"（028）86601234", "028-86601234"},
	}
	for _, tt := range tests {
		if got := NormalizePhone(tt.in); got != tt.want {
			t.Errorf("NormalizePhone(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestParseGenderYesNoNumber(t *testing.T) {
	genders := []struct {
		in   string
		want models.Gender
		bad  bool
	}{
		{"男", models.Male, false}, {" 女 ", models.Female, false}, {"男性", models.Male, false},
		{"F", models.Female, false}, {"male", models.Male, false}, {"", "", false}, {"未知", "", true},
	}
	for _, tt := range genders {
		got, err := ParseGender(tt.in)
		if (err != nil) != tt.bad || got != tt.want {
			t.Errorf("ParseGender(%q) = %q, %v", tt.in, got, err)
		}
	}
	yes := []struct {
		in       string
		want, ok bool
	}{{"是", true, true}, {"否", false, true}, {"", false, true}, {"√", true, true}, {"Y", true, true}, {"也许", false, false}}
	for _, tt := range yes {
		got, err := ParseYesNo(tt.in)
		if (err == nil) != tt.ok || got != tt.want {
			t.Errorf("ParseYesNo(%q) = %v, %v", tt.in, got, err)
		}
	}
	nums := []struct {
		in   string
		want float64
		ok   bool
	}{{"88", 88, true}, {"８８.５", 88.5, true}, {"2学时", 2, true}, {"90分", 90, true}, {" 3 ", 3, true},
		{"", 0, false}, {"优秀", 0, false}, {"NaN", 0, false}, {"Inf", 0, false}}
	for _, tt := range nums {
		got, err := ParseNumber(tt.in)
		if (err == nil) != tt.ok || got != tt.want {
			t.Errorf("ParseNumber(%q) = %v, %v", tt.in, got, err)
		}
	}
}

// The message of a damaged ID number shows the cell as Excel shows it,
// whatever the number, and never more than its first six digits.
func TestDamagedIDMessageShowsTheCell(t *testing.T) {
	for in, want := range map[string]string{
		"5.10104E+17":          "5.10104E+17",
		"4.40304199003072E+17": "4.40304E+17",
		"510623199001011000":   "5.10623E+17",
		"440304199003072000.0": "4.40304E+17",
	} {
		_, err := NormalizeIDNumber(in)
		msg := models.ErrorMessage(err)
		if !strings.Contains(msg, "the cell shows "+want) {
			t.Errorf("%s: %q", in, msg)
		}
		if strings.Contains(msg, "199001011") || strings.Contains(msg, "1990030720") {
			t.Errorf("%s: the message holds the number: %q", in, msg)
		}
	}
}
