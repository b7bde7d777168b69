package lists

import (
	"fmt"
	"slices"
	"strconv"
	"strings"

	"peiyang/models"
	"peiyang/pinyin"
)

// The values of the closed sets print in the glossary's words, through
// the Chinese methods of models; term gives a glossary term's Chinese.

// term is the Chinese of a glossary term (models.Term).
func term(key string) string { return models.Term(key).Zh }

// dotDate writes a date as 2024.03.01, "" when zero.
func dotDate(d models.Date) string {
	if d.IsZero() {
		return ""
	}
	return fmt.Sprintf("%d.%02d.%02d", d.Year(), int(d.Month()), d.Day())
}

// yearMonth writes a date as 1988.02 (出生年月).
func yearMonth(d models.Date) string {
	if d.IsZero() {
		return ""
	}
	return fmt.Sprintf("%d.%02d", d.Year(), int(d.Month()))
}

// dateRange writes 2024.03.01—2024.06.30, or 2024.03.01起 without an end.
func dateRange(from, to models.Date) string {
	if to.IsZero() {
		return dotDate(from) + "起"
	}
	return dotDate(from) + "—" + dotDate(to)
}

// weekday is the day of the week in Chinese: 星期六.
func weekday(d models.Date) string {
	return "星期" + string([]rune("日一二三四五六")[d.Time().Weekday()])
}

// number writes a count or hours without needless decimals: 2, 2.5.
func number(v float64) string {
	return strconv.FormatFloat(v, 'f', -1, 64)
}

// hoursText writes class hours to at most one decimal.
func hoursText(h float64) string {
	return strings.TrimSuffix(strconv.FormatFloat(h, 'f', 1, 64), ".0")
}

// shown returns the trainee as printed: masked by the policy
// (models.Trainee.Masked) unless FullIDs is set.
func (m Meta) shown(t *models.Trainee) *models.Trainee { return t.MaskedUnless(m.FullIDs) }

// sortByName sorts xs in pinyin order of their names (see
// pinyin.SortKey), keeping the order of equal names. Each key is computed
// once.
func sortByName[T any](xs []T, name func(T) string) {
	sortBy(xs, func(x T) string { return pinyin.SortKey(name(x)) })
}

// sortBy sorts xs stably by a string key computed once per element.
func sortBy[T any](xs []T, key func(T) string) {
	type keyed struct {
		key string
		v   T
	}
	ks := make([]keyed, len(xs))
	for i, x := range xs {
		ks[i] = keyed{key(x), x}
	}
	slices.SortStableFunc(ks, func(a, b keyed) int { return strings.Compare(a.key, b.key) })
	for i := range ks {
		xs[i] = ks[i].v
	}
}
