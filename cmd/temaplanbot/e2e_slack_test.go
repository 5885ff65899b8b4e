package main

import (
	"bytes"
	"context"
	"crypto/hmac"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/askerkommune/temaplanbot/internal/mongodb/mongodbtest"
)

// fakeSlack is a Slack Web API that records chat.postMessage calls.
type fakeSlack struct {
	mu    sync.Mutex
	posts []url.Values
	srv   *httptest.Server
}

func newFakeSlack(t *testing.T) *fakeSlack {
	f := &fakeSlack{}
	f.srv = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		_ = r.ParseForm()
		method := strings.TrimPrefix(r.URL.Path, "/api/")
		w.Header().Set("Content-Type", "application/json")
		switch method {
		case "auth.test":
			fmt.Fprint(w, `{"ok":true,"user_id":"UBOT","team_id":"T1","bot_id":"B1","user":"temaplanbot"}`)
		case "users.info":
			fmt.Fprintf(w, `{"ok":true,"user":{"id":%q,"locale":"nb-NO"}}`, r.Form.Get("user"))
		case "chat.postMessage":
			f.mu.Lock()
			f.posts = append(f.posts, r.Form)
			n := len(f.posts)
			f.mu.Unlock()
			fmt.Fprintf(w, `{"ok":true,"channel":%q,"ts":"1700000000.%06d"}`, r.Form.Get("channel"), n)
		default:
			fmt.Fprint(w, `{"ok":true}`)
		}
	}))
	t.Cleanup(f.srv.Close)
	return f
}

// postsTo returns the chat.postMessage texts sent to channel.
func (f *fakeSlack) postsTo(channel string) []string {
	f.mu.Lock()
	defer f.mu.Unlock()
	var out []string
	for _, p := range f.posts {
		if p.Get("channel") == channel {
			out = append(out, p.Get("text")+p.Get("blocks"))
		}
	}
	return out
}

func freeAddr(t *testing.T) string {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer l.Close()
	return l.Addr().String()
}

// signedSlash posts a slash command signed as Slack signs it and returns
// the answer: the response body when the bot answered at once, else what it
// posted to the command's response_url (a slow machine answers there).
func signedSlash(t *testing.T, base, secret, user, channel, text string) string {
	t.Helper()
	later := make(chan string, 4)
	ru := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		b, _ := io.ReadAll(r.Body)
		later <- string(b)
	}))
	defer ru.Close()
	form := url.Values{"command": {"/temaplan"}, "text": {text}, "user_id": {user}, "channel_id": {channel},
		"team_id": {"T1"}, "trigger_id": {fmt.Sprintf("trig-%d", time.Now().UnixNano())},
		"response_url": {ru.URL + "/commands/T1/1/x"}}
	body := form.Encode()
	ts := strconv.FormatInt(time.Now().Unix(), 10)
	mac := hmac.New(sha256.New, []byte(secret))
	mac.Write([]byte("v0:" + ts + ":" + body))
	req, _ := http.NewRequest("POST", base+"/slack/commands", bytes.NewBufferString(body))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	req.Header.Set("X-Slack-Request-Timestamp", ts)
	req.Header.Set("X-Slack-Signature", "v0="+hex.EncodeToString(mac.Sum(nil)))
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	b, _ := io.ReadAll(res.Body)
	if res.StatusCode != 200 {
		t.Fatalf("slash command %q: %d %s", text, res.StatusCode, b)
	}
	if len(bytes.TrimSpace(b)) > 0 {
		return string(b)
	}
	select {
	case got := <-later:
		return got
	case <-time.After(30 * time.Second):
		return ""
	}
}

// startBot runs the whole program (as `temaplanbot serve`) until the returned
// stop function is called.
func startBot(t *testing.T, env map[string]string) (stop func()) {
	t.Helper()
	stop, _ = startBotLogs(t, env)
	return stop
}

// startBotLogs is startBot that also returns what the program logs.
func startBotLogs(t *testing.T, env map[string]string) (stop func(), logs *syncBuffer) {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	var out syncBuffer
	errb := &syncBuffer{}
	go func() {
		done <- run(ctx, []string{"temaplanbot", "serve"}, func(k string) string { return env[k] }, strings.NewReader(""), &out, errb)
	}()
	base := "http://" + env["HTTP_ADDR"]
	deadline := time.Now().Add(20 * time.Second)
	for {
		res, err := http.Get(base + "/healthz")
		if err == nil {
			res.Body.Close()
			break
		}
		select {
		case err := <-done:
			t.Fatalf("bot exited: %v\n%s", err, errb.String())
		default:
		}
		if time.Now().After(deadline) {
			t.Fatalf("bot did not come up:\n%s", errb.String())
		}
		time.Sleep(50 * time.Millisecond)
	}
	return func() {
		cancel()
		select {
		case err := <-done:
			if err != nil {
				t.Errorf("bot stopped with %v\n%s", err, errb.String())
			}
		case <-time.After(30 * time.Second):
			t.Fatal("bot did not shut down within 30s")
		}
	}, errb
}

type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

// TestSlackStaffMovesStartDateReminderOnce: through the real signed HTTP
// ingress, a staff member subscribes a channel and moves a plan's start to
// today; the announcement reaches the (fake) Slack API exactly once, and a
// restart does not post it again.
func TestSlackStaffMovesStartDateReminderOnce(t *testing.T) {
	if mongodbtest.Real() {
		t.Skip("runs its own embedded database")
	}
	db := mongodbtest.StartEmbedded(t, "")
	api := newFakeSlack(t)
	const secret = "8f742231b10e8888abcd99yyyzzz85a5"
	env := map[string]string{
		"MONGODB_URI": db.URI(), "AUTHOR_HASH_KEY": strings.Repeat("k", 40), "HTTP_ADDR": freeAddr(t),
		"SLACK_BOT_TOKEN": "xoxb-test-token", "SLACK_SIGNING_SECRET": secret, "SLACK_API_URL": api.srv.URL + "/api/",
		"SLACK_STAFF_USER_IDS": "USTAFF1", "REMINDER_TIME": "00:00", "REMINDER_SWEEP_INTERVAL": "1s", "LOG_LEVEL": "warn",
	}
	base := "http://" + env["HTTP_ADDR"]
	stop := startBot(t, env)

	if got := signedSlash(t, base, secret, "URESIDENT", "CPUBLIC", "varsler på"); !strings.Contains(got, "bare for kommunens ansatte") ||
		!strings.Contains(got, `"ephemeral"`) {
		t.Errorf("resident could subscribe, or the refusal was public: %s", got)
	}
	if got := signedSlash(t, base, secret, "USTAFF1", "CPUBLIC", "varsler på"); !strings.Contains(got, "varsel") ||
		!strings.Contains(got, `"in_channel"`) {
		t.Fatalf("subscribe (meant for the channel): %s", got)
	}
	oslo, _ := time.LoadLocation("Europe/Oslo")
	today := time.Now().In(oslo).Format(time.DateOnly)
	if got := signedSlash(t, base, secret, "USTAFF1", "CPUBLIC", "oppstart klima "+today); !strings.Contains(got, "klimaplanen") {
		t.Fatalf("move start: %s", got)
	}
	deadline := time.Now().Add(15 * time.Second)
	for len(api.postsTo("CPUBLIC")) == 0 {
		if time.Now().After(deadline) {
			t.Fatal("no announcement reached Slack")
		}
		time.Sleep(100 * time.Millisecond)
	}
	time.Sleep(3 * time.Second) // several more sweeps
	stop()
	stop = startBot(t, env) // restart: catch-up at start must not repeat it
	time.Sleep(3 * time.Second)
	stop()
	posts := api.postsTo("CPUBLIC")
	if len(posts) != 1 {
		t.Fatalf("announcement posted %d times, want 1: %q", len(posts), posts)
	}
	if !strings.Contains(posts[0], "handling mot klimaendringene") || !strings.Contains(posts[0], "/temaplan innspill klima") {
		t.Errorf("announcement lacks the plan or how to give input: %s", posts[0])
	}
}
