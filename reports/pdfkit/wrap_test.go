package pdfkit

import (
	"math/rand"
	"strings"
	"testing"
	"unicode/utf8"
)

// em returns the width of n hanzi at size points, in millimetres.
func em(n, size float64) float64 { return n * size * ptToMM }

// unwrapped is what the lines of WrapLines(s) concatenate to: s without
// its line feeds (and the CR of each CR LF).
func unwrapped(s string) string {
	return strings.ReplaceAll(strings.ReplaceAll(s, "\r\n", ""), "\n", "")
}

// checkWrap asserts what WrapLines promises for any input: nothing lost
// or added, no line wider than the column unless it holds one character,
// and no break inside an unbreakable run (a word, a number, a character
// with the punctuation that must stay with it) unless that run alone is
// wider than the column.
func checkWrap(t *testing.T, f *Font, s string, width, size float64) []string {
	t.Helper()
	lines := f.WrapLines(s, width, size)
	if got, want := strings.Join(lines, ""), unwrapped(s); got != want {
		t.Fatalf("WrapLines(%q, %.2f) lost or added characters:\n got %q\nwant %q", s, width, got, want)
	}
	k := 0 // next line
	for _, p := range paragraphs(s) {
		rs := []rune(p)
		atoms := atomsOf(rs)
		end := 0
		for first := true; first || end < len(rs); first = false {
			if k == len(lines) {
				t.Fatalf("WrapLines(%q): too few lines: %q", s, lines)
			}
			l := lines[k]
			k++
			n := utf8.RuneCountInString(l)
			if strings.Contains(l, "\n") || n == 0 && len(rs) > 0 {
				t.Fatalf("WrapLines(%q): bad line %q", s, l)
			}
			if w := f.trimmedWidth(l, size); w > width+1e-9 && n > 1 && breakable(l) {
				t.Fatalf("line %q is %.2f mm wide, more than %.2f", l, w, width)
			}
			end += n
			if end == len(rs) {
				break
			}
			for _, a := range atoms {
				if a[0] < end && end < a[1] && f.trimmedWidth(string(rs[a[0]:a[1]]), size) <= width+1e-9 {
					t.Fatalf("WrapLines(%q, %.2f) broke %q, which fits on a line: %q", s, width, string(rs[a[0]:a[1]]), lines)
				}
			}
		}
	}
	if k != len(lines) {
		t.Fatalf("WrapLines(%q): %d lines too many: %q", s, len(lines)-k, lines)
	}
	return lines
}

// paragraphs splits s at line feeds as WrapLines does.
func paragraphs(s string) []string {
	if s == "" {
		return nil
	}
	ps := strings.Split(s, "\n")
	for i := range ps[:len(ps)-1] {
		ps[i] = strings.TrimSuffix(ps[i], "\r")
	}
	if len(ps) > 1 && ps[len(ps)-1] == "" {
		ps = ps[:len(ps)-1]
	}
	return ps
}

// atomsOf returns the unbreakable runs of rs as [start, end) offsets.
func atomsOf(rs []rune) [][2]int {
	var out [][2]int
	start := 0
	for i := 1; i <= len(rs); i++ {
		if i == len(rs) || canBreak(rs[i-1], rs[i]) {
			out = append(out, [2]int{start, i})
			start = i
		}
	}
	return out
}

// breakable reports whether a line has a break opportunity inside.
func breakable(l string) bool {
	return len(atomsOf([]rune(l))) > 1
}

func TestWrapLinesKinsoku(t *testing.T) {
	f := testFont(t)
	const size = 10
	for _, c := range []struct {
		in    string
		width float64 // in hanzi
		want  []string
	}{
		{"一二三，四五", 3, []string{"一二", "三，四", "五"}},
		{"一二三。", 3, []string{"一二", "三。"}},
		{"一二三……好", 4, []string{"一二", "三……好"}},
		{"一二三——好", 4, []string{"一二", "三——好"}},
		{"一二（三）四", 3, []string{"一二", "（三）", "四"}},
		{"一二三《通知》", 4, []string{"一二三", "《通知》"}},
		{"一二三《通知》", 3, []string{"一二三", "《通", "知》"}},
		{"学员：阿依古丽·买买提", 6, []string{"学员：阿依古", "丽·买买提"}},
		{"阿依古丽·买买提", 4.2, []string{"阿依古", "丽·买买", "提"}},
		{"甲乙丙丁戊「引」", 6, []string{"甲乙丙丁戊", "「引」"}},
		{"结业证书\n〔2024〕第0012号", 20, []string{"结业证书", "〔2024〕第0012号"}},
		{"第一行\r\n\r\n第三行\n", 20, []string{"第一行", "", "第三行"}},
		{"上次登录于2024-09-02晚", 7, []string{"上次登录于", "2024-09-02晚"}},
		{"导入Excel表格", 2.5, []string{"导入", "Excel", "表格"}},
		{"hello, world. ok", 4, []string{"hello, ", "world. ", "ok"}},
		{"(see) [x] {y}", 3, []string{"(see) ", "[x] {y}"}},
		// no allowed break: cut where the line overflows
		{"，，，，，，", 2, []string{"，，", "，，", "，，"}},
		// a word longer than the line
		{"ABCDEFGHIJKLMNOPQRSTUVWXYZ", 5, []string{"ABCDEFG", "HIJKLMN", "OPQRSTU", "VWXYZ"}},
		// a column narrower than a character
		{"一二三", 0.5, []string{"一", "二", "三"}},
	} {
		lines := checkWrap(t, f, c.in, em(c.width, size), size)
		if strings.Join(lines, "|") != strings.Join(c.want, "|") {
			t.Errorf("WrapLines(%q, %g em) = %q, want %q", c.in, c.width, lines, c.want)
		}
	}
	if got := f.WrapLines("", 50, size); len(got) != 0 {
		t.Errorf("empty text gave %q", got)
	}
}

// sample texts of the programme's documents, with names, numbers and
// punctuation of every kind.
var wrapSamples = []string{
	"　　阿依古丽·买买提同志于2024年3月至6月参加成都市基层党务学院举办的“乡村振兴”专题培训班（第3期），完成规定学时48学时，考核合格，准予结业。",
	"根据《关于加强流动党员管理的通知》（成组〔2024〕12号）精神，流入地、流出地联合培养机制已覆盖锦江、郫都、龙泉驿、双流、温江、新都等区（市）县；今年共排查流动党员40,630名！",
	"备注：该学员于9:30到达，因工作原因请假半天……已补课——由导师王𠮷祥（手机138****5678）负责帮带。English words like Chengdu, Deyang and Meishan stay whole: https://example.org/peiyang?id=12345.",
	"欧阳娜娜、司马相如、诸葛亮亮、上官婉儿：请于“两委”换届前提交材料【截止日期：2024年9月2日】。「重点村（社区）」跟班学习『三个月』，期间每周记录一次，共计12次；如有疑问？请联系！",
	strings.Repeat("党的创新理论是培训的首要任务，", 14),
}

func TestWrapLinesSamples(t *testing.T) {
	f := testFont(t)
	for _, s := range wrapSamples {
		for _, size := range []float64{9, 10.5, 12, 16} {
			for w := 3.0; w <= 40; w += 0.5 {
				checkWrap(t, f, s, em(w, size), size)
			}
		}
	}
}

func TestWrapLinesRandom(t *testing.T) {
	f := testFont(t)
	pieces := []string{"中", "国", "𠮷", "·", "，", "。", "（", "）", "《", "》", "“", "”", "…", "—", "、", " ", "  ", "\n", "\r\n",
		"a", "Word", "longerword", "2024", "-", ",", ".", "(", ")", "！", "？", "〔", "〕", "　", "ー", "々"}
	rng := rand.New(rand.NewSource(1))
	for range 3000 {
		var b strings.Builder
		for range rng.Intn(60) {
			b.WriteString(pieces[rng.Intn(len(pieces))])
		}
		checkWrap(t, f, b.String(), rng.Float64()*60, 4+rng.Float64()*20)
	}
}

func FuzzWrapLines(f *testing.F) {
	for _, s := range wrapSamples {
		f.Add(s, uint8(40))
		f.Add(s, uint8(7))
	}
	f.Add("一二三，四五", uint8(3))
	f.Add("王𠮷\n\r\n阿依古丽·买买提", uint8(1))
	f.Add("ABCDEFGHIJKLMNOPQRSTUVWXYZ abc", uint8(12))
	font := testFont(f)
	f.Fuzz(func(t *testing.T, s string, width uint8) {
		if !utf8.ValidString(s) {
			s = strings.ToValidUTF8(s, "?")
		}
		checkWrap(t, font, s, float64(width)/2, 10)
	})
}
