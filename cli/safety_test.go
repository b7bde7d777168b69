package cli

import (
	"database/sql"
	"encoding/json"
	"path/filepath"
	"strings"
	"testing"

	"peiyang/internal/private/privatetest"
	"peiyang/store"

	_ "github.com/jackc/pgx/v5/stdlib" // the "pgx" driver
)

func TestBackupRestoreAuditRetention(t *testing.T) {
	if bothStores(t, TestBackupRestoreAuditRetention) {
		return
	}
	db := tempDB(t)
	id := idNumber("51062319880215123")
	cmd(t, db, "trainees", "add", "--name", "赵明阳", "--id", id, "--phone", "13812345678").want(t, 0)

	bak := filepath.Join(t.TempDir(), "copy.db")
	cmd(t, db, "backup", bak).want(t, 0, "Backed up")
	privatetest.Assert(t, bak)
	cmd(t, db, "backup", bak).want(t, 1, "exists already")

	cmd(t, db, "trainees", "add", "--name", "张伟", "--id", idNumber("51062319900101001")).want(t, 0)
	cmd(t, db, "trainees", "search", "张伟", "--full-ids").want(t, 0, id[:0])

	// The audit trail: creates, the backup and the reveal; nothing in clear.
	r := cmd(t, db, "audit", "--json", "--limit", "0")
	r.want(t, 0)
	var es []store.AuditEntry
	if err := json.Unmarshal([]byte(r.stdout), &es); err != nil {
		t.Fatal(err)
	}
	actions := map[string]int{}
	for _, e := range es {
		actions[e.Action]++
		if strings.Contains(e.Before+e.After, id) || strings.Contains(e.Before+e.After, "13812345678") {
			t.Errorf("personal data in the log: %+v", e)
		}
	}
	if actions["create"] < 2 || actions["backup"] != 1 || actions["reveal"] != 1 {
		t.Errorf("actions %v", actions)
	}
	cmd(t, db, "audit", "--entity", "trainees", "--since", "2000-01-01").want(t, 0, "create", "trainees")
	cmd(t, db, "audit", "--since", "soon").want(t, 2)

	// Restore brings back the state of the backup.
	aside := "before-restore-20250615-100000"
	if store.IsPostgres(db) {
		aside = "schema before_restore_20250615_100000"
	}
	cmd(t, db, "restore", bak).want(t, 0, "Restored", aside)
	cmd(t, db, "trainees", "search", "张伟").want(t, 0, "No trainee found")
	cmd(t, db, "restore", filepath.Join(t.TempDir(), "none.db")).want(t, 1)

	// Retention: nobody is old enough, until the trainee's last change is.
	cmd(t, db, "retention", "--older-than", "5", "--dry-run").want(t, 0, "Would de-identify 0")
	driver := "sqlite"
	if store.IsPostgres(db) {
		driver = "pgx"
	}
	raw, err := sql.Open(driver, db)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := raw.Exec(`UPDATE trainees SET updated_at = '2010-01-01T00:00:00.000000Z'`); err != nil {
		t.Fatal(err)
	}
	raw.Close()
	cmd(t, db, "retention", "--older-than", "5", "--dry-run").want(t, 0, "Would de-identify 1")
	cmd(t, db, "trainees", "search", id[10:]).want(t, 0, "赵明阳")
	cmd(t, db, "retention", "--older-than", "5").want(t, 0, "De-identified 1")
	cmd(t, db, "trainees", "search", id[10:]).want(t, 0, "No trainee found")
	cmd(t, db, "trainees", "show", "1").want(t, 0, "赵明阳")
	cmd(t, db, "retention", "--older-than", "5").want(t, 0, "De-identified 0")
	cmd(t, db, "retention").want(t, 2)
	cmd(t, db, "audit", "--action", "retention").want(t, 0, "retention")
}
