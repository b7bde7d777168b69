package sheets

import (
	"reflect"
	"testing"

	"peiyang/models"
)

var testFields = []Field{
	{Key: "seq", Label: "序号", Ignore: true},
	{Key: "name", Label: "姓名", Required: true},
	{Key: "gender", Label: "性别"},
	{Key: "id_number", Label: "身份证号", Aliases: []string{"身份证号码", "公民身份号码"}, Required: true},
	{Key: "phone", Label: "联系电话", Aliases: []string{"手机", "手机号码"}},
	{Key: "birth", Label: "出生日期", Aliases: []string{"出生年月"}},
	{Key: "employer", Label: "工作单位", Aliases: []string{"单位"}},
	{Key: "nominated_by", Label: "推荐单位"},
}

func rowsOf(lines ...[]string) []Row {
	out := make([]Row, len(lines))
	for i, l := range lines {
		out[i] = Row{Num: i + 1, Cells: l}
	}
	return out
}

func TestNormalizeHeader(t *testing.T) {
	tests := []struct{ in, want string }{
		{"姓名", "姓名"},
		{" 姓 名 ", "姓名"},
		{"*姓名", "姓名"},
		{"身份证号（18位）", "身份证号"},
		{"出生年月(yyyy.mm)", "出生年月"},
		{"联系电话：", "联系电话"},
		{"ＩＤ", "id"},
		{"（备注）", "备注"},
		{"姓名\n(必填)", "姓名"},
	}
	for _, tt := range tests {
		if got := NormalizeHeader(tt.in); got != tt.want {
			t.Errorf("NormalizeHeader(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestFindHeader(t *testing.T) {
	tests := []struct {
		name    string
		rows    []Row
		row     int
		cols    map[string]int
		unknown []string
		missing []string
	}{
		{
			name: "plain",
			rows: rowsOf([]string{"姓名", "身份证号", "性别"}, []string{"张三", "x", "男"}),
			row:  1, cols: map[string]int{"name": 0, "id_number": 1, "gender": 2},
		},
		{
			name: "title rows above, any order, aliases",
			rows: rowsOf(
				[]string{"中江县2024年流动党员推荐名单", "中江县2024年流动党员推荐名单", "中江县2024年流动党员推荐名单"},
				[]string{"填报单位：中江县委组织部"},
				[]string{"序号", "公民身份号码", "手机号码", "姓 名", "出生年月", "爱好", "推荐单位"},
				[]string{"1", "x", "y", "张三"},
			),
			row: 3, cols: map[string]int{"id_number": 1, "phone": 2, "name": 3, "birth": 4, "nominated_by": 6},
			unknown: []string{"爱好"},
		},
		{
			name: "containment: the longest alias wins",
			rows: rowsOf([]string{"姓名", "公民身份证号码（18位）", "推荐单位名称", "现工作单位"}),
			row:  1, cols: map[string]int{"name": 0, "id_number": 1, "nominated_by": 2, "employer": 3},
		},
		{
			name: "missing a required column",
			rows: rowsOf([]string{"姓名", "性别", "联系电话"}),
			row:  1, cols: map[string]int{"name": 0, "gender": 1, "phone": 2},
			missing: []string{"身份证号"},
		},
		{
			name: "of two columns for one field the label wins over an alias",
			rows: rowsOf([]string{"姓名", "身份证号", "手机", "联系电话"}),
			row:  1, cols: map[string]int{"name": 0, "id_number": 1, "phone": 3},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			h, err := FindHeader(tt.rows, testFields, 2)
			if err != nil {
				t.Fatal(err)
			}
			if h.Row != tt.row || !reflect.DeepEqual(h.Columns, tt.cols) {
				t.Errorf("row %d cols %v; want row %d cols %v", h.Row, h.Columns, tt.row, tt.cols)
			}
			if !reflect.DeepEqual(h.Unknown, tt.unknown) || !reflect.DeepEqual(h.Missing, tt.missing) {
				t.Errorf("unknown %q missing %q; want %q %q", h.Unknown, h.Missing, tt.unknown, tt.missing)
			}
		})
	}
}

func TestFindHeaderNone(t *testing.T) {
	_, err := FindHeader(rowsOf([]string{"a", "b"}, []string{"1", "2"}), testFields, 2)
	if models.ErrorCode(err) != models.EINVALID {
		t.Fatalf("err = %v", err)
	}
	if got := models.ErrorMessage(err); got != "No header row found in the first 30 rows: the sheet should have a row of column names such as 姓名, 身份证号." {
		t.Errorf("message %q", got)
	}
}

// Of two columns naming one field, the more specific (an exact name
// before a contained one, then the name listed first) is used, and the
// header says which was ignored. A header naming a party organisation
// never lands in a place field.
func TestFindHeaderDuplicatesAndPlaces(t *testing.T) {
	fields := []Field{
		{Key: "name", Label: "姓名", Required: true},
		{Key: "home", Label: "户籍地", Aliases: []string{"户籍所在地", "流出地", "籍贯"}, Place: true},
		{Key: "current", Label: "现居住地", Aliases: []string{"流入地", "现所在区"}, Place: true},
		{Key: "branch", Label: "党组织关系所在党支部", Aliases: []string{"党组织关系所在党组织", "流出地党组织", "党支部"}},
	}
	for _, tt := range []struct {
		name  string
		cells []string
		cols  map[string]int
		dups  []Duplicate
	}{
		{"籍贯 and 户籍所在地", []string{"姓名", "籍贯", "户籍所在地"}, map[string]int{"name": 0, "home": 2},
			[]Duplicate{{Key: "home", Used: "户籍所在地", Ignored: "籍贯"}}},
		{"exact before contained", []string{"姓名", "户籍地（省市县）", "户籍地址详细"}, map[string]int{"name": 0, "home": 1},
			[]Duplicate{{Key: "home", Used: "户籍地(省市县)", Ignored: "户籍地址详细"}}},
		{"a party organisation is no place", []string{"姓名", "流出地党组织", "流入地党组织", "流入地"},
			map[string]int{"name": 0, "branch": 1, "current": 3}, nil},
		{"党组织关系所在党组织 is not the branch's place", []string{"姓名", "党组织关系所在党组织（流出地）", "流出地"},
			map[string]int{"name": 0, "branch": 1, "home": 2}, nil},
	} {
		t.Run(tt.name, func(t *testing.T) {
			h, err := FindHeader(rowsOf(tt.cells), fields, 1)
			if err != nil {
				t.Fatal(err)
			}
			if !reflect.DeepEqual(h.Columns, tt.cols) || !reflect.DeepEqual(h.Duplicates, tt.dups) {
				t.Errorf("cols %v dups %+v unknown %v; want %v %+v", h.Columns, h.Duplicates, h.Unknown, tt.cols, tt.dups)
			}
		})
	}
}
