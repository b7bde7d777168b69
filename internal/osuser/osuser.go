// Package osuser names the operating system's user running this program:
// the audit trail records it beside every entry, the register beside a
// database file names who holds it, and a PostgreSQL connection tells the
// server who is connected.
package osuser

import (
	"os/user"
	"sync"
)

// Name is the user's login name, looked up once; "" when the system
// cannot tell.
var Name = sync.OnceValue(func() string {
	u, err := user.Current()
	if err != nil {
		return ""
	}
	return u.Username
})
