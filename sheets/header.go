package sheets

import (
	"strings"
	"unicode/utf8"

	"peiyang/models"
)

// Field is a column an import understands.
type Field struct {
	Key      string   // the field's name in the import, e.g. "id_number"
	Label    string   // the usual header, e.g. 身份证号, named in messages
	Aliases  []string // other headers people use for it
	Required bool     // the import stops when the column is missing
	Ignore   bool     // recognised but not used, e.g. 序号: not listed as unknown
}

// Header is the header row found in a table and what its columns hold.
type Header struct {
	Index   int            // index of the header row in Table.Rows
	Row     int            // its row number in the sheet, from 1
	Columns map[string]int // field key → column index, for the fields found
	Names   map[string]string
	// Unknown lists the headers no field matched, in column order; their
	// columns are ignored. Ignored fields are not listed.
	Unknown []string
	// UnknownColumns are the column indexes of Unknown.
	UnknownColumns []int
	// Missing lists the labels of required fields without a column.
	Missing []string
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

// Cell returns the row's cell of the field's column, "" when there is none.
func (h *Header) Cell(r Row, key string) string {
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
// skipped. Headers are compared without spaces, asterisks, colons and
// bracketed notes (身份证号（18位）), first exactly against each field's
// label and aliases, then by containment, the longest alias winning
// (公民身份证号码 holds 身份证号).
func FindHeader(rows []Row, fields []Field, minMatches int) (*Header, error) {
	if minMatches < 1 {
		minMatches = 1
	}
	best, bestScore := -1, 0
	for i := 0; i < len(rows) && i < HeaderScanRows; i++ {
		cols, _ := matchColumns(rows[i].Cells, fields)
		if n := len(cols); n > bestScore {
			best, bestScore = i, n
		}
	}
	if best < 0 || bestScore < minMatches {
		var expected []string
		for _, f := range fields {
			if f.Required {
				expected = append(expected, f.Label)
			}
		}
		return nil, models.Errorf(models.EINVALID, "", MsgNoHeader, "N", HeaderScanRows, "Expected", strings.Join(expected, ", "))
	}
	cols, unknown := matchColumns(rows[best].Cells, fields)
	h := &Header{Index: best, Row: rows[best].Num, Columns: map[string]int{}, Names: map[string]string{}}
	for key, i := range cols {
		h.Columns[key] = i
		h.Names[key] = Clean(rows[best].Cells[i])
	}
	for _, i := range unknown {
		h.Unknown = append(h.Unknown, Clean(rows[best].Cells[i]))
		h.UnknownColumns = append(h.UnknownColumns, i)
	}
	for _, f := range fields {
		if _, ok := h.Columns[f.Key]; f.Required && !ok {
			h.Missing = append(h.Missing, f.Label)
		}
	}
	return h, nil
}

// matchColumns matches the cells of a row to fields: key → column index
// for the fields matched (ignored fields excluded), and the indexes of
// the non-empty cells no field matched.
func matchColumns(cells []string, fields []Field) (map[string]int, []int) {
	norm := make([]string, len(cells))
	for i, c := range cells {
		norm[i] = NormalizeHeader(c)
	}
	byField := map[string]int{}
	taken := make([]bool, len(cells))
	ignored := make([]bool, len(cells))
	assign := func(i int, f *Field) {
		taken[i] = true
		if f.Ignore {
			ignored[i] = true
			return
		}
		byField[f.Key] = i
	}
	// Exact names first.
	for i, h := range norm {
		if h == "" {
			continue
		}
		if f := exactField(h, fields); f != nil {
			if _, dup := byField[f.Key]; !dup || f.Ignore {
				assign(i, f)
			}
		}
	}
	// Then containment, for the fields still missing.
	for i, h := range norm {
		if h == "" || taken[i] {
			continue
		}
		if f := containedField(h, fields, byField); f != nil {
			assign(i, f)
		}
	}
	var unknown []int
	for i, h := range norm {
		if h != "" && !taken[i] {
			unknown = append(unknown, i)
		}
	}
	return byField, unknown
}

func exactField(h string, fields []Field) *Field {
	for i := range fields {
		f := &fields[i]
		if NormalizeHeader(f.Label) == h {
			return f
		}
		for _, a := range f.Aliases {
			if NormalizeHeader(a) == h {
				return f
			}
		}
	}
	return nil
}

func containedField(h string, fields []Field, found map[string]int) *Field {
	var best *Field
	bestLen := 0
	for i := range fields {
		f := &fields[i]
		if _, ok := found[f.Key]; ok && !f.Ignore {
			continue
		}
		for _, a := range append([]string{f.Label}, f.Aliases...) {
			a = NormalizeHeader(a)
			if n := utf8.RuneCountInString(a); n >= 2 && n > bestLen && strings.Contains(h, a) {
				best, bestLen = f, n
			}
		}
	}
	return best
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
