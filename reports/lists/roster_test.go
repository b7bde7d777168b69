package lists

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"sort"
	"strings"
	"testing"

	"peiyang/models"
	"peiyang/pinyin"
	"peiyang/reports/pdfkit"
	"peiyang/training"
)

// rosterCourse is a course with trainees whose names test the roster:
// pinyin order (安 before 白 before 曾, read zeng as a surname), 𠮷
// outside the BMP, a middle dot, four-character names, a 200-character
// note, and the ID number of the masking example.
func rosterCourse(extra int) *training.CourseList {
	ts := []*models.Trainee{
		trainee(1, "曾国藩", models.Male, ""),
		trainee(2, "白雪", models.Female, longNote),
		trainee(3, "安然", models.Female, "无"),
		trainee(4, "阿依古丽·买买提", models.Female, ""),
		trainee(5, "欧阳娜娜", models.Female, ""),
		trainee(6, "李𠮷", models.Male, ""),
		trainee(7, "司马相如", models.Male, ""),
		trainee(8, "张伟", models.Male, ""),
	}
	ts[3].Ethnicity = "维吾尔族"
	ts[3].HomeRegion = models.Region{Province: "新疆维吾尔自治区", City: "喀什地区", County: "疏附县", Code: "653121"}
	ts[0].IDNumber, ts[0].Phone, ts[0].Gender, ts[0].BirthDate = "11010519491231002X", "13812341234", models.Female, models.MustDate("1949-12-31")
	for i := range extra {
		ts = append(ts, trainee(int64(100+i), fmt.Sprintf("王%c%c", '一'+rune(i%50), '明'), models.Male, ""))
	}
	c := &models.Course{ID: 3, Title: "2025年乡村振兴带头人能力提升班（第1期）", Theme: models.ThemeRural,
		StartDate: models.MustDate("2025-03-01"), EndDate: models.MustDate("2025-06-30")}
	return &training.CourseList{Course: c, Cohort: &models.Cohort{ID: 1, Name: "成德眉资联合培养2025级"}, Trainees: ts}
}

func roster(t *testing.T, m Meta, l *training.CourseList) ([]byte, int) {
	return print(t, func(w *bytes.Buffer) (int, error) { return Roster(w, m, l) })
}

// TestRoster reads a three-page roster back: heading, every field of
// every row, masking, pinyin order, the header and "第 x 页 共 y 页" on
// every page, the long note whole, and no blank page.
func TestRoster(t *testing.T) {
	l := rosterCourse(40)
	pdf, n := roster(t, meta, l)
	ps := pages(t, pdf)
	if n != len(ps) || n < 3 {
		t.Fatalf("Roster says %d pages, pdftotext finds %d; want 3 or more", n, len(ps))
	}
	all := noSpace(strings.Join(ps, ""))
	wantAll(t, "the heading", noSpace(ps[0]), "2025年乡村振兴带头人能力提升班（第1期）学员花名册", "批次：成德眉资联合培养2025级",
		"培训专题：乡村振兴", "培训时间：2025年3月1日至2025年6月30日", "学员：48人", "制表单位：成都市基层党务学院", "制表日期：2025年11月26日")
	for i, p := range ps {
		if !strings.Contains(noSpace(p), "序号姓名性别民族出生年月身份证号联系电话户籍地（流出地）工作单位党组织关系所在党支部备注") {
			t.Errorf("page %d lacks the header row", i+1)
		}
		if !strings.Contains(p, "成都市基层党务学院") || !strings.Contains(p, "学员花名册") {
			t.Errorf("page %d lacks the footer's organisation and name", i+1)
		}
	}
	footer(t, ps)
	// Every field of every row, in pinyin order: a(阿依) an bai li ouyang
	// sima wang zeng (曾 as a surname) zhang.
	order := []int{3, 2, 1, 5, 4, 6}
	wang := make([]int, 40)
	for i := range wang {
		wang[i] = 8 + i
	}
	sort.SliceStable(wang, func(a, b int) bool {
		return pinyin.SortKey(l.Trainees[wang[a]].Name) < pinyin.SortKey(l.Trainees[wang[b]].Name)
	})
	order = append(append(order, wang...), 0, 7)
	rows := make([][]string, len(order))
	for i, k := range order {
		tr := l.Trainees[k]
		rows[i] = []string{fmt.Sprint(i + 1), tr.Name, tr.Gender.Chinese(), tr.Ethnicity, fmt.Sprintf("%d.%02d", tr.BirthDate.Year(), tr.BirthDate.Month()),
			models.MaskIDNumber(tr.IDNumber), models.MaskPhone(tr.Phone), tr.HomeRegion.String(), tr.Employer, tr.Branch, tr.Notes}
	}
	if rows[46][1] != "曾国藩" || rows[46][4] != "1949.12" || rows[46][5] != "110105***********X" || rows[46][6] != "138****1234" {
		t.Fatalf("row 47: %v", rows[46])
	}
	checkColumns(t, pdf, n, rosterColumns, rows, 194)
	for _, tr := range l.Trainees {
		if strings.Contains(all, tr.IDNumber) || strings.Contains(all, tr.Phone) {
			t.Errorf("%s's ID number or phone printed in full", tr.Name)
		}
	}
	if strings.Count(all, longNote) != 0 && strings.Count(all, longNote) != 1 {
		t.Error("the long note is repeated")
	}
	allPagesInked(t, pdf, n)
}

// TestRosterFullIDs prints the same roster with --full-ids.
func TestRosterFullIDs(t *testing.T) {
	l := rosterCourse(0)
	m := meta
	m.FullIDs = true
	pdf, _ := roster(t, m, l)
	all := noSpace(pdfText(t, pdf))
	for _, tr := range l.Trainees {
		if !strings.Contains(all, tr.IDNumber+tr.Phone) {
			t.Errorf("%s's full ID number and phone missing", tr.Name)
		}
	}
	if strings.Contains(all, "****") {
		t.Error("a masked value in the full-ID roster")
	}
}

// TestRosterNonBMPName checks that 𠮷 is in the text layer and leaves
// ink where it stands: 李𠮷's name cell is darker than 李's.
func TestRosterNonBMPName(t *testing.T) {
	inkOf := func(name string) (int, string) {
		c := rosterCourse(0)
		c.Trainees = []*models.Trainee{trainee(1, name, models.Male, "")}
		pdf, _ := roster(t, meta, c)
		x, w := columnX(rosterColumns, 1)
		return ink(render(t, pdf, 1, 150), 150, x, 0, w, 194), afterHeader(boxText(t, pdf, 1, x, 0, w, 194), "姓名")
	}
	none, _ := inkOf("")
	plain, text := inkOf("李")
	rare, rareText := inkOf("李𠮷")
	if text != "李" || rareText != "李𠮷" {
		t.Errorf("name cells read %q and %q, want 李 and 李𠮷", text, rareText)
	}
	if rare-none < (plain-none)*3/2 {
		t.Errorf("李𠮷 has %d dark pixels, 李 %d, an empty cell %d: 𠮷 was not drawn", rare, plain, none)
	}
}

// TestRosterEmptyAndMissingGlyph covers a course without trainees and a
// name the font cannot draw.
func TestRosterEmptyAndMissingGlyph(t *testing.T) {
	l := rosterCourse(0)
	l.Trainees = nil
	pdf, n := roster(t, meta, l)
	if text := noSpace(pdfText(t, pdf)); n != 1 || !strings.Contains(text, "本班暂无学员") || !strings.Contains(text, "学员：0人") {
		t.Errorf("empty roster: %d pages, %s", n, text)
	}
	l = rosterCourse(0)
	l.Trainees[2].Name = "安\U0001F600"
	_, err := Roster(io.Discard, meta, l)
	var missing *pdfkit.MissingGlyphsError
	if !errors.As(err, &missing) || missing.Runes()[0] != 0x1F600 {
		t.Fatalf("want a missing glyph error for U+1F600, got %v", err)
	}
	if strings.Contains(err.Error(), l.Trainees[2].IDNumber) {
		t.Error("the error names an ID number")
	}
}

// TestRosterLarge prints 1,500 rows, a document pdfkit draws in many
// batches on all CPUs: every page in its place with its footer, and the
// header and the last rows on the last page.
func TestRosterLarge(t *testing.T) {
	if testing.Short() {
		t.Skip("large roster")
	}
	l := rosterCourse(1492)
	pdf, n := roster(t, meta, l)
	if n < 100 {
		t.Fatalf("%d pages, want at least 100", n)
	}
	pages := strings.Split(pdfText(t, pdf), "\f")
	for i := 1; i <= n; i++ {
		if want := fmt.Sprintf("第%d页共%d页", i, n); !strings.Contains(noSpace(pages[i-1]), want) {
			t.Fatalf("page %d lacks %s", i, want)
		}
	}
	last := noSpace(pdfText(t, pdf, "-f", fmt.Sprint(n), "-l", fmt.Sprint(n)))
	wantAll(t, "the last page", last, fmt.Sprintf("第%d页共%d页", n, n), "序号姓名性别", "1500张伟")
	allPagesInked(t, pdf, 1)
}
