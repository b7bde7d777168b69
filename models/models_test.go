package models

import (
	"errors"
	"fmt"
	"strings"
	"testing"
)

func validTrainee() *Trainee {
	return &Trainee{
		Name:      "赵明阳",
		IDNumber:  withCheck("51062319880215123")[:17] + strings.ToLower(string(IDCheckChar("51062319880215123"))),
		Phone:     "138 1234 5678",
		Ethnicity: "汉族",
	}
}

func TestTraineeValidate(t *testing.T) {
	today := MustDate("2025-11-26")
	tests := []struct {
		name   string
		change func(*Trainee)
		fields []string // fields expected to have errors; none means valid
	}{
		{"valid, gender and birth taken from ID", func(*Trainee) {}, nil},
		{"empty name", func(tr *Trainee) { tr.Name = "　 " }, []string{"name"}},
		{"name too long", func(tr *Trainee) { tr.Name = strings.Repeat("李", MaxName+1) }, []string{"name"}},
		{"control character", func(tr *Trainee) { tr.Notes = "a\x00b" }, []string{"notes"}},
		{"gender disagrees", func(tr *Trainee) { tr.Gender = Female }, []string{"gender"}},
		{"birth date disagrees", func(tr *Trainee) { tr.BirthDate = MustDate("1988-02-16") }, []string{"birth_date"}},
		{"bad ID", func(tr *Trainee) { tr.IDNumber = "510623198802151230" }, []string{"id_number"}},
		{"bad phone", func(tr *Trainee) { tr.Phone = "12345" }, []string{"phone"}},
		{"joined before 18", func(tr *Trainee) { tr.JoinedParty = MustDate("2005-01-01") }, []string{"joined_party"}},
		{"joined in future", func(tr *Trainee) { tr.JoinedParty = MustDate("2026-01-01") }, []string{"joined_party"}},
		{"bad direction", func(tr *Trainee) { tr.Direction = "sideways" }, []string{"direction"}},
		{"region code wrong province", func(tr *Trainee) {
			tr.HomeRegion = Region{Province: "四川省", City: "德阳市", Code: "110105"}
		}, []string{"home_region"}},
		{"several at once", func(tr *Trainee) { tr.Name = ""; tr.Phone = "1" }, []string{"name", "phone"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			tr := validTrainee()
			tc.change(tr)
			err := tr.Validate(today)
			if len(tc.fields) == 0 {
				if err != nil {
					t.Fatalf("valid trainee refused: %v", err)
				}
				if tr.Gender != Male || tr.BirthDate.String() != "1988-02-15" {
					t.Errorf("gender/birth not taken from ID: %s %s", tr.Gender, tr.BirthDate)
				}
				if strings.HasSuffix(tr.IDNumber, "x") || tr.Phone != "13812345678" || tr.Direction != Inflow {
					t.Errorf("not normalised: %q %q %q", tr.IDNumber, tr.Phone, tr.Direction)
				}
				return
			}
			var l ErrorList
			if !errors.As(err, &l) {
				t.Fatalf("want an ErrorList, got %v", err)
			}
			got := l.Fields()
			if fmt.Sprint(got) != fmt.Sprint(tc.fields) {
				t.Errorf("fields with errors %v, want %v (%v)", got, tc.fields, err)
			}
			if ErrorCode(err) != EINVALID {
				t.Errorf("code %s", ErrorCode(err))
			}
		})
	}
}

func TestErrorRendering(t *testing.T) {
	e := Errorf(ECONFLICT, "id_number", "A trainee with this ID number already exists: {{.Name}} (no. {{.ID}}).", "Name", "王芳", "ID", 12)
	if got := e.Error(); got != "id_number: A trainee with this ID number already exists: 王芳 (no. 12)." {
		t.Errorf("Error() = %q", got)
	}
	wrapped := fmt.Errorf("training: create trainee: %w", e)
	if ErrorCode(wrapped) != ECONFLICT {
		t.Errorf("code lost through wrapping: %s", ErrorCode(wrapped))
	}
	if ErrorCode(errors.New("disk full")) != EINTERNAL || ErrorMessage(errors.New("disk full")) != "An internal error occurred." {
		t.Error("internal errors must not leak their text as a user message")
	}
	if ErrorCode(nil) != "" {
		t.Error("nil error has a code")
	}
}

func TestDatesAndClocks(t *testing.T) {
	d, err := ParseDate("2024-09-02")
	if err != nil || d.Chinese() != "2024年9月2日" || d.AddDays(30).String() != "2024-10-02" {
		t.Fatalf("date handling: %v %s", err, d.Chinese())
	}
	if _, err := ParseDate("2024-02-30"); err == nil {
		t.Error("2024-02-30 accepted")
	}
	b, _ := d.MarshalJSON()
	var back Date
	if err := back.UnmarshalJSON(b); err != nil || !back.Equal(d) {
		t.Errorf("JSON round trip: %s %v", b, err)
	}
	c, err := ParseClock("9:05")
	if err != nil || c.String() != "09:05" {
		t.Errorf("ParseClock: %v %s", err, c)
	}
	for _, bad := range []string{"24:00", "12:60", "noon", ""} {
		if _, err := ParseClock(bad); err == nil {
			t.Errorf("ParseClock(%q) accepted", bad)
		}
	}
}

func TestSessionOverlap(t *testing.T) {
	day := MustDate("2025-03-01")
	s := &Session{Date: day, Start: NewClock(9, 0), End: NewClock(11, 30)}
	tests := []struct {
		name string
		o    *Session
		want bool
	}{
		{"same times", &Session{Date: day, Start: NewClock(9, 0), End: NewClock(11, 30)}, true},
		{"inside", &Session{Date: day, Start: NewClock(10, 0), End: NewClock(10, 30)}, true},
		{"back to back", &Session{Date: day, Start: NewClock(11, 30), End: NewClock(12, 0)}, false},
		{"before", &Session{Date: day, Start: NewClock(8, 0), End: NewClock(9, 0)}, false},
		{"one minute overlap", &Session{Date: day, Start: NewClock(11, 29), End: NewClock(12, 0)}, true},
		{"other day", &Session{Date: day.AddDays(1), Start: NewClock(9, 0), End: NewClock(11, 30)}, false},
	}
	for _, tc := range tests {
		if got := s.Overlaps(tc.o); got != tc.want || tc.o.Overlaps(s) != tc.want {
			t.Errorf("%s: Overlaps = %v, want %v", tc.name, got, tc.want)
		}
	}
}

func TestOtherValidations(t *testing.T) {
	today := MustDate("2025-11-26")
	score := 101.0
	tests := []struct {
		name  string
		err   error
		field string
	}{
		{"key village must be a village", (&Organisation{Name: "德阳市委组织部", Kind: OrgOutflow, KeyVillage: true, PlacementCapacity: 3}).Validate(), "key_village"},
		{"key village needs capacity", (&Organisation{Name: "先锋村", Kind: OrgVillage, KeyVillage: true}).Validate(), "placement_capacity"},
		{"course ends before start", (&Course{Title: "x", Theme: ThemeRural, StartDate: today, EndDate: today.AddDays(-1), Capacity: 30}).Validate(), "end_date"},
		{"course attendance over 100%", (&Course{Title: "x", Theme: ThemeRural, StartDate: today, EndDate: today, Capacity: 30, Rule: CompletionRule{MinAttendanceRate: 1.5}}).Validate(), "rule.min_attendance_rate"},
		{"session ends before start", (&Session{CourseID: 1, Date: today, Start: NewClock(10, 0), End: NewClock(9, 0), Topic: "t"}).Validate(), "end"},
		{"waitlisted without position", (&Enrolment{CourseID: 1, TraineeID: 1, Status: Waitlisted}).Validate(), "wait_position"},
		{"score over 100", (&Enrolment{CourseID: 1, TraineeID: 1, Status: Enrolled, Score: &score}).Validate(), "score"},
		{"placement bad grade", (&Placement{TraineeID: 1, VillageID: 1, StartDate: today, EndDate: today, Grade: "great"}).Validate(), "grade"},
		{"return in future", (&Return{TraineeID: 1, VillageID: 1, ReturnDate: today.AddDays(1)}).Validate(today), "return_date"},
		{"one-shoulder post on villagers' committee", (&Election{ReturnID: 1, Date: today, Committee: CommitteeVillagers, Post: PostBoth, Result: Elected}).Validate(), "post"},
		{"void without reason", (&Certificate{Serial: "s", Seq: 1, TraineeID: 1, CourseID: 1, IssuedOn: today, Status: CertVoid}).Validate(), "void_reason"},
		{"programme outflow equals inflow", (&Programme{Name: "p", InflowOrgID: 1, OutflowOrgIDs: []int64{1}}).Validate(), "outflow_org_ids"},
	}
	for _, tc := range tests {
		var l ErrorList
		if !errors.As(tc.err, &l) {
			t.Errorf("%s: want validation errors, got %v", tc.name, tc.err)
			continue
		}
		if _, ok := l.ByField()[tc.field]; !ok {
			t.Errorf("%s: no error on %s: %v", tc.name, tc.field, tc.err)
		}
	}
}

func TestToHalfWidth(t *testing.T) {
	for in, want := range map[string]string{
		"５１０６２３１９８８": "5106231988",
		"ＡＢｘ　１":      "ABx 1",
		"赵明阳":        "赵明阳",
		"":           "",
	} {
		if got := ToHalfWidth(in); got != want {
			t.Errorf("ToHalfWidth(%q) = %q, want %q", in, got, want)
		}
	}
}
