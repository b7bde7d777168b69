package store

import (
	"context"
	"embed"
	"fmt"
	"io/fs"
	"sort"
	"strconv"
	"strings"
)

//go:embed migrations/*.sql migrations/postgres/*.sql
var migrationFiles embed.FS

// migration is one numbered SQL file, migrations/NNNN_name.sql.
type migration struct {
	version int
	name    string
	sql     string
}

// migrations returns the embedded SQLite migrations in order of version.
func migrations() ([]migration, error) { return sqliteDialect.migrationList() }

// migrationList returns the dialect's embedded migrations in order of
// version.
func (d *dialect) migrationList() ([]migration, error) {
	entries, err := fs.ReadDir(migrationFiles, d.migrations)
	if err != nil {
		return nil, err
	}
	var out []migration
	seen := map[int]string{}
	for _, e := range entries {
		name := e.Name()
		if e.IsDir() || !strings.HasSuffix(name, ".sql") {
			continue
		}
		num, _, ok := strings.Cut(name, "_")
		v, err := strconv.Atoi(num)
		if !ok || err != nil || v < 1 {
			return nil, fmt.Errorf("migration %s: the name must start with its number, as in 0001_init.sql", name)
		}
		if other, dup := seen[v]; dup {
			return nil, fmt.Errorf("migrations %s and %s share the number %d", other, name, v)
		}
		seen[v] = name
		b, err := migrationFiles.ReadFile(d.migrations + "/" + name)
		if err != nil {
			return nil, err
		}
		out = append(out, migration{version: v, name: name, sql: string(b)})
	}
	sort.Slice(out, func(i, j int) bool { return out[i].version < out[j].version })
	return out, nil
}

// migrationsTable records the migrations applied to a database.
const migrationsTable = `CREATE TABLE IF NOT EXISTS schema_migrations (
		version    INTEGER PRIMARY KEY,
		applied_at TEXT NOT NULL
	)`

// migrate applies the migrations not yet recorded in schema_migrations, in
// order, each in its own transaction. On PostgreSQL an advisory lock keeps
// two Peiyang starting at once from applying one migration twice.
func (db *DB) migrate(ctx context.Context) error {
	ms, err := db.dialect.migrationList()
	if err != nil {
		return fmt.Errorf("store: migrations: %w", err)
	}
	pg := db.dialect == postgresDialect
	err = db.Update(ctx, func(ctx context.Context) error {
		q := txFrom(ctx).q
		if pg {
			if err := pgLockMigrations(ctx, q); err != nil {
				return err
			}
			// An account that does not own the schema may not create in
			// it, not even a table that exists already.
			var exists bool
			if err := q.QueryRowContext(ctx, `SELECT to_regclass('schema_migrations') IS NOT NULL`).Scan(&exists); err != nil || exists {
				return err
			}
		}
		_, err := q.ExecContext(ctx, migrationsTable)
		return err
	})
	if err != nil {
		return fmt.Errorf("store: migrations: %w", err)
	}
	var applied []int
	defer func() { db.migrated = applied }()
	for _, m := range ms {
		did := false
		err := db.Update(ctx, func(ctx context.Context) error {
			did = false
			q := txFrom(ctx).q
			if pg {
				if err := pgLockMigrations(ctx, q); err != nil {
					return err
				}
			}
			var n int
			if err := q.QueryRowContext(ctx, `SELECT COUNT(*) FROM schema_migrations WHERE version = ?`, m.version).Scan(&n); err != nil {
				return err
			}
			if n > 0 {
				return nil // applied already, perhaps by another process
			}
			if _, err := q.ExecContext(ctx, m.sql); err != nil {
				return err
			}
			_, err := q.ExecContext(ctx, `INSERT INTO schema_migrations (version, applied_at) VALUES (?, ?)`,
				m.version, formatTime(db.now()))
			did = err == nil
			return err
		})
		if err != nil {
			return fmt.Errorf("store: migration %s: %w", m.name, err)
		}
		if did {
			applied = append(applied, m.version)
		}
	}
	if pg {
		return nil
	}
	// Mark the file as Peiyang's (checkFile reads the mark).
	var id int64
	if err := db.wr.QueryRowContext(ctx, `PRAGMA application_id`).Scan(&id); err != nil {
		return fmt.Errorf("store: application id: %w", err)
	}
	if id != ApplicationID {
		if _, err := db.wr.ExecContext(ctx, fmt.Sprintf(`PRAGMA application_id = %d`, ApplicationID)); err != nil {
			return fmt.Errorf("store: application id: %w", err)
		}
	}
	return nil
}
