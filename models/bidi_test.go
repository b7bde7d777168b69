package models

import (
	"strings"
	"testing"
)

var today = MustDate("2025-06-15")

// Direction controls are refused in names, ID numbers, phones, places and
// other one-line text, and removed from notes.
func TestBidiControlsRefusedOrStripped(t *testing.T) {
	valid := func() *Trainee {
		return &Trainee{Name: "张三", IDNumber: "11010519491231002X", Phone: "13812345678"}
	}
	if err := valid().Validate(today); err != nil {
		t.Fatal(err)
	}
	for _, ctl := range []string{"\u202e", "\u202d", "\u200f", "\u200e", "\u2066", "\u2069", "\u061c"} {
		cases := map[string]func(*Trainee){
			"name":             func(tr *Trainee) { tr.Name = ctl + "三张" },
			"id_number":        func(tr *Trainee) { tr.IDNumber = "11010519491231002X" + ctl },
			"phone":            func(tr *Trainee) { tr.Phone = "138" + ctl + "12345678" },
			"home_region":      func(tr *Trainee) { tr.HomeRegion = Region{Province: "四川省", County: ctl + "中江县"} },
			"current_district": func(tr *Trainee) { tr.CurrentDistrict = "锦江" + ctl + "区" },
			"employer":         func(tr *Trainee) { tr.Employer = "美团" + ctl },
		}
		for field, set := range cases {
			tr := valid()
			set(tr)
			err := tr.Validate(today)
			if err == nil {
				t.Errorf("%U in %s accepted", []rune(ctl)[0], field)
				continue
			}
			if !hasFieldMessage(err, field, "direction controls") {
				t.Errorf("%U in %s: %v", []rune(ctl)[0], field, err)
			}
		}
		tr := valid()
		tr.Notes = "备注" + ctl + "文字"
		if err := tr.Validate(today); err != nil || tr.Notes != "备注文字" {
			t.Errorf("%U in notes: %v, notes %q", []rune(ctl)[0], err, tr.Notes)
		}
	}
	o := &Organisation{Name: "南华镇党委\u202e", Kind: OrgOutflow}
	if err := o.Validate(); !hasFieldMessage(err, "name", "direction controls") {
		t.Errorf("organisation name: %v", err)
	}
}

// A name holds a letter of some script: digits or a formula are no name.
func TestNameNeedsALetter(t *testing.T) {
	for _, name := range []string{"2", "=1+1", "+86", "123-456", "…", "👍"} {
		tr := &Trainee{Name: name, IDNumber: "11010519491231002X"}
		if err := tr.Validate(today); !hasFieldMessage(err, "name", "letter") {
			t.Errorf("name %q: %v", name, err)
		}
	}
	for _, name := range []string{"张三", "阿依古丽·买买提", "Zhang San", "王𠮷", "ئەخمەت"} {
		tr := &Trainee{Name: name, IDNumber: "11010519491231002X"}
		if err := tr.Validate(today); err != nil {
			t.Errorf("name %q: %v", name, err)
		}
	}
}

func hasFieldMessage(err error, field, part string) bool {
	list, _ := err.(ErrorList)
	if e, ok := err.(*Error); ok {
		list = ErrorList{e}
	}
	for _, e := range list {
		if e.Field == field && strings.Contains(e.Error(), part) {
			return true
		}
	}
	return false
}
