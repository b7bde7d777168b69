// Package models holds Peiyang's domain: the joint cultivation programme's
// organisations, trainees, courses, sessions, enrolments, placements,
// mentorships, returns, elections and certificates, with their validation
// rules and typed errors. It imports nothing else of the project's.
package models
