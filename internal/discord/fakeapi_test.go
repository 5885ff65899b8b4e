package discord

import (
	"context"
	"crypto/ed25519"
	"crypto/rand"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/bwmarrin/discordgo"

	"github.com/askerkommune/temaplanbot/bot"
	"github.com/askerkommune/temaplanbot/bot/bottest"
	"github.com/askerkommune/temaplanbot/internal/apptest"
	"github.com/askerkommune/temaplanbot/internal/inbox"
	"github.com/askerkommune/temaplanbot/internal/locale"
)

// call is one REST request the fake Discord API received.
type call struct {
	Method, Path string
	Body         map[string]any
	Raw          string
	At           time.Time
}

// fakeAPI is a local stand-in for Discord's REST API. It records every
// call, answers like Discord (message ids, nonce dedupe with enforce_nonce)
// and lets a test inject failures with hook.
type fakeAPI struct {
	srv *httptest.Server
	mu  sync.Mutex
	log []call
	// hook, when set, may answer a call itself (return true).
	hook   func(w http.ResponseWriter, c call) bool
	nonces map[string]string // nonce -> message id
	nextID int
	wsURL  string // handed out by GET /gateway
	posted chan call
}

func newFakeAPI(t *testing.T) *fakeAPI {
	t.Helper()
	f := &fakeAPI{nonces: map[string]string{}, nextID: 1000, posted: make(chan call, 100)}
	f.srv = httptest.NewServer(http.HandlerFunc(f.serve))
	t.Cleanup(f.srv.Close)
	return f
}

func (f *fakeAPI) serve(w http.ResponseWriter, r *http.Request) {
	raw, _ := io.ReadAll(r.Body)
	c := call{Method: r.Method, Path: r.URL.Path, Raw: string(raw), At: time.Now()}
	_ = json.Unmarshal(raw, &c.Body)
	f.mu.Lock()
	hook := f.hook
	f.mu.Unlock()
	if hook != nil && hook(w, c) {
		f.record(c, false)
		return
	}
	w.Header().Set("Content-Type", "application/json")
	switch {
	case r.Method == http.MethodGet && strings.HasSuffix(c.Path, "/gateway"):
		fmt.Fprintf(w, `{"url":%q}`, f.wsURL)
		return
	case r.Method == http.MethodPut && strings.Contains(c.Path, "/commands"):
		w.Write(raw)
	case strings.HasSuffix(c.Path, "/callback"):
		w.WriteHeader(http.StatusNoContent)
	case r.Method == http.MethodPost && c.Path == "/api/v9/users/@me/channels":
		fmt.Fprintf(w, `{"id":"dm-%v","type":1}`, c.Body["recipient_id"])
	default:
		fmt.Fprintf(w, `{"id":%q,"channel_id":"c"}`, f.messageID(c))
	}
	f.record(c, true)
}

// messageID returns a new id, or the first one for a repeated enforced nonce.
func (f *fakeAPI) messageID(c call) string {
	f.mu.Lock()
	defer f.mu.Unlock()
	nonce, _ := c.Body["nonce"].(string)
	if enforce, _ := c.Body["enforce_nonce"].(bool); enforce && nonce != "" {
		if id, ok := f.nonces[nonce]; ok {
			return id
		}
	}
	f.nextID++
	id := fmt.Sprint(f.nextID)
	if nonce != "" {
		f.nonces[nonce] = id
	}
	return id
}

func (f *fakeAPI) record(c call, ok bool) {
	f.mu.Lock()
	f.log = append(f.log, c)
	f.mu.Unlock()
	if ok && c.Method != http.MethodGet {
		select {
		case f.posted <- c:
		default:
		}
	}
}

func (f *fakeAPI) setHook(h func(w http.ResponseWriter, c call) bool) {
	f.mu.Lock()
	f.hook = h
	f.mu.Unlock()
}

// calls returns the recorded calls whose path contains substr.
func (f *fakeAPI) calls(substr string) []call {
	f.mu.Lock()
	defer f.mu.Unlock()
	var out []call
	for _, c := range f.log {
		if strings.Contains(c.Path, substr) {
			out = append(out, c)
		}
	}
	return out
}

// wait returns the next successful non-GET call, or fails after 5 s.
func (f *fakeAPI) wait(t *testing.T) call {
	t.Helper()
	select {
	case c := <-f.posted:
		return c
	case <-time.After(5 * time.Second):
		t.Fatal("no call reached the fake Discord API")
		return call{}
	}
}

// client returns an http.Client whose transport sends every request to f.
func (f *fakeAPI) client() *http.Client {
	u, _ := url.Parse(f.srv.URL)
	return &http.Client{Timeout: 5 * time.Second, Transport: rewrite{to: u}}
}

// rewrite sends requests for any host to a local server.
type rewrite struct{ to *url.URL }

func (rw rewrite) RoundTrip(r *http.Request) (*http.Response, error) {
	r = r.Clone(r.Context())
	r.URL.Scheme, r.URL.Host = rw.to.Scheme, rw.to.Host
	return http.DefaultTransport.RoundTrip(r)
}

// keys is a fresh Ed25519 key pair for one test.
type keys struct {
	pub  ed25519.PublicKey
	priv ed25519.PrivateKey
}

func newKeys(t testing.TB) keys {
	t.Helper()
	pub, priv, err := ed25519.GenerateKey(rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	return keys{pub, priv}
}

// sign returns the signature headers Discord would send.
func (k keys) sign(ts time.Time, body []byte) (sig, stamp string) {
	stamp = fmt.Sprint(ts.Unix())
	return hex.EncodeToString(ed25519.Sign(k.priv, append([]byte(stamp), body...))), stamp
}

// rig is an adapter wired to a fake Discord API and, unless a responder is
// given, the real engine (apptest).
type rig struct {
	a    *Adapter
	api  *fakeAPI
	keys keys
	app  *apptest.App
	now  func() time.Time
}

type rigOptions struct {
	responder bot.Responder
	staffRole string
}

func newRig(t *testing.T, o rigOptions) *rig {
	t.Helper()
	r := &rig{api: newFakeAPI(t), keys: newKeys(t)}
	resp := o.responder
	var store bot.InboxStore = bottest.NewMemInbox()
	if resp == nil {
		r.app = apptest.New(t, apptest.Options{Inbox: true})
		resp = r.app.Engine
		store = r.app.Mongo // the real inbox on the embedded store
	}
	r.now = func() time.Time { return time.Now() }
	a, err := New(Config{BotToken: "test-token", PublicKey: hex.EncodeToString(r.keys.pub), AppID: "app1",
		StaffRoleIDs: []string{o.staffRole}, Responder: resp, Logger: testLogger(t), Now: func() time.Time { return r.now() },
		HTTPClient: r.api.client(), Inbox: testInbox(t, store)})
	if err != nil {
		t.Fatal(err)
	}
	a.retryIn = 5 * time.Millisecond
	if os.Getenv("TEST_LOG") != "" {
		a.session.LogLevel = discordgo.LogInformational
	}
	r.a = a
	t.Cleanup(func() {
		ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
		defer cancel()
		if err := a.Shutdown(ctx); err != nil {
			t.Errorf("shutdown: %v", err)
		}
	})
	return r
}

// testInbox is an inbox on store; the adapter's Shutdown (or the test's
// end) stops it.
func testInbox(tb testing.TB, store bot.InboxStore) *inbox.Inbox {
	tb.Helper()
	b, err := inbox.New(inbox.Config{Store: store, Logger: testLogger(tb)})
	if err != nil {
		tb.Fatal(err)
	}
	tb.Cleanup(func() {
		ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
		defer cancel()
		_ = b.Shutdown(ctx)
	})
	return b
}

func testLogger(t testing.TB) *slog.Logger {
	if os.Getenv("TEST_LOG") != "" {
		return slog.New(slog.NewTextHandler(os.Stderr, &slog.HandlerOptions{Level: slog.LevelDebug}))
	}
	return slog.New(slog.DiscardHandler)
}

// fake is a Responder built from a function, with the real locales.
type fake struct {
	bot.HandlerFunc
	loc bot.Localizer
}

func (f fake) SuggestPlans(q string, _ bot.Lang, _ int) []bot.Choice {
	return []bot.Choice{{Label: "Plan " + q, Value: q}}
}
func (f fake) Overview(bot.Lang) bot.Reply { return bot.Reply{Text: "overview"} }
func (f fake) Localizer() bot.Localizer    { return f.loc }

// fakeResponder answers with f (called with the message only).
func fakeResponder(t testing.TB, f func(m bot.Message) []bot.Reply) bot.Responder {
	t.Helper()
	loc, err := locale.Load()
	if err != nil {
		t.Fatal(err)
	}
	return fake{HandlerFunc: func(_ context.Context, m bot.Message) []bot.Reply { return f(m) }, loc: loc}
}
