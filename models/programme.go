package models

import "time"

// Programme is a joint cultivation agreement between an inflow organisation
// and one or more outflow organisations.
type Programme struct {
	ID            int64     `json:"id"`
	Name          string    `json:"name"`
	InflowOrgID   int64     `json:"inflow_org_id"`
	OutflowOrgIDs []int64   `json:"outflow_org_ids"`
	SignedOn      Date      `json:"signed_on"`
	Notes         string    `json:"notes,omitempty"`
	CreatedAt     time.Time `json:"created_at"`
	UpdatedAt     time.Time `json:"updated_at"`
}

// Validate checks the programme's fields.
func (p *Programme) Validate() error {
	var l ErrorList
	p.Name = CleanText(p.Name)
	checkName(&l, "name", p.Name)
	if p.InflowOrgID == 0 {
		l.Add("inflow_org_id", "Choose the inflow organisation.")
	}
	if len(p.OutflowOrgIDs) == 0 {
		l.Add("outflow_org_ids", "Choose at least one outflow organisation.")
	}
	seen := map[int64]bool{}
	for _, id := range p.OutflowOrgIDs {
		if id == p.InflowOrgID {
			l.Add("outflow_org_ids", "The inflow organisation cannot also be an outflow organisation.")
			break
		}
		if seen[id] {
			l.Add("outflow_org_ids", "An outflow organisation is listed twice.")
			break
		}
		seen[id] = true
	}
	p.Notes = StripBidiControls(p.Notes)
	checkLen(&l, "notes", p.Notes, MaxText)
	return l.Err()
}

// Cohort is one year's intake of a programme.
type Cohort struct {
	ID             int64     `json:"id"`
	ProgrammeID    int64     `json:"programme_id"`
	Year           int       `json:"year"`
	Name           string    `json:"name"`
	TargetTrainees int       `json:"target_trainees"`
	CreatedAt      time.Time `json:"created_at"`
	UpdatedAt      time.Time `json:"updated_at"`
}

// Validate checks the cohort's fields.
func (c *Cohort) Validate() error {
	var l ErrorList
	c.Name = CleanText(c.Name)
	checkName(&l, "name", c.Name)
	if c.ProgrammeID == 0 {
		l.Add("programme_id", "Choose the programme.")
	}
	if c.Year < 2000 || c.Year > 2100 {
		l.Add("year", "The year must be between 2000 and 2100.")
	}
	if c.TargetTrainees < 0 {
		l.Add("target_trainees", "The target number of trainees cannot be negative.")
	}
	return l.Err()
}
