package main

import (
	"crypto/ed25519"
	"encoding/json"
	"fmt"
	"net"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/askerkommune/temaplanbot/internal/mongodb"
	"github.com/askerkommune/temaplanbot/internal/mongodb/mongodbtest"
)

// mailbox hands a reply that reaches a fake API (a response_url post, an
// edit of a Discord interaction response) to the request waiting for it.
type mailbox struct {
	mu    sync.Mutex
	boxes map[string]chan string
	stray atomic.Int64 // replies nobody waited for (deferred question answers)
}

func newMailbox() *mailbox { return &mailbox{boxes: map[string]chan string{}} }

func (m *mailbox) open(key string) chan string {
	ch := make(chan string, 4)
	m.mu.Lock()
	m.boxes[key] = ch
	m.mu.Unlock()
	return ch
}

func (m *mailbox) close(key string) {
	m.mu.Lock()
	delete(m.boxes, key)
	m.mu.Unlock()
}

func (m *mailbox) deliver(key, text string) {
	m.mu.Lock()
	ch, ok := m.boxes[key]
	m.mu.Unlock()
	if !ok {
		m.stray.Add(1)
		return
	}
	select {
	case ch <- text:
	default:
		m.stray.Add(1)
	}
}

// soakSlackAPI is a fake Slack Web API plus the receiver of response_url
// posts (path /respond/<id>). It keeps counts, not bodies, so the test's own
// memory stays flat.
type soakSlackAPI struct {
	srv     *httptest.Server
	box     *mailbox
	mu      sync.Mutex
	posts   map[string]int      // chat.postMessage calls per channel
	meta    map[string][]string // metadata of the chat.postMessage calls per channel (conversations.history)
	lookups atomic.Int64        // conversations.history calls
	// postDelay holds chat.postMessage's response back after the post is
	// recorded (set before traffic starts): a kill then often lands
	// between a post reaching Slack and the bot hearing of it.
	postDelay time.Duration
	responses atomic.Int64   // response_url posts
	perURL    map[string]int // response_url posts per id
	ephemeral atomic.Int64
}

func newSoakSlackAPI(t *testing.T, box *mailbox) *soakSlackAPI {
	f := &soakSlackAPI{box: box, posts: map[string]int{}, meta: map[string][]string{}, perURL: map[string]int{}}
	f.srv = httptest.NewServer(http.HandlerFunc(f.serve))
	t.Cleanup(f.srv.Close)
	return f
}

func (f *soakSlackAPI) serve(w http.ResponseWriter, r *http.Request) {
	if id, ok := strings.CutPrefix(r.URL.Path, "/respond/"); ok {
		var msg struct {
			Text string `json:"text"`
		}
		_ = json.NewDecoder(r.Body).Decode(&msg)
		f.responses.Add(1)
		f.mu.Lock()
		f.perURL[id]++
		f.mu.Unlock()
		f.box.deliver("slack:"+id, msg.Text)
		fmt.Fprint(w, "ok")
		return
	}
	_ = r.ParseForm()
	w.Header().Set("Content-Type", "application/json")
	switch strings.TrimPrefix(r.URL.Path, "/api/") {
	case "auth.test":
		fmt.Fprint(w, `{"ok":true,"user_id":"UBOT","team_id":"T1","bot_id":"B1","user":"temaplanbot"}`)
	case "users.info":
		fmt.Fprintf(w, `{"ok":true,"user":{"id":%q,"locale":"nb-NO"}}`, r.Form.Get("user"))
	case "chat.postMessage":
		ch := r.Form.Get("channel")
		f.mu.Lock()
		f.posts[ch]++
		f.meta[ch] = append(f.meta[ch], r.Form.Get("metadata"))
		f.mu.Unlock()
		time.Sleep(f.postDelay)
		fmt.Fprintf(w, `{"ok":true,"channel":%q,"ts":"1700000000.000100"}`, ch)
	case "conversations.history":
		f.lookups.Add(1)
		f.history(w, r.Form.Get("channel"))
	case "chat.postEphemeral":
		f.ephemeral.Add(1)
		fmt.Fprint(w, `{"ok":true,"message_ts":"1700000000.000200"}`)
	default:
		fmt.Fprint(w, `{"ok":true}`)
	}
}

// history answers conversations.history with the bot's messages in
// channel and their metadata (text is not kept).
func (f *soakSlackAPI) history(w http.ResponseWriter, channel string) {
	f.mu.Lock()
	msgs := make([]map[string]any, 0, len(f.meta[channel]))
	for _, md := range f.meta[channel] {
		m := map[string]any{"type": "message", "ts": "1700000000.000100", "bot_id": "B1"}
		if md != "" {
			m["metadata"] = json.RawMessage(md)
		}
		msgs = append(msgs, m)
	}
	f.mu.Unlock()
	_ = json.NewEncoder(w).Encode(map[string]any{"ok": true, "messages": msgs})
}

// responsesTo is how many posts response_url id got.
func (f *soakSlackAPI) responsesTo(id string) int {
	f.mu.Lock()
	defer f.mu.Unlock()
	return f.perURL[id]
}

func (f *soakSlackAPI) postsTo(channel string) int {
	f.mu.Lock()
	defer f.mu.Unlock()
	return f.posts[channel]
}

// soakDiscordAPI is a fake Discord REST API for interaction follow-ups: an
// edit of the original response is delivered to "discord:<token>".
type soakDiscordAPI struct {
	srv       *httptest.Server
	box       *mailbox
	edits     atomic.Int64
	mu        sync.Mutex
	perToken  map[string]int // edits per interaction token
	followUps atomic.Int64
	// acked, when set, tells whether the initial response to the
	// interaction with this token reached the client (else all did).
	acked func(token string) bool
	other atomic.Int64
}

// editsOf is how many times the response of the interaction with token
// was edited.
func (f *soakDiscordAPI) editsOf(token string) int {
	f.mu.Lock()
	defer f.mu.Unlock()
	return f.perToken[token]
}

func newSoakDiscordAPI(t *testing.T, box *mailbox) *soakDiscordAPI {
	f := &soakDiscordAPI{box: box}
	f.srv = httptest.NewServer(http.HandlerFunc(f.serve))
	t.Cleanup(f.srv.Close)
	return f
}

func (f *soakDiscordAPI) serve(w http.ResponseWriter, r *http.Request) {
	// /api/v9/webhooks/<app>/<token>[/messages/@original]
	parts := strings.Split(strings.TrimPrefix(r.URL.Path, "/api/v9/"), "/")
	w.Header().Set("Content-Type", "application/json")
	switch {
	case len(parts) == 5 && parts[0] == "webhooks" && parts[4] == "@original" && r.Method == http.MethodPatch:
		var msg struct {
			Content string `json:"content"`
		}
		_ = json.NewDecoder(r.Body).Decode(&msg)
		f.edits.Add(1)
		f.mu.Lock()
		if f.perToken == nil {
			f.perToken = map[string]int{}
		}
		f.perToken[parts[2]]++
		f.mu.Unlock()
		f.box.deliver("discord:"+parts[2], msg.Content)
		fmt.Fprint(w, `{"id":"1","channel_id":"c"}`)
	case len(parts) == 5 && parts[0] == "webhooks" && parts[4] == "@original" && r.Method == http.MethodGet:
		if f.acked != nil && !f.acked(parts[2]) { // the initial response never reached Discord
			w.WriteHeader(http.StatusNotFound)
			fmt.Fprint(w, `{"message":"Unknown Webhook","code":10015}`)
			return
		}
		fmt.Fprint(w, `{"id":"1","channel_id":"c"}`)
	case len(parts) == 3 && parts[0] == "webhooks" && r.Method == http.MethodPost:
		f.followUps.Add(1)
		fmt.Fprint(w, `{"id":"2","channel_id":"c"}`)
	default:
		f.other.Add(1)
		fmt.Fprint(w, `{}`)
	}
}

// loopbackOnly is installed as http.DefaultTransport for the soak test.
// serve gives the Discord adapter no HTTP client or API URL setting, so its
// REST calls (deferred answers) go through the default transport to
// discord.com: this sends them to the fake Discord API instead, lets
// loopback requests through, and refuses (and counts) everything else.
type loopbackOnly struct {
	next       http.RoundTripper
	discord    *url.URL
	redirected atomic.Int64
	refused    atomic.Int64
	mu         sync.Mutex
	refusedTo  []string
}

func (l *loopbackOnly) RoundTrip(r *http.Request) (*http.Response, error) {
	host := r.URL.Hostname()
	if host == "discord.com" || strings.HasSuffix(host, ".discord.com") {
		r = r.Clone(r.Context())
		r.URL.Scheme, r.URL.Host, r.Host = l.discord.Scheme, l.discord.Host, ""
		l.redirected.Add(1)
		return l.next.RoundTrip(r)
	}
	if ip := net.ParseIP(host); host == "localhost" || (ip != nil && ip.IsLoopback()) {
		return l.next.RoundTrip(r)
	}
	l.refused.Add(1)
	l.mu.Lock()
	if len(l.refusedTo) < 10 {
		l.refusedTo = append(l.refusedTo, host)
	}
	l.mu.Unlock()
	return nil, fmt.Errorf("soak: request to %s refused: loopback only", host)
}

// installLoopbackOnly replaces http.DefaultTransport until the test ends.
// The test must not run in parallel with others.
func installLoopbackOnly(t *testing.T, discordAPI string) *loopbackOnly {
	u, err := url.Parse(discordAPI)
	if err != nil {
		t.Fatal(err)
	}
	orig := http.DefaultTransport
	l := &loopbackOnly{next: orig, discord: u}
	http.DefaultTransport = l
	t.Cleanup(func() { http.DefaultTransport = orig })
	return l
}

// latencies collects HTTP acknowledgement times per platform.
type latencies struct {
	mu sync.Mutex
	d  map[string][]time.Duration
}

func (l *latencies) add(platform string, d time.Duration) {
	l.mu.Lock()
	if l.d == nil {
		l.d = map[string][]time.Duration{}
	}
	if l.d[platform] == nil { // room for a long run, so the test's own heap stays flat
		l.d[platform] = make([]time.Duration, 0, 1<<16)
	}
	l.d[platform] = append(l.d[platform], d)
	l.mu.Unlock()
}

// quantiles returns p50, p99 and the maximum over the given platforms.
func (l *latencies) quantiles(platforms ...string) (p50, p99, maxd time.Duration, n int) {
	l.mu.Lock()
	var all []time.Duration
	for _, p := range platforms {
		all = append(all, l.d[p]...)
	}
	l.mu.Unlock()
	if len(all) == 0 {
		return 0, 0, 0, 0
	}
	slices.Sort(all)
	at := func(q float64) time.Duration { return all[min(len(all)-1, int(q*float64(len(all))))] }
	return at(0.50), at(0.99), all[len(all)-1], len(all)
}

// envDuration reads a test duration from the environment variable name:
// def when unset, and a fatal error when it does not parse or is below min.
func envDuration(t *testing.T, name string, def, min time.Duration) time.Duration {
	t.Helper()
	v := os.Getenv(name)
	if v == "" {
		return def
	}
	d, err := time.ParseDuration(v)
	if err != nil || d < min {
		t.Fatalf("%s=%q: want a duration of at least %s", name, v, min)
	}
	return d
}

// newSoakRig starts what the soak and crash tests run the program against:
// an embedded database, fake Slack and Discord APIs delivering replies to
// one mailbox, a guard keeping Discord traffic on loopback, and the
// program's environment with the Discord key to sign with.
func newSoakRig(t *testing.T) (*mongodb.Server, *mailbox, *soakSlackAPI, *soakDiscordAPI, *loopbackOnly, map[string]string, ed25519.PrivateKey) {
	t.Helper()
	db := mongodbtest.StartEmbedded(t, "")
	box := newMailbox()
	slackAPI := newSoakSlackAPI(t, box)
	discordAPI := newSoakDiscordAPI(t, box)
	guard := installLoopbackOnly(t, discordAPI.srv.URL)
	env, priv := soakEnv(t, db.URI(), slackAPI.srv.URL)
	return db, box, slackAPI, discordAPI, guard, env, priv
}
