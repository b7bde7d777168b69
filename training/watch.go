package training

import "context"

// ChangeWatcher reports the tables that other sessions change on a
// shared database (store/watch.go).
type ChangeWatcher interface {
	Watch(ctx context.Context, changed func(tables []string)) error
}

// Watch calls changed with the tables changed on a shared database as
// their transactions commit (nil: anything may have changed), until ctx
// ends; on a database file it returns at once. The window reloads what it
// shows of those tables.
func (s *Service) Watch(ctx context.Context, changed func(tables []string)) error {
	return wrap("watch", s.store.Watch(ctx, changed))
}
