package training_test

import (
	"bytes"
	"context"
	"database/sql"
	"image"
	"image/color"
	"image/png"
	"os"
	"path/filepath"
	"testing"

	"peiyang/models"
	"peiyang/settings"
	"peiyang/store"
)

// rawElection writes an election past every rule, as an older version of
// the program could.
func rawElection(t *testing.T, db *sql.DB, r *models.Return, c models.Committee, p models.Post, res models.ElectionResult) int64 {
	t.Helper()
	out, err := db.Exec(`INSERT INTO elections (return_id, trainee_id, date, committee, post, result, term_years, created_at, updated_at)
		VALUES (?, ?, '2025-03-01', ?, ?, ?, 5, '2025-03-02T09:00:00.000000Z', '2025-03-02T09:00:00.000000Z')`,
		r.ID, r.TraineeID, string(c), string(p), string(res))
	if err != nil {
		t.Fatal(err)
	}
	id, _ := out.LastInsertId()
	return id
}

// Schema 3 rewrites 副职 as the committee's deputy post, with an audit
// entry each, and lists without changing them the elections that break
// the election rules; the list shrinks as the office corrects them.
func TestSchema3ReportsElectionsThatBreakTheRules(t *testing.T) {
	f := newFixture(t)
	village := f.org("战旗村", models.OrgVillage, false, 0)
	r := &models.Return{TraineeID: f.trainee("赵明阳").ID, VillageID: village.ID, ReturnDate: day("2024-03-01")}
	f.must(f.svc.FollowUp.RecordReturn(f.ctx, r))
	path := f.db.Path()
	f.must(f.db.Close())

	raw, err := sql.Open("sqlite", path)
	f.must(err)
	deputyParty := rawElection(t, raw, r, models.CommitteeVillageParty, "deputy", models.Elected)
	deputyPeople := rawElection(t, raw, r, models.CommitteeVillagers, "deputy", models.NotElected)
	appointedChair := rawElection(t, raw, r, models.CommitteeVillagers, models.PostChair, models.Appointed)
	appointedBoth := rawElection(t, raw, r, models.CommitteeVillageParty, models.PostBoth, models.Appointed)
	secretaryOfVillagers := rawElection(t, raw, r, models.CommitteeVillagers, models.PostSecretary, models.Elected)
	appointedSecretary := rawElection(t, raw, r, models.CommitteeVillageParty, models.PostSecretary, models.Appointed)
	// Back to schema 2.
	for _, q := range []string{`DROP TABLE review_items`, `DELETE FROM schema_migrations WHERE version = 3`} {
		if _, err := raw.Exec(q); err != nil {
			t.Fatal(err)
		}
	}
	f.must(raw.Close())

	db, err := store.Open(path)
	f.must(err)
	t.Cleanup(func() { db.Close() })
	svc := f.service(db)
	post := func(id int64) models.Post {
		e, err := svc.FollowUp.FindElectionByID(f.ctx, id)
		f.must(err)
		return e.Post
	}
	if p := post(deputyParty); p != models.PostDeputySecretary {
		t.Errorf("副职 on the party committee became %s", p)
	}
	if p := post(deputyPeople); p != models.PostDeputyChair {
		t.Errorf("副职 on the villagers' committee became %s", p)
	}
	if n := schema3Rewrites(t, db); n != 2 {
		t.Errorf("%d audit entries of the rewrite, want 2", n)
	}

	reviews, err := svc.FollowUp.ElectionReviews(f.ctx)
	f.must(err)
	want := []int64{appointedChair, appointedBoth, secretaryOfVillagers}
	if len(reviews) != len(want) {
		t.Fatalf("reviews: %+v, want elections %v", reviews, want)
	}
	for i, rv := range reviews {
		if rv.Election.ID != want[i] || rv.FoundBy != 3 || len(rv.Problems) == 0 || rv.Trainee.Name != "赵明阳" || rv.Village.ID != village.ID {
			t.Errorf("review %d: %+v", i, rv)
		}
	}
	// Reported, not changed.
	e, err := svc.FollowUp.FindElectionByID(f.ctx, appointedChair)
	f.must(err)
	if e.Result != models.Appointed || e.Post != models.PostChair {
		t.Errorf("the migration changed election %d: %+v", appointedChair, e)
	}
	if post(appointedSecretary) != models.PostSecretary {
		t.Error("the lawful appointment changed")
	}

	// Correcting a record takes it off the list; so does deleting one.
	bad := *e
	bad.Committee = models.CommitteeVillageParty // no chair there
	wantCode(t, svc.FollowUp.UpdateElection(f.ctx, &bad), models.EINVALID)
	e.Result = models.Elected
	f.must(svc.FollowUp.UpdateElection(f.ctx, e))
	f.must(svc.FollowUp.DeleteElection(f.ctx, secretaryOfVillagers))
	reviews, err = svc.FollowUp.ElectionReviews(f.ctx)
	f.must(err)
	if len(reviews) != 1 || reviews[0].Election.ID != appointedBoth {
		t.Errorf("after the corrections: %+v", reviews)
	}
}

// schema3Rewrites counts the audit entries of elections schema 3 rewrote.
func schema3Rewrites(t *testing.T, db *store.DB) int {
	t.Helper()
	entries, err := db.FindAudit(context.Background(), models.AuditFilter{Entity: "elections"})
	if err != nil {
		t.Fatal(err)
	}
	n := 0
	for _, e := range entries {
		if e.UserName == "schema 3" && e.Action == "update" {
			n++
		}
	}
	return n
}

// The service refuses, with the rule's message, what the migration
// reports.
func TestRecordElectionRefusesAppointmentsTheLawForbids(t *testing.T) {
	f := newFixture(t)
	village := f.org("战旗村", models.OrgVillage, false, 0)
	r := &models.Return{TraineeID: f.trainee("赵明阳").ID, VillageID: village.ID, ReturnDate: day("2024-03-01")}
	f.must(f.svc.FollowUp.RecordReturn(f.ctx, r))
	for _, tc := range []struct {
		c   models.Committee
		p   models.Post
		res models.ElectionResult
		ok  bool
	}{
		{models.CommitteeVillagers, models.PostChair, models.Appointed, false},
		{models.CommitteeVillagers, models.PostMember, models.Appointed, false},
		{models.CommitteeVillageParty, models.PostBoth, models.Appointed, false},
		{models.CommitteeVillagers, models.PostSecretary, models.Elected, false},
		{models.CommitteeVillageParty, models.PostChair, models.Elected, false},
		{models.CommitteeVillageParty, models.PostDeputySecretary, models.Appointed, true},
		{models.CommitteeVillagers, models.PostDeputyChair, models.Elected, true},
		{models.CommitteeVillageParty, models.PostBoth, models.Elected, true},
	} {
		err := f.svc.FollowUp.RecordElection(f.ctx, &models.Election{ReturnID: r.ID, Date: day("2025-03-01"), Committee: tc.c, Post: tc.p, Result: tc.res, TermYears: 5})
		if (err == nil) != tc.ok {
			t.Errorf("%s %s %s: %v", tc.c, tc.p, tc.res, err)
		}
	}
}

// Schema 6 keeps the serial style of a database that has issued
// certificates under the old default, and drops the drawn seal's
// settings, each change in the audit trail.
func TestSchema6KeepsIssuedSerialsInStyle(t *testing.T) {
	f := newFixture(t)
	zhang, lee := f.trainee("张三"), f.trainee("李四")
	c1 := f.completedCourse("乡村振兴专题培训班", 1, zhang)
	c2 := f.completedCourse("基层治理专题研修班", 1, lee)
	for _, c := range []*models.Course{c1, c2} {
		_, err := f.svc.Enrolment.DecideCompletion(f.ctx, c.ID)
		f.must(err)
	}
	// Issued under the old default, which was never a stored setting.
	f.must(f.db.SetSetting(f.ctx, "certificate.serial_format", "〔{year}〕第{seq}号"))
	_, err := f.svc.Certificates.IssueCertificates(f.ctx, c1.ID)
	f.must(err)
	path := f.db.Path()
	f.must(f.db.Close())

	raw, err := sql.Open("sqlite", path)
	f.must(err)
	for _, q := range []string{
		`DELETE FROM settings WHERE key = 'certificate.serial_format'`,
		`INSERT INTO settings (key, value) VALUES ('certificate.seal', 'on'), ('certificate.seal_color', '#D7000F')`,
		`DELETE FROM schema_migrations WHERE version = 6`,
	} {
		if _, err := raw.Exec(q); err != nil {
			t.Fatal(err)
		}
	}
	f.must(raw.Close())
	db, err := store.Open(path)
	f.must(err)
	t.Cleanup(func() { db.Close() })
	for key, want := range map[string]string{"certificate.serial_format": "〔{year}〕第{seq}号", "certificate.seal": "", "certificate.seal_color": ""} {
		if v, err := db.Setting(f.ctx, key); err != nil || v != want {
			t.Errorf("%s = %q, %v; want %q", key, v, err, want)
		}
	}
	entries, err := db.FindAudit(f.ctx, models.AuditFilter{Entity: "settings"})
	f.must(err)
	n := 0
	for _, e := range entries {
		if e.UserName == "schema 6" {
			n++
		}
	}
	if n != 3 {
		t.Errorf("%d audit entries of schema 6, want 3", n)
	}
	// The next serial keeps the style and the count.
	certs, err := f.service(db).Certificates.IssueCertificates(f.ctx, c2.ID)
	f.must(err)
	wantSerials(t, certs, "〔2025〕第0002号")
}

// Setting the seal's scan copies the file into the database, both in the
// audit trail; what prints is the copy, whatever becomes of the file;
// clearing the setting removes the copy.
func TestSealImageSettingIsAudited(t *testing.T) {
	f := newFixture(t)
	img := image.NewNRGBA(image.Rect(0, 0, 40, 40))
	img.Set(20, 20, color.NRGBA{R: 0xD7, A: 0xFF})
	var b bytes.Buffer
	f.must(png.Encode(&b, img))
	path := filepath.Join(t.TempDir(), "seal.png")
	f.must(os.WriteFile(path, b.Bytes(), 0o600))
	f.must(f.svc.Settings.SaveSettings(f.ctx, map[string]string{settings.CertSealImage: path}))
	kept, err := f.svc.Settings.SettingFile(f.ctx, settings.CertSealImage)
	f.must(err)
	if kept == nil || !bytes.Equal(kept.Data, b.Bytes()) || kept.Type != "PNG" {
		t.Fatalf("the copy %+v", kept)
	}
	entries, err := f.db.FindAudit(f.ctx, models.AuditFilter{})
	f.must(err)
	audited := map[string]bool{}
	for _, e := range entries {
		audited[e.Entity+"/"+e.EntityID] = true
	}
	if !audited["settings/"+settings.CertSealImage] || !audited["setting_files/"+settings.CertSealImage] {
		t.Errorf("audit entries %v", audited)
	}
	f.must(os.WriteFile(path, []byte("changed"), 0o600))
	if kept, _ := f.svc.Settings.SettingFile(f.ctx, settings.CertSealImage); kept == nil || !bytes.Equal(kept.Data, b.Bytes()) {
		t.Error("the copy followed the file")
	}
	wantCode(t, f.svc.Settings.SaveSettings(f.ctx, map[string]string{settings.CertSealImage: path}), models.EINVALID) // not an image now
	f.must(f.svc.Settings.SaveSettings(f.ctx, map[string]string{settings.CertSealImage: ""}))
	if kept, _ := f.svc.Settings.SettingFile(f.ctx, settings.CertSealImage); kept != nil {
		t.Errorf("the copy after clearing: %+v", kept)
	}
}
