package mongodb

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"log/slog"
	"net"
	"net/url"
	"os"
	"path/filepath"
	"sync"
	"time"
)

// maxSocketPath is the longest Unix socket path Linux accepts (sun_path
// is 108 bytes including the terminating NUL).
const maxSocketPath = 107

// Server is the embedded MongoDB-compatible server used when no MongoDB URI
// is configured: FerretDB v1 with its SQLite backend, running in this
// process. Its data lives in <DataDir>/db and it listens only on the Unix
// socket <DataDir>/run/ferretdb.sock (directories 0700, no TCP port), so no
// other local user can reach the data. A Server can be stopped and started
// again on the same socket and data (used by outage tests).
type Server struct {
	dbDir, socket string
	logger        *slog.Logger

	mu     sync.Mutex
	cancel context.CancelFunc
	done   chan struct{}
}

// ErrServing is returned (wrapped) by StartServer and Start when another
// process already serves the data directory on its socket.
var ErrServing = errors.New("another process is serving the data directory")

// StartServer creates the directories under dataDir and starts a server.
// logger may be nil (no logs); only FerretDB's errors are passed on to it.
// It returns an error when the socket path would be too long for Unix
// sockets, one wrapping ErrServing when another process already serves
// dataDir, or when FerretDB cannot start.
func StartServer(dataDir string, logger *slog.Logger) (*Server, error) {
	if dataDir == "" {
		dataDir = DefaultDataDir
	}
	abs, dbDir, socket, err := serverPaths(dataDir)
	if err != nil {
		return nil, err
	}
	s := &Server{dbDir: dbDir, socket: socket, logger: ferretLogger(logger)}
	for _, dir := range []string{abs, s.dbDir, filepath.Dir(s.socket)} {
		if err := mkPrivateDir(dir); err != nil {
			return nil, fmt.Errorf("mongodb: embedded server: %w", err)
		}
	}
	if err := s.Start(); err != nil {
		return nil, err
	}
	return s, nil
}

// serverPaths returns the absolute data directory, the database directory
// and the socket of an embedded server on dataDir. It returns an error when
// the socket path would be too long for Unix sockets.
func serverPaths(dataDir string) (abs, dbDir, socket string, err error) {
	if dataDir == "" {
		dataDir = DefaultDataDir
	}
	if abs, err = filepath.Abs(dataDir); err != nil {
		return "", "", "", fmt.Errorf("mongodb: embedded server: data dir: %w", err)
	}
	dbDir, socket = filepath.Join(abs, "db"), filepath.Join(abs, "run", "ferretdb.sock")
	if len(socket) > maxSocketPath {
		return "", "", "", fmt.Errorf("mongodb: embedded server: socket path %q is longer than %d bytes; use a shorter DATA_DIR", socket, maxSocketPath)
	}
	return abs, dbDir, socket, nil
}

// socketURI is the mongodb:// URI of a Unix socket.
func socketURI(socket string) string { return "mongodb://" + url.QueryEscape(socket) + "/" }

// mkPrivateDir creates dir with mode 0700 and tightens an existing one.
func mkPrivateDir(dir string) error {
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return err
	}
	return os.Chmod(dir, 0o700)
}

// ferretLogger turns our logger into FerretDB's. FerretDB logs every
// command it answers with NotImplemented (e.g. our TTL index attempt) at
// WARN with a dump of the wire messages, which would flood our logs and
// could include document contents, so only its errors get through.
func ferretLogger(l *slog.Logger) *slog.Logger {
	if l == nil {
		return slog.New(slog.DiscardHandler)
	}
	return slog.New(minLevel{h: l.Handler(), level: slog.LevelError}).With("component", "ferretdb")
}

// minLevel is a slog.Handler that drops records below level. It applies
// attributes and groups added with With lazily, only to a record that is
// logged: FerretDB adds the SQL and its arguments (whole documents) to a
// logger for every statement it runs, and handing those to our handler
// (which redacts secrets in every attribute) cost more than the statement.
type minLevel struct {
	h     slog.Handler
	level slog.Level
	with  []func(slog.Handler) slog.Handler // in order
}

func (h minLevel) Enabled(ctx context.Context, l slog.Level) bool {
	return l >= h.level && h.h.Enabled(ctx, l)
}

func (h minLevel) Handle(ctx context.Context, r slog.Record) error {
	inner := h.h
	for _, f := range h.with {
		inner = f(inner)
	}
	return inner.Handle(ctx, r)
}

func (h minLevel) WithAttrs(a []slog.Attr) slog.Handler {
	return h.then(func(in slog.Handler) slog.Handler { return in.WithAttrs(a) })
}

func (h minLevel) WithGroup(name string) slog.Handler {
	return h.then(func(in slog.Handler) slog.Handler { return in.WithGroup(name) })
}

func (h minLevel) then(f func(slog.Handler) slog.Handler) minLevel {
	return minLevel{h: h.h, level: h.level, with: append(h.with[:len(h.with):len(h.with)], f)}
}

// URI returns the mongodb:// URI of the server's Unix socket.
func (s *Server) URI() string {
	return socketURI(s.socket)
}

// Start starts the server if it is not running. It returns an error when
// another process listens on the socket or FerretDB cannot start.
func (s *Server) Start() error {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.cancel != nil {
		return nil
	}
	if err := removeStaleSocket(s.socket); err != nil {
		return fmt.Errorf("mongodb: embedded server: %w", err)
	}
	run, err := newFerret(s.socket, s.dbDir, s.logger)
	if err != nil {
		return fmt.Errorf("mongodb: embedded server: %w", err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan struct{})
	go func() {
		defer close(done)
		run(ctx)
	}()
	s.cancel, s.done = cancel, done
	return nil
}

// Stop stops the server and waits until it has closed its socket, its
// connections and its database files. FerretDB gives connected clients up
// to 3 s to hang up, so disconnect clients first for a fast stop. Stopping a
// stopped server does nothing. It returns no error today; the signature
// leaves room for one.
func (s *Server) Stop() error {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.cancel == nil {
		return nil
	}
	s.cancel()
	<-s.done
	s.cancel, s.done = nil, nil
	return nil
}

// removeStaleSocket deletes a socket file left by a crashed run. It returns
// an error when something still answers on it.
func removeStaleSocket(path string) error {
	if _, err := os.Lstat(path); errors.Is(err, fs.ErrNotExist) {
		return nil
	}
	c, err := net.DialTimeout("unix", path, 200*time.Millisecond)
	if err == nil {
		c.Close()
		return fmt.Errorf("%w: %s", ErrServing, path)
	}
	if err := os.Remove(path); err != nil && !errors.Is(err, fs.ErrNotExist) {
		return fmt.Errorf("remove stale socket: %w", err)
	}
	return nil
}
