package models

import (
	"strings"
	"time"
	"unicode"
	"unicode/utf8"
)

// MaxText is the longest free text, in characters, a field accepts.
const MaxText = 2000

// MaxName is the longest name, in characters.
const MaxName = 100

// Organisation is a party organisation, party school, or a village or
// community; villages and communities may be key villages that host
// shadow-study placements.
type Organisation struct {
	ID                int64     `json:"id"`
	Name              string    `json:"name"`
	Kind              OrgKind   `json:"kind"`
	Region            Region    `json:"region"`
	KeyVillage        bool      `json:"key_village,omitempty"`
	PlacementCapacity int       `json:"placement_capacity,omitempty"`
	ContactPerson     string    `json:"contact_person,omitempty"`
	ContactPhone      string    `json:"contact_phone,omitempty"`
	CreatedAt         time.Time `json:"created_at"`
	UpdatedAt         time.Time `json:"updated_at"`
}

// Validate checks the organisation's fields.
func (o *Organisation) Validate() error {
	var l ErrorList
	o.Name = CleanText(o.Name)
	checkName(&l, "name", o.Name)
	if !oneOf(o.Kind, OrgKinds) {
		l.Add("kind", "Choose the kind of organisation.")
	}
	if err := o.Region.Validate("region"); err != nil {
		l = append(l, err.(*Error))
	}
	if o.KeyVillage && !o.Kind.IsVillage() {
		l.Add("key_village", "Only a village or community can be a key village.")
	}
	if o.PlacementCapacity < 0 {
		l.Add("placement_capacity", "The placement capacity cannot be negative.")
	}
	if o.KeyVillage && o.PlacementCapacity == 0 {
		l.Add("placement_capacity", "A key village needs a placement capacity of at least 1.")
	}
	o.ContactPhone = NormalizePhone(o.ContactPhone)
	if err := ValidatePhone("contact_phone", o.ContactPhone); err != nil {
		l = append(l, err.(*Error))
	}
	checkLen(&l, "contact_person", o.ContactPerson, MaxName)
	return l.Err()
}

// CleanText trims spaces, including full-width ones, from both ends.
func CleanText(s string) string {
	return strings.TrimSpace(strings.Trim(s, "\u3000 \t"))
}

// checkName requires a name of at most MaxName characters with no control
// characters and at least one letter of some script: "2" or "=1+1" is
// no name.
func checkName(l *ErrorList, field, name string) {
	if name == "" {
		l.Add(field, "The name is required.")
		return
	}
	n := len(*l)
	checkLen(l, field, name, MaxName)
	if len(*l) == n && !strings.ContainsFunc(name, unicode.IsLetter) {
		l.Add(field, "A name must contain at least one letter.")
	}
}

// CheckText refuses text of more than max characters, invalid UTF-8,
// control characters other than line breaks and tabs, and bidirectional
// controls, as every field of the domain does; the error names the field.
func CheckText(field, s string, max int) error {
	var l ErrorList
	checkLen(&l, field, s, max)
	if len(l) > 0 {
		return l[0]
	}
	return nil
}

// checkLen refuses text longer than max characters, invalid UTF-8,
// control characters other than line breaks and tabs, and bidirectional
// controls (which notes-like text has had removed before).
func checkLen(l *ErrorList, field, s string, max int) {
	if !utf8.ValidString(s) {
		l.Add(field, "The text is not valid UTF-8.")
		return
	}
	if n := utf8.RuneCountInString(s); n > max {
		l.Add(field, "The text is too long: {{.N}} characters, at most {{.Max}}.", "N", n, "Max", max)
		return
	}
	for _, r := range s {
		if (r < 0x20 && r != '\n' && r != '\r' && r != '\t') || r == 0x7f {
			l.Add(field, "The text contains control characters.")
			return
		}
	}
	checkBidi(l, field, s)
}

// HalfWidth maps a full-width ASCII form (Ａ, ３, ＠) to its ASCII letter and
// the ideographic space to a space; other runes are returned unchanged.
func HalfWidth(r rune) rune {
	if r >= 0xFF01 && r <= 0xFF5E {
		return r - 0xFEE0
	}
	if r == 0x3000 {
		return ' '
	}
	return r
}

// ToHalfWidth maps every full-width ASCII form in s to ASCII.
func ToHalfWidth(s string) string { return strings.Map(HalfWidth, s) }
