// Package inuse keeps, beside a database file, the register of the
// Peiyang processes that have it open, so that a restore can refuse while
// another process has the database open and say which, and so that no
// process opens the database while a restore replaces it.
//
// Two kinds of file sit beside the database file DB:
//
//   - DB.lock, the gate: every process that opens the database holds a
//     shared lock on it for as long as it has the database open; a restore
//     takes it exclusively for the moment it swaps the file, so that
//     nobody can open the database meanwhile, and cannot take it while
//     anyone holds it shared;
//   - DB.open-PID-N, one entry a holder: what the process is (the window,
//     a command, a restore), its process ID, user and start time, in JSON.
//     The holder keeps an exclusive lock on its entry; an entry whose lock
//     can be taken belongs to a process that ended without removing it
//     (a crash, a kill) and is removed by whoever finds it.
//
// The locks are the operating system's (flock on Unix, LockFileEx on
// Windows): they end with the process, however it ends. The package says
// nothing to users; backup turns its errors into messages.
package inuse

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"sync/atomic"
	"time"

	"peiyang/internal/osuser"
)

// What a process is, in its entries: the window, a restore, or the
// command it runs ("import trainees").
const (
	Window  = "window"
	Restore = "restore"
)

// Holder is a process that has the database open, as its entry says.
type Holder struct {
	PID   int       `json:"pid"`
	What  string    `json:"what"`
	User  string    `json:"user,omitempty"`
	Host  string    `json:"host,omitempty"`
	Since time.Time `json:"since"`
}

// Busy is the error of a gate that others hold: Holders are the live
// entries found (possibly none, when a holder has not written its entry
// yet).
type Busy struct {
	Holders []Holder
}

func (b *Busy) Error() string {
	return fmt.Sprintf("the database is open in %d other process(es)", max(len(b.Holders), 1))
}

// ErrReplacing is Open's error when a restore kept the gate the whole wait.
var ErrReplacing = errors.New("a restore is replacing the database")

// errLocked is the platform lock's answer when another holds the lock.
var errLocked = errors.New("locked")

// program is what this process is, for its entries; see SetProgram.
var program atomic.Value

// SetProgram says what this process is (Window, or the command it runs),
// for the entries it writes from now on.
func SetProgram(what string) { program.Store(what) }

func programName() string {
	if s, ok := program.Load().(string); ok && s != "" {
		return s
	}
	return filepath.Base(os.Args[0])
}

// seq numbers this process's entries.
var seq atomic.Int64

// Hold is this process's entry in a database's register, with its shared
// lock on the gate when it has the database open.
type Hold struct {
	gate  *os.File // nil for a restore's entry
	entry *os.File
	name  string // the entry's path
}

// GatePath is the gate of the database file dbPath.
func GatePath(dbPath string) string { return dbPath + ".lock" }

// entryPrefix starts the names of the entries of dbPath's register.
func entryPrefix(dbPath string) string { return filepath.Base(dbPath) + ".open-" }

// Open records that this process opens the database file dbPath: it takes
// the gate shared, waiting up to wait while a restore holds it (then
// ErrReplacing), and writes this process's entry. Release it after
// closing the database.
func Open(ctx context.Context, dbPath string, wait time.Duration) (*Hold, error) {
	gate, err := os.OpenFile(GatePath(dbPath), os.O_RDWR|os.O_CREATE, 0o600)
	if err != nil {
		return nil, fmt.Errorf("inuse: %w", err)
	}
	deadline := time.Now().Add(wait)
	for {
		err = lockFile(gate, false)
		if !errors.Is(err, errLocked) {
			break
		}
		if time.Now().After(deadline) {
			gate.Close()
			return nil, ErrReplacing
		}
		select {
		case <-ctx.Done():
			gate.Close()
			return nil, ctx.Err()
		case <-time.After(50 * time.Millisecond):
		}
	}
	if err != nil {
		gate.Close()
		return nil, fmt.Errorf("inuse: lock %s: %w", filepath.Base(gate.Name()), err)
	}
	h, err := register(dbPath, programName())
	if err != nil {
		unlockFile(gate)
		gate.Close()
		return nil, err
	}
	h.gate = gate
	return h, nil
}

// Register writes an entry for this process without taking the gate: a
// restore's, while it prepares, so that others know a restore is under way.
func Register(dbPath, what string) (*Hold, error) { return register(dbPath, what) }

func register(dbPath, what string) (*Hold, error) {
	name := filepath.Join(filepath.Dir(dbPath),
		entryPrefix(dbPath)+strconv.Itoa(os.Getpid())+"-"+strconv.FormatInt(seq.Add(1), 10))
	f, err := os.OpenFile(name, os.O_RDWR|os.O_CREATE|os.O_TRUNC, 0o600)
	if err != nil {
		return nil, fmt.Errorf("inuse: %w", err)
	}
	if err := lockFile(f, true); err != nil {
		f.Close()
		return nil, fmt.Errorf("inuse: lock %s: %w", filepath.Base(name), err)
	}
	host, _ := os.Hostname()
	b, _ := json.Marshal(Holder{PID: os.Getpid(), What: what, User: osuser.Name(), Host: host, Since: time.Now().Round(time.Second)})
	if _, err := f.Write(b); err != nil {
		unlockFile(f)
		f.Close()
		os.Remove(name)
		return nil, fmt.Errorf("inuse: %w", err)
	}
	return &Hold{entry: f, name: name}, nil
}

// Release removes the entry and lets go of the gate. It may be called
// more than once.
func (h *Hold) Release() error {
	if h == nil || h.entry == nil {
		return nil
	}
	var errs []error
	unlockFile(h.entry)
	errs = append(errs, h.entry.Close())
	if err := os.Remove(h.name); err != nil && !errors.Is(err, os.ErrNotExist) {
		errs = append(errs, err)
	}
	h.entry = nil
	if h.gate != nil {
		unlockFile(h.gate)
		errs = append(errs, h.gate.Close())
		h.gate = nil
	}
	if err := errors.Join(errs...); err != nil {
		return fmt.Errorf("inuse: release: %w", err)
	}
	return nil
}

// Holders lists the live entries of dbPath's register, oldest first,
// leaving out those of the holds given. Entries of processes that ended
// are removed on the way.
func Holders(dbPath string, except ...*Hold) ([]Holder, error) {
	dir, prefix := filepath.Dir(dbPath), entryPrefix(dbPath)
	des, err := os.ReadDir(dir)
	if err != nil {
		return nil, fmt.Errorf("inuse: %w", err)
	}
	skip := map[string]bool{}
	for _, h := range except {
		if h != nil {
			skip[h.name] = true
		}
	}
	var out []Holder
	for _, de := range des {
		name := filepath.Join(dir, de.Name())
		if !strings.HasPrefix(de.Name(), prefix) || skip[name] {
			continue
		}
		if h, live := readEntry(name); live {
			out = append(out, h)
		}
	}
	sort.SliceStable(out, func(i, j int) bool { return out[i].Since.Before(out[j].Since) })
	return out, nil
}

// readEntry reads one entry; live is false for the entry of a process
// that ended, which it removes. An entry just being written reads as live
// with what it holds so far.
func readEntry(name string) (h Holder, live bool) {
	f, err := os.Open(name)
	if err != nil {
		return h, false
	}
	defer f.Close()
	if err := lockFile(f, true); err == nil {
		// Nobody holds it. A fresh entry may not be locked yet by its
		// writer: leave entries younger than a few seconds alone.
		unlockFile(f)
		if st, err := f.Stat(); err == nil && time.Since(st.ModTime()) > 5*time.Second {
			f.Close()
			os.Remove(name)
		}
		return h, false
	}
	b := make([]byte, 4096)
	n, _ := f.ReadAt(b, 0)
	if json.Unmarshal(b[:n], &h) != nil || h.What == "" {
		h = Holder{What: "?"}
	}
	return h, true
}

// Exclusive takes the gate of dbPath exclusively, so that no process can
// open the database until unlock is called. When others hold it, it
// fails with *Busy naming the live entries other than except's.
func Exclusive(dbPath string, except ...*Hold) (unlock func(), err error) {
	gate, err := os.OpenFile(GatePath(dbPath), os.O_RDWR|os.O_CREATE, 0o600)
	if err != nil {
		return nil, fmt.Errorf("inuse: %w", err)
	}
	if err := lockFile(gate, true); err != nil {
		gate.Close()
		if !errors.Is(err, errLocked) {
			return nil, fmt.Errorf("inuse: lock %s: %w", filepath.Base(gate.Name()), err)
		}
		hs, _ := Holders(dbPath, except...)
		return nil, &Busy{Holders: hs}
	}
	return func() {
		unlockFile(gate)
		gate.Close()
	}, nil
}
