// Package training holds the joint cultivation programme's rules:
// scheduling, enrolment and the waiting list, completion, certificates,
// mentors, placements, returns and the pipeline. It works on the small
// storage interfaces declared in store.go and never speaks SQL; the rules
// themselves are plain functions that the Service applies inside one
// transaction per change.
package training
