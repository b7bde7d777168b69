package cli

import (
	"context"
	"encoding/json"
	"fmt"
	"path/filepath"
	"strings"
	"testing"

	"peiyang/internal/hostile"
	"peiyang/models"
	"peiyang/settings"
	"peiyang/store"
)

// countRecords counts the trainees and audit entries of the file.
func countRecords(t *testing.T, db string) (trainees, audit int) {
	t.Helper()
	s, err := store.Open(db)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	n, err := s.CountTrainees(context.Background(), models.TraineeFilter{})
	if err != nil {
		t.Fatal(err)
	}
	es, err := s.FindAudit(context.Background(), store.AuditFilter{})
	if err != nil {
		t.Fatal(err)
	}
	return n, len(es)
}

// Every hostile value sent through the command line is refused with a
// message or stored and read back unchanged; a stored name prints or is
// refused with a message; nothing crashes and nothing is lost.
func TestHostileCommandLine(t *testing.T) {
	db := tempDB(t)
	cmd(t, db, "trainees", "add", "--name", "基准", "--id", idNumber("51062319880215123")).want(t, 0)
	for i, c := range hostile.Cases() {
		t.Run(c.Name, func(t *testing.T) {
			before, _ := countRecords(t, db)
			id := idNumber(fmt.Sprintf("5106231990%02d%02d%03d", 1+i%12, 1+i%28, 100+i))
			r := cmd(t, db, "trainees", "add", "--name", c.Value, "--id", id, "--notes", c.Value, "--employer", c.Value, "--json")
			after, _ := countRecords(t, db)
			switch r.code {
			case exitOK:
				var got models.Trainee
				if err := json.Unmarshal([]byte(r.stdout), &got); err != nil {
					t.Fatalf("trainees add --json printed %q: %v", r.stdout, err)
				}
				if after != before+1 {
					t.Fatalf("added, but %d trainees after %d", after, before)
				}
				cmd(t, db, "trainees", "show", fmt.Sprint(got.ID), "--json").want(t, 0)
				s, err := store.Open(db)
				if err != nil {
					t.Fatal(err)
				}
				tr, err := s.FindTraineeByID(context.Background(), got.ID)
				s.Close()
				if err != nil {
					t.Fatal(err)
				}
				want := models.CleanText(c.Value)
				if tr.Name != want || tr.Notes != c.Value || tr.Employer != c.Value {
					t.Errorf("read back name %q, notes %q, employer %q; sent %q", tr.Name, tr.Notes, tr.Employer, c.Value)
				}
				cmd(t, db, "trainees", "show", fmt.Sprint(got.ID)).want(t, 0)
				// The record PDF prints the name or refuses with a message.
				out := filepath.Join(t.TempDir(), "record.pdf")
				p := cmd(t, db, "print", "record", "--trainee", fmt.Sprint(got.ID), "--out", out)
				if p.code != exitOK && (p.code != exitError || strings.TrimSpace(p.stderr) == "") {
					t.Fatalf("print record: exit %d: %s", p.code, p.stderr)
				}
				t.Logf("stored; print record: exit %d %s", p.code, strings.TrimSpace(p.stderr))
			case exitError, exitUsage:
				if strings.TrimSpace(r.stderr) == "" {
					t.Fatalf("refused without a message (exit %d)", r.code)
				}
				if after != before {
					t.Fatalf("refused, but %d trainees after %d", after, before)
				}
				t.Logf("refused: %s", strings.TrimSpace(r.stderr))
			default:
				t.Fatalf("trainees add: exit %d: %s", r.code, r.stderr)
			}

			// Search: no crash, no error, whatever it finds.
			for _, args := range [][]string{{"trainees", "search", c.Value}, {"trainees", "search", c.Value, "--json"}} {
				if r := cmd(t, db, args...); r.code != exitOK && (r.code == exitUsage || strings.TrimSpace(r.stderr) == "") {
					t.Fatalf("%s: exit %d: %s", strings.Join(args, " "), r.code, r.stderr)
				}
			}
			// verify: a verdict, never a crash.
			if r := cmd(t, db, "verify", c.Value); r.code != exitOK && strings.TrimSpace(r.stdout+r.stderr) == "" {
				t.Fatalf("verify: exit %d without a message", r.code)
			}
			hostileSettings(t, db, c.Value)
		})
	}
	r := cmd(t, db, "check")
	r.want(t, 0, "ok")
}

// hostileSettings sets two settings to the value: each is stored and read
// back unchanged, or refused with a message; then they are put back.
func hostileSettings(t *testing.T, db, value string) {
	t.Helper()
	// settings: stored and read back unchanged, or refused.
	for _, key := range []string{store.SettingUserName, settings.SerialFormat} {
		r := cmd(t, db, "settings", "set", key, value)
		if r.code != exitOK {
			if strings.TrimSpace(r.stderr) == "" {
				t.Fatalf("settings set %s refused without a message", key)
			}
			continue
		}
		r = cmd(t, db, "settings", "get", key, "--json")
		r.want(t, 0)
		var got struct{ Value string }
		if err := json.Unmarshal([]byte(r.stdout), &got); err != nil || got.Value != value {
			t.Errorf("settings get %s = %s (%v); set %q", key, r.stdout, err, value)
		}
	}
	cmd(t, db, "settings", "set", store.SettingUserName, "测试员").want(t, 0)
	cmd(t, db, "settings", "set", settings.SerialFormat, settings.DefaultSerialFormat).want(t, 0)
}
