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
	mrand "math/rand/v2"
	"net"
	"net/http"
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

// soakClient sends signed requests to the bot and times them.
type soakClient struct {
	http   *http.Client
	base   string
	hosts  []string // when set, each request goes to one of these (host:port), at random: copies behind a balancer
	secret string
	priv   ed25519.PrivateKey
	lat    latencies
	sent   atomic.Int64
	t0     time.Time // start of the run
	stacks string    // file for a goroutine dump when an ack is late ("" = none)
	dumped atomic.Bool
	mu     sync.Mutex
	slow   []string // acknowledgements that took 3 s or more
	acked  sync.Map // interaction tokens whose initial response arrived
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
	if len(c.hosts) > 1 {
		req.URL.Host = c.hosts[mrand.IntN(len(c.hosts))]
	}
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
	r := c.do(bot.PlatformDiscord, req)
	if r.err == nil && r.status == http.StatusOK {
		var in struct{ Token string }
		_ = json.Unmarshal(s.body, &in)
		c.acked.Store(in.Token, true)
	}
	return r
}

// ackedToken reports whether an interaction's initial response arrived.
func (c *soakClient) ackedToken(token string) bool {
	_, ok := c.acked.Load(token)
	return ok
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
	// already starts the answer to a second "ja" right after a receipt
	// the resident may not have seen: it names the stored reference too.
	already string
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
	already, _, _ := strings.Cut(b.Text(bot.NB, "input.already_saved", map[string]any{"Name": "\x00", "Ref": "\x00"}), "\x00")
	x := replyTexts{receipt: receipt, confirm: b.Text(bot.NB, "input.confirm.ask", nil),
		notSaved: b.Text(bot.NB, "input.not_saved", nil), unavailable: b.Text(bot.NB, "error.unavailable", nil),
		busy: b.Text(bot.NB, "slack.error.busy", nil), already: already}
	for _, s := range []string{x.receipt, x.confirm, x.notSaved, x.unavailable, x.busy, x.already} {
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
	case (strings.Contains(text, x.receipt) || strings.Contains(text, x.already)) && refPattern.MatchString(text):
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

// isUnavailable reports whether text is the "database unavailable" answer.
func (x replyTexts) isUnavailable(text string) bool {
	k, _ := x.kind(text)
	return k == kindUnavailable
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
