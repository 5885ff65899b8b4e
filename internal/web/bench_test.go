package web

import (
	"context"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"

	"github.com/askerkommune/temaplanbot/bot"
)

// BenchmarkAnswer compares one question through the web adapter (form
// parsing, CSRF, limits, rendering the new messages) with the same question
// straight to the engine, both on the embedded store:
//
//	go test -run '^$' -bench BenchmarkAnswer -count 3 ./internal/web
func BenchmarkAnswer(b *testing.B) {
	r := newRig(b, func(c *Config) { c.SessionPerMinute, c.ClientPerMinute = 1<<30, 1<<30 })
	const q = "Når starter klimaplanen?"
	b.Run("engine", func(b *testing.B) {
		m := bot.Message{Platform: bot.PlatformWeb, Channel: "web", User: newToken(), Text: q, Locale: "nb", Direct: true}
		for b.Loop() {
			if len(r.app.Engine.Handle(context.Background(), m)) == 0 {
				b.Fatal("no reply")
			}
		}
	})
	b.Run("web", func(b *testing.B) {
		h := r.a.Handler()
		sid := newToken()
		body := url.Values{"csrf": {r.a.csrfToken(sid)}, "text": {q}}.Encode()
		for b.Loop() {
			req := httptest.NewRequest(http.MethodPost, "/web/say", strings.NewReader(body))
			req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
			req.Header.Set("X-Requested-With", "temaplanbot")
			req.AddCookie(&http.Cookie{Name: sessionCookie, Value: sid})
			w := httptest.NewRecorder()
			h.ServeHTTP(w, req)
			if w.Code != http.StatusOK {
				b.Fatalf("status %d", w.Code)
			}
		}
	})
}
