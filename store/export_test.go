package store

import (
	"context"
	"time"
)

// SetBusyTimeout shortens the busy timeout of the connections opened from
// now on and returns a function that puts it back.
func SetBusyTimeout(d time.Duration) (restore func()) {
	old := busyTimeout
	busyTimeout = d
	return func() { busyTimeout = old }
}

// WriteSchemaFile writes a database file holding the schema this
// program's migrations make up to version, as an older Peiyang made it.
func WriteSchemaFile(path string, version int) error {
	_, c, err := referenceSchema(context.Background(), version)
	if err != nil {
		return err
	}
	defer c.Close()
	_, err = c.Exec(`VACUUM INTO ?`, path)
	return err
}

// MigrationVersions returns the versions of the SQLite and the PostgreSQL
// migrations.
func MigrationVersions() (sqlite, postgres []int) {
	versions := func(d *dialect) []int {
		ms, err := d.migrationList()
		if err != nil {
			panic(err)
		}
		var out []int
		for _, m := range ms {
			out = append(out, m.version)
		}
		return out
	}
	return versions(sqliteDialect), versions(postgresDialect)
}

// CopyTable is a table Copy writes, with the columns ordering its rows.
type CopyTable struct{ Name, Order string }

// CopyTables returns the tables Copy writes, in order.
func CopyTables() []CopyTable {
	out := make([]CopyTable, len(copyTables))
	for i, t := range copyTables {
		out[i] = CopyTable{t.name, t.order}
	}
	return out
}
