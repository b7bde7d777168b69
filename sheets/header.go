package sheets

import (
	"strings"
	"unicode/utf8"

	"peiyang/models"
)

// Field is a column an import understands.
type Field struct {
	Key   string // the field's name in the import, e.g. "id_number"
	Label string // the usual header, e.g. 身份证号, named in messages
	// Aliases are the other headers people use for it, the more specific
	// first: when two columns name the field (户籍所在地 and 籍贯), the
	// one whose header comes first here is used and the other ignored.
	Aliases  []string
	Required bool // the import stops when the column is missing
	Ignore   bool // recognised but not used, e.g. 序号: not listed as unknown
	// Place marks a field that holds a place (户籍地, 现居住地): a header
	// that names a party organisation (流出地党组织) never matches it.
	Place bool
}

// Duplicate is a column ignored because another names the same field.
type Duplicate struct {
	Key     string // the field
	Used    string // the header of the column used, as the file writes it
	Ignored string // the header of the column ignored
}

// Header is the header row found in a table and what its columns hold.
// A header may take two rows: a group heading merged over the columns
// under it (户籍地 over 省, 市 and 县; 基本情况 over 性别 and 出生年月).
type Header struct {
	Index int // index of the header's (first) row in Table.Rows
	Row   int // its row number in the sheet, from 1
	Span  int // rows the header takes: 1, or 2 for a two-row header
	// Cells are the header's cells as one row, cleaned: of a two-row
	// header, the heading under a group, or the group and the heading
	// joined when the heading alone names nothing (户籍地省).
	Cells   []string
	Columns map[string]int // field key → column index, for the fields found
	Names   map[string]string
	// Joined are the fields whose value is spread over the columns of a
	// group (户籍地 over 省, 市 and 县): field key → the columns, in
	// order. Cell joins them.
	Joined map[string][]int
	// Unknown lists the headers no field matched, in column order; their
	// columns are ignored. Ignored fields are not listed.
	Unknown []string
	// UnknownColumns are the column indexes of Unknown.
	UnknownColumns []int
	// Missing lists the labels of required fields without a column.
	Missing []string
	// Duplicates are the columns ignored because another column names
	// the same field more exactly or more specifically.
	Duplicates []Duplicate
}

// Name returns the header text of the field's column as the file writes
// it, or the field's label when the file has no such column.
func (h *Header) Name(key string, fields []Field) string {
	if n, ok := h.Names[key]; ok {
		return n
	}
	for _, f := range fields {
		if f.Key == key {
			return f.Label
		}
	}
	return key
}

// Has reports whether the file has a column for the field.
func (h *Header) Has(key string) bool { _, ok := h.Columns[key]; return ok }

// First is the index in Table.Rows of the first row under the header.
func (h *Header) First() int { return h.Index + max(h.Span, 1) }

// Cell returns the row's cell of the field's column, "" when there is
// none; the cells of a group's columns joined, when the field spreads
// over them.
func (h *Header) Cell(r Row, key string) string {
	if cols, ok := h.Joined[key]; ok {
		var b strings.Builder
		for _, i := range cols {
			if i < len(r.Cells) {
				b.WriteString(Clean(r.Cells[i]))
			}
		}
		return b.String()
	}
	i, ok := h.Columns[key]
	if !ok || i >= len(r.Cells) {
		return ""
	}
	return r.Cells[i]
}

// HeaderScanRows is how many rows from the top FindHeader looks at.
const HeaderScanRows = 30

// MsgNoHeader is the error when no row looks like the header.
const MsgNoHeader = "No header row found in the first {{.N}} rows: the sheet should have a row of column names such as {{.Expected}}."

// FindHeader finds the header row among the first HeaderScanRows rows:
// the row whose cells name the most fields, at least minMatches of them
// (ties go to the upper row), so that title rows and notes above it are
// skipped. Two rows read as one header when the upper holds a group
// heading over several columns (merged, or followed by empty cells in a
// CSV file) and every other column's heading spans both rows (see
// twoRowHeader); such a pair wins over its rows alone. Headers are
// compared without spaces, line breaks, asterisks, colons and bracketed
// notes (身份证号（18位）), first exactly against each field's label and
// aliases, then by containment, the longest alias winning (公民身份证号码
// holds 身份证号).
func FindHeader(rows []Row, fields []Field, minMatches int) (*Header, error) {
	if minMatches < 1 {
		minMatches = 1
	}
	type choice struct {
		index, span int
		cells       []string
		joins       map[int][]int
		m           matched
	}
	var best *choice
	consider := func(c choice) {
		c.m = match(c.cells, fields)
		if best == nil || len(c.m.byField) > len(best.m.byField) {
			best = &c
		}
	}
	for i := 0; i < len(rows) && i < HeaderScanRows; i++ {
		if i+1 < len(rows) && rows[i+1].Num == rows[i].Num+1 {
			if cells, joins, ok := twoRowHeader(rows[i].Cells, rows[i+1].Cells, fields); ok {
				consider(choice{index: i, span: 2, cells: cells, joins: joins})
			}
		}
		consider(choice{index: i, span: 1, cells: rows[i].Cells})
	}
	if best == nil || len(best.m.byField) < minMatches {
		var expected []string
		for _, f := range fields {
			if f.Required {
				expected = append(expected, f.Label)
			}
		}
		return nil, models.Errorf(models.EINVALID, "", MsgNoHeader, "N", HeaderScanRows, "Expected", strings.Join(expected, ", "))
	}
	cells := best.cells
	h := &Header{Index: best.index, Row: rows[best.index].Num, Span: best.span, Columns: map[string]int{},
		Names: map[string]string{}, Joined: map[string][]int{}}
	for _, c := range cells {
		h.Cells = append(h.Cells, Clean(c))
	}
	for key, i := range best.m.byField {
		h.Columns[key] = i
		h.Names[key] = Clean(cells[i])
		if cols, ok := best.joins[i]; ok {
			h.Joined[key] = cols
		}
	}
	for _, d := range best.m.dups {
		h.Duplicates = append(h.Duplicates, Duplicate{Key: d[0].f.Key, Used: Clean(cells[d[0].col]),
			Ignored: Clean(cells[d[1].col])})
	}
	for _, i := range best.m.unknown {
		h.Unknown = append(h.Unknown, Clean(cells[i]))
		h.UnknownColumns = append(h.UnknownColumns, i)
	}
	for _, f := range fields {
		if _, ok := h.Columns[f.Key]; f.Required && !ok {
			h.Missing = append(h.Missing, f.Label)
		}
	}
	return h, nil
}

// twoRowHeader reads the rows top and sub as one two-row header, and
// reports whether they are one: top holds at least one group, a heading
// over two or more columns (repeated across them, as merged cells are
// read, or followed by empty cells, as a CSV file writes it) with
// headings of their own in sub; each other column's heading is in top
// alone or repeated in sub (a cell merged down), or in sub alone, and
// at least one column is headed in top outside the groups (a title over
// the whole header is no group). A row
// of data under a header is never read as its second row: its values
// differ from the headings above them.
//
// A group whose headings name fields of their own (基本情况 over 性别
// and 出生年月) gives them; a group whose headings name nothing alone
// under a heading that does (户籍地 over 省, 市 and 县) is one field
// spread over its columns: the group's first column gets its heading,
// and joins maps it to all the group's columns (see group).
func twoRowHeader(top, sub []string, fields []Field) (cells []string, joins map[int][]int, ok bool) {
	width := max(len(top), len(sub))
	at := func(r []string, i int) string {
		if i < len(r) {
			return Clean(r[i])
		}
		return ""
	}
	cells = make([]string, width)
	joins = map[int][]int{}
	groups, others := 0, 0
	for i := 0; i < width; {
		t, s := at(top, i), at(sub, i)
		end := i + 1
		for t != "" && s != "" && s != t && end < width && at(sub, end) != "" &&
			(at(top, end) == t || at(top, end) == "") && at(sub, end) != t {
			end++
		}
		if end-i >= 2 {
			groups++
			group(cells, joins, top, sub, i, end, fields)
			i = end
			continue
		}
		if t != "" {
			others++
		}
		switch {
		case t == "" && s == "", s == "" || s == t:
			cells[i] = t
		case t == "":
			cells[i] = s
		default:
			return nil, nil, false // a value under a heading: a data row
		}
		i++
	}
	// A title or a note over the whole header is no group: some column
	// has a heading of its own in the upper row.
	return cells, joins, groups > 0 && others > 0
}

// group fills in the cells of the group of columns [from, to) of a
// two-row header: the headings under it when one of them names a field
// alone; else, when the group's heading names a field, that field spread
// over the columns (joins); else each heading after the group's (6月2日
// over 上午 and 下午 gives 6月2日上午 and 6月2日下午).
func group(cells []string, joins map[int][]int, top, sub []string, from, to int, fields []Field) {
	heading := Clean(top[from])
	alone := false
	for i := from; i < to; i++ {
		alone = alone || len(match([]string{sub[i]}, fields).byField) > 0
	}
	if !alone && len(match([]string{heading}, fields).byField) > 0 {
		cells[from] = heading
		for i := from; i < to; i++ {
			joins[from] = append(joins[from], i)
		}
		return
	}
	for i := from; i < to; i++ {
		s := Clean(sub[i])
		if !alone || len(match([]string{s}, fields).byField) == 0 {
			s = heading + s
		}
		cells[i] = s
	}
}

// candidate is a column that names a field: exactly (the whole header
// is the label or an alias) or by containing one, and the rank of the
// name it matched (0 the label, 1 the first alias...), the lower the more
// specific.
type candidate struct {
	col   int
	f     *Field
	exact bool
	rank  int
}

// better reports whether c names its field better than d: exactly
// before by containment, then the more specific name, then the column
// further left.
func (c candidate) better(d candidate) bool {
	if c.exact != d.exact {
		return c.exact
	}
	if c.rank != d.rank {
		return c.rank < d.rank
	}
	return c.col < d.col
}

// matched is what a header row's cells name.
type matched struct {
	byField map[string]int // field key → column, for the fields used (ignored fields excluded)
	unknown []int          // the non-empty cells no field matched
	dups    [][2]candidate // for each column ignored as a duplicate: the one used and it
}

// match matches the cells of a row to fields. Whole headers are matched
// first, then the headers still unmatched by containment (the longest
// name contained winning: 公民身份证号码 holds 身份证号). A header that
// names a party organisation never matches a place field. When several
// columns name one field, the best (see better) is used and the others
// are ignored, each reported in dups.
func match(cells []string, fields []Field) matched {
	norm := make([]string, len(cells))
	for i, c := range cells {
		norm[i] = NormalizeHeader(c)
	}
	m := matched{byField: map[string]int{}}
	taken := make([]bool, len(cells))
	used := map[string]candidate{} // by field
	// pick settles the candidates of one pass: ignored fields take every
	// column they name; another field takes its best column, unless an
	// earlier pass settled it, and the rest are duplicates.
	pick := func(cs []candidate) {
		best := map[string]candidate{}
		for _, c := range cs {
			taken[c.col] = true
			if c.f.Ignore {
				continue
			}
			if b, ok := used[c.f.Key]; ok {
				best[c.f.Key] = b
			} else if b, ok := best[c.f.Key]; !ok || c.better(b) {
				best[c.f.Key] = c
			}
		}
		for _, c := range cs {
			b, ok := best[c.f.Key]
			if !ok || c.f.Ignore {
				continue
			}
			if c == b {
				m.byField[c.f.Key], used[c.f.Key] = c.col, c
				continue
			}
			m.dups = append(m.dups, [2]candidate{b, c})
		}
	}
	var exact []candidate
	for i, h := range norm {
		if h != "" {
			if c, ok := exactField(h, fields); ok {
				c.col = i
				exact = append(exact, c)
			}
		}
	}
	pick(exact)
	var contained []candidate
	for i, h := range norm {
		if h == "" || taken[i] {
			continue
		}
		if c, ok := containedField(h, fields); ok {
			c.col = i
			contained = append(contained, c)
		}
	}
	pick(contained)
	for i, h := range norm {
		if h != "" && !taken[i] {
			m.unknown = append(m.unknown, i)
		}
	}
	return m
}

// partyOrgWords are the words of a header that names a party
// organisation: such a column holds an organisation, never a place.
var partyOrgWords = []string{"党组织", "党支部", "党委", "党总支", "支部", "组织关系"}

// namesPartyOrg reports whether a normalised header names a party
// organisation (流出地党组织, 党组织关系所在党支部).
func namesPartyOrg(h string) bool {
	for _, w := range partyOrgWords {
		if strings.Contains(h, w) {
			return true
		}
	}
	return false
}

// names are the label and aliases of a field, normalised, the label first.
func names(f *Field) []string {
	out := make([]string, 0, 1+len(f.Aliases))
	for _, n := range append([]string{f.Label}, f.Aliases...) {
		out = append(out, NormalizeHeader(n))
	}
	return out
}

// exactField finds the field whose label or alias is the whole header.
func exactField(h string, fields []Field) (candidate, bool) {
	party := namesPartyOrg(h)
	for i := range fields {
		f := &fields[i]
		if f.Place && party {
			continue
		}
		for rank, n := range names(f) {
			if n == h {
				return candidate{f: f, exact: true, rank: rank}, true
			}
		}
	}
	return candidate{}, false
}

// containedField finds the field with the longest label or alias the
// header contains (推荐单位名称 is the nominating organisation's, not a
// 单位); a field found already makes it a duplicate.
func containedField(h string, fields []Field) (candidate, bool) {
	party := namesPartyOrg(h)
	var best candidate
	bestLen := 0
	for i := range fields {
		f := &fields[i]
		if f.Place && party {
			continue
		}
		for rank, n := range names(f) {
			if l := utf8.RuneCountInString(n); l >= 2 && l > bestLen && strings.Contains(h, n) {
				best, bestLen = candidate{f: f, rank: rank}, l
			}
		}
	}
	return best, bestLen > 0
}

// NormalizeHeader folds a header for matching: full-width forms folded,
// Latin lowercased, spaces, asterisks, colons and bracketed notes removed.
func NormalizeHeader(s string) string {
	s = strings.ToLower(compact(s))
	var b strings.Builder
	depth := 0
	for _, r := range s {
		switch r {
		case '(', '（', '[', '【', '〔', '<', '《':
			depth++
			continue
		case ')', '）', ']', '】', '〕', '>', '》':
			if depth > 0 {
				depth--
			}
			continue
		case '*', '＊', ':', '：', '※', '"', '\'':
			continue
		}
		if depth == 0 {
			b.WriteRune(r)
		}
	}
	if b.Len() == 0 {
		// A header that is all brackets keeps its text.
		return strings.Trim(s, "()（）[]【】")
	}
	return b.String()
}
