// Package training holds the joint cultivation programme's rules:
// scheduling, enrolment and the waiting list, completion, certificates,
// mentors, placements, returns and the pipeline. It works on the small
// storage interfaces declared in store.go and never speaks SQL; the rules
// themselves are plain functions that the Service applies inside one
// transaction per change.
//
// The rules, by file:
//
//   - trainees.go: no two trainees with one ID number; references exist.
//   - schedule.go, sessions.go: a session lies in its course's dates and
//     clashes with no other over venue, instructor or trainee
//     (CheckSession, CheckEnrolment, ConflictError).
//   - enrol.go: capacity, the waiting list, withdrawal and promotion.
//   - attendance.go: sign-ins and scores for place holders only.
//   - completion.go: Decide, with a reason for every failed condition.
//   - certificates.go: gapless serials per year in a configurable format
//     (setting certificate.serial_format, see FormatSerial), void, reissue.
//   - mentors.go: suggestions, the mentor's maximum, the contact log.
//   - placements.go: key villages, their capacity on the busiest day.
//   - returns.go: returns to villages and elections to their committees.
//   - pipeline.go: each trainee's stage and the funnel counts.
//
// Errors are *models.Error or models.ErrorList (a *ConflictError for
// schedule clashes), wrapped as "training: <operation>: ...".
package training
