package cli

import (
	"bytes"
	"context"
	"database/sql"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"peiyang/internal/readonlytest"
)

// --db with no path is a usage error, in either place and either form.
func TestEmptyDBIsAUsageError(t *testing.T) {
	for _, args := range [][]string{{"--db", "", "stats"}, {"--db=", "stats"}, {"stats", "--db", ""}, {"stats", "--db="}} {
		var out, errOut bytes.Buffer
		code := run(context.Background(), args, &out, &errOut, func() time.Time { return fixedNow })
		if code != exitUsage || !strings.Contains(errOut.String(), "path of a database file") {
			t.Errorf("%q: exit %d, %s", args, code, errOut.String())
		}
	}
}

// --db in a folder that does not exist is refused and the folder is not
// made; another program's database is refused and left alone.
func TestDBFileChecked(t *testing.T) {
	missing := filepath.Join(t.TempDir(), "nonexistent", "dir", "x.db")
	cmd(t, missing, "stats").want(t, 1, "does not exist")
	if _, err := os.Stat(filepath.Dir(missing)); !os.IsNotExist(err) {
		t.Error("the folder was made")
	}
	other := filepath.Join(t.TempDir(), "photos.db")
	raw, err := sql.Open("sqlite", other)
	must(t, err)
	_, err = raw.Exec(`CREATE TABLE albums (id INTEGER PRIMARY KEY, title TEXT)`)
	must(t, err)
	must(t, raw.Close())
	before, _ := os.ReadFile(other)
	cmd(t, other, "trainees", "add", "--name", "张三", "--id", idNumber("51062319880215123")).want(t, 1, "not Peiyang's database", "albums")
	after, _ := os.ReadFile(other)
	if !bytes.Equal(before, after) {
		t.Error("the other program's database changed")
	}
	if entries, _ := os.ReadDir(filepath.Dir(other)); len(entries) != 1 {
		t.Errorf("%d files beside it", len(entries))
	}
}

// A command's --help prints its usage once, on stdout, and exits 0.
func TestCommandHelpOnce(t *testing.T) {
	r := cmd(t, tempDB(t), "trainees", "add", "--help")
	r.want(t, 0)
	if strings.Count(r.stdout, "Usage: peiyang trainees add") != 1 || r.stderr != "" {
		t.Errorf("stdout %q\nstderr %q", r.stdout, r.stderr)
	}
	r = cmd(t, tempDB(t), "stats", "--bogus")
	r.want(t, 2)
	if strings.Count(r.stderr, "Usage: peiyang stats") != 1 || r.stdout != "" {
		t.Errorf("a wrong flag: stdout %q\nstderr %q", r.stdout, r.stderr)
	}
}

// A database that cannot be written opens for reading commands, with a
// notice; a command that writes says clearly why it cannot.
func TestReadOnlyDatabaseCommands(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "peiyang.db")
	cmd(t, db, "trainees", "add", "--name", "张三", "--id", idNumber("51062319880215123")).want(t, 0)
	readonlytest.Run(t, dir, "TestReadOnlyDatabaseCommandsChild")
}

func TestReadOnlyDatabaseCommandsChild(t *testing.T) {
	dir := readonlytest.Dir()
	if dir == "" {
		t.Skip("run by TestReadOnlyDatabaseCommands")
	}
	db := filepath.Join(dir, "peiyang.db")
	for _, args := range [][]string{{"stats"}, {"check"}, {"trainees", "search", "张三"}, {"print", "calibration", "--out", filepath.Join(t.TempDir(), "c.pdf")}} {
		r := cmd(t, db, args...)
		r.want(t, 0)
		if !strings.Contains(r.stderr, "open for reading only") {
			t.Errorf("%q: no notice: %s", args, r.stderr)
		}
	}
	cmd(t, db, "trainees", "search", "张三").want(t, 0, "张三")
	// Refused with a message that says what to do (the register of
	// users beside the database is the first thing it cannot write).
	r := cmd(t, db, "trainees", "add", "--name", "李四", "--id", idNumber("44030419900307201"))
	r.want(t, 1, "peiyang.db")
	if strings.Contains(r.stderr, "permission denied") || !strings.Contains(r.stderr, "access") && !strings.Contains(r.stderr, "cannot be written") {
		t.Errorf("not a clear message: %s", r.stderr)
	}
}

// Arguments out of their range are usage errors, not odd output: a
// retention cut-off before year 1, a negative limit or record number.
func TestArgumentsBounded(t *testing.T) {
	db := tempDB(t)
	cmd(t, db, "retention", "--older-than", "100000", "--dry-run").want(t, 2, "from 1 to 100")
	cmd(t, db, "retention", "--older-than", "100", "--dry-run").want(t, 0, "Would de-identify 0")
	cmd(t, db, "audit", "--limit", "-1").want(t, 2, "--limit cannot be negative")
	cmd(t, db, "certificates", "list", "--course", "-1").want(t, 2, "--course cannot be negative")
	cmd(t, db, "certificates", "list", "--year", "-5").want(t, 2, "--year cannot be negative")
	cmd(t, db, "audit", "--limit", "0").want(t, 0)
}

// A file without a header row is reported as such, not as "header on
// row 0".
func TestImportWithoutHeaderSaysSo(t *testing.T) {
	dir := t.TempDir()
	file := filepath.Join(dir, "无表头.csv")
	if err := os.WriteFile(file, []byte("1,2,3\n4,5,6\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	r := cmd(t, filepath.Join(dir, "p.db"), "import", "trainees", file, "--dry-run")
	r.want(t, 1, "No header row found")
	if strings.Contains(r.stdout+r.stderr, "row 0") {
		t.Errorf("output: %s%s", r.stdout, r.stderr)
	}
}
