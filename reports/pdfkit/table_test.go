package pdfkit

import (
	"fmt"
	"strings"
	"testing"
)

// TestNarrowNote wraps a 200-character note in a 30 mm column and reads it
// back: nothing lost, nothing repeated.
func TestNarrowNote(t *testing.T) {
	d := newDoc(t, Options{})
	d.AddPage()
	d.SetFontSize(10.5)
	h, err := d.Paragraph(20, 20, 30, 0, note, AlignLeft)
	must(t, err)
	lines := d.WrapLines(note, 30, 10.5)
	if len(lines) < 20 || h != float64(len(lines))*d.LineHeight(10.5) {
		t.Errorf("%d lines, %.1f mm", len(lines), h)
	}
	pdf := pdfBytes(t, d)
	if got := columnText(t, pdf, 1, 15, 15, 40, h+10); got != note {
		t.Errorf("read back:\n%s\nwant:\n%s", got, note)
	}
	if n, _ := inkBox(render(t, pdf, 1, 50), 50, 20, 20, 30, h); n < 500 {
		t.Errorf("the note's column is (nearly) blank: %d dark pixels", n)
	}
}

// roster returns n trainees' rows: number, name, home county and a note
// that wraps in its column, some long.
func roster(n int) [][]string {
	names := []string{"王芳", "欧阳娜娜", "阿依古丽·买买提", "李𠮷", "司马相如", "张伟"}
	rows := make([][]string, n)
	for i := range rows {
		remark := "无"
		switch i % 5 {
		case 1:
			remark = "跟班学习于郫都区战旗村（社区），导师：李明。"
		case 3:
			remark = note[:3*(i%40)+3]
		}
		rows[i] = []string{fmt.Sprint(i + 1), names[i%len(names)], "四川省德阳市中江县", remark}
	}
	return rows
}

var rosterColumns = []Column{
	{Header: "序号", Width: 15, Align: AlignCenter},
	{Header: "姓名", Width: 40},
	{Header: "流出地", Width: 45},
	{Header: "备注", Width: 80},
}

// TestTable prints a roster over several pages: the header on every page,
// every note read back whole from its column, every page inked.
func TestTable(t *testing.T) {
	rows := roster(120)
	d := newDoc(t, Options{FontSize: 10.5})
	d.AddPage()
	d.SetFontSize(18)
	must(t, d.AlignedText(0, 25, 210, "乡村振兴专题培训班花名册", AlignCenter))
	end, err := d.Table(15, 32, Table{Columns: rosterColumns, FontSize: 10.5}, rows)
	must(t, err)
	if d.PageCount() < 4 || end <= 15 || end > 297-15 {
		t.Fatalf("%d pages, ending at %.1f mm", d.PageCount(), end)
	}
	pdf := pdfBytes(t, d)
	var names, notes strings.Builder
	for p := 1; p <= d.PageCount(); p++ {
		text := noSpace(pdfText(t, pdf, "-f", fmt.Sprint(p), "-l", fmt.Sprint(p)))
		for _, c := range rosterColumns {
			if !strings.Contains(text, c.Header) {
				t.Errorf("page %d lacks the header %q", p, c.Header)
			}
		}
		top := 10.0 // below the title on page 1
		if p == 1 {
			top = 28
		}
		names.WriteString(strings.TrimPrefix(columnText(t, pdf, p, 30, top, 40, 287-top), "姓名"))
		notes.WriteString(strings.TrimPrefix(columnText(t, pdf, p, 115, top, 80, 287-top), "备注"))
		if n, _ := inkBox(render(t, pdf, p, 50), 50, 15, 15, 180, 100); n < 1000 {
			t.Errorf("page %d is (nearly) blank: %d dark pixels", p, n)
		}
	}
	var wantNames, wantNotes strings.Builder
	for _, r := range rows {
		wantNames.WriteString(r[1])
		wantNotes.WriteString(r[3])
	}
	if names.String() != wantNames.String() {
		t.Errorf("names read back:\n%s\nwant:\n%s", names.String(), wantNames.String())
	}
	if notes.String() != wantNotes.String() {
		t.Errorf("notes read back:\n%s\nwant:\n%s", notes.String(), wantNotes.String())
	}
}

// TestTableTallRow gives one cell more text than a page holds: the row is
// split across pages and nothing is lost.
func TestTableTallRow(t *testing.T) {
	long := strings.Repeat(note, 12) // 2,400 characters
	d := newDoc(t, Options{})
	_, err := d.Table(15, 200, Table{Columns: []Column{{Header: "姓名", Width: 30}, {Header: "备注", Width: 60}}},
		[][]string{{"王芳", "无"}, {"张伟", long}, {"李娜", "无"}})
	must(t, err)
	pdf := pdfBytes(t, d)
	var got strings.Builder
	for p := 1; p <= d.PageCount(); p++ {
		got.WriteString(strings.TrimPrefix(columnText(t, pdf, p, 45, 10, 60, 280), "备注"))
	}
	if want := "无" + long + "无"; got.String() != want {
		t.Errorf("%d pages; read back %d characters, want %d", d.PageCount(), len([]rune(got.String())), len([]rune(want)))
	}
}

// TestSignInSheet uses MinRowHeight for the signature column.
func TestSignInSheet(t *testing.T) {
	d := newDoc(t, Options{})
	rows := make([][]string, 30)
	for i := range rows {
		rows[i] = []string{fmt.Sprint(i + 1), roster(30)[i][1], ""}
	}
	cols := []Column{{Header: "序号", Width: 20, Align: AlignCenter}, {Header: "姓名", Width: 60}, {Header: "签名", Width: 80}}
	end, err := d.Table(15, 15, Table{Columns: cols, MinRowHeight: 12}, rows)
	must(t, err)
	// 30 rows of 12 mm and a header on 267 mm pages: two pages.
	if d.PageCount() != 2 {
		t.Errorf("%d pages, ending at %.1f", d.PageCount(), end)
	}
}
