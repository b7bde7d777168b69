// Package idattack plays the attacker against the masking policy
// (models.MaskIDNumber and its companions): it reads what outputs show
// (command-line text and JSON, workbooks, PDFs as pdftotext reads them,
// the window's labels) and counts, for every person it finds in them, the
// full resident ID numbers consistent with everything shown about that
// person: the visible characters of the ID number, the birth date to the
// precision shown, the date joined the party (never before the 18th
// birthday), the gender, and the check character when it is shown. One
// candidate means the output rebuilt the full number.
//
// The attacker is given more than any output shows, so that its counts
// are lower bounds: the region code (the first six digits) is taken as
// known, since the home region gives it away; the gender is known; and a
// date shown anywhere beside a person's name counts as their birth date
// (or date joined) whenever it is theirs. It is for tests.
package idattack

import (
	"fmt"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"time"

	"peiyang/models"
	"peiyang/sheets"
)

// Precision is how much of a birth date an output shows, as the
// spreadsheet reader counts it.
type Precision = sheets.Precision

// The precisions, from nothing to the day.
const (
	None  = sheets.PrecisionNone
	Year  = sheets.PrecisionYear
	Month = sheets.PrecisionMonth
	Day   = sheets.PrecisionDay
)

// precisionName names a precision in messages.
func precisionName(p Precision) string {
	return [...]string{"none", "the year", "the month", "the day"}[p]
}

// Person is what the attacker tries to find: the truth it is scored
// against.
type Person struct {
	Name     string
	IDNumber string // the full, valid number
	Joined   models.Date
}

// Knowledge is what the outputs read so far show of one person.
type Knowledge struct {
	Visible [18]bool  // the ID number's characters shown
	Birth   Precision // the birth date, to this precision
	Joined  bool      // the date joined the party is shown in full
	Sources []string  // the outputs that named the person
}

// Attacker gathers what outputs show of a set of people.
type Attacker struct {
	people []Person
	birth  []models.Date
	know   []Knowledge
	today  models.Date
}

// New returns an attacker against the people; today bounds the birth
// dates it tries.
func New(people []Person, today models.Date) (*Attacker, error) {
	a := &Attacker{people: people, today: today, know: make([]Knowledge, len(people)), birth: make([]models.Date, len(people))}
	for i, p := range people {
		info, err := models.ParseIDNumber(p.IDNumber, today)
		if err != nil {
			return nil, fmt.Errorf("idattack: person %d (%s): %w", i, p.Name, err)
		}
		a.birth[i] = info.BirthDate
	}
	return a, nil
}

var (
	idToken   = regexp.MustCompile(`[0-9X*＊•●]{18}`)
	fullDate  = regexp.MustCompile(`((?:19|20)\d\d)\s*[-./年]\s*(\d{1,2})\s*[-./月]\s*(\d{1,2})`)
	yearMonth = regexp.MustCompile(`((?:19|20)\d\d)\s*[-./年]\s*(\d{1,2})`)
	yearOnly  = regexp.MustCompile(`((?:19|20)\d\d)`)
	digitRun  = regexp.MustCompile(`\d{8,}`)
	space     = regexp.MustCompile(`\s+`)
)

// tokens are the facts one text shows, in canonical forms.
type tokens struct {
	ids    []string        // 18-character ID numbers, masked or not
	days   map[string]bool // YYYY-MM-DD
	months map[string]bool // YYYY-MM
	years  map[string]bool // YYYY
	runs   []string        // runs of 8 or more digits
}

func scan(text string) tokens {
	tk := tokens{days: map[string]bool{}, months: map[string]bool{}, years: map[string]bool{}}
	tk.ids = idToken.FindAllString(text, -1)
	for _, m := range fullDate.FindAllStringSubmatch(text, -1) {
		tk.days[canon(m[1], m[2], m[3])] = true
	}
	for _, m := range yearMonth.FindAllStringSubmatch(text, -1) {
		tk.months[canon(m[1], m[2], "")] = true
	}
	for _, m := range yearOnly.FindAllStringSubmatch(text, -1) {
		tk.years[m[1]] = true
	}
	for _, r := range digitRun.FindAllString(text, -1) {
		tk.runs = append(tk.runs, r)
		// A compact date, 19850312, inside the run.
		for i := 0; i+8 <= len(r); i++ {
			tk.days[canon(r[i:i+4], r[i+4:i+6], r[i+6:i+8])] = true
		}
	}
	return tk
}

func canon(y, m, d string) string {
	mi, _ := strconv.Atoi(m)
	if d == "" {
		return fmt.Sprintf("%s-%02d", y, mi)
	}
	di, _ := strconv.Atoi(d)
	return fmt.Sprintf("%s-%02d-%02d", y, mi, di)
}

// Read learns from one output's text (source names it in messages). Every
// person whose name the text holds gains what the text shows that is
// true of them.
func (a *Attacker) Read(source, text string) {
	flat := space.ReplaceAllString(text, "")
	tk := scan(text)
	for i, p := range a.people {
		if p.Name == "" || !strings.Contains(flat, space.ReplaceAllString(p.Name, "")) {
			continue
		}
		a.learn(i, source, tk)
	}
}

func (a *Attacker) learn(i int, source string, tk tokens) {
	p, k, b := a.people[i], &a.know[i], a.birth[i]
	k.Sources = append(k.Sources, source)
	for _, tok := range tk.ids {
		if !consistent(tok, p.IDNumber) {
			continue
		}
		for j := 0; j < 18; j++ {
			if isIDChar(tok[j]) {
				k.Visible[j] = true
			}
		}
	}
	for _, r := range tk.runs {
		for off := strings.Index(p.IDNumber, r); off >= 0; {
			for j := off; j < off+len(r); j++ {
				k.Visible[j] = true
			}
			next := strings.Index(p.IDNumber[off+1:], r)
			if next < 0 {
				break
			}
			off += 1 + next
		}
	}
	switch {
	case tk.days[b.String()]:
		k.Birth = max(k.Birth, Day)
	case tk.months[b.String()[:7]]:
		k.Birth = max(k.Birth, Month)
	case tk.years[b.String()[:4]]:
		k.Birth = max(k.Birth, Year)
	}
	if !p.Joined.IsZero() && tk.days[p.Joined.String()] {
		k.Joined = true
	}
}

func isIDChar(c byte) bool { return c >= '0' && c <= '9' || c == 'X' }

// consistent reports whether the token, an ID number with some characters
// hidden, may be the full one: every shown character agrees. Multi-byte
// mask runes make the token longer than 18 bytes: those never agree.
func consistent(tok, full string) bool {
	if len(tok) != 18 || len(full) != 18 {
		return false
	}
	for j := 0; j < 18; j++ {
		if isIDChar(tok[j]) && tok[j] != full[j] {
			return false
		}
	}
	return true
}

// Knowledge returns what the outputs read so far show of person i.
func (a *Attacker) Knowledge(i int) Knowledge { return a.know[i] }

// Candidates counts the valid ID numbers consistent with what the outputs
// show of person i, stopping at limit.
func (a *Attacker) Candidates(i, limit int) int {
	p, k := a.people[i], a.know[i]
	return count(p.IDNumber, a.birth[i], p.Joined, k, a.today, limit)
}

// count enumerates birth dates and sequence numbers. The region code and
// the gender (the parity of the 17th digit) are taken as known.
func count(id string, birth, joined models.Date, k Knowledge, today models.Date, limit int) int {
	from, to := models.NewDate(1900, time.January, 1), today
	switch k.Birth {
	case Year:
		from, to = models.NewDate(birth.Year(), time.January, 1), models.NewDate(birth.Year(), time.December, 31)
	case Month:
		from = models.NewDate(birth.Year(), birth.Month(), 1)
		to = from.AddDays(31)
		to = models.NewDate(to.Year(), to.Month(), 1).AddDays(-1)
	case Day:
		from, to = birth, birth
	}
	if k.Joined {
		if last := joined.AddYears(-18); last.Before(to) {
			to = last
		}
	}
	// The sequence numbers that agree with what is shown, counted by
	// their part of the weighted sum modulo 11: the check character then
	// asks for one residue a birth date.
	var seqs [11]int
	total := 0
	parity := int(id[16]-'0') % 2
	for seq := 0; seq < 1000; seq++ {
		s := fmt.Sprintf("%03d", seq)
		if seq%2 != parity || !visibleAgree(k, id, s, 14) {
			continue
		}
		seqs[(int(s[0]-'0')*idWeights[14]+int(s[1]-'0')*idWeights[15]+int(s[2]-'0')*idWeights[16])%11]++
		total++
	}
	check := strings.IndexByte(checkChars, id[17])
	regionSum := 0
	for j := 0; j < 6; j++ {
		regionSum += int(id[j]-'0') * idWeights[j]
	}
	n := 0
	for d := from; !d.After(to); d = d.AddDays(1) {
		ds := dateDigits(d)
		if !visibleAgree(k, id, string(ds[:]), 6) {
			continue
		}
		if !k.Visible[17] {
			n += total
		} else {
			sum := regionSum
			for j := 0; j < 8; j++ {
				sum += int(ds[j]-'0') * idWeights[6+j]
			}
			// The check character is checkChars[(sum + seq part) % 11].
			n += seqs[((check-sum)%11+11)%11]
		}
		if n >= limit {
			return limit
		}
	}
	return n
}

// dateDigits is the date as the eight digits YYYYMMDD.
func dateDigits(d models.Date) [8]byte {
	var b [8]byte
	y, m, day := d.Year(), int(d.Month()), d.Day()
	for j, v := range []int{y / 1000, y / 100 % 10, y / 10 % 10, y % 10, m / 10, m % 10, day / 10, day % 10} {
		b[j] = byte('0' + v)
	}
	return b
}

var idWeights = [17]int{7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2}

const checkChars = "10X98765432"

func visibleAgree(k Knowledge, id, s string, at int) bool {
	for j := 0; j < len(s); j++ {
		if k.Visible[at+j] && s[j] != id[at+j] {
			return false
		}
	}
	return true
}

// Result is one person's count.
type Result struct {
	Person     Person
	Knowledge  Knowledge
	Candidates int
}

// Weakest returns the n people with the fewest candidates (stopping each
// count at limit), fewest first, among those the outputs named.
func (a *Attacker) Weakest(n, limit int) []Result {
	var out []Result
	for i := range a.people {
		if len(a.know[i].Sources) == 0 {
			continue
		}
		out = append(out, Result{a.people[i], a.know[i], a.Candidates(i, limit)})
	}
	sort.SliceStable(out, func(x, y int) bool { return out[x].Candidates < out[y].Candidates })
	if len(out) > n {
		out = out[:n]
	}
	return out
}

// Named returns how many people the outputs named.
func (a *Attacker) Named() int {
	n := 0
	for _, k := range a.know {
		if len(k.Sources) > 0 {
			n++
		}
	}
	return n
}

// String describes the knowledge: the ID number as the attacker sees it
// and the rest.
func (k Knowledge) String() string {
	var b strings.Builder
	for _, v := range k.Visible {
		if v {
			b.WriteByte('#')
		} else {
			b.WriteByte('.')
		}
	}
	return fmt.Sprintf("id %s, birth date shown to %s, joined shown %v, from %s", b.String(), precisionName(k.Birth), k.Joined, strings.Join(uniq(k.Sources), ", "))
}

func uniq(s []string) []string {
	seen := map[string]bool{}
	var out []string
	for _, x := range s {
		if !seen[x] {
			seen[x] = true
			out = append(out, x)
		}
	}
	return out
}
