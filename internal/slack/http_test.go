package slack

import (
	"encoding/json"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/askerkommune/temaplanbot/bot"
)

// mention returns the official app_mention body with its user, text and event id changed.
func mention(t *testing.T, user, text, eventID string) []byte {
	t.Helper()
	var env map[string]any
	if err := json.Unmarshal(fixture(t, "events_api_app_mention_signed_body.json"), &env); err != nil {
		t.Fatal(err)
	}
	ev := env["event"].(map[string]any)
	ev["user"], ev["text"] = user, "<@UBOT> "+text
	env["event_id"] = eventID
	b, _ := json.Marshal(env)
	return b
}

// directMessage returns the message.im example with text, event id and extra fields changed.
func directMessage(t *testing.T, text, eventID string, extra map[string]any) []byte {
	t.Helper()
	var env map[string]any
	if err := json.Unmarshal(fixture(t, "events_api_message_im.json"), &env); err != nil {
		t.Fatal(err)
	}
	ev := env["event"].(map[string]any)
	ev["text"] = text
	for k, v := range extra {
		ev[k] = v
	}
	env["event_id"] = eventID
	b, _ := json.Marshal(env)
	return b
}

func TestOfficialVectorsEndToEnd(t *testing.T) {
	for _, v := range officialVectors {
		t.Run(v.file, func(t *testing.T) {
			h := newHarness(t, func(c *Config) { c.SigningSecret = v.secret })
			h.setClock(time.Unix(v.ts, 0).Add(90 * time.Second))
			body := fixture(t, v.file)
			hdr := http.Header{}
			hdr.Set("X-Slack-Request-Timestamp", itoa(v.ts))
			hdr.Set("X-Slack-Signature", v.sig)
			path, ctype := "/slack/events", "application/json"
			if strings.HasSuffix(v.file, ".txt") {
				path, ctype = "/slack/commands", "application/x-www-form-urlencoded"
			}
			if r := h.send(path, ctype, body, hdr); r.code != 200 {
				t.Fatalf("status %d %q", r.code, r.body)
			}
			if path == "/slack/events" {
				h.api.waitCalls("chat.postMessage", 1, 3*time.Second)
			}
			msgs := h.eng.messages()
			if len(msgs) != 1 {
				t.Fatalf("engine got %d messages, want 1", len(msgs))
			}
			// the same request after the 5 minutes is refused and not processed
			h.setClock(time.Unix(v.ts, 0).Add(6 * time.Minute))
			if r := h.send(path, ctype, body, hdr); r.code != 401 {
				t.Fatalf("stale request: status %d, want 401", r.code)
			}
			if n := len(h.eng.messages()); n != 1 {
				t.Fatalf("stale request processed: engine got %d messages", n)
			}
		})
	}
}

func TestMentionAnsweredInThreadInUsersLanguage(t *testing.T) {
	tests := []struct {
		name, locale, want string
	}{
		{"english locale", "en-US", "Answer"},
		{"norwegian locale", "nb-NO", "Svar"},
		{"no locale", "", "Svar"},
	}
	for i, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			h := newHarness(t)
			h.api.setLocale("U1", tt.locale)
			r := h.event(mention(t, "U1", "hva er formålet med kulturplanen? &lt;&amp;&gt;", "Ev"+itoa(int64(i))))
			if r.code != 200 || r.body != "" {
				t.Fatalf("ack: %d %q", r.code, r.body)
			}
			post := h.api.waitCalls("chat.postMessage", 1, 3*time.Second)[0]
			if got := post.get("channel"); got != "TTTTTTTTT" {
				t.Errorf("channel %q", got)
			}
			if got := post.get("thread_ts"); got != "1531431954.000073" {
				t.Errorf("thread_ts %q, want the mention's ts", got)
			}
			if !strings.HasPrefix(post.get("text"), tt.want+": hva er formålet med kulturplanen? &lt;&amp;&gt;") {
				t.Errorf("text %q, want %q answer with escaped <&>", post.get("text"), tt.want)
			}
			blocks := post.get("blocks")
			for _, want := range []string{`"type":"section"`, `"type":"mrkdwn"`, `"action_id":"open_form/0"`, `"value":"klima"`} {
				if !strings.Contains(blocks, want) {
					t.Errorf("blocks lack %s: %s", want, blocks)
				}
			}
			m := h.eng.messages()[0]
			if m.Text != "hva er formålet med kulturplanen? <&>" || m.Locale != tt.locale || m.Platform != bot.PlatformSlack ||
				m.EventID == "" || m.Direct || m.Workspace != "XXXXXXXXX" || m.User != "U1" || m.Staff {
				t.Errorf("engine got %+v", m)
			}
		})
	}
}

func TestDirectMessageAnsweredInDM(t *testing.T) {
	h := newHarness(t, func(c *Config) { c.StaffUserIDs = []string{"U2147483697"} })
	if r := h.event(fixture(t, "events_api_message_im.json")); r.code != 200 {
		t.Fatalf("ack %d", r.code)
	}
	post := h.api.waitCalls("chat.postMessage", 1, 3*time.Second)[0]
	if post.get("channel") != "D024BE91L" || post.get("thread_ts") != "" {
		t.Errorf("posted to %q thread %q, want the DM without thread", post.get("channel"), post.get("thread_ts"))
	}
	m := h.eng.messages()[0]
	if !m.Direct || !m.Staff || m.Text != "Hello hello can you hear me?" || m.EventID != "Ev0PV52K21" {
		t.Errorf("engine got %+v", m)
	}
}

func TestIgnoredEvents(t *testing.T) {
	h := newHarness(t)
	own := directMessage(t, "echo", "EvOwn", map[string]any{"user": "UBOT"})
	var env map[string]any
	json.Unmarshal(own, &env)
	env["authorizations"] = []any{map[string]any{"user_id": "UBOT", "is_bot": true}}
	own, _ = json.Marshal(env)
	bodies := map[string][]byte{
		"bot message":  directMessage(t, "hi", "Ev1", map[string]any{"bot_id": "B1", "subtype": "bot_message"}),
		"edit":         directMessage(t, "hi", "Ev2", map[string]any{"subtype": "message_changed"}),
		"join":         directMessage(t, "hi", "Ev3", map[string]any{"subtype": "channel_join"}),
		"channel msg":  directMessage(t, "hi", "Ev4", map[string]any{"channel_type": "channel"}),
		"own message":  own,
		"other event":  []byte(`{"type":"event_callback","event_id":"Ev5","event":{"type":"reaction_added","user":"U1"}}`),
		"messages tab": []byte(`{"type":"event_callback","event_id":"Ev6","event":{"type":"app_home_opened","user":"U1","tab":"messages"}}`),
		"other type":   []byte(`{"type":"app_rate_limited","team_id":"T1"}`),
	}
	for name, body := range bodies {
		if r := h.event(body); r.code != 200 {
			t.Errorf("%s: status %d", name, r.code)
		}
	}
	time.Sleep(100 * time.Millisecond)
	if n := len(h.eng.messages()); n != 0 {
		t.Errorf("engine got %d messages, want 0: %+v", n, h.eng.messages())
	}
}

func TestURLVerification(t *testing.T) {
	h := newHarness(t)
	r := h.event(fixture(t, "events_api_url_verification.json"))
	if r.code != 200 || !strings.Contains(r.body, `"challenge":"valid_challenge_token"`) {
		t.Fatalf("got %d %q", r.code, r.body)
	}
}

func TestReplayedEventAnsweredOnce(t *testing.T) {
	h := newHarness(t)
	body := mention(t, "U1", "hei", "EvSame")
	if r := h.event(body); r.code != 200 {
		t.Fatal(r.code)
	}
	// Slack's retry, with the retry headers, and several copies at once
	hdr := signedHeaders(testSecret, time.Now(), body)
	hdr.Set("X-Slack-Retry-Num", "1")
	hdr.Set("X-Slack-Retry-Reason", "http_timeout")
	if r := h.send("/slack/events", "application/json", body, hdr); r.code != 200 {
		t.Fatal(r.code)
	}
	var wg sync.WaitGroup
	for range 5 {
		wg.Go(func() { h.event(body) })
	}
	wg.Wait()
	h.api.waitCalls("chat.postMessage", 1, 3*time.Second)
	time.Sleep(100 * time.Millisecond)
	if n := len(h.api.callsTo("chat.postMessage", true)); n != 1 {
		t.Errorf("%d answers, want 1", n)
	}
	if n := len(h.eng.messages()); n != 1 {
		t.Errorf("engine got %d messages, want 1", n)
	}
	if got := h.metric("temaplanbot_duplicate_events_total"); !strings.Contains(got, "} 6") {
		t.Errorf("duplicate metric: %q", got)
	}
}

func TestRejectedRequestsNotProcessed(t *testing.T) {
	h := newHarness(t)
	body := mention(t, "U1", "hei", "EvR")
	stale := signedHeaders(testSecret, time.Now().Add(-6*time.Minute), body)
	future := signedHeaders(testSecret, time.Now().Add(6*time.Minute), body)
	badSig := signedHeaders("wrong-secret", time.Now(), body)
	big := []byte(`{"type":"event_callback","event_id":"EvBig","event":{"type":"app_mention","user":"U1","channel":"C1","ts":"1.2","text":"` +
		strings.Repeat("a", 70<<10) + `"}}`)
	malformed := []byte(`{"type":"event_callback","event_id":`)
	tests := []struct {
		name, path string
		body       []byte
		hdr        http.Header
		code       int
		reason     string
	}{
		{"invalid signature", "/slack/events", body, badSig, 401, "signature"},
		{"stale timestamp", "/slack/events", body, stale, 401, "stale"},
		{"future timestamp", "/slack/events", body, future, 401, "stale"},
		{"unsigned", "/slack/events", body, http.Header{}, 401, "signature"},
		{"oversized", "/slack/events", big, signedHeaders(testSecret, time.Now(), big), 413, ""},
		{"malformed json", "/slack/events", malformed, signedHeaders(testSecret, time.Now(), malformed), 400, "malformed"},
		{"command without user", "/slack/commands", []byte("command=%2Ftemaplan&text=hjelp"),
			signedHeaders(testSecret, time.Now(), []byte("command=%2Ftemaplan&text=hjelp")), 400, "malformed"},
		{"interaction without payload", "/slack/interactions", []byte("x=1"),
			signedHeaders(testSecret, time.Now(), []byte("x=1")), 400, "malformed"},
		{"command bad signature", "/slack/commands", []byte("user_id=U1"), badSig, 401, "signature"},
		{"interaction bad signature", "/slack/interactions", []byte("payload=%7B%7D"), badSig, 401, "signature"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := h.send(tt.path, "application/json", tt.body, tt.hdr)
			if r.code != tt.code {
				t.Fatalf("status %d, want %d (%q)", r.code, tt.code, r.body)
			}
			if tt.reason != "" && !strings.Contains(h.metric("temaplanbot_requests_rejected_total"), `reason="`+tt.reason+`"`) {
				t.Errorf("no rejected metric with reason %s", tt.reason)
			}
		})
	}
	time.Sleep(100 * time.Millisecond)
	if n := len(h.eng.messages()); n != 0 {
		t.Errorf("engine got %d messages from rejected requests", n)
	}
	if cs := h.api.callsTo("chat.postMessage", false); len(cs) != 0 {
		t.Errorf("bot posted after rejected requests: %v", h.api.methods())
	}
}

// TestAdapterOwnBodyLimit checks the handler's own limit, without the server's.
func TestAdapterOwnBodyLimit(t *testing.T) {
	h := newHarness(t)
	big := []byte(strings.Repeat("a", MaxInteractionBody+1))
	for _, hd := range []http.Handler{h.a.EventsHandler(), h.a.CommandsHandler(), h.a.InteractionsHandler()} {
		srv := newPlainServer(t, hd)
		req, _ := http.NewRequest("POST", srv, strings.NewReader(string(big)))
		for k, v := range signedHeaders(testSecret, time.Now(), big) {
			req.Header[k] = v
		}
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		if resp.StatusCode != 413 {
			t.Errorf("status %d, want 413", resp.StatusCode)
		}
		resp, _ = http.Get(srv)
		resp.Body.Close()
		if resp.StatusCode != 405 {
			t.Errorf("GET: status %d, want 405", resp.StatusCode)
		}
	}
}

func commandBody(text, user, channel string) []byte {
	v, _ := url.ParseQuery(string(mustRead("testdata/slash_command_form_body.txt")))
	v.Set("command", "/temaplan")
	v.Set("text", text)
	v.Set("user_id", user)
	v.Set("channel_id", channel)
	v.Set("trigger_id", "trig-"+strconv.FormatInt(time.Now().UnixNano(), 36)) // unique, like Slack's
	return []byte(v.Encode())
}
