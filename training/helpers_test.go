package training_test

import (
	"errors"
	"strings"
	"testing"

	"peiyang/models"
)

// day parses a date.
func day(s string) models.Date { return models.MustDate(s) }

// hm parses a time of day.
func hm(s string) models.Clock {
	c, err := models.ParseClock(s)
	if err != nil {
		panic(err)
	}
	return c
}

// wantCode fails unless err carries the domain error code ("" for nil).
func wantCode(t *testing.T, err error, code string) {
	t.Helper()
	if got := models.ErrorCode(err); got != code {
		t.Fatalf("error code = %q, want %q (error: %v)", got, code, err)
	}
}

// wantMessage fails unless err's message contains every part.
func wantMessage(t *testing.T, err error, parts ...string) {
	t.Helper()
	if err == nil {
		t.Fatalf("no error, want one containing %q", parts)
	}
	msg := err.Error()
	for _, p := range parts {
		if !strings.Contains(msg, p) {
			t.Errorf("error %q does not contain %q", msg, p)
		}
	}
}

// domainError returns the *models.Error in err's chain.
func domainError(t *testing.T, err error) *models.Error {
	t.Helper()
	var e *models.Error
	if !errors.As(err, &e) {
		t.Fatalf("error %v (%T) holds no *models.Error", err, err)
	}
	return e
}

func ptr[T any](v T) *T { return &v }
