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
	return map[string]string{
		"name":   it.Name,
		"gender": it.Gender.Chinese(),
		"course": it.Course,
		"theme":  it.Theme.Chinese(),
		"start":  s.date(it.Start),
		"end":    s.date(it.End),
		"hours":  hours(it.Hours),
		"org":    s.OrgName,
		"serial": it.Serial,
		"issued": s.date(it.IssuedOn),
	}
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
