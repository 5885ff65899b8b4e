package discord

import (
	"context"
	"crypto/ed25519"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"strconv"
	"time"

	"github.com/askerkommune/temaplanbot/bot"
)

// errSignature marks a request whose signature or timestamp is not valid.
var errSignature = errors.New("invalid request signature")

// InteractionsHandler serves POST /discord/interactions. It verifies the
// Ed25519 signature (X-Signature-Ed25519 over X-Signature-Timestamp + body)
// and rejects timestamps more than five minutes from the clock: 401 and
// nothing processed. Bodies over 128 KiB get 413, malformed ones 400, a
// replay of an interaction already answered 409, requests during shutdown
// 503. PING is answered with PONG; everything else with the response
// Discord expects within 3 seconds (messages, autocomplete, modals, or a
// deferral followed up over the webhook).
func (a *Adapter) InteractionsHandler() http.Handler {
	return http.HandlerFunc(a.serveInteraction)
}

func (a *Adapter) serveInteraction(w http.ResponseWriter, r *http.Request) {
	start := a.now()
	in, ok := a.admit(w, r)
	if !ok {
		return
	}
	if !a.begin() {
		http.Error(w, "shutting down", http.StatusServiceUnavailable)
		return
	}
	out := a.interact(r.Context(), in)
	if out.status != 0 {
		a.inflight.Done()
		http.Error(w, "interaction already answered", out.status)
		return
	}
	b, err := json.Marshal(out.resp)
	if err != nil { // cannot happen with the adapter's own types
		a.inflight.Done()
		a.log.Error("discord: encode response", "event", in.ID, "err", err)
		http.Error(w, "internal error", http.StatusInternalServerError)
		return
	}
	w.Header().Set("Content-Type", "application/json")
	// With its length given, the response goes out whole at the flush
	// below: not chunked, with no closing chunk after it.
	w.Header().Set("Content-Length", strconv.Itoa(len(b)))
	_, _ = w.Write(b)
	a.met.Ack(bot.PlatformDiscord, a.now().Sub(start))
	if out.acked != nil {
		if f, ok := w.(http.Flusher); ok {
			f.Flush()
		}
		out.acked()
	}
	if out.later == nil {
		a.inflight.Done()
		return
	}
	if f, ok := w.(http.Flusher); ok {
		f.Flush()
	}
	ctx, cancel := context.WithTimeout(context.WithoutCancel(r.Context()), followUpTimeout)
	go func() {
		defer a.inflight.Done()
		defer cancel()
		out.later(ctx)
	}()
}

// admit reads, verifies and parses a request, answering it with an error
// status when any step fails.
func (a *Adapter) admit(w http.ResponseWriter, r *http.Request) (*interaction, bool) {
	if r.Method != http.MethodPost {
		w.Header().Set("Allow", http.MethodPost)
		http.Error(w, "method not allowed", http.StatusMethodNotAllowed)
		return nil, false
	}
	if a.key == nil || a.cfg.Responder == nil {
		http.Error(w, "interactions are not configured", http.StatusServiceUnavailable)
		return nil, false
	}
	body, err := io.ReadAll(http.MaxBytesReader(w, r.Body, maxBody))
	if err != nil {
		var tooBig *http.MaxBytesError
		if errors.As(err, &tooBig) {
			a.reject(w, "size", http.StatusRequestEntityTooLarge, err)
		} else {
			a.reject(w, "malformed", http.StatusBadRequest, err)
		}
		return nil, false
	}
	if err := a.verify(r.Header, body); err != nil {
		reason := "signature"
		if errors.Is(err, errStale) {
			reason = "stale"
		}
		a.reject(w, reason, http.StatusUnauthorized, err)
		return nil, false
	}
	in, err := parseInteraction(body)
	if err != nil {
		a.reject(w, "malformed", http.StatusBadRequest, err)
		return nil, false
	}
	return in, true
}

func (a *Adapter) reject(w http.ResponseWriter, reason string, status int, err error) {
	a.met.Rejected(bot.PlatformDiscord, reason)
	a.log.Info("discord request rejected", "reason", reason, "err", err)
	http.Error(w, http.StatusText(status), status)
}

// errStale marks a signed timestamp outside the allowed window.
var errStale = fmt.Errorf("stale timestamp: %w", errSignature)

// verify checks the Ed25519 signature over timestamp+body and the
// timestamp's freshness. It returns an error wrapping errSignature
// (errStale for an old or future timestamp).
func (a *Adapter) verify(h http.Header, body []byte) error {
	return verifySignature(a.key, h.Get("X-Signature-Ed25519"), h.Get("X-Signature-Timestamp"), body, a.now())
}

// verifySignature is verify without the adapter, for tests and fuzzing.
func verifySignature(key ed25519.PublicKey, sigHex, ts string, body []byte, now time.Time) error {
	sig, err := hex.DecodeString(sigHex)
	if err != nil || len(sig) != ed25519.SignatureSize {
		return fmt.Errorf("discord: signature header: %w", errSignature)
	}
	secs, err := strconv.ParseInt(ts, 10, 64)
	if err != nil {
		return fmt.Errorf("discord: timestamp header %q: %w", ts, errSignature)
	}
	msg := make([]byte, 0, len(ts)+len(body))
	msg = append(append(msg, ts...), body...)
	if !ed25519.Verify(key, msg, sig) {
		return fmt.Errorf("discord: signature mismatch: %w", errSignature)
	}
	if skew := now.Sub(time.Unix(secs, 0)); skew > maxSkew || skew < -maxSkew {
		return fmt.Errorf("discord: timestamp %s is %s off: %w", ts, skew.Round(time.Second), errStale)
	}
	return nil
}
