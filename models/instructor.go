package models

import "time"

// Instructor teaches sessions and may mentor trainees. MaxMentees is how many
// trainees the instructor may mentor at once; 0 means not a mentor.
type Instructor struct {
	ID           int64     `json:"id"`
	Name         string    `json:"name"`
	Position     string    `json:"position,omitempty"`
	Organisation string    `json:"organisation,omitempty"`
	Phone        string    `json:"phone,omitempty"`
	Themes       []Theme   `json:"themes"`
	HomeRegion   Region    `json:"home_region"`
	MaxMentees   int       `json:"max_mentees"`
	CreatedAt    time.Time `json:"created_at"`
	UpdatedAt    time.Time `json:"updated_at"`
}

// Validate checks the instructor's fields.
func (i *Instructor) Validate() error {
	var l ErrorList
	i.Name = CleanText(i.Name)
	checkName(&l, "name", i.Name)
	for _, t := range i.Themes {
		if !oneOf(t, Themes) {
			l.Add("themes", "Unknown theme: {{.Theme}}.", "Theme", string(t))
			break
		}
	}
	if i.MaxMentees < 0 || i.MaxMentees > 50 {
		l.Add("max_mentees", "The maximum number of mentees must be between 0 and 50.")
	}
	i.Phone = NormalizePhone(i.Phone)
	if err := ValidatePhone("phone", i.Phone); err != nil {
		l = append(l, err.(*Error))
	}
	if err := i.HomeRegion.Validate("home_region"); err != nil {
		l = append(l, err.(*Error))
	}
	checkLen(&l, "position", i.Position, MaxName)
	checkLen(&l, "organisation", i.Organisation, MaxName*2)
	return l.Err()
}

// HasTheme reports whether the instructor's expertise covers the theme.
func (i *Instructor) HasTheme(t Theme) bool { return oneOf(t, i.Themes) }
