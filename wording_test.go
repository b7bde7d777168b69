package main

import (
	"encoding/json"
	"go/ast"
	"go/parser"
	"go/token"
	"io/fs"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"unicode"

	"peiyang/models"
)

// The program speaks the glossary's language (models/glossary.go)
// everywhere: every Chinese text of the window's translations and every
// Chinese string in the source (the labels, headers and sentences of the
// PDFs, workbooks, messages and demo data) keeps to the chosen forms
// (models.CheckWording). The documents themselves are read back by the
// tests of reports/lists, reports/certificate and sheets/exports.

// notProse are files whose Chinese strings are data, not wording: names,
// places, pinyin, hostile input, and the list of wrong forms itself.
var notProse = map[string]bool{
	"models/wording.go":              true,
	"demo/names.go":                  true,
	"demo/regions.go":                true,
	"pinyin/tables.go":               true,
	"internal/people/people.go":      true,
	"internal/hostile/hostile.go":    true,
	"sheets/region.go":               true, // place-name suffixes
	"reports/certificate/qr/qr.go":   true,
	"reports/pdfkit/wrap.go":         true, // line-breaking punctuation
	"sheets/imports/sessionmatch.go": true, // how people head session columns
	"sheets/dates.go":                true, // how people write dates
	"sheets/normalize.go":            true, // how people write values
	"models/elections.go":            true, // how people write posts (ParseSeat)
	"models/idnumber.go":             true,
	"reports/certificate/format.go":  true, // Chinese numerals
	"bench/outcomes/main.go":         true, // county lists as they are written (一肩挑, 换届选举结果)
}

// inputAliases are composite-literal fields that list how people write
// things in the files they import: they are read, never written.
var inputAliases = map[string]bool{"Aliases": true}

func hasHan(s string) bool {
	for _, r := range s {
		if unicode.Is(unicode.Han, r) {
			return true
		}
	}
	return false
}

func TestSourceKeepsToTheGlossary(t *testing.T) {
	checked := 0
	err := filepath.WalkDir(".", func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() {
			if name := d.Name(); path != "." && (strings.HasPrefix(name, ".") || name == "testdata" || name == "screenshots") {
				return filepath.SkipDir
			}
			return nil
		}
		if !strings.HasSuffix(path, ".go") || strings.HasSuffix(path, "_test.go") || notProse[filepath.ToSlash(path)] {
			return nil
		}
		fset := token.NewFileSet()
		f, err := parser.ParseFile(fset, path, nil, 0)
		if err != nil {
			return err
		}
		ast.Inspect(f, func(n ast.Node) bool {
			if kv, ok := n.(*ast.KeyValueExpr); ok {
				if id, ok := kv.Key.(*ast.Ident); ok && inputAliases[id.Name] {
					return false
				}
			}
			lit, ok := n.(*ast.BasicLit)
			if !ok || lit.Kind != token.STRING {
				return true
			}
			s, err := strconv.Unquote(lit.Value)
			if err != nil || !hasHan(s) {
				return true
			}
			checked++
			if p := models.CheckWording(s); p != nil {
				t.Errorf("%s: %q: %s", fset.Position(lit.Pos()), s, strings.Join(p, "; "))
			}
			return true
		})
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if checked < 300 {
		t.Fatalf("only %d Chinese strings checked; is the walk broken?", checked)
	}
}

func TestTranslationsKeepToTheGlossary(t *testing.T) {
	files, err := filepath.Glob("assets/i18n/*zh.json")
	if err != nil || len(files) < 2 {
		t.Fatalf("translation files: %v %v", files, err)
	}
	checked := 0
	for _, name := range files {
		b, err := os.ReadFile(name)
		if err != nil {
			t.Fatal(err)
		}
		var m map[string]string
		if err := json.Unmarshal(b, &m); err != nil {
			t.Fatal(err)
		}
		for k, v := range m {
			checked++
			if p := models.CheckWording(v); p != nil {
				t.Errorf("%s: %s = %q: %s", name, k, v, strings.Join(p, "; "))
			}
		}
	}
	for k, l := range models.Glossary() {
		checked++
		if p := models.CheckWording(l.Zh); p != nil {
			t.Errorf("the glossary's %s = %q: %s", k, l.Zh, strings.Join(p, "; "))
		}
	}
	if checked < 500 {
		t.Fatalf("only %d texts checked", checked)
	}
}

// The check itself finds what it must and lets the chosen forms pass.
func TestCheckWording(t *testing.T) {
	for _, bad := range []string{"进入两委", "推荐培养", "主题：乡村振兴", "已换发", "带教指导人", "接收容量：3 人", "回引与任职",
		"现所在区", "座谈会", "视频", "在读", "已退出", "党员类别", "所在党支部", "已结业于某班", "未能从某班结业", "所回的村",
		"尚未领取证书", "另一个培养程序", "共 40,630 名", "副职", "一肩挑"} {
		if models.CheckWording(bad) == nil {
			t.Errorf("%q passes", bad)
		}
	}
	for _, good := range []string{"进入“两委”", "纳入培养", "培训专题：乡村振兴", "已补发", "指导人", "可接收人数：3 人", "回引与选任",
		"现居住地（流入地）", "谈心谈话", "视频通话", "在训", "已退训", "流动类型", "党组织关系所在党支部", "书记兼主任（一肩挑）",
		"共 40630 名", "合格分数 60"} {
		if p := models.CheckWording(good); p != nil {
			t.Errorf("%q: %v", good, p)
		}
	}
}
