package models

import "time"

// AuditEntry is one entry of the audit trail: a change, print, export or
// reveal, who made it and when. Before and After are the record as JSON,
// with ID numbers and phones masked, "" when there is none.
type AuditEntry struct {
	ID       int64     `json:"id"`
	At       time.Time `json:"at"`
	OSUser   string    `json:"os_user"`
	UserName string    `json:"user_name"`
	// DBUser is the database user (PostgreSQL's session_user) who made
	// the entry, set by the server; "" on a SQLite file.
	DBUser   string `json:"db_user,omitempty"`
	Action   string `json:"action"`
	Entity   string `json:"entity"`
	EntityID string `json:"entity_id"`
	Before   string `json:"before,omitempty"`
	After    string `json:"after,omitempty"`
}

// AuditFilter selects audit entries, newest first. Page.AfterID pages
// backwards: entries older than that ID.
type AuditFilter struct {
	Since  time.Time // entries at or after; zero for all
	Entity string
	Action string
	Page
}
