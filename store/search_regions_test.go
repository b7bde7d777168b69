package store_test

import (
	"database/sql"
	"testing"

	"peiyang/models"
)

// misplacedKeys counts the search keys whose region is not their
// trainee's home city, or whose trainee is gone.
func misplacedKeys(t testing.TB, raw *sql.DB) int {
	t.Helper()
	return count(t, raw, `SELECT COUNT(*) FROM trainee_search s LEFT JOIN trainees t ON t.id = s.trainee_id
		WHERE t.id IS NULL OR s.region <> t.region_city`)
}

// On PostgreSQL every search key carries its trainee's home city, however
// the trainee was written: one at a time, in bulk, moved and renamed at
// once by Peiyang, moved by plain SQL one at a time or a whole city at
// once, de-identified. A SQLite file's keys carry none.
func TestSearchKeysCarryTheirTraineesRegion(t *testing.T) {
	if bothStores(t, TestSearchKeysCarryTheirTraineesRegion) {
		return
	}
	db := newDB(t)
	raw := rawSQL(t, db)
	deyangRegion := models.Region{Province: "四川省", City: deyang, County: "旌阳区", Code: "510603"}
	meishanRegion := models.Region{Province: "四川省", City: meishan, County: "东坡区", Code: "511402"}
	one := &models.Trainee{Name: "赵明阳", IDNumber: idNumber(601), Phone: "13812345678", Direction: models.Inflow, HomeRegion: deyangRegion}
	must(t, db.CreateTrainee(ctx, one))
	bulk := []*models.Trainee{
		{Name: "苏小妹", IDNumber: idNumber(603), Phone: "13900001111", Direction: models.Inflow, HomeRegion: meishanRegion},
		{Name: "张伟", IDNumber: idNumber(605), Direction: models.Inflow, HomeRegion: deyangRegion},
		{Name: "李明", IDNumber: idNumber(607), Direction: models.Inflow, HomeRegion: deyangRegion},
	}
	must(t, db.CreateTrainees(ctx, bulk))
	pg := db.IsPostgres()
	check := func(step string) {
		t.Helper()
		if !pg {
			if n := count(t, raw, `SELECT COUNT(*) FROM trainee_search WHERE region <> ''`); n != 0 {
				t.Fatalf("after %s, %d search keys of a SQLite file carry a region", step, n)
			}
			return
		}
		if n := misplacedKeys(t, raw); n != 0 {
			t.Fatalf("after %s, %d search keys name another region than their trainee's", step, n)
		}
	}
	check("creating")
	keysOf := func(id int64, region string) int {
		return count(t, raw, `SELECT COUNT(*) FROM trainee_search WHERE trainee_id = $1 AND region = $2`, id, region)
	}
	if pg && (keysOf(one.ID, deyang) == 0 || keysOf(bulk[0].ID, meishan) == 0) {
		t.Fatal("the trainees have no search keys of their region")
	}

	// Peiyang moves a trainee and renames it at once: the keys it keeps
	// and the keys it adds are the new region's.
	one.Name, one.HomeRegion = "赵明远", meishanRegion
	must(t, db.UpdateTrainee(ctx, one))
	check("moving and renaming")
	if pg && (keysOf(one.ID, meishan) == 0 || keysOf(one.ID, deyang) != 0) {
		t.Fatal("the moved trainee's keys stayed in its old region")
	}
	if ts, err := db.SearchTrainees(ctx, "赵明远", 5); err != nil || len(ts) != 1 || ts[0].ID != one.ID {
		t.Fatalf("the renamed trainee is not found by its new name: %v, %v", names(ts), err)
	}
	if ts, err := db.SearchTrainees(ctx, "赵明阳", 5); err != nil || len(ts) != 0 {
		t.Fatalf("the renamed trainee is found by its old name: %v, %v", names(ts), err)
	}

	// Plain SQL moves one, then a whole city: the database moves the keys.
	_, err := raw.Exec(`UPDATE trainees SET region_city = '` + deyang + `' WHERE id = ` + itoa(bulk[0].ID))
	must(t, err)
	check("moving one by plain SQL")
	_, err = raw.Exec(`UPDATE trainees SET region_city = '德阳' WHERE region_city = '` + deyang + `'`)
	must(t, err)
	check("renaming a city by plain SQL")
	if pg && keysOf(bulk[2].ID, "德阳") == 0 {
		t.Fatal("the renamed city's trainees have no keys of its new name")
	}

	must(t, db.Deidentify(ctx, []int64{bulk[1].ID}))
	check("de-identifying")
	if n := count(t, raw, `SELECT COUNT(*) FROM trainee_search WHERE trainee_id = $1`, bulk[1].ID); n == 0 {
		t.Fatal("the de-identified trainee lost the keys of its name")
	}
}

// TestRegionAccountReadsOnlyItsRegionsKeys connects as region accounts
// with plain SQL: the search keys of other regions' members are not
// there for them, they cannot add keys to another region or for another
// region's member, and a member who moves takes the keys along: visible
// to the new region, gone from the old, whether Peiyang moved it or a
// staff member's plain SQL.
func TestRegionAccountReadsOnlyItsRegionsKeys(t *testing.T) {
	onPostgres(t, func(t *testing.T) {
		f := newRegions(t)
		owner := rawSQL(t, f.db)
		dyAcct, msAcct := f.accounts[models.RoleRegion], f.meishanAcct
		dyRaw, msRaw := rawAs(t, f.db, dyAcct), rawAs(t, f.db, msAcct)
		keysOf := func(raw *sql.DB, id int64) int {
			return count(t, raw, `SELECT COUNT(*) FROM trainee_search WHERE trainee_id = $1`, id)
		}
		dy, ms := f.trainees[0], f.meishan[0]
		all := keysOf(owner, ms.ID)
		if all == 0 || keysOf(owner, dy.ID) == 0 {
			t.Fatal("the fixture's trainees have no search keys")
		}
		if n := keysOf(dyRaw, ms.ID); n != 0 {
			t.Errorf("%s reads %d search keys of %s's member", dyAcct, n, meishan)
		}
		if n := keysOf(msRaw, ms.ID); n != all {
			t.Errorf("%s reads %d of its member's %d search keys", msAcct, n, all)
		}
		for _, key := range []string{"n" + ms.Name, "d" + ms.IDNumber, "d" + ms.IDNumber[6:], "t" + ms.Phone[3:]} {
			if n := count(t, dyRaw, `SELECT COUNT(*) FROM trainee_search WHERE key = $1`, key); n != 0 {
				t.Errorf("%s finds the key %.2s… of %s's member", dyAcct, key, meishan)
			}
		}
		if n := count(t, dyRaw, `SELECT COUNT(*) FROM trainee_search WHERE region <> $1`, deyang); n != 0 {
			t.Errorf("%s reads %d search keys of other regions", dyAcct, n)
		}

		// It adds no key to another region, nor for another region's member.
		for _, c := range []struct {
			name   string
			id     int64
			region string
		}{{"another region's key", dy.ID, meishan}, {"a key of its region for another region's member", ms.ID, deyang}} {
			_, err := dyRaw.Exec(`INSERT INTO trainee_search (key, trainee_id, region) VALUES ('n假名', $1, $2)`, c.id, c.region)
			if sqlState(err) != "42501" {
				t.Errorf("%s adds %s: %v", dyAcct, c.name, err)
			}
		}

		// Peiyang moves 眉山市's member to 德阳市: the keys go along.
		ms.HomeRegion.City = deyang
		must(t, f.db.UpdateTrainee(ctx, ms))
		if n, m := keysOf(dyRaw, ms.ID), keysOf(msRaw, ms.ID); n != all || m != 0 {
			t.Errorf("after the move %s reads %d keys and %s %d, want %d and 0", dyAcct, n, msAcct, m, all)
		}
		found, err := openAs(t, f.db, dyAcct).SearchTrainees(ctx, ms.IDNumber[10:], 5)
		must(t, err)
		if len(found) != 1 || found[0].ID != ms.ID {
			t.Errorf("%s does not find its new member by a fragment of the ID number: %v", dyAcct, names(found))
		}

		// A staff member moves it back with plain SQL: the database moves
		// the keys.
		_, err = rawAs(t, f.db, f.accounts[models.RoleStaff]).Exec(
			`UPDATE trainees SET region_city = $1 WHERE id = $2`, meishan, ms.ID)
		must(t, err)
		if n, m := keysOf(dyRaw, ms.ID), keysOf(msRaw, ms.ID); n != 0 || m != all {
			t.Errorf("after the move back %s reads %d keys and %s %d, want 0 and %d", dyAcct, n, msAcct, m, all)
		}
		if n := misplacedKeys(t, owner); n != 0 {
			t.Errorf("%d search keys name another region than their trainee's", n)
		}
	})
}
