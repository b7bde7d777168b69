package cli

import (
	"context"
	"database/sql"
	"encoding/json"
	"strconv"
	"strings"
	"testing"
	"time"

	"peiyang/models"
	"peiyang/store"
	"peiyang/training"
)

// returnDB is a database with one trainee returned to a village; it
// returns the path and the return's ID.
func returnDB(t *testing.T) (string, int64) {
	t.Helper()
	path := tempDB(t)
	db, err := store.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	ctx := context.Background()
	svc := training.New(db, training.WithClock(func() time.Time { return fixedNow }))
	tr := &models.Trainee{Name: "赵明阳", IDNumber: idNumber("51062319880215123"), CurrentDistrict: "锦江区",
		HomeRegion: models.Region{Province: "四川省", City: "德阳市", County: "中江县", Code: "510623"}}
	must(t, svc.Trainees.CreateTrainee(ctx, tr))
	v := &models.Organisation{Name: "先锋村", Kind: models.OrgVillage, Region: models.Region{Province: "四川省", City: "德阳市", County: "中江县"}}
	must(t, db.CreateOrganisation(ctx, v))
	r := &models.Return{TraineeID: tr.ID, VillageID: v.ID, ReturnDate: models.MustDate("2024-03-01")}
	must(t, svc.FollowUp.RecordReturn(ctx, r))
	return path, r.ID
}

func must(t *testing.T, err error) {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
}

// The command line reads posts as ledgers write them and keeps the
// election rules: only the committee's own posts, appointment only to a
// party committee and never as 书记兼主任.
func TestElectionsRecordKeepsTheLaw(t *testing.T) {
	if bothStores(t, TestElectionsRecordKeepsTheLaw) {
		return
	}
	db, ret := returnDB(t)
	rec := func(args ...string) result {
		return cmd(t, db, append([]string{"elections", "record", "--return", strconv.FormatInt(ret, 10), "--date", "2025-03-01"}, args...)...)
	}
	rec("--post", "村委会主任", "--result", "任命").want(t, 1, "nobody can be appointed to the 村民委员会")
	rec("--post", "书记", "--committee", "村民委员会", "--result", "当选").want(t, 1, "The 村民委员会 has no post of 书记")
	rec("--post", "副职", "--committee", "村委会", "--result", "当选").want(t, 1, "副职 is not a post")
	rec("--post", "一肩挑", "--result", "上级党组织任命").want(t, 1, "Secretary and chair cannot be appointed")
	rec("--post", "委员", "--result", "当选").want(t, 1, "Say which committee")
	rec("--post", "会计", "--result", "当选").want(t, 1, "Not a post: 会计")
	rec("--post", "村委会主任", "--result", "落选了吗").want(t, 1, "Not an election result")
	rec("--post", "书记、主任", "--result", "当选").want(t, 0, "村党组织委员会书记兼主任, 当选")
	rec("--post", "党支部书记", "--result", "上级党组织任命", "--term", "3").want(t, 0, "村党组织委员会书记, 上级党组织任命, term 3 years")
	r := rec("--post", "副主任", "--result", "elected", "--json")
	r.want(t, 0)
	var el models.Election
	if err := json.Unmarshal([]byte(r.stdout), &el); err != nil || el.Committee != models.CommitteeVillagers ||
		el.Post != models.PostDeputyChair || el.Result != models.Elected || el.TermYears != 5 {
		t.Fatalf("recorded %+v (%v)", el, err)
	}
	// Updating keeps the rules too.
	id := strconv.FormatInt(el.ID, 10)
	cmd(t, db, "elections", "update", id, "--result", "任命").want(t, 1, "nobody can be appointed")
	cmd(t, db, "elections", "update", id, "--post", "委员").want(t, 0, "Updated election "+id+": 2025-03-01, 村民委员会委员, 当选")
	cmd(t, db, "elections", "delete", id).want(t, 0, "Deleted election "+id)
	cmd(t, db, "elections", "delete", id).want(t, 1, "not found")
}

// Records an upgrade found breaking the rules reach the user: a notice on
// the command that upgraded the database, and `peiyang check` lists them
// until they are corrected.
func TestCheckListsElectionsToReview(t *testing.T) {
	path, ret := returnDB(t)
	raw, err := sql.Open("sqlite", path)
	must(t, err)
	for _, q := range []string{
		`INSERT INTO elections (return_id, trainee_id, date, committee, post, result, term_years, created_at, updated_at)
		 SELECT id, trainee_id, '2024-05-01', 'villagers', 'chair', 'appointed', 3, '2024-05-02T09:00:00.000000Z', '2024-05-02T09:00:00.000000Z' FROM returns WHERE id = ` + strconv.FormatInt(ret, 10),
		`DROP TABLE review_items`,
		`DELETE FROM schema_migrations WHERE version = 3`,
	} {
		if _, err := raw.Exec(q); err != nil {
			t.Fatal(err)
		}
	}
	must(t, raw.Close())

	r := cmd(t, path, "check")
	r.want(t, 0, "integrity:      ok", "to review:      1 election record(s)", "election 1: 赵明阳, 先锋村, 2024-05-01 村民委员会主任, 上级党组织任命",
		"nobody can be appointed", "peiyang elections update ID --result 当选")
	if !strings.Contains(r.stderr, "the database was upgraded; 1 election record(s) break the election rules") {
		t.Errorf("no notice of the upgrade: %q", r.stderr)
	}
	r = cmd(t, path, "check", "--json")
	r.want(t, 0)
	if r.stderr != "" {
		t.Errorf("the notice came twice: %q", r.stderr)
	}
	var out struct {
		ToReview []training.ElectionReview `json:"to_review"`
	}
	if err := json.Unmarshal([]byte(r.stdout), &out); err != nil || len(out.ToReview) != 1 || out.ToReview[0].Election.ID != 1 {
		t.Fatalf("check --json: %s (%v)", r.stdout, err)
	}
	cmd(t, path, "elections", "update", "1", "--result", "当选").want(t, 0)
	r = cmd(t, path, "check")
	r.want(t, 0)
	if strings.Contains(r.stdout, "to review") {
		t.Errorf("a corrected record is still listed:\n%s", r.stdout)
	}
}
