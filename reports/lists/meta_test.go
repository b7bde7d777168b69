package lists

import (
	"bytes"
	"strings"
	"testing"

	"peiyang/internal/poppler"
)

// TestEveryListHasMetadata reads each document's information back with
// pdfinfo: its kind as the title, what it is about as the subject, the
// organisation as the author, the date printed and the language zh-CN.
func TestEveryListHasMetadata(t *testing.T) {
	r, l, o := record(), rosterCourse(0), outcome()
	docs := []struct {
		title, subject string
		write          func(w *bytes.Buffer) (int, error)
	}{
		{"学员花名册", l.Course.Title, func(w *bytes.Buffer) (int, error) { return Roster(w, meta, l) }},
		{"签到表", signInSessions()[0].Course.Title, func(w *bytes.Buffer) (int, error) { return SignIn(w, meta, signInSessions()) }},
		{"培养档案", r.Trainee.Name, func(w *bytes.Buffer) (int, error) { return Record(w, meta, r) }},
		{"流出地培养成果报告", regionName(o), func(w *bytes.Buffer) (int, error) { return Outcomes(w, meta, o) }},
		{"导师帮带结对名单", "流动党员导师帮带结对", func(w *bytes.Buffer) (int, error) { return Mentors(w, meta, mentorPairs()) }},
		{"跟班学习安排表", "重点村（社区）跟班学习", func(w *bytes.Buffer) (int, error) { return Placements(w, meta, villages()) }},
	}
	for _, d := range docs {
		pdf, _ := print(t, d.write)
		info := poppler.Info(t, pdf)
		want := map[string]string{"Title": d.title, "Subject": d.subject, "Author": meta.Org, "Creator": "Peiyang", "Lang": "zh-CN"}
		for k, v := range want {
			if v == "" || info[k] != v {
				t.Errorf("%s: %s is %q, want %q", d.title, k, info[k], v)
			}
		}
		if got := info["CreationDate"]; len(got) < 10 || got[:10] != today.String() {
			t.Errorf("%s: CreationDate %q, want %s", d.title, got, today)
		}
	}
}

// TestNonBMPNamesSearchable: a name with a character outside the BMP
// (𠮷 U+20BB7, 𨭎 U+28B4E) is in the text layer of the sign-in sheet and
// the record, as of the roster (TestRosterNonBMPName): pdftotext reads
// it whole, so a viewer's search finds it.
func TestNonBMPNamesSearchable(t *testing.T) {
	sessions := signInSessions()
	sessions[0].Trainees[0].Name = "王𠮷"
	sessions[0].Trainees[1].Name = "陈𨭎"
	r := record()
	r.Trainee.Name = "王𠮷"
	for name, write := range map[string]func(w *bytes.Buffer) (int, error){
		"sign-in sheet": func(w *bytes.Buffer) (int, error) { return SignIn(w, meta, sessions) },
		"record":        func(w *bytes.Buffer) (int, error) { return Record(w, meta, r) },
	} {
		pdf, _ := print(t, write)
		text := noSpace(pdfText(t, pdf))
		if !strings.Contains(text, "王𠮷") {
			t.Errorf("%s: pdftotext does not find 王𠮷 in %.300s", name, text)
		}
		if name == "sign-in sheet" && !strings.Contains(text, "陈𨭎") {
			t.Errorf("%s: pdftotext does not find 陈𨭎", name)
		}
	}
}
