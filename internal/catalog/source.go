package catalog

import (
	"bytes"
	"context"
	"crypto/sha256"
	"fmt"
	"log/slog"
	"os"
	"path/filepath"
	"sync"
	"sync/atomic"
	"time"

	"github.com/askerkommune/temaplanbot/bot"
)

// DefaultWatchInterval is how often Watch polls when given no interval.
const DefaultWatchInterval = 30 * time.Second

// Source holds the current catalogue and reloads it from its file when the
// file changes. It implements bot.CatalogSource and is safe for concurrent
// use. The catalogue it returns is shared: callers must treat it as
// read-only (use bot.Catalog.WithStarts to derive a changed copy).
type Source struct {
	path   string // "" for the embedded default
	logger *slog.Logger

	cur atomic.Pointer[bot.Catalog]

	mu  sync.Mutex // serialises Reload
	sum [sha256.Size]byte
}

// NewSource loads the catalogue at path ("" means the embedded default,
// which never changes) and returns a Source holding it. logger may be nil.
// It returns the error of Load when the first load fails: a bot with a
// broken catalogue should not start.
func NewSource(path string, logger *slog.Logger) (*Source, error) {
	if logger == nil {
		logger = slog.New(slog.DiscardHandler)
	}
	s := &Source{path: path, logger: logger}
	if path == "" {
		c, err := Default()
		if err != nil {
			return nil, err
		}
		s.cur.Store(c)
		return s, nil
	}
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("catalog: read %s: %w", path, err)
	}
	c, err := Parse(filepath.Base(path), data)
	if err != nil {
		return nil, err
	}
	s.sum = sha256.Sum256(data)
	s.cur.Store(c)
	return s, nil
}

// Catalog returns the current catalogue (never nil).
func (s *Source) Catalog() *bot.Catalog { return s.cur.Load() }

// Path returns the file the Source reads ("" for the embedded default).
func (s *Source) Path() string { return s.path }

// Reload re-reads the file and, if its content changed and is a valid
// catalogue, makes it current. It reports whether the catalogue changed.
// On an unreadable or invalid file it keeps the current catalogue and
// returns the error (a *ValidationError for an invalid file). The embedded
// default never changes: Reload then returns false, nil.
func (s *Source) Reload() (changed bool, err error) {
	if s.path == "" {
		return false, nil
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	data, err := os.ReadFile(s.path)
	if err != nil {
		return false, fmt.Errorf("catalog: read %s: %w", s.path, err)
	}
	sum := sha256.Sum256(data)
	if bytes.Equal(sum[:], s.sum[:]) {
		return false, nil
	}
	c, err := Parse(filepath.Base(s.path), data)
	if err != nil {
		return false, err
	}
	s.sum = sum
	s.cur.Store(c)
	return true, nil
}

// Watch calls Reload every interval (DefaultWatchInterval when every <= 0)
// until ctx is done. It logs each reload at info level and each reload
// error at error level, once, when two polls in a row have seen it (so a
// file caught half-written is not reported). It returns at once for the
// embedded default.
func (s *Source) Watch(ctx context.Context, every time.Duration) {
	if s.path == "" {
		return
	}
	if every <= 0 {
		every = DefaultWatchInterval
	}
	t := time.NewTicker(every)
	defer t.Stop()
	var st watchState
	for {
		select {
		case <-ctx.Done():
			return
		case <-t.C:
		}
		s.poll(&st)
	}
}

// watchState is what Watch remembers between polls.
type watchState struct {
	prevErr, loggedErr string
}

// poll is one round of Watch: reload, and log a change or a lasting error.
func (s *Source) poll(st *watchState) {
	changed, err := s.Reload()
	msg := ""
	if err != nil {
		msg = err.Error()
	}
	// An error is logged when two polls in a row see it (a file caught
	// half-written by an editor is not worth an alarm), and only once.
	if err != nil && msg == st.prevErr && msg != st.loggedErr {
		s.logger.Error("catalog: reload failed, keeping the previous catalogue", "path", s.path, "err", err)
		st.loggedErr = msg
	}
	if err == nil {
		st.loggedErr = ""
	}
	st.prevErr = msg
	if changed {
		s.logger.Info("catalog: reloaded", "path", s.path, "plans", len(s.Catalog().Plans))
	}
}
