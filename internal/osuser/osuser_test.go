package osuser

import (
	"os/user"
	"testing"
)

func TestNameIsTheCurrentUser(t *testing.T) {
	u, err := user.Current()
	if err != nil {
		t.Skipf("the system cannot tell the user: %v", err)
	}
	if got := Name(); got != u.Username || got == "" {
		t.Errorf("Name() = %q, want %q", got, u.Username)
	}
}
