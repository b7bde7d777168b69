package store_test

import (
	"reflect"
	"testing"

	"peiyang/models"
	"peiyang/store"
)

func TestPlacementCRUDAndFilters(t *testing.T) {
	if bothStores(t, TestPlacementCRUDAndFilters) {
		return
	}
	f := newFixture(t)
	db := f.db
	other := &models.Organisation{Name: "战旗村", Kind: models.OrgVillage, KeyVillage: true, PlacementCapacity: 3}
	must(t, db.CreateOrganisation(ctx, other))
	p1 := &models.Placement{TraineeID: f.trainees[0].ID, VillageID: f.village.ID, StartDate: models.MustDate("2024-10-01"),
		EndDate: models.MustDate("2024-10-31"), Supervisor: "王书记"}
	p2 := &models.Placement{TraineeID: f.trainees[1].ID, VillageID: other.ID, StartDate: models.MustDate("2024-10-01"),
		EndDate: models.MustDate("2024-11-30"), Grade: models.GradeGood, Comment: "表现良好"}
	must(t, db.CreatePlacement(ctx, p1))
	must(t, db.CreatePlacement(ctx, p2))
	got, err := db.FindPlacementByID(ctx, p2.ID)
	must(t, err)
	if !reflect.DeepEqual(got, p2) {
		t.Errorf("read back\n%+v\nwant\n%+v", got, p2)
	}
	for _, tt := range []struct {
		filter models.PlacementFilter
		want   []int64
	}{
		{models.PlacementFilter{}, []int64{p1.ID, p2.ID}},
		{models.PlacementFilter{TraineeID: f.trainees[1].ID}, []int64{p2.ID}},
		{models.PlacementFilter{VillageID: f.village.ID}, []int64{p1.ID}},
		{models.PlacementFilter{ActiveOnly: true}, []int64{p1.ID}},
		{models.PlacementFilter{Page: models.Page{AfterID: p1.ID, Limit: 1}}, []int64{p2.ID}},
	} {
		ps, err := db.FindPlacements(ctx, tt.filter)
		must(t, err)
		if g := ids(ps, func(p *models.Placement) int64 { return p.ID }); !reflect.DeepEqual(g, tt.want) {
			t.Errorf("FindPlacements(%+v) = %v, want %v", tt.filter, g, tt.want)
		}
	}
	p1.Grade = models.GradeExcellent
	must(t, db.UpdatePlacement(ctx, p1))
	if got, _ := db.FindPlacementByID(ctx, p1.ID); got.Grade != models.GradeExcellent {
		t.Errorf("grade not saved")
	}
	must(t, db.DeletePlacement(ctx, p1.ID))
	_, err = db.FindPlacementByID(ctx, p1.ID)
	wantCode(t, err, models.ENOTFOUND)
	wantCode(t, db.UpdatePlacement(ctx, p1), models.ENOTFOUND)
	wantCode(t, db.DeletePlacement(ctx, p1.ID), models.ENOTFOUND)
}

func TestMentorshipAndContacts(t *testing.T) {
	if bothStores(t, TestMentorshipAndContacts) {
		return
	}
	f := newFixture(t)
	db := f.db
	open := &models.Mentorship{MentorID: f.instructor.ID, TraineeID: f.trainees[0].ID,
		StartDate: models.MustDate("2024-09-01"), Goals: "熟悉村务"}
	ended := &models.Mentorship{MentorID: f.instructor.ID, TraineeID: f.trainees[1].ID,
		StartDate: models.MustDate("2024-01-01"), EndDate: models.MustDate("2024-06-30")}
	must(t, db.CreateMentorship(ctx, open))
	must(t, db.CreateMentorship(ctx, ended))
	got, err := db.FindMentorshipByID(ctx, open.ID)
	must(t, err)
	if !reflect.DeepEqual(got, open) {
		t.Errorf("read back\n%+v\nwant\n%+v", got, open)
	}
	for _, tt := range []struct {
		filter models.MentorshipFilter
		want   []int64
	}{
		{models.MentorshipFilter{}, []int64{open.ID, ended.ID}},
		{models.MentorshipFilter{MentorID: f.instructor.ID}, []int64{open.ID, ended.ID}},
		{models.MentorshipFilter{TraineeID: f.trainees[1].ID}, []int64{ended.ID}},
		{models.MentorshipFilter{ActiveOn: models.MustDate("2024-06-30")}, []int64{ended.ID}},
		{models.MentorshipFilter{ActiveOn: models.MustDate("2024-07-01")}, []int64{}},
		{models.MentorshipFilter{ActiveOn: models.MustDate("2025-01-01")}, []int64{open.ID}},
		{models.MentorshipFilter{Page: models.Page{Limit: 1}}, []int64{open.ID}},
		{models.MentorshipFilter{Page: models.Page{AfterID: open.ID}}, []int64{ended.ID}},
	} {
		ms, err := db.FindMentorships(ctx, tt.filter)
		must(t, err)
		if g := ids(ms, func(m *models.Mentorship) int64 { return m.ID }); !reflect.DeepEqual(g, tt.want) {
			t.Errorf("FindMentorships(%+v) = %v, want %v", tt.filter, g, tt.want)
		}
	}
	open.EndDate = models.MustDate("2025-08-31")
	must(t, db.UpdateMentorship(ctx, open))
	if got, _ := db.FindMentorshipByID(ctx, open.ID); !got.EndDate.Equal(open.EndDate) {
		t.Errorf("end date not saved")
	}

	c3 := checkContacts(t, db, open, ended)
	wantCode(t, db.DeleteMentorship(ctx, ended.ID), models.ECONFLICT) // has a contact
	must(t, db.DeleteContact(ctx, c3.ID))
	wantCode(t, db.DeleteContact(ctx, c3.ID), models.ENOTFOUND)
	_, err = db.FindContactByID(ctx, c3.ID)
	wantCode(t, err, models.ENOTFOUND)
	must(t, db.DeleteMentorship(ctx, ended.ID))
	wantCode(t, db.UpdateMentorship(ctx, ended), models.ENOTFOUND)
	wantCode(t, db.UpdateContact(ctx, c3), models.ENOTFOUND)
}

// checkContacts records contacts on the two mentorships, reads, filters
// and updates them; it returns the one on ended.
func checkContacts(t *testing.T, db *store.DB, open, ended *models.Mentorship) *models.Contact {
	t.Helper()
	c2 := &models.Contact{MentorshipID: open.ID, Date: models.MustDate("2024-10-15"), Mode: models.ContactVisit, Summary: "走访"}
	c1 := &models.Contact{MentorshipID: open.ID, Date: models.MustDate("2024-09-20"), Mode: models.ContactPhone, Summary: "电话"}
	c3 := &models.Contact{MentorshipID: ended.ID, Date: models.MustDate("2024-02-01"), Mode: models.ContactVideo, Summary: "视频"}
	for _, c := range []*models.Contact{c2, c1, c3} {
		must(t, db.CreateContact(ctx, c))
	}
	gotC, err := db.FindContactByID(ctx, c1.ID)
	must(t, err)
	if !reflect.DeepEqual(gotC, c1) {
		t.Errorf("contact read back %+v, want %+v", gotC, c1)
	}
	for _, tt := range []struct {
		filter models.ContactFilter
		want   []int64
	}{
		{models.ContactFilter{}, []int64{c3.ID, c1.ID, c2.ID}},
		{models.ContactFilter{MentorshipID: open.ID}, []int64{c1.ID, c2.ID}},
		{models.ContactFilter{MentorshipID: open.ID, Page: models.Page{Limit: 1}}, []int64{c1.ID}},
		{models.ContactFilter{MentorshipID: open.ID, Page: models.Page{AfterID: c1.ID}}, []int64{c2.ID}},
	} {
		cs, err := db.FindContacts(ctx, tt.filter)
		must(t, err)
		if g := ids(cs, func(c *models.Contact) int64 { return c.ID }); !reflect.DeepEqual(g, tt.want) {
			t.Errorf("FindContacts(%+v) = %v, want %v", tt.filter, g, tt.want)
		}
	}
	c1.Summary = "电话沟通"
	must(t, db.UpdateContact(ctx, c1))
	if gotC, _ := db.FindContactByID(ctx, c1.ID); gotC.Summary != "电话沟通" {
		t.Error("contact update not saved")
	}
	return c3
}

func TestReturnsAndElections(t *testing.T) {
	if bothStores(t, TestReturnsAndElections) {
		return
	}
	f := newFixture(t)
	db := f.db
	r1 := &models.Return{TraineeID: f.trainees[0].ID, VillageID: f.village.ID, ReturnDate: models.MustDate("2024-12-01")}
	pidu := &models.Trainee{Name: "刘芳", IDNumber: idNumber(300), Direction: models.Inflow,
		HomeRegion: models.Region{Province: "四川省", City: "成都市", County: "郫都区", Code: "510117"}}
	must(t, db.CreateTrainee(ctx, pidu))
	r2 := &models.Return{TraineeID: pidu.ID, VillageID: f.village.ID, ReturnDate: models.MustDate("2025-02-01"), Notes: "返乡"}
	must(t, db.CreateReturn(ctx, r1))
	must(t, db.CreateReturn(ctx, r2))
	got, err := db.FindReturnByID(ctx, r2.ID)
	must(t, err)
	if !reflect.DeepEqual(got, r2) {
		t.Errorf("read back\n%+v\nwant\n%+v", got, r2)
	}
	for _, tt := range []struct {
		filter models.ReturnFilter
		want   []int64
	}{
		{models.ReturnFilter{}, []int64{r1.ID, r2.ID}},
		{models.ReturnFilter{TraineeID: pidu.ID}, []int64{r2.ID}},
		{models.ReturnFilter{VillageID: f.village.ID}, []int64{r1.ID, r2.ID}},
		{models.ReturnFilter{Region: "中江"}, []int64{r1.ID}},
		{models.ReturnFilter{Region: "510117"}, []int64{r2.ID}},
		{models.ReturnFilter{Year: 2025}, []int64{r2.ID}},
		{models.ReturnFilter{Page: models.Page{AfterID: r1.ID}}, []int64{r2.ID}},
	} {
		rs, err := db.FindReturns(ctx, tt.filter)
		must(t, err)
		if g := ids(rs, func(r *models.Return) int64 { return r.ID }); !reflect.DeepEqual(g, tt.want) {
			t.Errorf("FindReturns(%+v) = %v, want %v", tt.filter, g, tt.want)
		}
	}
	r1.Notes = "已回村"
	must(t, db.UpdateReturn(ctx, r1))
	if got, _ := db.FindReturnByID(ctx, r1.ID); got.Notes != "已回村" {
		t.Error("return update not saved")
	}

	checkElections(t, f, r1, r2, pidu)
}

// checkElections creates, finds, changes and deletes elections on the
// returns r1 (of the fixture's first trainee) and r2 (of pidu).
func checkElections(t *testing.T, f *fixture, r1, r2 *models.Return, pidu *models.Trainee) {
	db := f.db
	// An election's trainee comes from its return, and must match it.
	e1 := &models.Election{ReturnID: r1.ID, Date: models.MustDate("2025-03-01"), Committee: models.CommitteeVillageParty,
		Post: models.PostSecretary, Result: models.Elected, TermYears: 5}
	must(t, db.CreateElection(ctx, e1))
	if e1.TraineeID != f.trainees[0].ID {
		t.Errorf("election trainee %d, want the return's %d", e1.TraineeID, f.trainees[0].ID)
	}
	wrong := &models.Election{ReturnID: r1.ID, TraineeID: pidu.ID, Date: models.MustDate("2025-03-01"),
		Committee: models.CommitteeVillagers, Post: models.PostMember, Result: models.Elected}
	wantCode(t, db.CreateElection(ctx, wrong), models.EINVALID)
	e2 := &models.Election{ReturnID: r2.ID, Date: models.MustDate("2026-03-01"), Committee: models.CommitteeVillagers,
		Post: models.PostMember, Result: models.NotElected}
	must(t, db.CreateElection(ctx, e2))
	gotE, err := db.FindElectionByID(ctx, e2.ID)
	must(t, err)
	if !reflect.DeepEqual(gotE, e2) {
		t.Errorf("election read back\n%+v\nwant\n%+v", gotE, e2)
	}
	for _, tt := range []struct {
		filter models.ElectionFilter
		want   []int64
	}{
		{models.ElectionFilter{}, []int64{e1.ID, e2.ID}},
		{models.ElectionFilter{ReturnID: r2.ID}, []int64{e2.ID}},
		{models.ElectionFilter{TraineeID: f.trainees[0].ID}, []int64{e1.ID}},
		{models.ElectionFilter{Committee: models.CommitteeVillagers}, []int64{e2.ID}},
		{models.ElectionFilter{Post: models.PostSecretary}, []int64{e1.ID}},
		{models.ElectionFilter{Result: models.NotElected}, []int64{e2.ID}},
		{models.ElectionFilter{Year: 2025}, []int64{e1.ID}},
		{models.ElectionFilter{Region: "德阳"}, []int64{e1.ID}},
		{models.ElectionFilter{Page: models.Page{Limit: 1}}, []int64{e1.ID}},
		{models.ElectionFilter{Page: models.Page{AfterID: e1.ID}}, []int64{e2.ID}},
	} {
		es, err := db.FindElections(ctx, tt.filter)
		must(t, err)
		if g := ids(es, func(e *models.Election) int64 { return e.ID }); !reflect.DeepEqual(g, tt.want) {
			t.Errorf("FindElections(%+v) = %v, want %v", tt.filter, g, tt.want)
		}
	}
	e2.Result = models.Appointed
	must(t, db.UpdateElection(ctx, e2))
	if got, _ := db.FindElectionByID(ctx, e2.ID); got.Result != models.Appointed {
		t.Error("election update not saved")
	}
	wantCode(t, db.DeleteReturn(ctx, r2.ID), models.ECONFLICT) // has an election
	must(t, db.DeleteElection(ctx, e2.ID))
	wantCode(t, db.DeleteElection(ctx, e2.ID), models.ENOTFOUND)
	_, err = db.FindElectionByID(ctx, e2.ID)
	wantCode(t, err, models.ENOTFOUND)
	must(t, db.DeleteReturn(ctx, r2.ID))
	_, err = db.FindReturnByID(ctx, r2.ID)
	wantCode(t, err, models.ENOTFOUND)
	wantCode(t, db.UpdateReturn(ctx, r2), models.ENOTFOUND)
	wantCode(t, db.UpdateElection(ctx, e2), models.ENOTFOUND)
}

func TestCertificates(t *testing.T) {
	if bothStores(t, TestCertificates) {
		return
	}
	f := newFixture(t)
	db := f.db
	n, err := db.LastCertificateSeq(ctx, 2024)
	must(t, err)
	if n != 0 {
		t.Errorf("LastCertificateSeq on no certificates = %d", n)
	}
	mk := func(year, seq int, trainee int64) *models.Certificate {
		return &models.Certificate{Serial: "〔" + itoa(int64(year)) + "〕第" + itoa(int64(seq)) + "号", Year: year, Seq: seq,
			TraineeID: trainee, CourseID: f.course.ID, Hours: 8, IssuedOn: models.MustDate("2024-10-01"), Status: models.CertValid}
	}
	c2 := mk(2024, 2, f.trainees[1].ID)
	c1 := mk(2024, 1, f.trainees[0].ID)
	c3 := mk(2025, 1, f.trainees[0].ID)
	for _, c := range []*models.Certificate{c2, c1, c3} {
		must(t, db.CreateCertificate(ctx, c))
	}
	got, err := db.FindCertificateBySerial(ctx, c1.Serial)
	must(t, err)
	if !reflect.DeepEqual(got, c1) {
		t.Errorf("read back\n%+v\nwant\n%+v", got, c1)
	}
	_, err = db.FindCertificateBySerial(ctx, "〔2030〕第1号")
	wantCode(t, err, models.ENOTFOUND)
	if got, _ := db.FindCertificateByID(ctx, c3.ID); got == nil || got.Serial != c3.Serial {
		t.Error("FindCertificateByID")
	}
	if n, _ := db.LastCertificateSeq(ctx, 2024); n != 2 {
		t.Errorf("LastCertificateSeq(2024) = %d, want 2", n)
	}
	// Serial and (year, seq) are unique.
	err = db.CreateCertificate(ctx, mk(2024, 1, f.trainees[2].ID))
	wantCode(t, err, models.ECONFLICT)
	sameNumber := mk(2024, 2, f.trainees[2].ID)
	sameNumber.Serial = "another"
	err = db.CreateCertificate(ctx, sameNumber)
	wantCode(t, err, models.ECONFLICT)
	if models.ErrorMessage(err) != "The certificate number is already taken for this year." {
		t.Errorf("conflict message %q", models.ErrorMessage(err))
	}

	for _, tt := range []struct {
		filter models.CertificateFilter
		want   []int64
	}{
		{models.CertificateFilter{}, []int64{c1.ID, c2.ID, c3.ID}},
		{models.CertificateFilter{Year: 2024}, []int64{c1.ID, c2.ID}},
		{models.CertificateFilter{TraineeID: f.trainees[0].ID}, []int64{c1.ID, c3.ID}},
		{models.CertificateFilter{CourseID: f.course.ID, Page: models.Page{Limit: 2}}, []int64{c1.ID, c2.ID}},
		{models.CertificateFilter{Page: models.Page{AfterID: c2.ID}}, []int64{c3.ID}},
		{models.CertificateFilter{Status: models.CertVoid}, []int64{}},
	} {
		cs, err := db.FindCertificates(ctx, tt.filter)
		must(t, err)
		if g := ids(cs, func(c *models.Certificate) int64 { return c.ID }); !reflect.DeepEqual(g, tt.want) {
			t.Errorf("FindCertificates(%+v) = %v, want %v", tt.filter, g, tt.want)
		}
	}
	c2.Status, c2.VoidReason = models.CertVoid, "姓名错误"
	must(t, db.UpdateCertificate(ctx, c2))
	if cs, _ := db.FindCertificates(ctx, models.CertificateFilter{Status: models.CertVoid}); len(cs) != 1 || cs[0].VoidReason != "姓名错误" {
		t.Errorf("void not saved: %+v", cs)
	}
	c3.ID = 9999
	wantCode(t, db.UpdateCertificate(ctx, c3), models.ENOTFOUND)
}
