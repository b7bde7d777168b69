package store

import (
	"bytes"
	"context"
	"database/sql"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"net/url"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"sort"
	"strings"
	"sync"
	"time"

	"modernc.org/sqlite"

	"peiyang/models"
)

// The database file is checked before Open changes anything in it or
// beside it: Open never creates a folder, and never turns another
// program's SQLite file into a Peiyang database (adding tables, turning it
// to WAL mode, tightening its mode).

// ApplicationID is the SQLite application_id that marks a file as
// Peiyang's database ("PYNG"); migrate sets it.
const ApplicationID = 0x50594E47

// Messages of the database file's checks.
const (
	MsgNoFolder      = "The folder {{.Dir}} does not exist; Peiyang makes a database only in an existing folder. Create the folder first, or give another --db."
	MsgNotAFile      = "{{.File}} is not a file (it is a folder, a device or a pipe), so it cannot be a database."
	MsgNotSQLite     = "{{.File}} is not a database (not an SQLite file); Peiyang changed nothing in it. Give another file with --db."
	MsgForeignApp    = "{{.File}} is the database of another program; Peiyang changed nothing in it. Give another file with --db."
	MsgForeignTables = "{{.File}} is not Peiyang's database: it holds the tables {{.Tables}}; Peiyang changed nothing in it. Give another file with --db."
	MsgNotWritable   = "The database {{.File}} cannot be written (the file or its folder is read-only)."
	MsgReadOnly      = "The database {{.File}} is open for reading only (the file or its folder is read-only); nothing was changed."
	MsgNeedsUpgrade  = "The database {{.File}} was made by an older version and must be upgraded, which needs it writable; open it once where it can be written."
)

// ErrNotWritable is found (errors.Is) in the error of Open when the file
// or its folder cannot be written: OpenReadOnly may open it for reading.
var ErrNotWritable = errors.New("store: the database cannot be written")

// notWritable is the error of a database that cannot be written: the
// person's message, and ErrNotWritable for the callers.
type notWritable struct{ de *models.Error }

func (e *notWritable) Error() string   { return e.de.Error() }
func (e *notWritable) Unwrap() []error { return []error{e.de, ErrNotWritable} }

func notWritableErr(msg, path string) error {
	return &notWritable{models.Errorf(models.EINVALID, "", msg, "File", filepath.Base(path))}
}

// fileErr is an EINVALID error about the database file.
func fileErr(msg, path string, data ...any) error {
	return models.Errorf(models.EINVALID, "", msg, append([]any{"File", path, "Dir", filepath.Dir(path)}, data...)...)
}

// checkFile checks the file at path (absolute) before anything is
// changed: its folder exists; a file there is a regular file, empty, or an
// SQLite database that is Peiyang's, marked with ApplicationID or, made
// before the mark, holding Peiyang's tables only; or holding no table at
// all. It reports whether the file exists (and is not empty).
func checkFile(path string) (exists bool, err error) {
	dir := filepath.Dir(path)
	if fi, err := os.Stat(dir); err != nil || !fi.IsDir() {
		return false, fileErr(MsgNoFolder, path)
	}
	fi, err := os.Stat(path)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return false, nil
	case err != nil:
		return false, fmt.Errorf("store: open: %w", err)
	case !fi.Mode().IsRegular():
		return false, fileErr(MsgNotAFile, path)
	case fi.Size() == 0:
		return false, nil
	}
	head := make([]byte, 100)
	f, err := os.Open(path)
	if err != nil {
		return false, fmt.Errorf("store: open: %w", err)
	}
	n, err := io.ReadFull(f, head)
	f.Close()
	if err != nil && !errors.Is(err, io.ErrUnexpectedEOF) {
		return false, fmt.Errorf("store: open: %w", err)
	}
	if n < 100 || !bytes.HasPrefix(head, []byte("SQLite format 3\x00")) {
		return false, fileErr(MsgNotSQLite, path)
	}
	switch id := binary.BigEndian.Uint32(head[68:72]); {
	case id == ApplicationID:
		return true, nil
	case id != 0:
		return false, fileErr(MsgForeignApp, path)
	}
	tables, err := listTables(path)
	if err != nil {
		return false, fmt.Errorf("store: open %s: %w", filepath.Base(path), err)
	}
	known := knownTables()
	var foreign []string
	for _, t := range tables {
		if !known[t] {
			foreign = append(foreign, t)
		}
	}
	if len(tables) > 0 && !slices.Contains(tables, "schema_migrations") && len(foreign) == 0 {
		foreign = tables // Peiyang's table names, but not Peiyang's file
	}
	if len(foreign) > 0 {
		if len(foreign) > 5 {
			foreign = append(foreign[:5], "…")
		}
		return false, fileErr(MsgForeignTables, path, "Tables", strings.Join(foreign, ", "))
	}
	return true, nil
}

// listTables lists the tables of an SQLite file through a read-only
// connection that changes nothing.
func listTables(path string) (_ []string, err error) {
	db, err := sql.Open("sqlite", readOnlyDSN(path, false))
	if err != nil {
		return nil, err
	}
	defer db.Close()
	rows, err := db.Query(`SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite\_%' ESCAPE '\'`)
	if err != nil {
		return nil, err
	}
	defer closeChecked(rows, &err)
	var out []string
	for rows.Next() {
		var name string
		if err := rows.Scan(&name); err != nil {
			return nil, err
		}
		out = append(out, name)
	}
	sort.Strings(out)
	return out, rows.Err()
}

var (
	knownOnce sync.Once
	known     map[string]bool
)

// knownTables are the tables Peiyang's migrations create, by name.
func knownTables() map[string]bool {
	knownOnce.Do(func() {
		known = map[string]bool{"schema_migrations": true}
		re := regexp.MustCompile(`(?i)\b(?:CREATE\s+(?:VIRTUAL\s+)?TABLE\s+(?:IF\s+NOT\s+EXISTS\s+)?|RENAME\s+TO\s+)"?(\w+)`)
		ms, _ := migrations()
		for _, m := range ms {
			for _, g := range re.FindAllStringSubmatch(m.sql, -1) {
				known[g[1]] = true
			}
		}
	})
	return known
}

// readOnlyDSN is the connection string of a read-only connection:
// nothing is changed, the journal mode included; immutable also tells
// SQLite that nobody writes the file, for a folder where it cannot make
// the WAL's shared-memory file.
func readOnlyDSN(path string, immutable bool) string {
	p := filepath.ToSlash(path)
	if !strings.HasPrefix(p, "/") {
		p = "/" + p
	}
	q := []string{"mode=ro", fmt.Sprintf("_pragma=busy_timeout(%d)", busyTimeout.Milliseconds()),
		"_pragma=foreign_keys(1)", "_pragma=query_only(1)"}
	if immutable {
		q = append(q, "immutable=1")
	}
	u := url.URL{Path: p}
	return "file://" + u.EscapedPath() + "?" + strings.Join(q, "&")
}

// CheckOpen checks the database file at path as Open does before it
// changes anything (see checkFile): callers that put files beside the
// database (its register of users) check it first.
func CheckOpen(path string) error {
	abs, err := filepath.Abs(path)
	if err != nil {
		return fmt.Errorf("store: open: %w", err)
	}
	_, err = checkFile(abs)
	return err
}

// IsNotWritable reports whether err says the database, its folder or a
// file beside it cannot be written: ErrNotWritable, a permission error or
// a read-only file system.
func IsNotWritable(err error) bool {
	return errors.Is(err, ErrNotWritable) || errors.Is(err, fs.ErrPermission) || isReadOnlyFS(err)
}

// isNotWritable reports whether err says the file or its folder cannot be
// written.
func isNotWritable(err error) bool {
	if errors.Is(err, fs.ErrPermission) || isReadOnlyFS(err) {
		return true
	}
	var se *sqlite.Error
	if errors.As(err, &se) {
		switch se.Code() & 0xFF {
		case 8, 14: // SQLITE_READONLY, SQLITE_CANTOPEN
			return true
		}
	}
	return false
}

// folderWritable reports whether a file can be made in dir.
func folderWritable(dir string) bool {
	f, err := os.CreateTemp(dir, ".peiyang-probe-*")
	if err != nil {
		return false
	}
	f.Close()
	os.Remove(f.Name())
	return true
}

// OpenReadOnly opens the database at path for reading only, for a file
// or folder that cannot be written (see ErrNotWritable): the file is
// checked as Open checks it, its schema must be this version's, and
// every write fails with MsgReadOnly, except the audit entries of prints
// and exports, which are left out (there is nowhere to write them).
func OpenReadOnly(path string) (*DB, error) {
	abs, err := filepath.Abs(path)
	if err != nil {
		return nil, fmt.Errorf("store: open: %w", err)
	}
	exists, err := checkFile(abs)
	if err != nil {
		return nil, err
	}
	if !exists {
		return nil, notWritableErr(MsgNotWritable, abs)
	}
	db := &DB{dialect: sqliteDialect, path: abs, readOnly: true, now: time.Now}
	ctx := context.Background()
	for _, immutable := range []bool{false, true} {
		if immutable && hasWAL(abs) {
			break // its changes would be missed
		}
		db.rd, err = sql.Open("sqlite", readOnlyDSN(abs, immutable))
		if err != nil {
			return nil, fmt.Errorf("store: open: %w", err)
		}
		db.rd.SetMaxOpenConns(readers)
		db.rq = db.rd
		var v sql.NullInt64
		if err = db.rd.QueryRowContext(ctx, `SELECT MAX(version) FROM schema_migrations`).Scan(&v); err == nil {
			ms, merr := migrations()
			if merr != nil {
				db.rd.Close()
				return nil, merr
			}
			if len(ms) > 0 && int(v.Int64) < ms[len(ms)-1].version {
				db.rd.Close()
				return nil, notWritableErr(MsgNeedsUpgrade, abs)
			}
			return db, nil
		}
		db.rd.Close()
	}
	return nil, fmt.Errorf("store: open %s for reading: %w", filepath.Base(abs), err)
}

// hasWAL reports whether the database has a write-ahead log with frames
// not yet copied into it.
func hasWAL(path string) bool {
	fi, err := os.Stat(path + "-wal")
	return err == nil && fi.Size() > 0
}

// ReadOnly reports whether the database was opened by OpenReadOnly.
func (db *DB) ReadOnly() bool { return db.readOnly }
