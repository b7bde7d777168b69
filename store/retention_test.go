package store_test

import (
	"bytes"
	"context"
	"database/sql"
	"fmt"
	"os"
	"strings"
	"testing"
	"time"

	"peiyang/internal/idattack"
	"peiyang/models"
	"peiyang/store"
	"peiyang/training"
)

func TestRetentionDeidentifies(t *testing.T) {
	if bothStores(t, TestRetentionDeidentifies) {
		return
	}
	f := newFixture(t)
	db := f.db
	// Trainee 1 has a placement that ends far ahead: still active.
	must(t, db.CreatePlacement(ctx, &models.Placement{TraineeID: f.trainees[1].ID, VillageID: f.village.ID,
		StartDate: models.MustDate("2098-01-01"), EndDate: models.MustDate("2099-01-01")}))
	cutoff := models.MustDate("2090-01-01")
	ids, err := db.Inactive(ctx, cutoff)
	must(t, err)
	want := []int64{f.trainees[0].ID, f.trainees[2].ID}
	if fmt.Sprint(ids) != fmt.Sprint(want) {
		t.Fatalf("inactive %v, want %v", ids, want)
	}
	old := f.trainees[0]
	must(t, db.Deidentify(ctx, ids))

	got, err := db.FindTraineeByID(ctx, old.ID)
	must(t, err)
	if got.IDNumber != fmt.Sprintf("DEID-%d", old.ID) || !store.IsDeidentified(got.IDNumber) ||
		got.Phone != "" || !got.BirthDate.IsZero() {
		t.Errorf("personal data kept: %+v", got)
	}
	if got.Name != old.Name || got.HomeRegion != old.HomeRegion || got.CohortID != old.CohortID {
		t.Errorf("kept data lost: %+v", got)
	}
	// The search index forgot the ID number and phone, not the name.
	for _, q := range []string{old.IDNumber[10:], old.Phone[3:], "DEID"} {
		ts, err := db.SearchTrainees(ctx, q, 10)
		must(t, err)
		for _, tr := range ts {
			if tr.ID == old.ID {
				t.Errorf("search %q still finds the de-identified trainee", q)
			}
		}
	}
	ts, err := db.SearchTrainees(ctx, old.Name, 10)
	must(t, err)
	if len(ts) == 0 || ts[0].ID != old.ID {
		t.Errorf("search by name lost the trainee: %v", ts)
	}
	// Audited, masked; and done once only.
	es, err := db.FindAudit(ctx, store.AuditFilter{Entity: "trainees", Action: store.AuditUpdate})
	must(t, err)
	if len(es) != 2 {
		t.Errorf("%d update entries, want 2", len(es))
	}
	for _, e := range es {
		if strings.Contains(e.Before, old.IDNumber) || strings.Contains(e.Before, old.Phone) {
			t.Errorf("the log holds personal data: %s", e.Before)
		}
	}
	ids, err = db.Inactive(ctx, cutoff)
	must(t, err)
	if len(ids) != 0 {
		t.Errorf("inactive after de-identifying: %v", ids)
	}
	// The index rebuilt from the table agrees.
	must(t, db.Close())
	db2, err := store.Open(targetOf(t, db))
	must(t, err)
	defer db2.Close()
	ts, err = db2.SearchTrainees(ctx, "DEID", 10)
	must(t, err)
	if len(ts) != 0 {
		t.Errorf("placeholder indexed: %v", ts)
	}
}

// manyTrainees adds 300 trainees in bulk, so that the rows spread over
// many pages of the file.
func manyTrainees(t *testing.T, f *fixture) []*models.Trainee {
	t.Helper()
	var more []*models.Trainee
	for i := range 300 {
		more = append(more, &models.Trainee{Name: fmt.Sprintf("学员%03d", i), Gender: models.Female,
			IDNumber: idNumber(100 + 2*i), Phone: fmt.Sprintf("1390000%04d", i), HomeRegion: f.outflow.Region,
			Direction: models.Inflow})
	}
	must(t, f.db.CreateTrainees(ctx, more))
	return more
}

// rawBytes reads the database file and its -wal file as they lie on disk.
func rawBytes(t *testing.T, path string) []byte {
	t.Helper()
	var all []byte
	for _, p := range []string{path, path + "-wal"} {
		b, err := os.ReadFile(p)
		if err != nil && !os.IsNotExist(err) {
			t.Fatal(err)
		}
		all = append(all, b...)
	}
	return all
}

// TestRetentionLeavesNothingInTheFile greps the raw bytes of the database
// file and its -wal file, as a forensic reader would, for the numbers that
// de-identification removed: none may remain, in free pages, in older
// copies of pages in the -wal file, or in the search index. A number
// changed before, by a version that did not delete securely, goes too.
func TestRetentionLeavesNothingInTheFile(t *testing.T) {
	f := newFixture(t)
	db := f.db
	path := db.Path()
	more := manyTrainees(t, f)
	gone := []*models.Trainee{f.trainees[0], f.trainees[2], more[7], more[150]}
	// An older version, without secure deletion, deleted a number: it
	// lies in a free page.
	raw, err := sql.Open("sqlite", path)
	must(t, err)
	for _, q := range []string{`PRAGMA secure_delete = 0`, `CREATE TABLE scratch (x TEXT)`,
		`INSERT INTO scratch VALUES ('13712345678')`, `DROP TABLE scratch`} {
		_, err = raw.Exec(q)
		must(t, err)
	}
	must(t, raw.Close())
	if !bytes.Contains(rawBytes(t, path), []byte("13712345678")) {
		t.Fatal("the test cannot see a deleted number in the file: the check below would prove nothing")
	}
	removed := []string{"13712345678"}
	for _, tr := range gone {
		removed = append(removed, tr.IDNumber, tr.IDNumber[6:], tr.Phone[3:])
	}
	if b := rawBytes(t, path); !bytes.Contains(b, []byte(gone[1].IDNumber)) {
		t.Fatal("the test cannot see an ID number in the file")
	}
	ids := make([]int64, len(gone))
	for i, tr := range gone {
		ids[i] = tr.ID
	}
	must(t, db.Deidentify(ctx, ids))
	b := rawBytes(t, path)
	for _, s := range removed {
		if i := bytes.Index(b, []byte(s)); i >= 0 {
			t.Errorf("the file still holds %s after de-identification: %q", s, b[max(0, i-40):min(len(b), i+40)])
		}
	}
	// The others are untouched.
	if !bytes.Contains(b, []byte(f.trainees[1].IDNumber)) {
		t.Error("a trainee kept is no longer in the file")
	}
	if st, err := os.Stat(path + "-wal"); err == nil && st.Size() != 0 {
		t.Errorf("the -wal file holds %d bytes", st.Size())
	}
	got, err := db.FindTraineeByID(ctx, gone[0].ID)
	must(t, err)
	if !store.IsDeidentified(got.IDNumber) {
		t.Errorf("not de-identified: %+v", got)
	}
}

// TestAuditCannotUndoRetention plays the attacker (internal/idattack)
// against the audit trail of de-identified trainees: every entry about
// them, before and after, all together, must leave many full ID numbers
// possible.
func TestAuditCannotUndoRetention(t *testing.T) {
	if bothStores(t, TestAuditCannotUndoRetention) {
		return
	}
	f := newFixture(t)
	db := f.db
	tr := f.trainees[0]
	tr.Phone = "13912345678"
	must(t, db.UpdateTrainee(ctx, tr))
	must(t, db.Deidentify(ctx, []int64{tr.ID}))
	es, err := db.FindAudit(ctx, store.AuditFilter{Entity: "trainees", Page: models.Page{Limit: 1000}})
	must(t, err)
	var text strings.Builder
	for _, e := range es {
		if e.EntityID == itoa(tr.ID) {
			text.WriteString(e.Before + "\n" + e.After + "\n")
		}
	}
	a, err := idattack.New([]idattack.Person{{Name: tr.Name, IDNumber: tr.IDNumber, Joined: tr.JoinedParty}}, models.MustDate("2025-06-15"))
	must(t, err)
	a.Read("audit", text.String())
	k := a.Knowledge(0)
	if len(k.Sources) == 0 || !k.Visible[0] || !k.Visible[17] {
		t.Fatalf("the attacker found nothing in %s", text.String())
	}
	if n := a.Candidates(0, 1000); n < 100 || k.Birth > idattack.Month {
		t.Errorf("the audit trail leaves %d candidates (%s)", n, k)
	}
}

// TestDeidentifyInATransactionLeavesNothing: inside a caller's transaction
// the file cannot be rewritten, but secure deletion still zeroes what the
// change removes: once the database is closed, the numbers are gone.
func TestDeidentifyInATransactionLeavesNothing(t *testing.T) {
	f := newFixture(t)
	db := f.db
	more := manyTrainees(t, f)
	gone := more[100]
	must(t, db.Update(ctx, func(ctx context.Context) error { return db.Deidentify(ctx, []int64{gone.ID}) }))
	must(t, db.Close())
	b := rawBytes(t, db.Path())
	for _, s := range []string{gone.IDNumber, gone.IDNumber[6:], gone.Phone[3:]} {
		if i := bytes.Index(b, []byte(s)); i >= 0 {
			t.Errorf("the file still holds %s: %q", s, b[max(0, i-40):min(len(b), i+40)])
		}
	}
}

// TestRetentionWithAReaderSaysSo: a reader in another process that keeps
// the -wal file from being emptied does not undo the de-identification,
// but the caller is told that older copies may remain, and what to do.
func TestRetentionWithAReaderSaysSo(t *testing.T) {
	defer store.SetBusyTimeout(300 * time.Millisecond)()
	f := newFixture(t)
	db := f.db
	other, err := sql.Open("sqlite", db.Path())
	must(t, err)
	defer other.Close()
	conn, err := other.Conn(ctx)
	must(t, err)
	defer conn.Close()
	// An open read transaction holds a snapshot of the file.
	_, err = conn.ExecContext(ctx, `BEGIN`)
	must(t, err)
	var n int
	must(t, conn.QueryRowContext(ctx, `SELECT COUNT(*) FROM trainees`).Scan(&n))
	err = db.Deidentify(ctx, []int64{f.trainees[0].ID})
	if models.ErrorCode(err) != models.ECONFLICT || models.ErrorMessage(err) != training.MsgRetentionIncomplete {
		t.Fatalf("Deidentify beside a reader: %v", err)
	}
	got, err := db.FindTraineeByID(ctx, f.trainees[0].ID)
	must(t, err)
	if !store.IsDeidentified(got.IDNumber) {
		t.Errorf("not de-identified: %s", got.IDNumber)
	}
	_, err = conn.ExecContext(ctx, `COMMIT`)
	must(t, err)
	// Once the reader is done, running retention again, with no one left
	// to de-identify, scrubs the file.
	must(t, db.Deidentify(ctx, nil))
	if st, err := os.Stat(db.Path() + "-wal"); err == nil && st.Size() != 0 {
		t.Errorf("the -wal file holds %d bytes", st.Size())
	}
}
