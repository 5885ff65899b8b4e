// Package server is temaplanbot's one HTTP server: health and readiness
// probes, Prometheus metrics, and the platforms' webhook routes. The webhook
// handlers come in as plain http.Handler values, so this package imports no
// platform code.
package server

import (
	"bytes"
	"io"
	"log/slog"
	"net/http"
	"time"
)

// MaxWebhookBody is the largest request body a webhook route accepts; a
// bigger body is answered with 413 before the platform handler sees it.
// Events, slash commands and Discord interactions stay far below it.
const MaxWebhookBody = 64 << 10

// MaxSlackInteractionBody is the limit of /slack/interactions: a modal
// submission repeats the form (prefilled text included) and the typed text,
// URL-encoded JSON, so 2 x 3,000 emoji come to about 80 KB.
const MaxSlackInteractionBody = 128 << 10

// readyTimeout bounds one readiness check.
const readyTimeout = 3 * time.Second

// Routes are the handlers the server mounts. A nil webhook handler leaves its
// route out (404).
type Routes struct {
	SlackEvents         http.Handler // POST /slack/events
	SlackCommands       http.Handler // POST /slack/commands
	SlackInteractions   http.Handler // POST /slack/interactions
	DiscordInteractions http.Handler // POST /discord/interactions
	// Checks are the dependencies GET /readyz checks (database, platform
	// connections), all at once within readyTimeout; none means always ready.
	Checks []Check
	// Redact masks secrets in a readiness error before /readyz shows it.
	// Nil: /readyz names the failed dependencies without saying why (the
	// reasons are logged only).
	Redact func(string) string
	// Web serves the web chat under /web/ (pages, posts, static files); it
	// limits its own bodies.
	Web http.Handler
	// Metrics serves GET /metrics; nil leaves the route out.
	Metrics http.Handler
	// Rejected, when set, counts a webhook body refused here for its size
	// (reason "size"), under the route's platform ("slack", "discord").
	Rejected func(platform, reason string)
	// Logger receives the readiness changes (ready -> not ready and back,
	// once per change, with the full errors); nil discards them.
	Logger *slog.Logger
}

// Handler returns the server's routes. Wrong methods get 405 with an Allow
// header; unknown paths 404. Webhook bodies above MaxWebhookBody
// (MaxSlackInteractionBody for /slack/interactions) get 413.
func Handler(r Routes) http.Handler {
	log := r.Logger
	if log == nil {
		log = slog.New(slog.DiscardHandler)
	}
	mux := http.NewServeMux()
	mux.HandleFunc("GET /healthz", func(w http.ResponseWriter, _ *http.Request) {
		writeText(w, http.StatusOK, "ok")
	})
	mux.Handle("GET /readyz", newReadiness(r.Checks, r.Redact, log))
	if r.Metrics != nil {
		mux.Handle("GET /metrics", r.Metrics)
	}
	hooks := []struct {
		path, platform string
		h              http.Handler
		limit          int64
	}{
		{"/slack/events", "slack", r.SlackEvents, MaxWebhookBody},
		{"/slack/commands", "slack", r.SlackCommands, MaxWebhookBody},
		{"/slack/interactions", "slack", r.SlackInteractions, MaxSlackInteractionBody},
		{"/discord/interactions", "discord", r.DiscordInteractions, MaxWebhookBody},
	}
	if r.Web != nil {
		mux.Handle("/web/", r.Web)
		mux.Handle("/web", r.Web)
	}
	for _, hk := range hooks {
		if hk.h != nil {
			var onSize func()
			if r.Rejected != nil {
				platform := hk.platform
				onSize = func() { r.Rejected(platform, "size") }
			}
			mux.Handle("POST "+hk.path, limitBody(hk.limit, hk.h, onSize))
		}
	}
	return mux
}

// LimitBody reads the whole request body, up to limit bytes, before calling
// next, and answers 413 without calling next when the body is larger. next
// sees the buffered body, so it cannot be slowed by a trickling client.
func LimitBody(limit int64, next http.Handler) http.Handler { return limitBody(limit, next, nil) }

// limitBody is LimitBody calling onSize (when not nil) for each refusal.
func limitBody(limit int64, next http.Handler, onSize func()) http.Handler {
	tooLarge := func(w http.ResponseWriter) {
		if onSize != nil {
			onSize()
		}
		w.Header().Set("Connection", "close")
		writeText(w, http.StatusRequestEntityTooLarge, "request body too large")
	}
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.ContentLength > limit {
			tooLarge(w)
			return
		}
		body, err := io.ReadAll(io.LimitReader(r.Body, limit+1))
		if err != nil {
			writeText(w, http.StatusBadRequest, "cannot read body")
			return
		}
		if int64(len(body)) > limit {
			tooLarge(w)
			return
		}
		r.Body = io.NopCloser(bytes.NewReader(body))
		r.ContentLength = int64(len(body))
		next.ServeHTTP(w, r)
	})
}

func writeText(w http.ResponseWriter, code int, s string) {
	w.Header().Set("Content-Type", "text/plain; charset=utf-8")
	w.Header().Set("X-Content-Type-Options", "nosniff")
	w.WriteHeader(code)
	_, _ = io.WriteString(w, s+"\n")
}
