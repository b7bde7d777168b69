package models

import "time"

// ReviewItem is a record that a schema upgrade found breaking a rule and
// left unchanged, because only the office can tell how to correct it: an
// election recorded as an appointment to a villagers' committee, say. It
// is shown (peiyang check, the window's overview) for as long as the
// record still breaks the rule.
type ReviewItem struct {
	ID       int64     `json:"id"`
	Version  int       `json:"version"`   // the schema version whose migration found it
	FoundAt  time.Time `json:"found_at"`  // when
	Entity   string    `json:"entity"`    // the table: elections
	EntityID int64     `json:"entity_id"` // the record's ID
	Rule     string    `json:"rule"`      // a code: RuleAppointedElectedPost, RulePostNotOnCommittee
}

// The rules a ReviewItem names.
const (
	RuleAppointedElectedPost = "appointed_elected_post" // appointed where the law asks for an election
	RulePostNotOnCommittee   = "post_not_on_committee"  // a post the committee does not have
)
