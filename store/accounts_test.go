package store_test

import (
	"database/sql"
	"errors"
	"fmt"
	"net/url"
	"strings"
	"testing"

	"github.com/jackc/pgx/v5/pgconn"

	"peiyang/internal/pgtest"
	"peiyang/models"
	"peiyang/store"
)

// accountWrites are the methods of *store.DB that change accounts, on a
// PostgreSQL database only; TestAccountWritesAreAudited checks that each
// records one entry.
var accountWrites = map[string]bool{
	"CreateAccount": true, "SetAccountRole": true, "DisableAccount": true, "SetAccountPassword": true,
}

// onPostgres runs test as the subtest postgres of t, so that newDB opens a
// database on the throwaway server.
func onPostgres(t *testing.T, test func(t *testing.T)) {
	t.Helper()
	t.Run(postgresKind, test)
}

// regions is the fixture with members of two outflow regions, 德阳市 (the
// fixture's) and 眉山市, each with an enrolment, sign-in, certificate,
// placement, mentorship with a contact, photo, return and election; and
// accounts of every role, their names prefixed by the database's name
// (roles are the server's, shared by the tests' databases).
type regions struct {
	*fixture
	meishan      []*models.Trainee
	deyangRet    *models.Return
	meishanRet   *models.Return
	meishanElect *models.Election
	deyangElect  *models.Election
	accounts     map[models.Role]string // role → account name (region: 德阳市's)
	meishanAcct  string
	password     string
}

// testPassword is the tests' accounts' password.
const testPassword = "correct horse battery"

// deyang and meishan are the two outflow regions' home cities.
const (
	deyang  = "德阳市"
	meishan = "眉山市"
)

func newRegions(t *testing.T) *regions {
	t.Helper()
	f := &regions{fixture: newFixture(t), password: testPassword}
	db := f.db
	msOrg := &models.Organisation{Name: "东坡区委组织部", Kind: models.OrgOutflow,
		Region: models.Region{Province: "四川省", City: meishan, County: "东坡区", Code: "511402"}}
	msVillage := &models.Organisation{Name: "三苏村", Kind: models.OrgVillage, KeyVillage: true, PlacementCapacity: 5,
		Region: models.Region{Province: "四川省", City: meishan, County: "东坡区", Village: "三苏村", Code: "511402"}}
	must(t, db.CreateOrganisation(ctx, msOrg))
	must(t, db.CreateOrganisation(ctx, msVillage))
	for i, name := range []string{"苏小妹", "苏大强"} {
		tr := &models.Trainee{Name: name, Gender: models.Female, IDNumber: idNumber(301 + 2*i),
			Phone: fmt.Sprintf("1390000%04d", 100+i), Direction: models.Inflow, HomeRegion: msOrg.Region,
			NominatedByID: msOrg.ID, CohortID: f.cohort.ID}
		must(t, db.CreateTrainee(ctx, tr))
		f.meishan = append(f.meishan, tr)
	}
	for _, c := range []struct {
		tr      *models.Trainee
		village *models.Organisation
		seq     int
	}{{f.trainees[0], f.village, 1}, {f.meishan[0], msVillage, 2}} {
		must(t, db.CreateEnrolment(ctx, &models.Enrolment{CourseID: f.course.ID, TraineeID: c.tr.ID, Status: models.Enrolled}))
		must(t, db.SetAttendance(ctx, &models.Attendance{SessionID: f.sessions[0].ID, TraineeID: c.tr.ID, Status: models.Present}))
		must(t, db.CreateCertificate(ctx, &models.Certificate{Serial: fmt.Sprintf("〔2024〕第%04d号", c.seq), Year: 2024, Seq: c.seq,
			TraineeID: c.tr.ID, CourseID: f.course.ID, Hours: 8, IssuedOn: models.MustDate("2024-10-01"), Status: models.CertValid}))
		must(t, db.CreatePlacement(ctx, &models.Placement{TraineeID: c.tr.ID, VillageID: c.village.ID,
			StartDate: models.MustDate("2024-10-01"), EndDate: models.MustDate("2024-10-31")}))
		m := &models.Mentorship{MentorID: f.instructor.ID, TraineeID: c.tr.ID, StartDate: models.MustDate("2024-09-01")}
		must(t, db.CreateMentorship(ctx, m))
		must(t, db.CreateContact(ctx, &models.Contact{MentorshipID: m.ID, Date: models.MustDate("2024-09-10"),
			Mode: models.ContactVisit, Summary: "走访"}))
		must(t, db.SetTraineePhoto(ctx, c.tr.ID, []byte("jpeg")))
		r := &models.Return{TraineeID: c.tr.ID, VillageID: c.village.ID, ReturnDate: models.MustDate("2024-12-01")}
		must(t, db.CreateReturn(ctx, r))
		e := &models.Election{ReturnID: r.ID, Date: models.MustDate("2025-03-01"), Committee: models.CommitteeVillageParty,
			Post: models.PostMember, Result: models.Elected, TermYears: 5}
		must(t, db.CreateElection(ctx, e))
		if c.tr == f.meishan[0] {
			f.meishanRet, f.meishanElect = r, e
		} else {
			f.deyangRet, f.deyangElect = r, e
		}
	}
	f.accounts = newAccounts(t, db, f.password)
	prefix := databaseName(t, db)
	f.meishanAcct = prefix + ".meishan"
	must(t, db.CreateAccount(ctx, &models.Account{Name: f.meishanAcct, Role: models.RoleRegion, Region: meishan}, f.password))
	return f
}

// newAccounts makes an account of each role on the test's PostgreSQL
// database, named after the database (roles are the server's, shared by
// the tests' databases), the region account's region 德阳市.
func newAccounts(t testing.TB, db *store.DB, password string) map[models.Role]string {
	t.Helper()
	accounts := map[models.Role]string{}
	prefix := databaseName(t, db)
	for _, role := range models.Roles {
		a := &models.Account{Name: prefix + "." + string(role), Role: role}
		if role == models.RoleRegion {
			a.Region = deyang
		}
		must(t, db.CreateAccount(ctx, a, password))
		accounts[role] = a.Name
	}
	return accounts
}

// databaseName is the name of the test's PostgreSQL database.
func databaseName(t testing.TB, db *store.DB) string {
	u, err := url.Parse(targetOf(t, db))
	must(t, err)
	return strings.TrimPrefix(u.Path, "/")
}

// targetAs is the test database's connection string for another user.
func targetAs(t testing.TB, db *store.DB, user string) string {
	t.Helper()
	u, err := url.Parse(targetOf(t, db))
	must(t, err)
	u.User = url.User(user)
	return u.String()
}

// rawAs connects to the test database as the account, with plain SQL, as
// any other program would.
func rawAs(t testing.TB, db *store.DB, user string) *sql.DB {
	t.Helper()
	raw, err := sql.Open("pgx", targetAs(t, db, user))
	must(t, err)
	t.Cleanup(func() { raw.Close() })
	return raw
}

// openAs opens Peiyang's store as the account.
func openAs(t testing.TB, db *store.DB, user string) *store.DB {
	t.Helper()
	other, err := store.Open(targetAs(t, db, user))
	must(t, err)
	t.Cleanup(func() { other.Close() })
	return other
}

func count(t testing.TB, q *sql.DB, query string, args ...any) int {
	t.Helper()
	var n int
	if err := q.QueryRow(query, args...).Scan(&n); err != nil {
		t.Fatalf("%s: %v", query, err)
	}
	return n
}

// sqlState is the SQLSTATE of a server's error, "" for none.
func sqlState(err error) string {
	var e *pgconn.PgError
	if errors.As(err, &e) {
		return e.Code
	}
	return ""
}

// TestRegionSeesOnlyItsMembers connects as each region account with plain
// SQL and counts every table that holds something of a trainee: a region
// account sees its own members' rows and none of the other region's, not
// even in a count; the other roles see all.
func TestRegionSeesOnlyItsMembers(t *testing.T) {
	onPostgres(t, func(t *testing.T) {
		f := newRegions(t)
		owner := rawSQL(t, f.db)
		deyangIDs := fmt.Sprintf("(%d, %d, %d)", f.trainees[0].ID, f.trainees[1].ID, f.trainees[2].ID)
		tables := map[string]string{ // table → the condition of 德阳市's rows
			"trainees":       "id IN " + deyangIDs,
			"trainee_search": "trainee_id IN " + deyangIDs,
			"trainee_photos": "trainee_id IN " + deyangIDs,
			"enrolments":     "trainee_id IN " + deyangIDs,
			"attendance":     "trainee_id IN " + deyangIDs,
			"certificates":   "trainee_id IN " + deyangIDs,
			"placements":     "trainee_id IN " + deyangIDs,
			"mentorships":    "trainee_id IN " + deyangIDs,
			"contacts":       "mentorship_id IN (SELECT id FROM mentorships WHERE trainee_id IN " + deyangIDs + ")",
			"returns":        "trainee_id IN " + deyangIDs,
			"elections":      "trainee_id IN " + deyangIDs,
			"audit_log":      "region = '" + deyang + "'",
		}
		accounts := map[string]string{f.accounts[models.RoleRegion]: deyang, f.meishanAcct: meishan}
		for acct, region := range accounts {
			raw := rawAs(t, f.db, acct)
			for table, own := range tables {
				cond := own
				if region == meishan {
					cond = "NOT (" + own + ")"
					if table == "audit_log" {
						cond = "region = '" + meishan + "'"
					}
				}
				all := count(t, owner, `SELECT COUNT(*) FROM `+table)
				want := count(t, owner, `SELECT COUNT(*) FROM `+table+` WHERE `+cond)
				if table == "audit_log" { // and its own entries: the account's creation is the owner's
					want += count(t, owner, `SELECT COUNT(*) FROM audit_log WHERE db_user = $1 AND NOT (`+cond+`)`, acct)
				}
				got := count(t, raw, `SELECT COUNT(*) FROM `+table)
				if want == 0 || want == all {
					t.Fatalf("%s: the fixture gives %s %d of %d rows: it does not tell regions apart", table, region, want, all)
				}
				if got != want {
					t.Errorf("%s counts %d rows of %s, want its region's %d (of %d)", acct, got, table, want, all)
				}
			}
			// Not even by ID number or by search key.
			other := f.meishan[0]
			if region == meishan {
				other = f.trainees[0]
			}
			if n := count(t, raw, `SELECT COUNT(*) FROM trainees WHERE id_number = $1`, other.IDNumber); n != 0 {
				t.Errorf("%s finds the other region's trainee by ID number", acct)
			}
			if n := count(t, raw, `SELECT COUNT(*) FROM trainee_search WHERE key = $1`, "n"+other.Name); n != 0 {
				t.Errorf("%s finds the other region's trainee in the search keys", acct)
			}
		}
		for _, role := range []models.Role{models.RoleAdmin, models.RoleStaff, models.RoleViewer} {
			raw := rawAs(t, f.db, f.accounts[role])
			for table := range tables {
				cond := ""
				if table == "trainee_search" && role == models.RoleViewer { // the keys of names alone
					cond = ` WHERE left(key, 1) NOT IN ('d', 't')`
				}
				if got, want := count(t, raw, `SELECT COUNT(*) FROM `+table), count(t, owner, `SELECT COUNT(*) FROM `+table+cond); got != want {
					t.Errorf("%s counts %d rows of %s, want all %d", role, got, table, want)
				}
			}
		}
	})
}

// rawCase is one statement an account runs with plain SQL, and whether
// the database lets it.
type rawCase struct {
	name    string
	query   string
	allowed map[models.Role]bool // roles allowed; the others are refused
	// rows, when set, is the rows an allowed statement changes; a region
	// account's statement on the other region's rows changes none.
	rows func(models.Role) int64
}

func allow(roles ...models.Role) map[models.Role]bool {
	m := map[models.Role]bool{}
	for _, r := range roles {
		m[r] = true
	}
	return m
}

// TestRolesThroughPlainSQL runs, as an account of each role and with
// plain SQL (not Peiyang's store), writes of every kind: a statement the
// role may not make fails with PostgreSQL's insufficient_privilege, or,
// for a region account on another region's rows, changes nothing.
func TestRolesThroughPlainSQL(t *testing.T) {
	onPostgres(t, func(t *testing.T) {
		f := newRegions(t)
		dy, ms := f.trainees[0], f.meishan[0]
		admin, staff, region, viewer := models.RoleAdmin, models.RoleStaff, models.RoleRegion, models.RoleViewer
		one := func(r models.Role) int64 { return 1 }
		oneUnlessRegion := func(r models.Role) int64 {
			if r == region {
				return 0
			}
			return 1
		}
		newTrainee := func(seq int, city string) string {
			return fmt.Sprintf(`INSERT INTO trainees (name, id_number, direction, region_city, created_at, updated_at)
				VALUES ('新人', '%s', 'inflow', '%s', 'x', 'x')`, idNumber(seq), city)
		}
		cases := []rawCase{
			{"read other region's ID number", fmt.Sprintf(`SELECT id_number FROM trainees WHERE id = %d`, ms.ID), allow(admin, staff, region), nil},
			{"read a phone", `SELECT phone FROM trainees`, allow(admin, staff, region), nil},
			{"read the masked trainees", `SELECT id_number FROM trainees_masked`, allow(viewer), nil},
			{"add a trainee of its region", newTrainee(401, deyang), allow(admin, staff, region), one},
			{"add a trainee of another region", newTrainee(403, meishan), allow(admin, staff), one},
			{"change a trainee of its region", fmt.Sprintf(`UPDATE trainees SET notes = 'x' WHERE id = %d`, dy.ID), allow(admin, staff), one},
			{"delete the other region's search keys", fmt.Sprintf(`DELETE FROM trainee_search WHERE trainee_id = %d`, ms.ID), allow(admin, staff), nil},
			{"add a course", `INSERT INTO courses (theme, title, start_date, end_date, capacity, status, created_at, updated_at)
				VALUES ('theory', '新班', '2025-01-01', '2025-01-02', 10, 'open', 'x', 'x')`, allow(admin, staff), one},
			{"enrol", fmt.Sprintf(`UPDATE enrolments SET score = 90 WHERE trainee_id = %d`, dy.ID), allow(admin, staff), one},
			{"record attendance", fmt.Sprintf(`UPDATE attendance SET status = 'late' WHERE trainee_id = %d`, dy.ID), allow(admin, staff), one},
			{"issue a certificate", fmt.Sprintf(`INSERT INTO certificates (serial, year, seq, trainee_id, course_id, issued_on, status, created_at, updated_at)
				VALUES ('X-9', 2024, 9, %d, %d, '2024-10-01', 'valid', 'x', 'x')`, dy.ID, f.course.ID), allow(admin, staff), one},
			{"void a certificate", fmt.Sprintf(`UPDATE certificates SET status = 'void' WHERE trainee_id = %d`, dy.ID), allow(admin), one},
			{"delete a certificate", fmt.Sprintf(`DELETE FROM certificates WHERE trainee_id = %d`, ms.ID), allow(), nil},
			{"place", fmt.Sprintf(`UPDATE placements SET grade = 'excellent' WHERE trainee_id = %d`, dy.ID), allow(admin, staff), one},
			{"log a contact", fmt.Sprintf(`UPDATE contacts SET summary = '电话' WHERE mentorship_id IN (SELECT id FROM mentorships WHERE trainee_id = %d)`, dy.ID), allow(admin, staff), nil},
			{"record a return of its member", fmt.Sprintf(`UPDATE returns SET notes = '回村' WHERE id = %d`, f.deyangRet.ID), allow(admin, staff, region), one},
			{"change the other region's return", fmt.Sprintf(`UPDATE returns SET notes = '回村' WHERE id = %d`, f.meishanRet.ID), allow(admin, staff, region), oneUnlessRegion},
			{"record an election of its member", fmt.Sprintf(`UPDATE elections SET term_years = 3 WHERE id = %d`, f.deyangElect.ID), allow(admin, staff, region), one},
			{"delete the other region's election", fmt.Sprintf(`DELETE FROM elections WHERE id = %d`, f.meishanElect.ID), allow(admin, staff, region), oneUnlessRegion},
			{"add an election to the other region's return", fmt.Sprintf(`INSERT INTO elections (return_id, trainee_id, date, committee, post, result, created_at, updated_at)
				VALUES (%d, %d, '2025-03-02', 'villagers', 'member', 'elected', 'x', 'x')`, f.meishanRet.ID, ms.ID), allow(admin, staff), one},
			{"add an organisation", `INSERT INTO organisations (name, kind, created_at, updated_at) VALUES ('新村', 'village', 'x', 'x')`, allow(admin, staff), one},
			{"change a setting", `INSERT INTO settings (key, value) VALUES ('org.name', 'x') ON CONFLICT (key) DO UPDATE SET value = excluded.value`, allow(admin), one},
			{"make the signing key", `INSERT INTO settings (key, value) VALUES ('certificate.signing_key', 'x') ON CONFLICT (key) DO UPDATE SET value = excluded.value`, allow(admin, staff), one},
			{"record a print", `INSERT INTO audit_log (at, action, entity) VALUES ('x', 'print', 'courses')`, allow(admin, staff, region, viewer), one},
			{"forge a change in the audit trail", `INSERT INTO audit_log (at, action, entity) VALUES ('x', 'update', 'trainees')`, allow(admin, staff, region), one},
			{"change the audit trail", `UPDATE audit_log SET action = 'x'`, allow(), nil},
			{"delete the audit trail", `DELETE FROM audit_log`, allow(), nil},
			{"truncate the audit trail", `TRUNCATE audit_log`, allow(), nil},
			{"write the accounts table", `UPDATE accounts SET role = 'admin'`, allow(), nil},
		}
		for _, role := range models.Roles {
			raw := rawAs(t, f.db, f.accounts[role])
			for _, c := range cases {
				t.Run(string(role)+"/"+c.name, func(t *testing.T) {
					tx, err := raw.Begin()
					must(t, err)
					defer tx.Rollback()
					res, err := tx.Exec(c.query)
					if !c.allowed[role] {
						if sqlState(err) != "42501" {
							t.Fatalf("%s may %s: %v", role, c.name, err)
						}
						return
					}
					if err != nil {
						t.Fatalf("%s may not %s: %v", role, c.name, err)
					}
					if c.rows != nil {
						if n, _ := res.RowsAffected(); n != c.rows(role) {
							t.Errorf("%s changed %d rows, want %d", c.name, n, c.rows(role))
						}
					}
				})
			}
		}
		checkSigningKeyGrants(t, f)
	})
}

// checkSigningKeyGrants: the signing key is the admin's and the staff's
// to read; staff make it when it is missing but never replace it.
func checkSigningKeyGrants(t *testing.T, f *regions) {
	t.Helper()
	admin, staff := models.RoleAdmin, models.RoleStaff
	// The signing key is not the region's nor the viewer's to read.
	must(t, f.db.SetSetting(ctx, "certificate.signing_key", "ed25519:secret"))
	for _, role := range models.Roles {
		n := count(t, rawAs(t, f.db, f.accounts[role]), `SELECT COUNT(*) FROM settings WHERE key = 'certificate.signing_key'`)
		if want := map[bool]int{true: 1, false: 0}[role == admin || role == staff]; n != want {
			t.Errorf("%s sees %d signing keys, want %d", role, n, want)
		}
	}
	// Staff make the key when it is missing, but never replace it.
	_, err := rawAs(t, f.db, f.accounts[staff]).Exec(`INSERT INTO settings (key, value) VALUES ('certificate.signing_key', 'x')
		ON CONFLICT (key) DO UPDATE SET value = excluded.value`)
	if sqlState(err) != "42501" {
		t.Errorf("staff replace the signing key: %v", err)
	}
}

// TestAuditNamesTheDatabaseUser checks that every entry names the
// session's user, which no one can forge, and that the owner cannot
// change or delete an entry either.
func TestAuditNamesTheDatabaseUser(t *testing.T) {
	onPostgres(t, func(t *testing.T) {
		f := newRegions(t)
		staffName := f.accounts[models.RoleStaff]
		staff := openAs(t, f.db, staffName)
		f.course.Venue = "第二教室"
		must(t, staff.UpdateCourse(ctx, f.course))
		raw := rawAs(t, f.db, staffName)
		_, err := raw.Exec(`INSERT INTO audit_log (at, action, entity, db_user) VALUES ('2025-01-01T00:00:00.000000Z', 'print', 'courses', 'someone.else')`)
		must(t, err)
		es, err := f.db.FindAudit(ctx, store.AuditFilter{})
		must(t, err)
		if es[0].DBUser != staffName || es[1].DBUser != staffName || es[1].Entity != "courses" {
			t.Errorf("the newest entries name %q and %q, want %q", es[0].DBUser, es[1].DBUser, staffName)
		}
		owner := rawSQL(t, f.db)
		for _, q := range []string{`UPDATE audit_log SET db_user = 'x'`, `DELETE FROM audit_log`} {
			if _, err := owner.Exec(q); err == nil {
				t.Errorf("the owner may %s", q)
			}
		}
	})
}

// roleOp is a change made through Peiyang's store, and the roles that may
// make it.
type roleOp struct {
	name    string
	allowed map[models.Role]bool
	run     func(db *store.DB) error
}

// TestRolesThroughPeiyang makes the same kinds of changes through
// Peiyang's store as each role: a refused one is the EFORBIDDEN error that
// names the account, and a region account's change outside its region
// says so.
func TestRolesThroughPeiyang(t *testing.T) {
	onPostgres(t, func(t *testing.T) {
		f := newRegions(t)
		admin, staff, region, viewer := models.RoleAdmin, models.RoleStaff, models.RoleRegion, models.RoleViewer
		seq := 500
		newTrainee := func(city string) *models.Trainee {
			seq += 2
			return &models.Trainee{Name: "新人", Gender: models.Male, IDNumber: idNumber(seq), Direction: models.Inflow,
				HomeRegion: models.Region{Province: "四川省", City: city}}
		}
		ops := []roleOp{
			{"create a trainee of its region", allow(admin, staff, region), func(db *store.DB) error { return db.CreateTrainee(ctx, newTrainee(deyang)) }},
			{"import trainees of its region", allow(admin, staff, region), func(db *store.DB) error {
				return db.CreateTrainees(ctx, []*models.Trainee{newTrainee(deyang), newTrainee(deyang)})
			}},
			{"create a trainee of another region", allow(admin, staff), func(db *store.DB) error { return db.CreateTrainee(ctx, newTrainee(meishan)) }},
			{"update a course", allow(admin, staff), func(db *store.DB) error {
				c, err := db.FindCourseByID(ctx, f.course.ID)
				if err != nil {
					return err
				}
				c.Capacity++
				return db.UpdateCourse(ctx, c)
			}},
			{"record attendance", allow(admin, staff), func(db *store.DB) error {
				return db.SetAttendance(ctx, &models.Attendance{SessionID: f.sessions[1].ID, TraineeID: f.trainees[0].ID, Status: models.Present})
			}},
			{"record an election of its member", allow(admin, staff, region), func(db *store.DB) error {
				return db.CreateElection(ctx, &models.Election{ReturnID: f.deyangRet.ID, Date: models.MustDate("2025-04-01"),
					Committee: models.CommitteeVillagers, Post: models.PostMember, Result: models.Elected, TermYears: 5})
			}},
			{"void a certificate", allow(admin), func(db *store.DB) error {
				cs, err := db.FindCertificates(ctx, models.CertificateFilter{})
				if err != nil || len(cs) == 0 {
					return fmt.Errorf("no certificate to void: %v", err)
				}
				cs[0].Status, cs[0].VoidReason = models.CertVoid, "录入错误"
				return db.UpdateCertificate(ctx, cs[0])
			}},
			{"change a setting", allow(admin), func(db *store.DB) error { return db.SetSetting(ctx, "org.name", "基层党务学院") }},
			{"record a print", allow(admin, staff, region, viewer), func(db *store.DB) error {
				return db.RecordAudit(ctx, "print", "courses", f.course.ID, map[string]string{"document": "roster"})
			}},
			{"reveal a member's numbers", allow(admin, staff, region), func(db *store.DB) error {
				return db.RecordAudit(ctx, "reveal", "trainee", f.trainees[0].ID, map[string]string{"from": "detail"})
			}},
			{"reveal another region's member's numbers", allow(admin, staff), func(db *store.DB) error {
				return db.RecordAudit(ctx, "reveal", "trainee", f.meishan[0].ID, map[string]string{"from": "detail"})
			}},
			{"add an account", allow(admin), func(db *store.DB) error {
				seq++
				return db.CreateAccount(ctx, &models.Account{Name: fmt.Sprintf("%s.n%d", databaseName(t, f.db), seq), Role: viewer}, f.password)
			}},
		}
		for _, role := range models.Roles {
			db := openAs(t, f.db, f.accounts[role])
			a, err := db.Account(ctx)
			must(t, err)
			if a.Role != role || a.Name != f.accounts[role] {
				t.Fatalf("the account is %s %s, want %s %s", a.Name, a.Role, f.accounts[role], role)
			}
			for _, o := range ops {
				err := o.run(db)
				switch {
				case o.allowed[role] && err != nil:
					t.Errorf("%s may not %s: %v", role, o.name, err)
				case !o.allowed[role] && models.ErrorCode(err) != models.EFORBIDDEN:
					t.Errorf("%s may %s: %v", role, o.name, err)
				case !o.allowed[role] && !strings.Contains(err.Error(), f.accounts[role]):
					t.Errorf("the refusal does not name the account: %v", err)
				}
			}
		}
		checkOutsideRegionMessage(t, f, newTrainee(meishan))
	})
}

// checkOutsideRegionMessage: a region account's new trainee of another
// region is refused with a message naming the account's region.
func checkOutsideRegionMessage(t *testing.T, f *regions, outside *models.Trainee) {
	t.Helper()
	err := openAs(t, f.db, f.accounts[models.RoleRegion]).CreateTrainee(ctx, outside)
	if !strings.Contains(models.ErrorMessage(err), deyang) {
		t.Errorf("a trainee outside the region: %v, want a message naming %s", err, deyang)
	}
}

// TestAccounts makes, lists, changes and disables accounts as an admin
// that is not the owner, and checks what each step does on the server.
func TestAccounts(t *testing.T) {
	onPostgres(t, func(t *testing.T) {
		f := newRegions(t)
		admin := openAs(t, f.db, f.accounts[models.RoleAdmin])
		name := databaseName(t, f.db) + ".wang"
		must(t, admin.CreateAccount(ctx, &models.Account{Name: name, Role: models.RoleStaff}, f.password))
		wantCode(t, admin.CreateAccount(ctx, &models.Account{Name: name, Role: models.RoleStaff}, f.password), models.ECONFLICT)
		wantCode(t, admin.CreateAccount(ctx, &models.Account{Name: databaseName(t, f.db) + ".x", Role: models.RoleStaff}, "short"), models.EINVALID)
		as, err := admin.FindAccounts(ctx)
		must(t, err)
		if len(as) != len(models.Roles)+2 {
			t.Fatalf("%d accounts, want %d", len(as), len(models.Roles)+2)
		}
		a, _ := openAs(t, f.db, name).Account(ctx)
		if a.Role != models.RoleStaff {
			t.Fatalf("the new account is %s", a.Role)
		}
		must(t, admin.SetAccountRole(ctx, name, models.RoleRegion, meishan))
		a, _ = openAs(t, f.db, name).Account(ctx)
		if a.Role != models.RoleRegion || a.Region != meishan {
			t.Fatalf("after set-role the account is %s %s", a.Role, a.Region)
		}
		raw := rawAs(t, f.db, name)
		if n := count(t, raw, `SELECT COUNT(*) FROM trainees`); n != len(f.meishan) {
			t.Errorf("the region account counts %d trainees, want %d", n, len(f.meishan))
		}
		raw.Close()
		must(t, admin.DisableAccount(ctx, name, true))
		if _, err := store.Open(targetAs(t, f.db, name)); err == nil {
			t.Error("a disabled account logs in")
		}
		as, _ = admin.FindAccounts(ctx)
		for _, x := range as {
			if x.Name == name && !x.Disabled {
				t.Error("the list shows the account enabled")
			}
		}
		must(t, admin.DisableAccount(ctx, name, false))
		openAs(t, f.db, name)
		// The others may not manage accounts, but set their own password.
		staff := openAs(t, f.db, f.accounts[models.RoleStaff])
		wantCode(t, staff.SetAccountRole(ctx, name, models.RoleAdmin, ""), models.EFORBIDDEN)
		wantCode(t, staff.SetAccountPassword(ctx, name, f.password), models.EFORBIDDEN)
		viewer := openAs(t, f.db, f.accounts[models.RoleViewer])
		must(t, viewer.SetAccountPassword(ctx, f.accounts[models.RoleViewer], "another good one"))
		// An admin cannot touch a role that is not an account.
		wantCode(t, admin.SetAccountPassword(ctx, "peiyang", f.password), models.ENOTFOUND)
		wantCode(t, admin.DisableAccount(ctx, "nobody.here", true), models.ENOTFOUND)
		// Every change is in the audit trail, with no password.
		es, err := f.db.FindAudit(ctx, store.AuditFilter{Entity: "accounts"})
		must(t, err)
		for _, e := range es {
			if strings.Contains(e.After, "SCRAM") || strings.Contains(e.After, f.password) {
				t.Errorf("a password in the audit trail: %s", e.After)
			}
		}
		if len(es) < len(models.Roles)+6 {
			t.Errorf("%d account entries in the audit trail", len(es))
		}
	})
}

// TestAccountsOnSQLite: a file has no accounts; its user is admin.
func TestAccountsOnSQLite(t *testing.T) {
	db := newDB(t)
	a, err := db.Account(ctx)
	must(t, err)
	if a.Role != models.RoleAdmin {
		t.Errorf("the desk's role is %s", a.Role)
	}
	wantCode(t, db.CreateAccount(ctx, &models.Account{Name: "x", Role: models.RoleStaff}, "long enough password"), models.EINVALID)
	_, err = db.FindAccounts(ctx)
	wantCode(t, err, models.EINVALID)
}

// TestAccountPasswords starts a server that asks for passwords over TCP,
// as a real one does, and logs in with the password an account was given,
// and after it was changed; a wrong one is refused.
func TestAccountPasswords(t *testing.T) {
	srv, err := pgtest.Start(pgtest.Options{TCP: true, Passwords: true})
	if err != nil {
		pgtest.Unavailable(t, err)
	}
	defer srv.Stop()
	must(t, srv.CreateDatabase("passwords", ""))
	db, err := store.Open(srv.URL("passwords"))
	must(t, err)
	defer db.Close()
	name := "pw.staff"
	must(t, db.CreateAccount(ctx, &models.Account{Name: name, Role: models.RoleStaff}, "first password 1"))
	login := func(password string) error {
		u, err := url.Parse(srv.URL("passwords"))
		must(t, err)
		u.User = url.UserPassword(name, password)
		other, err := store.Open(u.String())
		if err == nil {
			other.Close()
		}
		return err
	}
	must(t, login("first password 1"))
	if err := login("wrong password 1"); err == nil {
		t.Fatal("a wrong password logs in")
	} else if strings.Contains(err.Error(), "wrong password 1") {
		t.Errorf("the error shows the password: %v", err)
	}
	must(t, db.SetAccountPassword(ctx, name, "second password 2"))
	if err := login("first password 1"); err == nil {
		t.Error("the old password still logs in")
	}
	must(t, login("second password 2"))
}

// TestViewerReadsNumbersMasked: a viewer reads ID numbers, phones and
// birth dates only masked, by the server, as the masking policy masks
// them; with plain SQL the full columns and the search keys of numbers are
// refused or not there; searching by name still works.
func TestViewerReadsNumbersMasked(t *testing.T) {
	onPostgres(t, func(t *testing.T) {
		f := newFixture(t)
		accounts := newAccounts(t, f.db, testPassword)
		landline := f.trainees[1]
		landline.Phone = "028-86601234"
		must(t, f.db.UpdateTrainee(ctx, landline))
		viewer := openAs(t, f.db, accounts[models.RoleViewer])
		for _, full := range f.trainees {
			got, err := viewer.FindTraineeByID(ctx, full.ID)
			must(t, err)
			want := full.Masked()
			if got.IDNumber != want.IDNumber || got.Phone != want.Phone || got.BirthDate != want.BirthDate {
				t.Errorf("the viewer reads %s %s %v, want %s %s %v", got.IDNumber, got.Phone, got.BirthDate,
					want.IDNumber, want.Phone, want.BirthDate)
			}
			if got.Name != full.Name || got.HomeRegion != full.HomeRegion {
				t.Errorf("the viewer reads %+v", got)
			}
		}
		ts, err := viewer.FindTrainees(ctx, models.TraineeFilter{})
		must(t, err)
		for _, tr := range ts {
			if !strings.Contains(tr.IDNumber, "*") {
				t.Errorf("FindTrainees gives the viewer a full ID number")
			}
		}
		if found, err := viewer.SearchTrainees(ctx, f.trainees[0].IDNumber[10:], 0); err != nil || len(found) != 0 {
			t.Errorf("the viewer finds %d trainees by the digits of an ID number (%v)", len(found), err)
		}
		if found, err := viewer.SearchTrainees(ctx, f.trainees[0].Name, 0); err != nil || len(found) == 0 || found[0].IDNumber != f.trainees[0].Masked().IDNumber {
			t.Errorf("the viewer's search by name: %v, %v", found, err)
		}
		raw := rawAs(t, f.db, accounts[models.RoleViewer])
		for _, q := range []string{`SELECT id_number FROM trainees`, `SELECT phone FROM trainees`, `SELECT birth_date FROM trainees`, `SELECT * FROM trainees`} {
			if _, err := raw.Exec(q); sqlState(err) != "42501" {
				t.Errorf("the viewer may %s: %v", q, err)
			}
		}
		if n := count(t, raw, `SELECT COUNT(*) FROM trainee_search WHERE left(key, 1) IN ('d', 't')`); n != 0 {
			t.Errorf("the viewer reads %d search keys of numbers", n)
		}
		if n := count(t, raw, `SELECT COUNT(*) FROM trainees`); n != len(f.trainees) {
			t.Errorf("the viewer counts %d trainees", n)
		}
		for _, role := range []models.Role{models.RoleStaff, models.RoleRegion} {
			if _, err := rawAs(t, f.db, accounts[role]).Exec(`SELECT * FROM trainees_masked`); sqlState(err) != "42501" {
				t.Errorf("%s reads trainees_masked, which goes around row-level security: %v", role, err)
			}
		}
	})
}

// TestTemporaryTablesDoNotShadow: a session's temporary tables are
// searched first by default; a region account that makes a temporary
// accounts (or pg_roles) table naming itself another region's account
// still sees only its own members, since the functions the policies call
// search the schema of Peiyang's tables first.
func TestTemporaryTablesDoNotShadow(t *testing.T) {
	onPostgres(t, func(t *testing.T) {
		f := newRegions(t)
		raw := rawAs(t, f.db, f.accounts[models.RoleRegion])
		tx, err := raw.Begin()
		must(t, err)
		defer tx.Rollback()
		var schema string
		must(t, tx.QueryRow(`SELECT current_schema()`).Scan(&schema))
		for _, q := range []string{
			`CREATE TEMP TABLE accounts (name text, role text, region text, disabled int)`,
			`INSERT INTO accounts VALUES (session_user, 'region', '` + meishan + `', 0)`,
			`CREATE TEMP TABLE pg_roles (rolname text, rolsuper boolean)`,
			`INSERT INTO pg_roles VALUES (session_user, true)`,
		} {
			if _, err := tx.Exec(q); err != nil {
				t.Fatalf("%s: %v", q, err)
			}
		}
		var n int
		must(t, tx.QueryRow(`SELECT COUNT(*) FROM `+schema+`.trainees WHERE region_city = $1`, meishan).Scan(&n))
		if n != 0 {
			t.Errorf("with a temporary accounts table the region account sees %d trainees of %s", n, meishan)
		}
		must(t, tx.QueryRow(`SELECT COUNT(*) FROM `+schema+`.trainees`).Scan(&n))
		if n != len(f.trainees) {
			t.Errorf("with a temporary accounts table the region account sees %d trainees, want its %d", n, len(f.trainees))
		}
	})
}
