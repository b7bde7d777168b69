package certificate

import (
	"fmt"
	"strings"

	"peiyang/models"
	"peiyang/settings"
)

// date writes a date for the certificate: 2025年6月15日, or with
// ChineseDates 二〇二五年六月十五日.
func (s *Settings) date(d models.Date) string {
	if !s.ChineseDates || d.IsZero() {
		return d.Chinese()
	}
	digits := []rune("〇一二三四五六七八九")
	var b strings.Builder
	for _, c := range fmt.Sprint(d.Year()) {
		b.WriteRune(digits[c-'0'])
	}
	b.WriteString("年" + chineseNumber(int(d.Month())) + "月" + chineseNumber(d.Day()) + "日")
	return b.String()
}

// chineseNumber writes 1 to 39 in Chinese numerals: 九, 十, 十五, 二十一.
func chineseNumber(n int) string {
	digits := []string{"", "一", "二", "三", "四", "五", "六", "七", "八", "九"}
	switch {
	case n < 10:
		return digits[n]
	case n < 20:
		return "十" + digits[n%10]
	}
	return digits[n/10] + "十" + digits[n%10]
}

// hours writes class hours without needless decimals: 32, 12.5.
func hours(h float64) string {
	return strings.TrimSuffix(fmt.Sprintf("%.1f", h), ".0")
}

// values are the texts of an item's fields, by placeholder name.
func (s *Settings) values(it *Item) map[string]string {
	assessed := ""
	if it.Assessed {
		assessed = "，经考核合格"
	}
	return map[string]string{
		"name":       it.Name,
		"gender":     it.Gender.Chinese(),
		"course":     it.Course,
		"theme":      it.Theme.Chinese(),
		"theme_note": themeNote(it.Course, it.Theme),
		"period":     s.period(it.Start, it.End),
		"start":      s.date(it.Start),
		"end":        s.date(it.End),
		"hours":      hours(it.Hours),
		"assessed":   assessed,
		"org":        s.OrgName,
		"serial":     it.Serial,
		"issued":     s.date(it.IssuedOn),
	}
}

// themeNote names the course's theme after its title, （乡村振兴专题）,
// when the title does not: not for the theme 其他, nor when the title
// names the theme or a 专题 of its own (专题研修班), which would say 专题
// twice.
func themeNote(title string, theme models.Theme) string {
	name := theme.Chinese()
	if theme == models.ThemeOther || name == "" || strings.Contains(title, name) || strings.Contains(title, "专题") {
		return ""
	}
	return "（" + name + "专题）"
}

// period writes a course's dates for the wording: one day
// (2025年6月2日), two days of one year (2025年6月2日至6月13日), or of two
// years (2025年12月29日至2026年1月9日).
func (s *Settings) period(start, end models.Date) string {
	switch {
	case end.IsZero() || start.Equal(end):
		return s.date(start)
	case start.Year() == end.Year():
		full := s.date(end)
		if i := strings.Index(full, "年"); i >= 0 {
			return s.date(start) + "至" + full[i+len("年"):]
		}
		return s.date(start) + "至" + full
	}
	return s.date(start) + "至" + s.date(end)
}

// body fills the wording with the item's fields and returns its
// paragraphs.
func (s *Settings) body(it *Item) []string {
	text := settings.FillBody(s.Body, s.values(it))
	var out []string
	for _, p := range strings.Split(text, "\n") {
		if p = models.CleanText(p); p != "" {
			out = append(out, p)
		}
	}
	return out
}
