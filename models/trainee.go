package models

import (
	"strings"
	"time"
	"unicode"
)

// Trainee is a mobile party member taken into the programme.
type Trainee struct {
	ID              int64     `json:"id"`
	Name            string    `json:"name"`
	Gender          Gender    `json:"gender"`
	Ethnicity       string    `json:"ethnicity"` // e.g. 汉族, 彝族
	BirthDate       Date      `json:"birth_date"`
	IDNumber        string    `json:"id_number"`
	Phone           string    `json:"phone,omitempty"`
	Education       string    `json:"education,omitempty"`
	JoinedParty     Date      `json:"joined_party"`
	Branch          string    `json:"branch,omitempty"` // branch holding the membership
	Direction       Direction `json:"direction"`
	HomeRegion      Region    `json:"home_region"`      // the outflow side
	CurrentDistrict string    `json:"current_district"` // the inflow side, e.g. 锦江区
	Employer        string    `json:"employer,omitempty"`
	NominatedByID   int64     `json:"nominated_by_id,omitempty"` // organisation, 0 if none
	CohortID        int64     `json:"cohort_id,omitempty"`       // 0 if none
	KeyTarget       bool      `json:"key_target"`                // key cultivation target
	Notes           string    `json:"notes,omitempty"`
	CreatedAt       time.Time `json:"created_at"`
	UpdatedAt       time.Time `json:"updated_at"`
}

// Validate normalises the ID number and phone and checks every field against
// today's date. Birth date and gender, when given, must agree with the ID
// number; when left empty they are taken from it.
func (t *Trainee) Validate(today Date) error {
	var l ErrorList
	t.Name = CleanText(t.Name)
	checkName(&l, "name", t.Name)
	t.IDNumber = NormalizeIDNumber(t.IDNumber)
	info, err := ParseIDNumber(t.IDNumber, today)
	switch {
	case !checkBidi(&l, "id_number", t.IDNumber):
	case err != nil:
		l = append(l, err.(*Error))
	default:
		if t.BirthDate.IsZero() {
			t.BirthDate = info.BirthDate
		} else if !t.BirthDate.Equal(info.BirthDate) {
			l.Add("birth_date", "The birth date {{.Given}} does not agree with the ID number, which holds {{.Encoded}}.", "Given", t.BirthDate.String(), "Encoded", info.BirthDate.String())
		}
		if t.Gender == "" {
			t.Gender = info.Gender
		} else if t.Gender != info.Gender {
			l.Add("gender", "The gender does not agree with the ID number, which is a {{.Encoded}}'s.", "Encoded", string(info.Gender))
		}
	}
	if t.Gender != "" && !oneOf(t.Gender, Genders) {
		l.Add("gender", "Choose male or female.")
	}
	t.Phone = NormalizePhone(t.Phone)
	if err := ValidatePhone("phone", t.Phone); err != nil && checkBidi(&l, "phone", t.Phone) {
		l = append(l, err.(*Error))
	}
	if t.Direction == "" {
		t.Direction = Inflow
	}
	if !oneOf(t.Direction, Directions) {
		l.Add("direction", "Choose inflow or outflow.")
	}
	if !t.JoinedParty.IsZero() {
		if !today.IsZero() && t.JoinedParty.After(today) {
			l.Add("joined_party", "The date joined the party is in the future.")
		}
		if !t.BirthDate.IsZero() && t.JoinedParty.Before(t.BirthDate.AddYears(18)) {
			l.Add("joined_party", "The date joined the party is before the member's 18th birthday.")
		}
	}
	if err := t.HomeRegion.Validate("home_region"); err != nil {
		l = append(l, err.(*Error))
	}
	checkLen(&l, "ethnicity", t.Ethnicity, 20)
	checkLen(&l, "education", t.Education, 50)
	checkLen(&l, "branch", t.Branch, MaxName*2)
	checkLen(&l, "current_district", t.CurrentDistrict, MaxName)
	checkLen(&l, "employer", t.Employer, MaxName*2)
	t.Notes = StripBidiControls(t.Notes)
	checkLen(&l, "notes", t.Notes, MaxText)
	return l.Err()
}

// ParseDirection reads a member's 流动类型 as lists write it: 流入党员 or
// 流入 (also 流入地, inflow), 流出党员 or 流出 (流出地, outflow); ok is false
// for anything else. An empty text is inflow, the programme's usual case.
func ParseDirection(text string) (d Direction, ok bool) {
	t := strings.ToLower(strings.Map(func(r rune) rune {
		if r = HalfWidth(r); unicode.IsSpace(r) {
			return -1
		}
		return r
	}, text))
	t = strings.TrimSuffix(strings.TrimSuffix(t, "党员"), "地")
	switch t {
	case "", "流入", "inflow":
		return Inflow, true
	case "流出", "outflow":
		return Outflow, true
	}
	return "", false
}
