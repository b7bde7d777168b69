package imports

import (
	"fmt"
	"io"
	"slices"
	"strings"

	"peiyang/internal/userfile"
	"peiyang/models"
	"peiyang/sheets"
)

// TemplateKinds are the kinds of list a template workbook is offered for.
var TemplateKinds = []string{"trainees"}

// templateExample is the template's example row of a trainee list, by
// field key: a made-up person whose ID number is sound, so that the
// template imports as it is.
var templateExample = map[string]string{
	"name":             "张明",
	"id_number":        "510623199001011237",
	"gender":           "男",
	"ethnicity":        "汉族",
	"birth_date":       "1990-01-01",
	"phone":            "13812345678",
	"education":        "大专",
	"joined_party":     "2015-07-01",
	"branch":           "中共中江县示例村支部委员会",
	"home_region":      "四川省德阳市中江县",
	"current_district": "锦江区",
	"employer":         "示例快递公司",
	"key_target":       "是",
	"notes":            "示例行，导入前请删除",
}

// templateLists are the fixed values of a column, offered as a drop-down
// list in the template.
var templateLists = map[string][]string{
	"gender":     {"男", "女"},
	"key_target": {"是", "否"},
}

// Columns returns the names of the columns an import of the kind
// recognises, each field by its usual name, required ones marked by
// required; alias lists the other names it takes for the field.
func Columns(kind string) (names []string, required []bool, aliases [][]string, err error) {
	fields, ok := map[string][]sheets.Field{"trainees": TraineeFields, "sessions": SessionFields,
		"attendance": AttendanceFields, KindReturns: ReturnFields, KindElections: ElectionFields}[kind]
	if !ok {
		return nil, nil, nil, fmt.Errorf("imports: no columns for the kind %q", kind)
	}
	for _, f := range fields {
		if f.Ignore || f.Key == recordField.Key {
			continue
		}
		names = append(names, f.Label)
		required = append(required, f.Required)
		aliases = append(aliases, f.Aliases)
	}
	return names, required, aliases, nil
}

// WriteTemplate writes a template workbook of a trainee list to path
// (userfile.Write): the headers the import knows, one example row, and
// drop-down lists where the values are fixed.
func WriteTemplate(kind, path string) error {
	if err := checkTemplateKind(kind); err != nil {
		return err
	}
	return userfile.Write(path, func(out io.Writer) error { return Template(kind, out) })
}

func checkTemplateKind(kind string) error {
	if !slices.Contains(TemplateKinds, kind) {
		return models.Errorf(models.EINVALID, "kind", "There is no template for {{.Kind}}: only for {{.Kinds}}.",
			"Kind", kind, "Kinds", strings.Join(TemplateKinds, ", "))
	}
	return nil
}

// Template writes the template workbook of the kind to out.
func Template(kind string, out io.Writer) error {
	if err := checkTemplateKind(kind); err != nil {
		return err
	}
	w, err := sheets.NewWorkbook()
	if err != nil {
		return err
	}
	defer w.Close()
	var cols []sheets.Col
	var keys []string
	for _, f := range TraineeFields {
		if f.Ignore || slices.Contains(notesFields, f.Key) { // kept in the notes: not asked for
			continue
		}
		cols = append(cols, sheets.Col{Header: f.Label, Kind: sheets.Text})
		keys = append(keys, f.Key)
	}
	s, err := w.AddSheet("学员名单", cols)
	if err != nil {
		return err
	}
	row := make([]any, len(keys))
	for i, k := range keys {
		row[i] = templateExample[k]
	}
	if err := s.Write(row...); err != nil {
		return err
	}
	for i, k := range keys {
		if list := templateLists[k]; list != nil {
			if err := s.DropList(i, 1000, list, cols[i].Header, "请从下拉列表中选择。"); err != nil {
				return err
			}
		}
	}
	if err := s.Close(); err != nil {
		return err
	}
	_, err = w.WriteTo(out)
	return err
}
