package cli

import (
	"encoding/json"
	"path/filepath"
	"testing"

	"peiyang/internal/pgtest"
	"peiyang/store"
)

// peiyang copy: a SQLite database into an empty PostgreSQL one and back,
// every table's rows read and copied shown equal, the same statistics on
// all three; a target holding anything is refused.
func TestCopyCommand(t *testing.T) {
	file := filepath.Join(t.TempDir(), "peiyang.db")
	cmd(t, file, "demo", "--trainees", "400", "--today", "2025-06-15").want(t, 0)
	pg := pgtest.NewDatabase(t, "")
	r := cmd(t, file, "copy", "--from", file, "--to", pg, "--json")
	r.want(t, 0)
	var out struct {
		Tables []store.TableCount `json:"tables"`
	}
	if err := json.Unmarshal([]byte(r.stdout), &out); err != nil {
		t.Fatalf("copy --json printed %q: %v", r.stdout, err)
	}
	rows := map[string]int64{}
	for _, c := range out.Tables {
		if c.Source != c.Target {
			t.Errorf("%s: %d read, %d copied", c.Table, c.Source, c.Target)
		}
		rows[c.Table] = c.Target
	}
	if rows["trainees"] != 400 || rows["audit_log"] == 0 || rows["trainee_search"] == 0 || rows["settings"] == 0 {
		t.Errorf("rows copied: %v", rows)
	}
	stats := cmd(t, file, "stats", "--json")
	cmd(t, pg, "stats", "--json").want(t, 0, stats.stdout)
	cmd(t, pg, "check").want(t, 0, "integrity:      ok")

	back := filepath.Join(t.TempDir(), "back.db")
	cmd(t, file, "copy", "--from", pg, "--to", back).want(t, 0, "trainee_search", "in one transaction")
	cmd(t, back, "stats", "--json").want(t, 0, stats.stdout)
	cmd(t, back, "audit", "--action", "copy").want(t, 0, "copy")

	cmd(t, file, "copy", "--from", file, "--to", pg).want(t, 1, "not empty")
	cmd(t, file, "copy", "--from", file).want(t, 2, "--to")
	cmd(t, file, "copy", "--from", filepath.Join(t.TempDir(), "none.db"), "--to", back).want(t, 1, "cannot be read")
}
