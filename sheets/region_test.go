package sheets

import (
	"testing"

	"peiyang/models"
)

func TestParseRegion(t *testing.T) {
	tests := []struct {
		in   string
		want models.Region
		ok   bool
	}{
		{"四川省德阳市中江县", models.Region{Province: "四川省", City: "德阳市", County: "中江县"}, true},
		// Text left over follows the last part found, never before it (found by fuzzing).
		{"0县0", models.Region{County: "0县", Town: "0"}, false},
		{"四川省 成都市 郫都区", models.Region{Province: "四川省", City: "成都市", County: "郫都区"}, true},
		{"四川德阳市中江县", models.Region{Province: "四川省", City: "德阳市", County: "中江县"}, true},
		{"德阳市中江县", models.Region{City: "德阳市", County: "中江县"}, true},
		{"中江县", models.Region{County: "中江县"}, true},
		{"重庆市云阳县", models.Region{Province: "重庆市", City: "重庆市", County: "云阳县"}, true},
		{"四川省乐山市市中区", models.Region{Province: "四川省", City: "乐山市", County: "市中区"}, true},
		{"四川省凉山彝族自治州昭觉县", models.Region{Province: "四川省", City: "凉山彝族自治州", County: "昭觉县"}, true},
		{"内蒙古自治区锡林郭勒盟正蓝旗", models.Region{Province: "内蒙古自治区", City: "锡林郭勒盟", County: "正蓝旗"}, true},
		{"广西壮族自治区百色市田阳区", models.Region{Province: "广西壮族自治区", City: "百色市", County: "田阳区"}, true},
		{"四川省德阳市广汉市", models.Region{Province: "四川省", City: "德阳市", County: "广汉市"}, true},
		{"四川省德阳市中江县南华镇新市村", models.Region{Province: "四川省", City: "德阳市", County: "中江县", Town: "南华镇", Village: "新市村"}, true},
		{"中江县南华镇新市村", models.Region{County: "中江县", Town: "南华镇", Village: "新市村"}, true},
		{"四川省资阳市雁江区莲花街道办事处桂花社区居委会", models.Region{Province: "四川省", City: "资阳市", County: "雁江区", Town: "莲花街道", Village: "桂花社区"}, true},
		{"", models.Region{}, true},
		// Unsure: the text is kept whole.
		{"德阳中江", models.Region{City: "德阳中江"}, false},
		{"四川省德阳", models.Region{Province: "四川省", City: "德阳"}, false},
	}
	for _, tt := range tests {
		got, ok := ParseRegion(tt.in)
		if got != tt.want || ok != tt.ok {
			t.Errorf("ParseRegion(%q) = %+v, %v; want %+v, %v", tt.in, got, ok, tt.want, tt.ok)
		}
		if !ok && got.String() != compact(tt.in) {
			t.Errorf("ParseRegion(%q) lost text: %q", tt.in, got.String())
		}
	}
}
