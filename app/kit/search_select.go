package kit

import (
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/widget"
)

// SearchSelect is a choice among many that can be typed: the list below
// it holds the options that contain what is typed (in their label or in
// their search key, e.g. a name's pinyin), and Index resolves the text to
// an option when it names one, or when a single option matches it. It is
// Watchable, and hands Escape to the window.
type SearchSelect struct {
	widget.SelectEntry
	labels  []string
	keys    []string // lower-case search text of each option
	watches []func()
}

// NewSearchSelect returns a choice of the labels; keys (nil, or one per
// label) are searched as well as the labels.
func NewSearchSelect(labels, keys []string) *SearchSelect {
	s := &SearchSelect{labels: labels, keys: make([]string, len(labels))}
	for i, l := range labels {
		s.keys[i] = strings.ToLower(l)
		if i < len(keys) {
			s.keys[i] += " " + strings.ToLower(keys[i])
		}
	}
	s.ExtendBaseWidget(s)
	s.SetOptions(labels)
	s.OnChanged = func(string) {
		s.SetOptions(s.Matches())
		for _, w := range s.watches {
			w()
		}
	}
	return s
}

// Matches are the labels of the options that contain the text typed,
// every one for none.
func (s *SearchSelect) Matches() []string {
	q := strings.ToLower(strings.TrimSpace(s.Text))
	if q == "" {
		return s.labels
	}
	var out []string
	for i, k := range s.keys {
		if strings.Contains(k, q) {
			out = append(out, s.labels[i])
		}
	}
	return out
}

// Index is the option the text names: the one of that label, else the
// only one that matches; -1 for none (or several).
func (s *SearchSelect) Index() int {
	for i, l := range s.labels {
		if l == s.Text {
			return i
		}
	}
	m := s.Matches()
	if len(m) != 1 || strings.TrimSpace(s.Text) == "" {
		return -1
	}
	for i, l := range s.labels {
		if l == m[0] {
			return i
		}
	}
	return -1
}

// Value is the text, for Form.
func (s *SearchSelect) Value() string { return s.Text }

// Watch calls changed after each change of the text, for Form.
func (s *SearchSelect) Watch(changed func()) { s.watches = append(s.watches, changed) }

// TypedKey hands Escape to the window, the rest to the entry.
func (s *SearchSelect) TypedKey(ev *fyne.KeyEvent) {
	if !passEscape(s, ev) {
		s.SelectEntry.TypedKey(ev)
	}
}
