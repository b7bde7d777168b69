package sheets

import (
	"strings"
	"unicode"
)

// Footer is what a row under a county's list is, when it is not a row
// of the list: the lists are laid out for printing, with a totals line,
// the names of who filled in and checked the form, a phone number, the
// date, a note paragraph and a line for the signature or the seal.
type Footer string

const (
	FooterNone      Footer = ""
	FooterTotal     Footer = "total"     // 合计：28人, 小计, 总计
	FooterSignature Footer = "signature" // 填表人：, 审核人：, 负责人签字, （盖章）, a line of underscores
	FooterContact   Footer = "contact"   // 联系电话：, 联系人：
	FooterDate      Footer = "date"      // 填报日期：, 2025年 月 日
	FooterNote      Footer = "note"      // 注：, 说明：, 填表说明
)

// Closing reports whether the footer ends the list: everything but a
// totals line (a 小计 may close one town's rows and others follow).
func (f Footer) Closing() bool { return f != FooterNone && f != FooterTotal }

// The words a footer row starts with, by kind.
var footerWords = []struct {
	kind  Footer
	words []string
}{
	{FooterTotal, []string{"合计", "小计", "总计", "共计", "累计", "总人数", "人数合计"}},
	{FooterSignature, []string{"填表人", "制表人", "填报人", "统计人", "审核人", "审批人", "复核人", "负责人", "经办人",
		"主要负责人", "单位负责人", "分管领导", "领导签字", "签字", "签名", "盖章", "填报单位", "报送单位"}},
	{FooterContact, []string{"联系电话", "联系人", "联系方式", "电话"}},
	{FooterDate, []string{"填报日期", "填表日期", "报送日期", "制表日期", "统计日期", "日期"}},
	{FooterNote, []string{"注：", "注:", "注意：", "注意:", "备注：", "备注:", "说明：", "说明:", "填表说明", "附注", "附："}},
}

// FooterOf says whether a row is part of a list's footer, from its first
// non-empty cell: a totals line, a signature, seal, contact or date line,
// or a note. Rows of data start with a number or a name, never with these
// words. Only rows under a header are meant: a header holds 联系电话 too.
func FooterOf(r Row) Footer {
	first := ""
	for _, c := range r.Cells {
		if first = compact(c); first != "" {
			break
		}
	}
	if first == "" {
		return FooterNone
	}
	for _, fw := range footerWords {
		for _, w := range fw.words {
			if strings.HasPrefix(first, w) {
				return fw.kind
			}
		}
	}
	switch {
	case strings.HasPrefix(first, "注") && len(first) > len("注") && isNoteMark(first[len("注"):]):
		return FooterNote
	case strings.Contains(first, "盖章") || strings.Contains(first, "签字") || strings.Contains(first, "签名") ||
		strings.Contains(first, "（章）") || strings.Contains(first, "(章)") || isRule(first):
		return FooterSignature
	case isDateBlank(first):
		return FooterDate
	}
	return FooterNone
}

// isNoteMark reports whether the text after 注 numbers a note: 注1,
// 注①, 注一.
func isNoteMark(rest string) bool {
	r := []rune(rest)[0]
	return unicode.IsDigit(r) || (r >= '①' && r <= '⑳') || strings.ContainsRune("一二三四五", r)
}

// isRule reports whether the text is a line to sign on: underscores or
// dashes only.
func isRule(s string) bool {
	return strings.Trim(s, "_＿-—–─") == "" && len([]rune(s)) >= 3
}

// isDateBlank reports whether the text is a date to fill in by hand:
// 年月日 with the numbers left out or in part (2025年月日, 二〇二五年  月  日).
func isDateBlank(s string) bool {
	y, rest, ok := strings.Cut(s, "年")
	if !ok || !strings.HasSuffix(rest, "日") || !strings.Contains(rest, "月") {
		return false
	}
	if strings.Trim(y, "0123456789〇零一二三四五六七八九") != "" {
		return false
	}
	m, d, _ := strings.Cut(strings.TrimSuffix(rest, "日"), "月")
	return m == "" || d == ""
}

// FooterText is a footer row's text for a report: its non-empty cells
// joined, numbers of nine digits or more (a phone or an ID number, not a
// date) hidden, cut to a few dozen characters.
func FooterText(r Row) string {
	var parts []string
	for _, c := range r.Cells {
		if c = Clean(c); c != "" {
			parts = append(parts, c)
		}
	}
	return echo(hideLongNumbers(strings.Join(parts, " ")))
}

// hideLongNumbers replaces every number of nine digits or more, spaces
// and hyphens inside it included, by "…".
func hideLongNumbers(s string) string {
	var b strings.Builder
	rs := []rune(s)
	for i := 0; i < len(rs); {
		j, digits := i, 0
		for j < len(rs) && (unicode.IsDigit(rs[j]) || j > i && (rs[j] == 'X' || rs[j] == 'x' || rs[j] == '-' || rs[j] == ' ')) {
			if unicode.IsDigit(rs[j]) {
				digits++
			}
			j++
		}
		switch {
		case digits >= 9:
			b.WriteString("…")
			i = j
		case j > i:
			b.WriteString(string(rs[i:j]))
			i = j
		default:
			b.WriteRune(rs[i])
			i++
		}
	}
	return b.String()
}
