package app

import (
	"strings"
	"testing"

	"github.com/jackc/pgx/v5"

	"peiyang/models"
)

// regionOfDemo is the outflow city with the most trainees in the demo
// data, the names of its trainees, and the names of the other regions'
// trainees that none of its own bears.
func regionOfDemo(t *testing.T) (city string, own, others map[string]bool) {
	t.Helper()
	count := map[string]int{}
	for _, tr := range demoData(t).Trainees {
		count[tr.HomeRegion.City]++
	}
	for c, n := range count {
		if c != "" && n > count[city] {
			city = c
		}
	}
	if count[city] == len(demoData(t).Trainees) {
		t.Fatal("the demo data has one region only")
	}
	own, others = map[string]bool{}, map[string]bool{}
	for _, tr := range demoData(t).Trainees {
		if tr.HomeRegion.City == city {
			own[tr.Name] = true
		}
	}
	for _, tr := range demoData(t).Trainees {
		if tr.HomeRegion.City != city && !own[tr.Name] {
			others[tr.Name] = true
		}
	}
	return city, own, others
}

// shownTexts lists the texts the window shows (visibleTexts), its
// dialogs included.
func shownTexts(u *ui) []string {
	out := visibleTexts(u.win.Canvas().Content(), nil)
	for _, o := range u.win.Canvas().Overlays().List() {
		out = append(out, visibleTexts(o, nil)...)
	}
	return out
}

// regionStages counts the city's trainees per stage with plain SQL, as
// the database's owner: the furthest stage the records show (as
// training.StageOf has it).
func regionStages(t *testing.T, target, city string) map[models.Stage]int {
	t.Helper()
	conn, err := pgx.Connect(ctx, target)
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close(ctx)
	rows, err := conn.Query(ctx, `SELECT CASE
		WHEN EXISTS (SELECT 1 FROM elections x WHERE x.trainee_id = t.id AND x.result IN ($2, $3)) THEN $4
		WHEN EXISTS (SELECT 1 FROM returns x WHERE x.trainee_id = t.id) THEN $5
		WHEN EXISTS (SELECT 1 FROM mentorships x WHERE x.trainee_id = t.id) THEN $6
		WHEN EXISTS (SELECT 1 FROM placements x WHERE x.trainee_id = t.id AND x.grade IN ($7, $8, $9, $10)) THEN $11
		WHEN EXISTS (SELECT 1 FROM enrolments x WHERE x.trainee_id = t.id AND x.status = $12) THEN $13
		ELSE $14 END, count(*)
		FROM trainees t WHERE t.region_city = $1 GROUP BY 1`,
		city, string(models.Elected), string(models.Appointed), string(models.StageElected), string(models.StageReturned),
		string(models.StageMentored), string(models.GradeNone), string(models.GradeExcellent), string(models.GradeGood),
		string(models.GradePass), string(models.StagePlaced), string(models.Completed), string(models.StageTrained),
		string(models.StageNominated))
	if err != nil {
		t.Fatal(err)
	}
	out := map[models.Stage]int{}
	for rows.Next() {
		var st string
		var n int
		if err := rows.Scan(&st, &n); err != nil {
			t.Fatal(err)
		}
		out[models.Stage(st)] = n
	}
	if err := rows.Err(); err != nil {
		t.Fatal(err)
	}
	return out
}

// checkRegionDashboard compares the region account's dashboard with the
// city's counts read as the owner.
func checkRegionDashboard(t *testing.T, e *testEnv, target, city string) {
	t.Helper()
	want := regionStages(t, target, city)
	total := 0
	for _, n := range want {
		total += n
	}
	if total == 0 {
		t.Fatalf("%s has no trainees", city)
	}
	var p = e.u.dashboard.data.pipeline
	if p.Overall.Total != total {
		t.Errorf("the region account's dashboard counts %d trainees, %s has %d", p.Overall.Total, city, total)
	}
	for _, st := range models.Stages {
		if p.Overall.At[st] != want[st] {
			t.Errorf("the region account's dashboard counts %d trainees %s, %s has %d", p.Overall.At[st], st, city, want[st])
		}
	}
	if len(p.ByCity) != 1 || p.ByCity[0].Key != city {
		t.Errorf("the region account's dashboard groups the trainees by %v, want %s alone", p.ByCity, city)
	}
	if !shows(e.u.dashboard.box, formatInt(total)) {
		t.Errorf("the dashboard does not show %d", total)
	}
	// Its heading says whose trainees they are.
	if want := T("dashboard.summary_region", "Region", city, "N", formatInt(total)); e.u.dashboard.summary.Text != want {
		t.Errorf("the region account's dashboard says %q, want %q", e.u.dashboard.summary.Text, want)
	}
}

// A region account's window, on every route (PostgreSQL, row-level
// security): no other region's trainee named anywhere, the dashboard's
// counts the city's own (plain SQL as the owner), and only what the role
// table lets a region do: no write button of anything else, those hidden
// refusing when reached anyway, and the database as it was.
func TestRegionAccountOnEveryRoute(t *testing.T) {
	city, own, others := regionOfDemo(t)
	db, svc, target := accountDB(t, models.RoleRegion, city)
	before := fingerprint(t, target)
	for _, route := range everyRoute {
		e, close := openWindow(t, db, svc, route)
		checkRoute(t, e, route)
		seen := 0
		for _, text := range shownTexts(e.u) {
			for name := range others {
				if strings.Contains(text, name) {
					t.Errorf("%s: the %s account sees %q, a trainee of another region, in %q", route, city, name, text)
				}
			}
			for name := range own {
				if strings.Contains(text, name) {
					seen++
				}
			}
		}
		if route == "trainees" && seen == 0 {
			t.Errorf("trainees: the %s account sees none of its own trainees", city)
		}
		if route == "dashboard" {
			checkRegionDashboard(t, e, target, city)
		}
		close()
	}
	if after := fingerprint(t, target); after != before {
		t.Errorf("the region account's attempts changed the database:\nbefore %s\nafter  %s", before, after)
	}
}
