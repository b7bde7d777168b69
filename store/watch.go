package store

import (
	"context"
	"sort"
	"time"

	"github.com/jackc/pgx/v5"
)

// Live updates on a shared database: triggers send a notice naming the
// changed table when a transaction commits
// (migrations/postgres/0010_change_notices.sql), and Watch listens for
// them on a connection of its own.

// changesChannel is the channel the notices come on.
const changesChannel = "peiyang_changes"

// watchGather is how long Watch gathers notices after the first before
// reporting them together: a save changes several tables at once.
const watchGather = 50 * time.Millisecond

// watchRetry is how long Watch waits before connecting again after the
// connection was lost.
const watchRetry = time.Second

// Watch reports the tables other sessions (and this one) changed, as the
// transactions commit, until ctx ends: changed gets the names of the
// tables, in order, gathered over a moment; after the connection was lost
// and made again it gets nil, meaning that anything may have changed. On
// a SQLite file there are no notices: Watch returns at once.
func (db *DB) Watch(ctx context.Context, changed func(tables []string)) error {
	if db.dialect != postgresDialect {
		return nil
	}
	for first := true; ; first = false {
		// A lost connection is made again; the report after it (nil)
		// has the window reload what it shows.
		_ = db.watch(ctx, changed, !first)
		if ctx.Err() != nil {
			return nil
		}
		select {
		case <-ctx.Done():
			return nil
		case <-time.After(watchRetry):
		}
	}
}

// watch connects, listens and reports until the connection fails or ctx
// ends; again says it connected again after losing a connection.
func (db *DB) watch(ctx context.Context, changed func([]string), again bool) error {
	conn, err := pgx.ConnectConfig(ctx, db.pgConfig.Copy())
	if err != nil {
		return err
	}
	defer conn.Close(context.WithoutCancel(ctx))
	if _, err := conn.Exec(ctx, `LISTEN `+changesChannel); err != nil {
		return err
	}
	if again {
		changed(nil)
	}
	for {
		n, err := conn.WaitForNotification(ctx)
		if err != nil {
			return err
		}
		tables := map[string]bool{n.Payload: true}
		gather, cancel := context.WithTimeout(ctx, watchGather)
		for {
			n, err := conn.WaitForNotification(gather)
			if err != nil {
				break
			}
			tables[n.Payload] = true
		}
		cancel()
		if ctx.Err() != nil {
			return nil
		}
		names := make([]string, 0, len(tables))
		for t := range tables {
			names = append(names, t)
		}
		sort.Strings(names)
		changed(names)
	}
}
