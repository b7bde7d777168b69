package store

// Trainee search.
//
// The trainee_search table is an index of keys, each a kind letter followed
// by text, with the trainee it belongs to:
//
//	n  the whole name                 n赵明阳
//	m  the name from its 2nd, 3rd ... character   m明阳, m阳
//	p  the name's full pinyin         pzhaomingyang
//	q  the pinyin from the 2nd, 3rd ... syllable  qmingyang, qyang
//	i  the initials                   izmy
//	j  the initials from the 2nd ... syllable     jmy, jy
//	d  every suffix of the ID number  d510104199001011234, d10104199001011234, ...
//	t  every suffix of the phone's digits
//
// Any substring of a name, ID number or phone is thus a prefix of some key,
// and a query is a few range scans of the primary key (key >= 'nQ' AND key
// < 'nQ' + U+10FFFF), taken in an order that puts the best matches first:
// exact names, then names starting with the query, then other name
// substrings; for latin text full pinyin, initials, then the given name's
// pinyin and initials; for digits ID numbers, then phones.
//
// PERSONAL DATA: the keys hold names, ID numbers and phone numbers in clear
// text. Every change goes through reindexTrainee (or the bulk load and the
// rebuild, which use the same searchKeys), so that de-identifying or
// erasing a trainee can remove the trainee's keys with it. Never log keys.

import (
	"cmp"
	"context"
	"database/sql"
	"fmt"
	"slices"
	"sort"
	"strconv"
	"strings"
	"unicode"

	"peiyang/models"
	"peiyang/pinyin"
	"peiyang/settings"
)

// searchIndexVersion names the way keys are made. Changing searchKeys or the
// pinyin tables must change it: Open then rebuilds the index, since
// reindexTrainee removes a trainee's old keys by recomputing them.
const searchIndexVersion = "1"

// settingSearchIndex records the version the stored index was built with.
const settingSearchIndex = settings.SearchIndexVersion

// searchFields are the fields of a trainee the index is made from, and
// the trainee's home city (region_city), which every key carries: a region
// account reads only the keys of its region.
type searchFields struct {
	name, idNumber, phone string
	region                string
}

func searchFieldsOf(t *models.Trainee) *searchFields {
	f := &searchFields{name: t.Name, idNumber: t.IDNumber, phone: t.Phone, region: t.HomeRegion.City}
	if IsDeidentified(t.IDNumber) {
		f.idNumber = ""
	}
	return f
}

// normName folds a name for the index and for name queries: full-width
// forms to ASCII, latin to lowercase, without spaces and middle dots.
func normName(s string) string {
	var b strings.Builder
	for _, r := range s {
		r = models.HalfWidth(r)
		if unicode.IsSpace(r) || pinyin.IsMiddleDot(r) {
			continue
		}
		b.WriteRune(unicode.ToLower(r))
	}
	return b.String()
}

func digitsOf(s string) string {
	var b strings.Builder
	for _, r := range s {
		if r = models.HalfWidth(r); r >= '0' && r <= '9' {
			b.WriteRune(r)
		}
	}
	return b.String()
}

// searchKeys returns the index keys of a trainee, without duplicates.
func searchKeys(f *searchFields) []string {
	if f == nil {
		return nil
	}
	var keys []string
	suffixes := func(kind string, s string, from int) {
		rs := []rune(s)
		for i := from; i < len(rs); i++ {
			keys = append(keys, kind+string(rs[i:]))
		}
	}
	if name := normName(f.name); name != "" {
		keys = append(keys, "n"+name)
		suffixes("m", name, 1)
	}
	syl := pinyin.Syllables(f.name)
	initials := make([]byte, len(syl))
	for i, s := range syl {
		initials[i] = s[0]
	}
	for i := range syl {
		p, j := "q", "j"
		if i == 0 {
			p, j = "p", "i"
		}
		keys = append(keys, p+strings.Join(syl[i:], ""), j+string(initials[i:]))
	}
	suffixes("d", strings.ToUpper(strings.TrimSpace(f.idNumber)), 0)
	suffixes("t", digitsOf(f.phone), 0)

	sort.Strings(keys)
	out := keys[:0]
	for i, k := range keys {
		if i == 0 || k != keys[i-1] {
			out = append(out, k)
		}
	}
	return out
}

// reindexTrainee brings the trainee's search keys from what old gives to
// what new gives; old is nil for a new trainee, new nil for a deleted one.
// Every write to a trainee's name, ID number or phone goes through it,
// after the trainee's row is written. On PostgreSQL the keys it adds carry
// new's region, and when the region changed it moves the keys it keeps
// (UpdateTrainee told the trigger of migration 0011 so, movingKeys).
func reindexTrainee(ctx context.Context, w *writeTx, id int64, old, new *searchFields) error {
	var q querier = w
	region := ""
	if new != nil && w.db.IsPostgres() {
		region = new.region
	}
	oldKeys, newKeys := searchKeys(old), searchKeys(new)
	inNew := make(map[string]bool, len(newKeys))
	for _, k := range newKeys {
		inNew[k] = true
	}
	inOld := make(map[string]bool, len(oldKeys))
	for _, k := range oldKeys {
		inOld[k] = true
		if !inNew[k] {
			if _, err := q.ExecContext(ctx, `DELETE FROM trainee_search WHERE key = ? AND trainee_id = ?`, k, id); err != nil {
				return fmt.Errorf("store: search index: %w", err)
			}
		}
	}
	var add []searchRow
	for _, k := range newKeys {
		if !inOld[k] {
			add = append(add, searchRow{k, id, region})
		}
	}
	if old != nil && new != nil && old.region != new.region && w.db.IsPostgres() {
		if err := moveKeys(ctx, q, id, region, oldKeys, inNew); err != nil {
			return err
		}
	}
	return insertSearchRows(ctx, q, add, false)
}

// moveKeys gives the trainee's keys that stay (in keep) the region, by
// their primary key.
func moveKeys(ctx context.Context, q querier, id int64, region string, keys []string, keep map[string]bool) error {
	args := []any{region, id}
	for _, k := range keys {
		if keep[k] {
			args = append(args, k)
		}
	}
	if len(args) == 2 {
		return nil
	}
	_, err := q.ExecContext(ctx, `UPDATE trainee_search SET region = ? WHERE trainee_id = ? AND key IN (`+
		strings.TrimSuffix(strings.Repeat("?, ", len(args)-2), ", ")+`)`, args...)
	if err != nil {
		return fmt.Errorf("store: search index: %w", err)
	}
	return nil
}

// movingKeys tells the trigger of migration 0011 on PostgreSQL, for the
// rest of the transaction, that the store moves the keys of trainee id
// itself (reindexTrainee), so that the trigger need not look for them; id
// 0 says it moves none.
func movingKeys(ctx context.Context, w *writeTx, id int64) error {
	if !w.db.IsPostgres() {
		return nil
	}
	v := ""
	if id != 0 {
		v = strconv.FormatInt(id, 10)
	}
	if _, err := w.ExecContext(ctx, `SELECT set_config('peiyang.search_keys_moved', ?, true)`, v); err != nil {
		return fmt.Errorf("store: search index: %w", err)
	}
	return nil
}

// searchRow is one row of trainee_search: a key, its trainee and the
// trainee's home city, by which a region account reads only its own keys.
type searchRow struct {
	key    string
	id     int64
	region string
}

// insertSearchRows writes rows in batches of many rows a statement; it is
// fastest with the rows sorted. fresh says that none of the rows can be
// in the index already (its trainees are new, or the index empty), else a
// row there already is left as it is.
func insertSearchRows(ctx context.Context, q querier, rows []searchRow, fresh bool) error {
	tail := ` ON CONFLICT DO NOTHING`
	if fresh {
		tail = ""
	}
	err := insertRows(ctx, q, `INSERT INTO trainee_search (key, trainee_id, region) VALUES (?, ?, ?)`, tail,
		len(rows), func(i int) []any { return []any{rows[i].key, rows[i].id, rows[i].region} })
	if err != nil {
		return fmt.Errorf("store: search index: %w", err)
	}
	return nil
}

// indexRows returns the search rows of the trainees, sorted; with
// regions (PostgreSQL) each carries its trainee's home city.
func indexRows(ts []*models.Trainee, regions bool) []searchRow {
	var rows []searchRow
	for _, t := range ts {
		region := ""
		if regions {
			region = t.HomeRegion.City
		}
		for _, k := range searchKeys(searchFieldsOf(t)) {
			rows = append(rows, searchRow{k, t.ID, region})
		}
	}
	slices.SortFunc(rows, func(a, b searchRow) int {
		if c := strings.Compare(a.key, b.key); c != 0 {
			return c
		}
		return cmp.Compare(a.id, b.id)
	})
	return rows
}

// checkSearchIndex rebuilds the search index when it was built by another
// version of searchKeys, and records the version it was built with.
func (db *DB) checkSearchIndex(ctx context.Context) error {
	v, err := db.Setting(ctx, settingSearchIndex)
	if err != nil {
		return err
	}
	if v == searchIndexVersion {
		return nil
	}
	return db.write(ctx, func(w *writeTx) error {
		if err := rebuildSearchIndex(w.ctx, w); err != nil {
			return err
		}
		return w.setSetting(settingSearchIndex, searchIndexVersion)
	})
}

// rebuildSearchIndex makes the whole index anew from the trainees.
func rebuildSearchIndex(ctx context.Context, w *writeTx) error {
	if _, err := w.ExecContext(ctx, `DELETE FROM trainee_search`); err != nil {
		return fmt.Errorf("store: rebuild search index: %w", err)
	}
	var ts []*models.Trainee
	err := queryRows(ctx, w, `SELECT id, name, id_number, phone, region_city FROM trainees`, nil, func(r *sql.Rows) error {
		var t models.Trainee
		ts = append(ts, &t)
		return r.Scan(&t.ID, &t.Name, &t.IDNumber, &t.Phone, &t.HomeRegion.City)
	})
	if err != nil {
		return fmt.Errorf("store: rebuild search index: %w", err)
	}
	return insertSearchRows(ctx, w, indexRows(ts, w.db.IsPostgres()), true)
}

// searchPlan turns a query into the key prefixes to scan, in order.
func searchPlan(query string) []string {
	var rs []rune
	ascii, digits, numeric := true, false, true
	for _, r := range strings.TrimSpace(query) {
		r = models.HalfWidth(r)
		if unicode.IsSpace(r) || pinyin.IsMiddleDot(r) || strings.ContainsRune("'’-_", r) {
			continue
		}
		r = unicode.ToLower(r)
		rs = append(rs, r)
		switch {
		case r >= 0x80:
			ascii = false
		case r >= '0' && r <= '9':
			digits = true
		case r != 'x':
			numeric = false
		}
	}
	if len(rs) == 0 {
		return nil
	}
	text := string(rs)
	switch {
	case !ascii:
		return []string{"n" + text, "m" + text}
	case digits && numeric:
		if strings.ContainsRune(text, 'x') {
			return []string{"d" + strings.ToUpper(text)}
		}
		return []string{"d" + text, "t" + text}
	}
	return []string{"p" + text, "i" + text, "q" + text, "j" + text}
}

// nameKeys bounds a search by name to the name keys (kinds i, j, m, n, p
// and q), which it reads anyway: so told, PostgreSQL may read a region
// account's from the index of its region's name keys (migration 0012).
const nameKeys = ` AND key >= 'i' AND key < 'r'`

// searchRange adds to ids, up to limit, the trainees not yet seen whose
// keys start with prefix, in key order. It reads them a page at a time
// (LIMIT, then on after the last key read), so that a short prefix
// matching many keys costs what the page holds: PostgreSQL sends a whole
// result unless told where to stop, SQLite stops when asked.
func searchRange(ctx context.Context, q querier, prefix string, limit int, ids *[]int64, seen map[int64]bool) error {
	lastKey, lastID := prefix, int64(-1)
	kinds := ""
	if strings.ContainsRune("ijmnpq", rune(prefix[0])) {
		kinds = nameKeys
	}
	for len(*ids) < limit {
		page := limit - len(*ids)
		read := 0
		err := queryRows(ctx, q, `SELECT key, trainee_id FROM trainee_search
			WHERE key >= ? AND key < ? AND (key > ? OR trainee_id > ?)`+kinds+`
			ORDER BY key, trainee_id LIMIT ?`, []any{lastKey, prefix + "\U0010FFFF", lastKey, lastID, page},
			func(rows *sql.Rows) error {
				read++
				if err := rows.Scan(&lastKey, &lastID); err != nil {
					return err
				}
				if !seen[lastID] && len(*ids) < limit {
					seen[lastID] = true
					*ids = append(*ids, lastID)
				}
				return nil
			})
		if err != nil {
			return fmt.Errorf("store: search trainees: %w", err)
		}
		if read < page {
			return nil // the range is done
		}
	}
	return nil
}

// SearchTrainees finds trainees by any part of the name, the name's pinyin
// in full or as initials (zmy finds 赵明阳), or any part of the ID number or
// phone number. It returns at most limit trainees (20 when limit is 0 or
// less, 500 at most), the best matches first: exact names, names starting
// with the query, then other matches.
func (db *DB) SearchTrainees(ctx context.Context, query string, limit int) ([]*models.Trainee, error) {
	if limit <= 0 {
		limit = 20
	}
	limit = min(limit, 500)
	plan := searchPlan(query)
	if len(plan) == 0 {
		return []*models.Trainee{}, nil
	}
	q := db.reader(ctx)
	ids := make([]int64, 0, limit)
	seen := make(map[int64]bool, limit)
	for _, prefix := range plan {
		if len(ids) == limit {
			break
		}
		if err := searchRange(ctx, q, prefix, limit, &ids, seen); err != nil {
			return nil, err
		}
	}
	if len(ids) == 0 {
		return []*models.Trainee{}, nil
	}
	ts, err := findMany(ctx, q, "search trainees",
		`SELECT `+traineeCols+` FROM `+db.traineesRead(ctx)+` t WHERE t.id IN `+intList(ids), nil, scanTrainee)
	if err != nil {
		return nil, err
	}
	rank := make(map[int64]int, len(ids))
	for i, id := range ids {
		rank[id] = i
	}
	sort.Slice(ts, func(i, j int) bool { return rank[ts[i].ID] < rank[ts[j].ID] })
	return ts, nil
}
