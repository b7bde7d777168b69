package store

import (
	"context"
	"database/sql"
	"fmt"
	"strconv"
	"strings"
	"time"

	"peiyang/models"
)

// timeLayout is how timestamps are stored: RFC 3339 in UTC with a fixed
// six-digit fraction, so that text order is time order.
const timeLayout = "2006-01-02T15:04:05.000000Z"

func formatTime(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.UTC().Format(timeLayout)
}

// stamp returns the current time as it is stored: UTC, to the microsecond.
func (db *DB) stamp() time.Time {
	return db.now().UTC().Truncate(time.Microsecond)
}

// timeCol scans a stored timestamp.
type timeCol struct{ t *time.Time }

func (c timeCol) Scan(src any) error {
	var s string
	switch v := src.(type) {
	case nil:
		*c.t = time.Time{}
		return nil
	case time.Time:
		*c.t = v.UTC()
		return nil
	case string:
		s = v
	case []byte:
		s = string(v)
	default:
		return fmt.Errorf("cannot scan %T into a timestamp", src)
	}
	if s == "" {
		*c.t = time.Time{}
		return nil
	}
	t, err := time.Parse(time.RFC3339Nano, s)
	if err != nil {
		return fmt.Errorf("bad stored timestamp %q: %w", s, err)
	}
	*c.t = t.UTC()
	return nil
}

// idCol scans a nullable reference into an int64, 0 for NULL.
type idCol struct{ p *int64 }

func (c idCol) Scan(src any) error {
	var n sql.NullInt64
	if err := n.Scan(src); err != nil {
		return err
	}
	*c.p = n.Int64
	return nil
}

// nullID stores a reference: 0 means none, NULL.
func nullID(id int64) any {
	if id == 0 {
		return nil
	}
	return id
}

// b2i stores a boolean as 0 or 1.
func b2i(b bool) int {
	if b {
		return 1
	}
	return 0
}

// regionCols are the columns of a models.Region, in scan order.
const regionCols = "region_province, region_city, region_county, region_town, region_village, region_code"

func regionArgs(r models.Region) []any {
	return []any{r.Province, r.City, r.County, r.Town, r.Village, r.Code}
}

func regionDest(r *models.Region) []any {
	return []any{&r.Province, &r.City, &r.County, &r.Town, &r.Village, &r.Code}
}

// cond gathers the conditions and arguments of a WHERE clause.
type cond struct {
	where []string
	args  []any
}

func (c *cond) and(expr string, args ...any) {
	c.where = append(c.where, expr)
	c.args = append(c.args, args...)
}

// sql returns " WHERE a AND b", or "" without conditions.
func (c *cond) sql() string {
	if len(c.where) == 0 {
		return ""
	}
	return " WHERE " + strings.Join(c.where, " AND ")
}

// year selects the dates of a year in a TEXT date column, as a range that
// an index on the column serves.
func (c *cond) year(col string, y int) {
	if y != 0 {
		c.and(col+" >= ? AND "+col+" < ?", fmt.Sprintf("%04d-01-01", y), fmt.Sprintf("%04d-01-01", y+1))
	}
}

// region selects rows whose region text contains the text, or whose code is
// the text; prefix is the table alias with its dot.
func (c *cond) region(prefix, text string) {
	if text != "" {
		c.and("("+containsCond(prefix+"region_text")+" OR "+prefix+"region_code = ?)", likeContains(text), text)
	}
}

// containsCond is the condition that the column holds the text of a
// likeContains pattern, latin letters in either case. SQLite's LIKE
// ignores the case of latin letters and PostgreSQL's does not, so both
// sides are lowered (SQLite's lower, like its LIKE, folds ASCII only).
func containsCond(col string) string {
	return "lower(" + col + ") LIKE lower(?) ESCAPE '\\'"
}

// likeContains turns text into a LIKE pattern matching it anywhere, with
// the pattern's special characters escaped by a backslash.
func likeContains(s string) string {
	r := strings.NewReplacer(`\`, `\\`, `%`, `\%`, `_`, `\_`)
	return "%" + r.Replace(s) + "%"
}

// intList writes integers as a SQL list literal, "(1,2,3)". The values are
// integers, so there is nothing to escape, and a long list does not run
// into the limit on bound parameters.
func intList(ids []int64) string {
	var b strings.Builder
	b.WriteByte('(')
	for i, id := range ids {
		if i > 0 {
			b.WriteByte(',')
		}
		b.WriteString(strconv.FormatInt(id, 10))
	}
	b.WriteByte(')')
	return b.String()
}

// limit returns " LIMIT n" for a page's limit, or "".
func limit(p models.Page) string {
	if p.Limit > 0 {
		return " LIMIT " + strconv.Itoa(p.Limit)
	}
	return ""
}

// queryRows runs a query and calls scan for each row.
func queryRows(ctx context.Context, q querier, query string, args []any, scan func(*sql.Rows) error) (err error) {
	rows, err := q.QueryContext(ctx, query, args...)
	if err != nil {
		return err
	}
	defer closeChecked(rows, &err)
	for rows.Next() {
		if err := scan(rows); err != nil {
			return err
		}
	}
	return rows.Err()
}

// closeChecked closes rows or a prepared statement, deferred, and sets
// *err to the error of closing, or of reading the rows (rows.Err), when no
// other error came first. Closing rows not read to the end reads the rest
// of the result, where the server's error may be: on PostgreSQL a
// statement that failed aborts the transaction, and an error lost here
// would surface only as the next statement's 25P02
// (TestQueryErrorsNotDiscarded keeps such errors).
func closeChecked(c interface{ Close() error }, err *error) {
	cerr := c.Close()
	if r, ok := c.(interface{ Err() error }); ok && cerr == nil {
		cerr = r.Err()
	}
	if *err == nil {
		*err = cerr
	}
}
