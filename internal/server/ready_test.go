package server

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"log/slog"
	"strings"
	"sync"
	"testing"
)

// lockedBuffer is a log destination safe for the server's goroutines.
type lockedBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (l *lockedBuffer) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.Write(p)
}

func (l *lockedBuffer) String() string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.String()
}

// switchable is a dependency whose state the test sets.
type switchable struct {
	mu  sync.Mutex
	err error
}

func (s *switchable) set(err error) { s.mu.Lock(); s.err = err; s.mu.Unlock() }
func (s *switchable) Ready(context.Context) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.err
}

// TestReadyzNamesFailedDependency: /readyz says which dependency failed and
// why, with the secret masked by the Redact func; the log has one line per
// change of state (not one per probe), and none while nothing changes.
func TestReadyzNamesFailedDependency(t *testing.T) {
	const secret = "xoxb-very-secret-token"
	db, slack := &switchable{}, &switchable{}
	var logs lockedBuffer
	srv := newTestServer(t, Routes{
		Checks: []Check{{Name: "database", Ready: db.Ready}, {Name: "slack", Ready: slack.Ready}},
		Redact: func(s string) string { return strings.ReplaceAll(s, secret, "[redacted]") },
		Logger: slog.New(slog.NewTextHandler(&logs, nil)),
	})
	probe := func(wantCode int, want ...string) {
		t.Helper()
		code, body, _ := do(t, "GET", srv.URL+"/readyz", nil)
		if code != wantCode {
			t.Fatalf("status %d, want %d: %q", code, wantCode, body)
		}
		for _, w := range want {
			if !strings.Contains(body, w) {
				t.Errorf("body %q lacks %q", body, w)
			}
		}
		if strings.Contains(body, secret) {
			t.Errorf("body leaks the secret: %q", body)
		}
	}
	probe(200, "ready\n", "database: ok", "slack: ok")
	slack.set(fmt.Errorf("slack: auth.test with %s: dial tcp: connection refused", secret))
	for range 3 {
		probe(503, "not ready: slack\n", "database: ok", "slack: auth.test with [redacted]: dial tcp: connection refused")
	}
	db.set(errors.New("ping: server selection timeout"))
	probe(503, "not ready: database, slack", "database: ping: server selection timeout")
	db.set(nil)
	slack.set(nil)
	probe(200, "ready")
	probe(200, "ready")

	log := logs.String()
	for _, w := range []string{`msg="not ready" failing=slack`, `msg="still not ready; failing dependencies changed" failing=database,slack`,
		`msg="ready again"`} {
		if strings.Count(log, w) != 1 {
			t.Errorf("log has %q %d times, want once:\n%s", w, strings.Count(log, w), log)
		}
	}
	if n := strings.Count(log, "\n"); n != 3 {
		t.Errorf("%d log lines, want 3 (one per change):\n%s", n, log)
	}
}

// TestReadyzWithoutRedact names the dependency but keeps the reason in the
// log; a check that does not answer in time is named as such.
func TestReadyzWithoutRedact(t *testing.T) {
	secret := "mongodb://user:hunter2@db1"
	srv := newTestServer(t, Routes{Checks: []Check{
		{Name: "database", Ready: func(context.Context) error { return errors.New("ping " + secret + ": refused") }},
		{Name: "discord", Ready: func(ctx context.Context) error { <-ctx.Done(); return ctx.Err() }},
	}})
	code, body, _ := do(t, "GET", srv.URL+"/readyz", nil)
	if code != 503 || !strings.Contains(body, "not ready: database, discord") || strings.Contains(body, "hunter2") ||
		!strings.Contains(body, "discord: no answer within 3s") {
		t.Fatalf("%d %q", code, body)
	}
}
