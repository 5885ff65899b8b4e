package slack

import (
	"context"
	"encoding/json"
	"errors"
	"io"
	"net/http"
	"time"

	"github.com/askerkommune/temaplanbot/bot"
)

// MaxBody is the largest events or slash command body the HTTP handlers
// read, and MaxInteractionBody the largest interaction (a modal submission
// repeats the form and the typed text); larger bodies get 413 and nothing
// is processed.
const (
	MaxBody            = 64 << 10
	MaxInteractionBody = 128 << 10
)

// EventsHandler serves POST /slack/events (Events API): it verifies the
// signature, answers url_verification, and acknowledges events at once,
// answering them on the inbox's worker pool: an event is acknowledged only
// once it is stored. Retried and duplicate events are handled once. Status
// codes: 401 bad or stale signature, 400 malformed body, 413 too large, 503
// when the event could not be stored (Slack retries).
func (a *Adapter) EventsHandler() http.Handler {
	return a.webhook(MaxBody, func(ctx context.Context, r *http.Request, body []byte) (any, error) {
		if n := r.Header.Get("X-Slack-Retry-Num"); n != "" {
			a.log.Debug("event retried by Slack", "retry", n, "reason", r.Header.Get("X-Slack-Retry-Reason"))
		}
		return a.handleEvents(ctx, body)
	})
}

// CommandsHandler serves POST /slack/commands (the /temaplan slash command).
// A fast answer goes in the response body, privately unless the engine made
// it public; a form opens as a modal; slow answers follow through
// response_url. Status codes as for EventsHandler.
func (a *Adapter) CommandsHandler() http.Handler {
	return a.webhook(MaxBody, func(ctx context.Context, _ *http.Request, body []byte) (any, error) {
		cmd, err := parseCommand(body)
		if err != nil {
			return nil, err
		}
		return a.handleCommand(ctx, cmd), nil
	})
}

// InteractionsHandler serves POST /slack/interactions (buttons, modal
// submissions). Field errors of a submission are answered with
// response_action "errors". Status codes as for EventsHandler.
func (a *Adapter) InteractionsHandler() http.Handler {
	return a.webhook(MaxInteractionBody, func(ctx context.Context, _ *http.Request, body []byte) (any, error) {
		cb, err := parseInteraction(body)
		if err != nil {
			return nil, err
		}
		return a.handleInteraction(ctx, cb), nil
	})
}

type webhookFunc func(ctx context.Context, r *http.Request, body []byte) (any, error)

// webhook reads and verifies a Slack request, then runs serve and writes its
// result as JSON (or an empty 200).
func (a *Adapter) webhook(limit int64, serve webhookFunc) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		start := time.Now()
		defer func() { a.m.Ack(bot.PlatformSlack, time.Since(start)) }()
		if r.Method != http.MethodPost {
			w.Header().Set("Allow", http.MethodPost)
			http.Error(w, "method not allowed", http.StatusMethodNotAllowed)
			return
		}
		body, err := io.ReadAll(http.MaxBytesReader(w, r.Body, limit))
		if err != nil {
			var tooBig *http.MaxBytesError
			if errors.As(err, &tooBig) {
				a.reject(w, "size", http.StatusRequestEntityTooLarge)
				return
			}
			a.reject(w, "malformed", http.StatusBadRequest)
			return
		}
		if err := verifyRequest(a.cfg.SigningSecret, a.now(), r.Header, body); err != nil {
			a.reject(w, err.Error(), http.StatusUnauthorized)
			return
		}
		// The work must not outlive Slack's 3 s; slow work continues on the pool.
		ctx, cancel := context.WithTimeout(context.WithoutCancel(r.Context()), 2800*time.Millisecond)
		defer cancel()
		resp, err := serve(ctx, r, body)
		switch {
		case errors.Is(err, errMalformed):
			a.reject(w, "malformed", http.StatusBadRequest)
		case errors.Is(err, errNotTaken):
			a.log.Warn("request not taken; Slack will retry", "err", err)
			http.Error(w, "busy", http.StatusServiceUnavailable)
		case err != nil:
			a.log.Error("request failed", "err", err)
			http.Error(w, "error", http.StatusInternalServerError)
		case resp == nil:
			w.WriteHeader(http.StatusOK)
		default:
			writeJSON(w, resp)
		}
	})
}

func (a *Adapter) reject(w http.ResponseWriter, reason string, code int) {
	a.m.Rejected(bot.PlatformSlack, reason)
	a.log.Info("request rejected", "reason", reason, "status", code)
	http.Error(w, http.StatusText(code), code)
}

func writeJSON(w http.ResponseWriter, v any) {
	b, err := json.Marshal(v)
	if err != nil {
		http.Error(w, "error", http.StatusInternalServerError)
		return
	}
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	_, _ = w.Write(b)
}
