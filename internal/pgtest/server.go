// Package pgtest starts throwaway PostgreSQL servers for tests and
// benchmarks: initdb in a private temporary folder, the server listening
// on a Unix socket in that folder (or on a free loopback port), trust
// authentication for its one role, fsync off, stopped and removed
// afterwards. Several servers, of this process or of others running at
// the same time, never share a folder, a socket or a port.
//
// PostgreSQL refuses to run as root: run as root, the server runs as the
// unprivileged user "postgres" (made by Debian's postgresql package), or
// "nobody". The server dies with the process that started it
// (PR_SET_PDEATHSIG on Linux), so a killed test leaves no server behind;
// the folders such tests leave are removed by the next Start.
package pgtest

import (
	"errors"
	"fmt"
	"net"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"time"
)

// Role is the server's superuser, the role tests connect as.
const Role = "peiyang"

// Options say how a server listens.
type Options struct {
	// TCP makes the server listen on a free loopback port, as a server on
	// the network would be reached, besides its socket.
	TCP bool
	// Settings are extra server settings (name → value), such as
	// "max_connections".
	Settings map[string]string
	// Passwords, with TCP, makes every role but Role give its password
	// (SCRAM-SHA-256) over TCP, as a real server asks; the socket and
	// Role stay trusted.
	Passwords bool
}

// Server is one running throwaway server.
type Server struct {
	dir  string // the temporary folder: data/, the socket, the log
	bin  string // the folder of initdb, pg_ctl and postgres
	port int
	tcp  bool
	opts Options
	cred *credential // nil when not root
	cmd  *exec.Cmd
	exit chan error
}

// ErrNotInstalled says that no PostgreSQL server programs were found.
var ErrNotInstalled = errors.New("pgtest: PostgreSQL is not installed (no initdb found; on Debian: apt-get install postgresql)")

// BinDir finds the folder of initdb: $PEIYANG_PG_BIN, the newest
// /usr/lib/postgresql/N/bin (Debian), or the PATH.
func BinDir() (string, error) {
	if d := os.Getenv("PEIYANG_PG_BIN"); d != "" {
		return d, nil
	}
	dirs, _ := filepath.Glob("/usr/lib/postgresql/*/bin")
	sort.Slice(dirs, func(i, j int) bool { return version(dirs[i]) > version(dirs[j]) })
	for _, d := range dirs {
		if _, err := os.Stat(filepath.Join(d, "initdb")); err == nil {
			return d, nil
		}
	}
	if p, err := exec.LookPath("initdb"); err == nil {
		return filepath.Dir(p), nil
	}
	return "", ErrNotInstalled
}

func version(binDir string) int {
	n, _ := strconv.Atoi(filepath.Base(filepath.Dir(binDir)))
	return n
}

// Start makes and starts a new server.
func Start(opts Options) (*Server, error) {
	bin, err := BinDir()
	if err != nil {
		return nil, err
	}
	removeStale()
	dir, err := os.MkdirTemp("", fmt.Sprintf("%s%d-", dirPrefix, os.Getpid()))
	if err != nil {
		return nil, fmt.Errorf("pgtest: %w", err)
	}
	s := &Server{dir: dir, bin: bin, tcp: opts.TCP, opts: opts, exit: make(chan error, 1)}
	ok := false
	defer func() {
		if !ok {
			s.Stop()
		}
	}()
	if os.Geteuid() == 0 {
		if s.cred, err = unprivileged(); err != nil {
			return nil, err
		}
		if err := os.Chown(dir, s.cred.uid, s.cred.gid); err != nil {
			return nil, fmt.Errorf("pgtest: %w", err)
		}
	}
	if err := os.Chmod(dir, 0o700); err != nil {
		return nil, fmt.Errorf("pgtest: %w", err)
	}
	if err := s.run("initdb", "-D", s.data(), "-U", Role, "--auth=trust", "--no-sync",
		"-E", "UTF8", "--locale=C.UTF-8", "--no-instructions"); err != nil {
		return nil, err
	}
	if opts.Passwords {
		hba := "local all all trust\nhost all " + Role + " 127.0.0.1/32 trust\nhost all all 127.0.0.1/32 scram-sha-256\n"
		if err := os.WriteFile(filepath.Join(s.data(), "pg_hba.conf"), []byte(hba), 0o644); err != nil {
			return nil, fmt.Errorf("pgtest: %w", err)
		}
	}
	if s.port, err = freePort(); err != nil {
		return nil, err
	}
	if err := s.start(); err != nil {
		return nil, err
	}
	ok = true
	return s, nil
}

// dirPrefix starts the name of every server's folder, then the PID of the
// process that made it.
const dirPrefix = "peiyang-pg-"

// removeStale removes the folders of servers whose process has ended.
func removeStale() {
	dirs, _ := filepath.Glob(filepath.Join(os.TempDir(), dirPrefix+"*"))
	for _, d := range dirs {
		pid, err := strconv.Atoi(strings.SplitN(strings.TrimPrefix(filepath.Base(d), dirPrefix), "-", 2)[0])
		if err != nil || pid == os.Getpid() || processAlive(pid) {
			continue
		}
		// The server, if one still runs, has lost its parent and its
		// postmaster.pid names it.
		if b, err := os.ReadFile(filepath.Join(d, "data", "postmaster.pid")); err == nil {
			if p, err := strconv.Atoi(strings.SplitN(string(b), "\n", 2)[0]); err == nil && processAlive(p) {
				continue
			}
		}
		_ = os.RemoveAll(d)
	}
}

// freePort finds a loopback port free at the moment.
func freePort() (int, error) {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return 0, fmt.Errorf("pgtest: find a free port: %w", err)
	}
	defer l.Close()
	return l.Addr().(*net.TCPAddr).Port, nil
}

func (s *Server) data() string { return filepath.Join(s.dir, "data") }

// command prepares one of the server's programs, as the server's user.
func (s *Server) command(name string, args ...string) *exec.Cmd {
	cmd := exec.Command(filepath.Join(s.bin, name), args...)
	cmd.Dir = s.dir
	cmd.Env = append(os.Environ(), "LC_ALL=C.UTF-8")
	cmd.SysProcAttr = sysProcAttr(s.cred)
	return cmd
}

// run runs one of the server's programs to its end.
func (s *Server) run(name string, args ...string) error {
	out, err := s.command(name, args...).CombinedOutput()
	if err != nil {
		return fmt.Errorf("pgtest: %s: %w\n%s", name, err, out)
	}
	return nil
}

// start starts the postmaster as a child of this process and waits until
// it accepts connections.
func (s *Server) start() error {
	listen := ""
	if s.tcp {
		listen = "127.0.0.1"
	}
	args := []string{"-D", s.data(), "-k", s.dir, "-p", strconv.Itoa(s.port),
		"-c", "listen_addresses=" + listen, "-c", "fsync=off",
		"-c", "full_page_writes=off", "-c", "max_connections=100", "-c", "shared_buffers=64MB"}
	for k, v := range s.opts.Settings {
		args = append(args, "-c", k+"="+v)
	}
	log, err := os.OpenFile(filepath.Join(s.dir, "server.log"), os.O_WRONLY|os.O_CREATE|os.O_APPEND, 0o644)
	if err != nil {
		return fmt.Errorf("pgtest: %w", err)
	}
	cmd := s.command("postgres", args...)
	cmd.Stdout, cmd.Stderr = log, log
	if err := cmd.Start(); err != nil {
		log.Close()
		return fmt.Errorf("pgtest: start postgres: %w", err)
	}
	s.cmd = cmd
	s.exit = make(chan error, 1)
	go func() { s.exit <- cmd.Wait(); log.Close() }()
	return s.waitReady()
}

// waitReady waits for the server's socket to accept connections.
func (s *Server) waitReady() error {
	sock := filepath.Join(s.dir, ".s.PGSQL."+strconv.Itoa(s.port))
	deadline := time.Now().Add(60 * time.Second)
	for time.Now().Before(deadline) {
		select {
		case err := <-s.exit:
			s.exit <- err
			return fmt.Errorf("pgtest: postgres ended at start (%v):\n%s", err, s.Log())
		default:
		}
		if c, err := net.Dial("unix", sock); err == nil {
			c.Close()
			if s.run("pg_isready", "-q", "-h", s.dir, "-p", strconv.Itoa(s.port), "-U", Role) == nil {
				return nil
			}
		}
		time.Sleep(50 * time.Millisecond)
	}
	return fmt.Errorf("pgtest: postgres did not start within a minute:\n%s", s.Log())
}

// Log returns the end of the server's log.
func (s *Server) Log() string {
	b, _ := os.ReadFile(filepath.Join(s.dir, "server.log"))
	if len(b) > 4000 {
		b = b[len(b)-4000:]
	}
	return string(b)
}

// URL is the connection string of the database on the server: over the
// socket, or over loopback TCP for a server started with Options.TCP.
func (s *Server) URL(database string) string {
	u := url.URL{Scheme: "postgres", User: url.User(Role), Path: "/" + database}
	q := url.Values{}
	if s.tcp {
		u.Host = "127.0.0.1:" + strconv.Itoa(s.port)
		q.Set("sslmode", "disable")
	} else {
		q.Set("host", s.dir)
		q.Set("port", strconv.Itoa(s.port))
	}
	u.RawQuery = q.Encode()
	return u.String()
}

// Port is the server's port (its socket's number without Options.TCP).
func (s *Server) Port() int { return s.port }

// SocketDir is the folder of the server's Unix socket.
func (s *Server) SocketDir() string { return s.dir }

// Restart stops the server at once, as a crash would (every connection
// is cut), and starts it again on the same socket and port.
func (s *Server) Restart() error {
	s.kill()
	return s.start()
}

// kill stops the postmaster at once (SIGQUIT: immediate shutdown) and
// waits for it.
func (s *Server) kill() {
	if s.cmd == nil || s.cmd.Process == nil {
		return
	}
	_ = s.cmd.Process.Signal(quitSignal)
	select {
	case <-s.exit:
	case <-time.After(30 * time.Second):
		_ = s.cmd.Process.Kill()
		<-s.exit
	}
	s.cmd = nil
}

// Stop stops the server and removes its folder.
func (s *Server) Stop() {
	if s == nil {
		return
	}
	s.kill()
	if s.dir != "" {
		_ = os.RemoveAll(s.dir)
	}
}
