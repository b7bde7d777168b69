package store_test

import (
	"database/sql"
	"fmt"
	"regexp"
	"slices"
	"sort"
	"strings"
	"testing"

	"peiyang/store"
)

// The two stores' schemas are twins: every migration has its twin with
// the same version, and the schemas they make have the same tables,
// columns (of the same kind, nullability and default), primary keys,
// unique constraints, foreign keys (with their ON DELETE), CHECK
// constraints (by the columns they check), indexes and triggers. A
// migration added to one store and not the other fails here.

func TestMigrationsHaveTwins(t *testing.T) {
	sqlite, postgres := store.MigrationVersions()
	if len(sqlite) == 0 {
		t.Fatal("no SQLite migrations")
	}
	if !slices.Equal(sqlite, postgres) {
		t.Fatalf("migration versions differ: SQLite %v, PostgreSQL %v; every migration needs its twin in store/migrations/postgres", sqlite, postgres)
	}
}

func TestSchemasAreTwins(t *testing.T) {
	lite := newDB(subtest(t, sqliteKind))
	pg := newDB(subtest(t, postgresKind))
	a, err := describeSQLite(rawSQL(t, lite))
	must(t, err)
	b, err := describePostgres(rawSQL(t, pg))
	must(t, err)
	if len(a) < 15 {
		t.Fatalf("only %d lines describe the SQLite schema", len(a))
	}
	missing, extra := diffLines(a, b)
	for _, l := range missing {
		t.Errorf("SQLite has, PostgreSQL lacks: %s", l)
	}
	for _, l := range extra {
		t.Errorf("PostgreSQL has, SQLite lacks: %s", l)
	}
}

// subtest is t under the name of a store kind, so that newDB opens that
// kind; the cleanups run with t's.
func subtest(t *testing.T, kind string) testing.TB {
	return &named{T: t, name: t.Name() + "/" + kind}
}

type named struct {
	*testing.T
	name string
}

func (n *named) Name() string { return n.name }

func diffLines(a, b []string) (onlyA, onlyB []string) {
	inB := map[string]bool{}
	for _, l := range b {
		inB[l] = true
	}
	inA := map[string]bool{}
	for _, l := range a {
		inA[l] = true
		if !inB[l] {
			onlyA = append(onlyA, l)
		}
	}
	for _, l := range b {
		if !inA[l] {
			onlyB = append(onlyB, l)
		}
	}
	return onlyA, onlyB
}

// column kinds by declared type, for both dialects.
var kinds = map[string]string{
	"integer": "integer", "bigint": "integer", "text": "text", "real": "real",
	"double precision": "real", "blob": "blob", "bytea": "blob",
}

// normDefault drops a PostgreSQL cast from a default, ”::text → ”.
func normDefault(d sql.NullString) string {
	if !d.Valid {
		return ""
	}
	s := d.String
	if i := strings.Index(s, "::"); i > 0 {
		s = s[:i]
	}
	return " default " + s
}

var onDelete = map[string]string{"RESTRICT": "restrict", "CASCADE": "cascade", "NO ACTION": "no action",
	"r": "restrict", "c": "cascade", "a": "no action", "SET NULL": "set null", "n": "set null"}

// describeSQLite lists a SQLite schema's facts, one a line.
func describeSQLite(c *sql.DB) ([]string, error) {
	var out []string
	tables, err := strings1(c, `SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite\_%' ESCAPE '\'`)
	if err != nil {
		return nil, err
	}
	for _, tb := range tables {
		out = append(out, "table "+tb)
		cols := map[string]bool{}
		var pk []string
		err := each(c, `SELECT name, type, "notnull", dflt_value, pk FROM pragma_table_info(?) ORDER BY pk`, []any{tb}, func(r *sql.Rows) error {
			var name, typ string
			var notNull, pkPos int
			var dflt sql.NullString
			if err := r.Scan(&name, &typ, &notNull, &dflt, &pkPos); err != nil {
				return err
			}
			cols[name] = true
			if pkPos > 0 {
				pk = append(pk, name)
				notNull = 1
			}
			out = append(out, fmt.Sprintf("column %s.%s %s null=%v%s", tb, name, kinds[strings.ToLower(typ)], notNull == 0, normDefault(dflt)))
			return nil
		})
		if err != nil {
			return nil, err
		}
		out = append(out, fmt.Sprintf("primary key %s (%s)", tb, strings.Join(pk, ", ")))
		if err := sqliteIndexes(c, tb, &out); err != nil {
			return nil, err
		}
		err = each(c, `SELECT id, "table", "from", "to", on_delete FROM pragma_foreign_key_list(?) ORDER BY id, seq`, []any{tb}, func(r *sql.Rows) error {
			var id int
			var parent, from, to, del string
			if err := r.Scan(&id, &parent, &from, &to, &del); err != nil {
				return err
			}
			out = append(out, fmt.Sprintf("foreign key %s#%d %s -> %s.%s on delete %s", tb, id, from, parent, to, onDelete[del]))
			return nil
		})
		if err != nil {
			return nil, err
		}
		var ddl string
		if err := c.QueryRow(`SELECT sql FROM sqlite_master WHERE type = 'table' AND name = ?`, tb).Scan(&ddl); err != nil {
			return nil, err
		}
		for _, chk := range checkBodies(ddl) {
			out = append(out, fmt.Sprintf("check %s (%s)", tb, strings.Join(columnsIn(chk, cols), ", ")))
		}
	}
	trig, err := strings1(c, `SELECT tbl_name || '.' || name FROM sqlite_master WHERE type = 'trigger'`)
	for _, tr := range trig {
		out = append(out, "trigger "+tr)
	}
	return joinFKs(out), err
}

// sqliteIndexes lists the unique constraints and indexes of a table.
func sqliteIndexes(c *sql.DB, tb string, out *[]string) error {
	type index struct {
		name, origin string
		unique       bool
	}
	var idx []index
	err := each(c, `SELECT name, "unique", origin FROM pragma_index_list(?)`, []any{tb}, func(r *sql.Rows) error {
		var i index
		if err := r.Scan(&i.name, &i.unique, &i.origin); err != nil {
			return err
		}
		idx = append(idx, i)
		return nil
	})
	if err != nil {
		return err
	}
	for _, i := range idx {
		cols, err := strings1(c, `SELECT name FROM pragma_index_info(?) ORDER BY seqno`, i.name)
		if err != nil {
			return err
		}
		switch i.origin {
		case "u":
			*out = append(*out, fmt.Sprintf("unique %s (%s)", tb, strings.Join(cols, ", ")))
		case "c":
			*out = append(*out, fmt.Sprintf("index %s on %s (%s) unique=%v", i.name, tb, strings.Join(cols, ", "), i.unique))
		}
	}
	return nil
}

// describePostgres lists a PostgreSQL schema's facts, as describeSQLite.
func describePostgres(c *sql.DB) ([]string, error) {
	var out []string
	tables, err := strings1(c, `SELECT table_name FROM information_schema.tables
		WHERE table_schema = current_schema() AND table_type = 'BASE TABLE'`)
	if err != nil {
		return nil, err
	}
	for _, tb := range tables {
		out = append(out, "table "+tb)
		err := each(c, `SELECT column_name, data_type, is_nullable = 'YES', column_default FROM information_schema.columns
			WHERE table_schema = current_schema() AND table_name = $1`, []any{tb}, func(r *sql.Rows) error {
			var name, typ string
			var null bool
			var dflt sql.NullString
			if err := r.Scan(&name, &typ, &null, &dflt); err != nil {
				return err
			}
			out = append(out, fmt.Sprintf("column %s.%s %s null=%v%s", tb, name, kinds[typ], null, normDefault(dflt)))
			return nil
		})
		if err != nil {
			return nil, err
		}
		if err := pgConstraints(c, tb, &out); err != nil {
			return nil, err
		}
		err = each(c, `SELECT i.relname, ix.indisunique,
				ARRAY(SELECT a.attname FROM unnest(ix.indkey) WITH ORDINALITY k(n, o)
					JOIN pg_attribute a ON a.attrelid = ix.indrelid AND a.attnum = k.n ORDER BY k.o)::text
			FROM pg_index ix JOIN pg_class i ON i.oid = ix.indexrelid
			WHERE ix.indrelid = $1::regclass
				AND NOT EXISTS (SELECT 1 FROM pg_constraint con WHERE con.conindid = ix.indexrelid)`, []any{tb}, func(r *sql.Rows) error {
			var name, cols string
			var unique bool
			if err := r.Scan(&name, &unique, &cols); err != nil {
				return err
			}
			if pgOnlyIndexes[name] {
				return nil
			}
			out = append(out, fmt.Sprintf("index %s on %s (%s) unique=%v", name, tb,
				strings.ReplaceAll(strings.Trim(cols, "{}"), ",", ", "), unique))
			return nil
		})
		if err != nil {
			return nil, err
		}
	}
	// A trigger against TRUNCATE has no twin: SQLite has no TRUNCATE; nor
	// has audit_log_stamp, which writes the server's database user into
	// each entry: a SQLite file has none; nor trainees_region_moves_keys,
	// which moves a trainee's search keys to its new region: a SQLite file
	// has no region accounts, and its keys no region.
	trig, err := strings1(c, `SELECT tgrelid::regclass::text || '.' || tgname FROM pg_trigger
		WHERE NOT tgisinternal AND tgtype & 32 = 0 AND tgname NOT IN ('audit_log_stamp', 'trainees_region_moves_keys')`)
	for _, tr := range trig {
		out = append(out, "trigger "+tr)
	}
	return joinFKs(out), err
}

// pgOnlyIndexes have no twin: they serve what only PostgreSQL does. A
// region account's name searches read its region's name keys
// (migrations/postgres/0012_search_names_by_region.sql); a SQLite file has
// no region accounts, and the index would only slow its writes.
var pgOnlyIndexes = map[string]bool{"trainee_search_names_by_region": true}

// pgConstraints lists the constraints of PostgreSQL table tb into out, as
// describeSQLite does.
func pgConstraints(c *sql.DB, tb string, out *[]string) error {
	return each(c, `SELECT con.contype, con.conname,
			ARRAY(SELECT a.attname FROM unnest(con.conkey) WITH ORDINALITY k(n, o)
				JOIN pg_attribute a ON a.attrelid = con.conrelid AND a.attnum = k.n ORDER BY k.o)::text,
			COALESCE(con.confrelid::regclass::text, ''),
			COALESCE(ARRAY(SELECT a.attname FROM unnest(con.confkey) WITH ORDINALITY k(n, o)
				JOIN pg_attribute a ON a.attrelid = con.confrelid AND a.attnum = k.n ORDER BY k.o)::text, ''),
			con.confdeltype
		FROM pg_constraint con WHERE con.conrelid = $1::regclass ORDER BY con.conname`, []any{tb}, func(r *sql.Rows) error {
		var typ, name, cols, parent, pcols, del string
		if err := r.Scan(&typ, &name, &cols, &parent, &pcols, &del); err != nil {
			return err
		}
		cs := strings.Trim(cols, "{}")
		cs = strings.ReplaceAll(cs, ",", ", ")
		switch typ {
		case "p":
			*out = append(*out, fmt.Sprintf("primary key %s (%s)", tb, cs))
		case "u":
			*out = append(*out, fmt.Sprintf("unique %s (%s)", tb, cs))
		case "c":
			sorted := strings.Split(cs, ", ")
			sort.Strings(sorted)
			*out = append(*out, fmt.Sprintf("check %s (%s)", tb, strings.Join(sorted, ", ")))
		case "f":
			*out = append(*out, fmt.Sprintf("foreign key %s#%s %s -> %s.%s on delete %s", tb, name, cs, parent,
				strings.ReplaceAll(strings.Trim(pcols, "{}"), ",", ", "), onDelete[del]))
		}
		return nil
	})
}

// joinFKs sorts the lines; a foreign key's line loses the number or name
// its store gives it, so that the two lists compare, and SQLite's lines of
// the columns of one key become one, as PostgreSQL's are.
func joinFKs(lines []string) []string {
	fk := regexp.MustCompile(`^(foreign key \w+)#\S+ `)
	var out []string
	group := map[string][]string{} // SQLite: one line a column of a key
	order := []string{}
	for _, l := range lines {
		m := fk.FindStringSubmatchIndex(l)
		if m == nil {
			out = append(out, l)
			continue
		}
		id := l[:m[1]]
		if _, ok := group[id]; !ok {
			order = append(order, id)
		}
		group[id] = append(group[id], l[m[1]:])
	}
	for _, id := range order {
		parts := group[id]
		head := fk.ReplaceAllString(id, "$1 ")
		if len(parts) == 1 {
			out = append(out, head+parts[0])
			continue
		}
		// "a -> p.x on delete r" + "b -> p.y on delete r" → "a, b -> p.x, y ..."
		var from, to []string
		var parent, del string
		for _, p := range parts {
			f, rest, _ := strings.Cut(p, " -> ")
			dst, d, _ := strings.Cut(rest, " on delete ")
			table, col, _ := strings.Cut(dst, ".")
			from, to, parent, del = append(from, f), append(to, col), table, d
		}
		out = append(out, fmt.Sprintf("%s%s -> %s.%s on delete %s", head, strings.Join(from, ", "), parent, strings.Join(to, ", "), del))
	}
	sort.Strings(out)
	return out
}

// checkBodies returns the text of each CHECK (...) of a CREATE TABLE.
func checkBodies(ddl string) []string {
	var out []string
	for i := 0; ; {
		j := strings.Index(ddl[i:], "CHECK (")
		if j < 0 {
			return out
		}
		start := i + j + len("CHECK (")
		depth, k := 1, start
		for ; k < len(ddl) && depth > 0; k++ {
			switch ddl[k] {
			case '(':
				depth++
			case ')':
				depth--
			}
		}
		out = append(out, ddl[start:k-1])
		i = k
	}
}

var identifier = regexp.MustCompile(`[a-z_]+`)

// columnsIn returns the columns a CHECK's text names, sorted.
func columnsIn(text string, cols map[string]bool) []string {
	seen := map[string]bool{}
	text = regexp.MustCompile(`'[^']*'`).ReplaceAllString(text, "")
	for _, w := range identifier.FindAllString(text, -1) {
		if cols[w] {
			seen[w] = true
		}
	}
	out := make([]string, 0, len(seen))
	for w := range seen {
		out = append(out, w)
	}
	sort.Strings(out)
	return out
}

func strings1(c *sql.DB, q string, args ...any) ([]string, error) {
	var out []string
	err := each(c, q, args, func(r *sql.Rows) error {
		var s string
		if err := r.Scan(&s); err != nil {
			return err
		}
		out = append(out, s)
		return nil
	})
	return out, err
}

func each(c *sql.DB, q string, args []any, fn func(*sql.Rows) error) error {
	rows, err := c.Query(q, args...)
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		if err := fn(rows); err != nil {
			return err
		}
	}
	return rows.Err()
}
