// Package training holds the joint cultivation programme's rules:
// scheduling, enrolment and the waiting list, completion, certificates,
// mentors, placements, returns and the pipeline. It works on the storage
// interfaces declared in store.go and never speaks SQL; the rules
// themselves are plain functions that the Service applies inside one
// transaction per change, and every read of several records runs in one
// read transaction.
//
// The Service (service.go) has one part per aggregate: Trainees, Courses,
// Enrolment, Certificates, FollowUp, Settings and Audit. The rules, by file:
//
//   - trainees.go: no two trainees with one ID number; references exist.
//   - schedule.go, sessions.go: a session lies in its course's dates and
//     clashes with no other over venue, instructor or trainee
//     (CheckSession, CheckEnrolment, ConflictError).
//   - enrolment.go: capacity, the waiting list, withdrawal and promotion.
//   - attendance.go: sign-ins and scores for place holders only.
//   - completion.go: Decide, with a reason for every failed condition.
//   - certificates.go: gapless serials per year in a configurable format
//     (setting certificate.serial_format, see settings.FormatSerial), void,
//     reissue; certificate_batch.go: a course's certificates to print, with
//     their signed QR codes.
//   - mentors.go: suggestions, the mentor's maximum, the contact log.
//   - placements.go: key villages, their capacity on the busiest day.
//   - returns.go: returns to villages and elections to their committees.
//   - pipeline.go: each trainee's stage and the funnel counts.
//
// The *_view.go and *_list(s).go files gather what screens and documents
// show. Errors are *models.Error or models.ErrorList (a *ConflictError for
// schedule clashes), wrapped as "training: <operation>: ...".
package training
