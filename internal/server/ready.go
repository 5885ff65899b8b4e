package server

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"slices"
	"strings"
	"sync"
)

// Check is one dependency that GET /readyz checks.
type Check struct {
	// Name says which dependency it is in the answer and the log
	// ("database", "slack", "discord").
	Name string
	// Ready returns nil while the dependency works, else why not.
	Ready func(ctx context.Context) error
}

// maxReason bounds the reason /readyz shows for one dependency.
const maxReason = 300

// readiness serves /readyz and remembers the last answer, so a change of
// state is logged once: ready -> not ready (with the failing dependencies
// and their errors), a change in which ones fail, and back to ready.
type readiness struct {
	checks []Check
	redact func(string) string
	log    *slog.Logger

	mu      sync.Mutex
	known   bool     // a check has run
	failing []string // names failing at the last check, sorted
}

func newReadiness(checks []Check, redact func(string) string, log *slog.Logger) *readiness {
	return &readiness{checks: checks, redact: redact, log: log}
}

// ServeHTTP answers 200 "ready" or 503 "not ready", then one line per
// dependency: "name: ok", or "name: " and why it is not ready (redacted;
// only "not ready" without a Redact func).
func (rd *readiness) ServeHTTP(w http.ResponseWriter, req *http.Request) {
	ctx, cancel := context.WithTimeout(req.Context(), readyTimeout)
	defer cancel()
	errs := make([]error, len(rd.checks))
	var wg sync.WaitGroup
	for i, c := range rd.checks {
		wg.Go(func() { errs[i] = c.Ready(ctx) })
	}
	wg.Wait()
	var lines, failing []string
	var logAttrs []any
	for i, c := range rd.checks {
		if errs[i] == nil {
			lines = append(lines, c.Name+": ok")
			continue
		}
		failing = append(failing, c.Name)
		logAttrs = append(logAttrs, slog.String(c.Name, errs[i].Error()))
		lines = append(lines, c.Name+": "+rd.reason(c.Name, errs[i]))
	}
	slices.Sort(failing)
	rd.noteChange(failing, logAttrs)
	if len(failing) == 0 {
		writeText(w, http.StatusOK, strings.Join(append([]string{"ready"}, lines...), "\n"))
		return
	}
	head := "not ready: " + strings.Join(failing, ", ")
	writeText(w, http.StatusServiceUnavailable, strings.Join(append([]string{head}, lines...), "\n"))
}

// reason is the one-line, redacted text of a failed check, without a
// leading "name: " that only repeats the dependency.
func (rd *readiness) reason(name string, err error) string {
	if errors.Is(err, context.DeadlineExceeded) {
		return fmt.Sprintf("no answer within %s", readyTimeout)
	}
	if rd.redact == nil {
		return "not ready (see the log)"
	}
	s := strings.TrimPrefix(err.Error(), name+": ")
	s = strings.Join(strings.Fields(rd.redact(s)), " ")
	if r := []rune(s); len(r) > maxReason {
		s = string(r[:maxReason]) + "..."
	}
	return s
}

// noteChange logs when the set of failing dependencies differs from the
// previous check's (the first check logs only when something fails).
func (rd *readiness) noteChange(failing []string, attrs []any) {
	rd.mu.Lock()
	changed := !slices.Equal(failing, rd.failing) || (!rd.known && len(failing) > 0)
	wasReady := len(rd.failing) == 0
	rd.known, rd.failing = true, failing
	rd.mu.Unlock()
	switch {
	case !changed:
	case len(failing) == 0:
		rd.log.Info("ready again")
	case wasReady:
		rd.log.Warn("not ready", append([]any{"failing", strings.Join(failing, ",")}, attrs...)...)
	default:
		rd.log.Warn("still not ready; failing dependencies changed", append([]any{"failing", strings.Join(failing, ",")}, attrs...)...)
	}
}
