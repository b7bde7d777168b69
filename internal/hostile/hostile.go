// Package hostile is the shared corpus of hostile text that every way in
// (the command line, imports, and later the window's forms) must either
// refuse with a clear message or store and give back unchanged.
package hostile

import "strings"

// Case is one hostile value.
type Case struct {
	Name  string // what it is, for test names
	Value string
	// Control marks text with control characters other than tab and line
	// breaks, or invalid UTF-8: the rules refuse it in names and notes.
	Control bool
	// Long marks text longer than any field allows.
	Long bool
	// Bidi marks text with bidirectional controls (U+202E and its kin):
	// the rules refuse it in names and other one-line text and remove
	// the controls from notes.
	Bidi bool
}

// Cases returns the corpus.
func Cases() []Case {
	return []Case{
		{Name: "sql-drop", Value: "'; DROP TABLE trainees; --"},
		{Name: "sql-quote", Value: `Robert'); DELETE FROM audit_log WHERE ('1'='1`},
		{Name: "sql-like", Value: `%_\%' OR 1=1 --`},
		{Name: "csv-formula", Value: `=HYPERLINK("http://x","y")`},
		{Name: "long-10000", Value: strings.Repeat("长", 10000), Long: true},
		{Name: "control-bell", Value: "张\a三", Control: true},
		{Name: "control-escape", Value: "张\x1b[31m三", Control: true},
		{Name: "nul", Value: "张\x00三", Control: true},
		{Name: "emoji-skin", Value: "点赞👍🏽"},
		{Name: "emoji-family-zwj", Value: "👨\u200d👩\u200d👧\u200d👦一家"},
		{Name: "rtl-override", Value: "\u202e三张", Bidi: true},
		{Name: "rtl-marks", Value: "张\u200f三\u200e", Bidi: true},
		{Name: "non-bmp", Value: "王𠮷"},
		{Name: "combining", Value: "Zalgo Z\u0336\u0335\u0321a\u0334\u0338"},
		{Name: "lone-surrogate", Value: "张\xed\xa0\x80三", Control: true}, // U+D800 as UTF-8 bytes: invalid
		{Name: "invalid-utf8", Value: "\xff\xfe张三", Control: true},
		{Name: "pipe-newline", Value: "张|三\n李四"},
		{Name: "bidi-isolates", Value: "\u2066张三\u2069\ufeff", Bidi: true},
		{Name: "html", Value: "<script>alert(1)</script>"},
		{Name: "template", Value: "{{.Name}} {{printf \"%v\" 1}}"},
		{Name: "format-verbs", Value: "%s%d%n%x"},
	}
}
