package main

import (
	"bytes"
	"context"
	"crypto/ed25519"
	"crypto/hmac"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"regexp"
	"runtime"
	rtmetrics "runtime/metrics"
	"runtime/pprof"
	"slices"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/askerkommune/temaplanbot/bot"
	"github.com/askerkommune/temaplanbot/internal/locale"
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
	srv       *httptest.Server
	box       *mailbox
	mu        sync.Mutex
	posts     map[string]int // chat.postMessage calls per channel
	responses atomic.Int64   // response_url posts
	ephemeral atomic.Int64
}

func newSoakSlackAPI(t *testing.T, box *mailbox) *soakSlackAPI {
	f := &soakSlackAPI{box: box, posts: map[string]int{}}
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
		f.mu.Lock()
		f.posts[r.Form.Get("channel")]++
		f.mu.Unlock()
		fmt.Fprintf(w, `{"ok":true,"channel":%q,"ts":"1700000000.000100"}`, r.Form.Get("channel"))
	case "chat.postEphemeral":
		f.ephemeral.Add(1)
		fmt.Fprint(w, `{"ok":true,"message_ts":"1700000000.000200"}`)
	default:
		fmt.Fprint(w, `{"ok":true}`)
	}
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
	followUps atomic.Int64
	other     atomic.Int64
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
		f.box.deliver("discord:"+parts[2], msg.Content)
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

// soakClient sends signed requests to the bot and times them.
type soakClient struct {
	http   *http.Client
	base   string
	secret string
	priv   ed25519.PrivateKey
	lat    latencies
	sent   atomic.Int64
	t0     time.Time // start of the run
	stacks string    // file for a goroutine dump when an ack is late ("" = none)
	dumped atomic.Bool
	mu     sync.Mutex
	slow   []string // acknowledgements that took 3 s or more
}

// result is what one request got: a status and body, or a transport error.
// dial reports that the connection was refused (the bot was down), so the
// request surely was not processed.
type result struct {
	status int
	body   []byte
	err    error
	dial   bool
}

func (c *soakClient) do(platform string, req *http.Request) result {
	c.sent.Add(1)
	start := time.Now()
	if c.stacks != "" { // diagnosis: what the process does while an ack is late
		t := time.AfterFunc(3*time.Second, func() { c.dumpStacks(platform + " " + req.URL.Path) })
		defer t.Stop()
	}
	res, err := c.http.Do(req)
	if err != nil {
		var op *net.OpError
		return result{err: err, dial: errors.As(err, &op) && op.Op == "dial"}
	}
	defer res.Body.Close()
	b, err := io.ReadAll(res.Body)
	if err != nil {
		return result{err: err}
	}
	d := time.Since(start)
	c.lat.add(platform, d)
	if d >= 3*time.Second {
		c.mu.Lock()
		if len(c.slow) < 10 {
			c.slow = append(c.slow, fmt.Sprintf("%s %s %d took %s, sent at +%s", platform, req.URL.Path,
				res.StatusCode, d.Round(time.Millisecond), start.Sub(c.t0).Round(time.Second)))
		}
		c.mu.Unlock()
	}
	return result{status: res.StatusCode, body: b}
}

// dumpStacks writes every goroutine's stack to c.stacks, once.
func (c *soakClient) dumpStacks(what string) {
	if !c.dumped.CompareAndSwap(false, true) {
		return
	}
	f, err := os.Create(c.stacks)
	if err != nil {
		return
	}
	defer f.Close()
	fmt.Fprintf(f, "%s unanswered after 3s at %s\n\n", what, time.Now().Format(time.RFC3339Nano))
	_ = pprof.Lookup("goroutine").WriteTo(f, 2)
}

// maybeProcessed reports whether the bot may have acted on the request
// although the sender saw no answer: the connection broke after it was
// sent, or the request was acknowledged.
func (r result) maybeProcessed() bool {
	return (r.err != nil && !r.dial) || r.status == http.StatusOK
}

// slack posts a body to a Slack route, signed unless badSig.
func (c *soakClient) slack(path, contentType string, body []byte, hdr http.Header, badSig bool) result {
	ts := strconv.FormatInt(time.Now().Unix(), 10)
	mac := hmac.New(sha256.New, []byte(c.secret))
	mac.Write([]byte("v0:" + ts + ":" + string(body)))
	sig := "v0=" + hex.EncodeToString(mac.Sum(nil))
	if badSig {
		sig = "v0=" + strings.Repeat("0", 64)
	}
	req, _ := http.NewRequest(http.MethodPost, c.base+path, bytes.NewReader(body))
	req.Header.Set("Content-Type", contentType)
	req.Header.Set("X-Slack-Request-Timestamp", ts)
	req.Header.Set("X-Slack-Signature", sig)
	for k, v := range hdr {
		req.Header[k] = v
	}
	return c.do(bot.PlatformSlack, req)
}

// slash sends `/temaplan text` as user in channel; replies that come later
// go to respondURL.
func (c *soakClient) slash(user, channel, text, trigger, respondURL string, badSig bool) result {
	form := url.Values{"command": {"/temaplan"}, "text": {text}, "user_id": {user}, "channel_id": {channel},
		"team_id": {"T1"}, "trigger_id": {trigger}, "response_url": {respondURL}}
	return c.slack("/slack/commands", "application/x-www-form-urlencoded", []byte(form.Encode()), nil, badSig)
}

// discordSigned is a Discord interaction body with its signature headers.
type discordSigned struct {
	body    []byte
	sig, ts string
}

// signDiscord signs body as Discord does, at time at.
func (c *soakClient) signDiscord(body []byte, at time.Time) discordSigned {
	ts := strconv.FormatInt(at.Unix(), 10)
	return discordSigned{body: body, ts: ts,
		sig: hex.EncodeToString(ed25519.Sign(c.priv, append([]byte(ts), body...)))}
}

func (c *soakClient) discord(s discordSigned) result {
	req, _ := http.NewRequest(http.MethodPost, c.base+"/discord/interactions", bytes.NewReader(s.body))
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("X-Signature-Ed25519", s.sig)
	req.Header.Set("X-Signature-Timestamp", s.ts)
	return c.do(bot.PlatformDiscord, req)
}

// Discord ids used by the soak test.
const (
	soakAppID = "1300000000000000001"
	soakGuild = "1300000000000000002"
)

// discordInteraction builds an interaction body from a guild member.
func discordInteraction(id string, typ int, user, channel string, data any) []byte {
	b, _ := json.Marshal(map[string]any{"id": id, "application_id": soakAppID, "type": typ, "token": "tok-" + id,
		"version": 1, "guild_id": soakGuild, "channel_id": channel, "locale": "nb",
		"member": map[string]any{"user": map[string]any{"id": user, "username": "resident"}, "roles": []string{}},
		"data":   data})
	return b
}

// discordAsk is `/temaplan ask question:<q>`.
func discordAsk(id, user, channel, q string) []byte {
	return discordInteraction(id, 2, user, channel, map[string]any{"id": "1300000000000000003", "name": "temaplan",
		"type": 1, "options": []any{map[string]any{"type": 1, "name": "ask",
			"options": []any{map[string]any{"type": 3, "name": "question", "value": q}}}}})
}

// discordModal is a submitted input form for plan with text.
func discordModal(id, user, channel, plan, text string) []byte {
	return discordInteraction(id, 5, user, channel, map[string]any{"custom_id": bot.ActSubmitForm + ":" + plan,
		"components": []any{map[string]any{"type": 1, "components": []any{
			map[string]any{"type": 4, "custom_id": bot.FieldText, "value": text}}}}})
}

// replyTexts recognises the bot's answers by the localized texts.
type replyTexts struct {
	receipt, confirm, notSaved, unavailable, busy string
}

// Reply kinds.
const (
	kindReceipt     = "receipt"
	kindConfirm     = "confirm"
	kindNotSaved    = "not_saved"
	kindUnavailable = "unavailable"
	kindBusy        = "busy"
	kindOther       = "other"
)

var refPattern = regexp.MustCompile(`INN-[2-9A-HJ-NP-Z]{6}`)

func loadReplyTexts(t *testing.T) replyTexts {
	b, err := locale.Load()
	if err != nil {
		t.Fatal(err)
	}
	receipt, _, _ := strings.Cut(b.Text(bot.NB, "input.receipt", map[string]any{"Name": "\x00", "Ref": "\x00"}), "\x00")
	x := replyTexts{receipt: receipt, confirm: b.Text(bot.NB, "input.confirm.ask", nil),
		notSaved: b.Text(bot.NB, "input.not_saved", nil), unavailable: b.Text(bot.NB, "error.unavailable", nil),
		busy: b.Text(bot.NB, "slack.error.busy", nil)}
	for _, s := range []string{x.receipt, x.confirm, x.notSaved, x.unavailable, x.busy} {
		if len(s) < 10 {
			t.Fatalf("locale text %q too short to recognise replies by", s)
		}
	}
	return x
}

var slackUnescape = strings.NewReplacer("&amp;", "&", "&lt;", "<", "&gt;", ">")

// kind classifies a reply text and returns the reference of a receipt.
func (x replyTexts) kind(text string) (kind, ref string) {
	text = slackUnescape.Replace(text)
	switch {
	case strings.Contains(text, x.receipt) && refPattern.MatchString(text):
		return kindReceipt, refPattern.FindString(text)
	case strings.Contains(text, x.notSaved):
		return kindNotSaved, ""
	case strings.Contains(text, x.unavailable):
		return kindUnavailable, ""
	case strings.Contains(text, x.busy):
		return kindBusy, ""
	case strings.Contains(text, x.confirm):
		return kindConfirm, ""
	}
	return kindOther, ""
}

// slackResponseText is the text of a slash command's JSON response.
func slackResponseText(body []byte) string {
	var m struct {
		Text string `json:"text"`
	}
	_ = json.Unmarshal(body, &m)
	return m.Text
}

// logTail keeps the last bytes of the bot's log and counts error lines.
type logTail struct {
	mu     sync.Mutex
	buf    []byte
	errors int
	warns  int
}

const logTailMax = 32 << 10

func (l *logTail) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	l.errors += bytes.Count(p, []byte(`"level":"ERROR"`))
	l.warns += bytes.Count(p, []byte(`"level":"WARN"`))
	l.buf = append(l.buf, p...)
	if len(l.buf) > logTailMax {
		l.buf = append([]byte(nil), l.buf[len(l.buf)-logTailMax/2:]...)
	}
	return len(p), nil
}

func (l *logTail) String() string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return string(l.buf)
}

// soakBot is one run of the whole program (`temaplanbot serve`).
type soakBot struct {
	cancel context.CancelFunc
	done   chan error
}

// startSoakBot runs the program and waits until /healthz answers.
func startSoakBot(t *testing.T, env map[string]string, logs *logTail) *soakBot {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	b := &soakBot{cancel: cancel, done: make(chan error, 1)}
	go func() {
		b.done <- run(ctx, []string{"temaplanbot", "serve"}, func(k string) string { return env[k] },
			strings.NewReader(""), io.Discard, logs)
	}()
	deadline := time.Now().Add(30 * time.Second)
	for {
		res, err := http.Get("http://" + env["HTTP_ADDR"] + "/healthz")
		if err == nil {
			res.Body.Close()
			return b
		}
		select {
		case err := <-b.done:
			t.Fatalf("bot exited: %v\n%s", err, logs.String())
		default:
		}
		if time.Now().After(deadline) {
			cancel()
			t.Fatalf("bot did not come up:\n%s", logs.String())
		}
		time.Sleep(50 * time.Millisecond)
	}
}

// stop cancels the program and waits for its graceful shutdown.
func (b *soakBot) stop() error {
	b.cancel()
	select {
	case err := <-b.done:
		return err
	case <-time.After(45 * time.Second):
		return errors.New("bot did not shut down within 45s")
	}
}

// rtSample is the process's goroutine count and live heap after a GC.
type rtSample struct {
	goroutines int
	heap       uint64
}

// sampleRuntime takes the median of three samples, each after a full GC.
func sampleRuntime() rtSample {
	var gs []int
	var hs []uint64
	for i := range 3 {
		if i > 0 {
			time.Sleep(300 * time.Millisecond)
		}
		runtime.GC()
		s := []rtmetrics.Sample{{Name: "/gc/heap/live:bytes"}}
		rtmetrics.Read(s)
		gs = append(gs, runtime.NumGoroutine())
		hs = append(hs, s[0].Value.Uint64())
	}
	slices.Sort(gs)
	slices.Sort(hs)
	return rtSample{goroutines: gs[1], heap: hs[1]}
}
