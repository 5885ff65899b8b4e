package slack

import (
	"encoding/json"
	"fmt"
	"io"
	"mime"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/gorilla/websocket"
)

// call is one request the bot made to the fake Slack Web API.
type call struct {
	Method string // Web API method, or "response_url"
	Form   url.Values
	JSON   map[string]any
	Auth   string
	At     time.Time
	Status int
}

// get returns a top-level field of the call as text (JSON values re-encoded).
func (c call) get(key string) string {
	if c.JSON != nil {
		switch v := c.JSON[key].(type) {
		case nil:
			return ""
		case string:
			return v
		default:
			b, _ := json.Marshal(v)
			return string(b)
		}
	}
	return c.Form.Get(key)
}

// fakeSlack is a local stand-in for slack.com/api: it answers the Web API
// methods the adapter uses, records every call, can answer 429, and hands
// out a websocket URL for Socket Mode.
type fakeSlack struct {
	t   *testing.T
	srv *httptest.Server

	mu        sync.Mutex
	calls     []call
	locales   map[string]string // users.info locale per user
	rateLimit map[string]int    // method -> how many 429s to answer first
	fail      map[string]string // method -> Slack error code to answer
	n         int
	conns     chan *websocket.Conn
	posted    []posted // chat.postMessage messages, oldest first (conversations.history)
}

// posted is a message in the fake's history.
type posted struct {
	channel, thread, ts, text string
	metadata                  map[string]any
}

// keep adds a chat.postMessage call to the history.
func (f *fakeSlack) keep(c call, ts string) {
	var md map[string]any
	_ = json.Unmarshal([]byte(c.get("metadata")), &md)
	f.posted = append(f.posted, posted{channel: c.get("channel"), thread: c.get("thread_ts"), ts: ts, text: c.get("text"), metadata: md})
}

// history answers conversations.history (a channel's top-level messages)
// and conversations.replies (a thread), newest first as Slack does;
// metadata only with include_all_metadata=1.
func (f *fakeSlack) history(c call) []map[string]any {
	thread, ok := c.Form["ts"]
	var out []map[string]any
	for i := len(f.posted) - 1; i >= 0; i-- {
		p := f.posted[i]
		if p.channel != c.get("channel") || (ok && p.thread != thread[0] && p.ts != thread[0]) || (!ok && p.thread != "") {
			continue
		}
		m := map[string]any{"type": "message", "ts": p.ts, "text": p.text, "bot_id": "BBOT"}
		if p.metadata != nil && c.get("include_all_metadata") == "1" {
			m["metadata"] = p.metadata
		}
		out = append(out, m)
	}
	return out
}

func newFakeSlack(t *testing.T) *fakeSlack {
	t.Helper()
	f := &fakeSlack{t: t, locales: map[string]string{}, rateLimit: map[string]int{}, fail: map[string]string{},
		conns: make(chan *websocket.Conn, 8)}
	mux := http.NewServeMux()
	mux.HandleFunc("/api/", f.api)
	mux.HandleFunc("/response/", f.responseURL)
	mux.HandleFunc("/ws", f.websocket)
	mux.HandleFunc("/upload/", f.upload)
	f.srv = httptest.NewServer(mux)
	t.Cleanup(f.srv.Close)
	return f
}

func (f *fakeSlack) apiURL() string { return f.srv.URL + "/api/" }

func (f *fakeSlack) setLocale(user, locale string) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.locales[user] = locale
}

func (f *fakeSlack) setRateLimit(method string, n int) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.rateLimit[method] = n
}

func (f *fakeSlack) setFail(method, code string) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.fail[method] = code
}

func (f *fakeSlack) record(r *http.Request, method string) call {
	c := call{Method: method, Auth: r.Header.Get("Authorization"), At: time.Now(), Status: 200}
	body, _ := io.ReadAll(r.Body)
	ct, _, _ := mime.ParseMediaType(r.Header.Get("Content-Type"))
	if ct == "application/json" {
		_ = json.Unmarshal(body, &c.JSON)
	} else {
		c.Form, _ = url.ParseQuery(string(body))
		for k, v := range r.URL.Query() {
			c.Form[k] = v
		}
	}
	return c
}

func (f *fakeSlack) api(w http.ResponseWriter, r *http.Request) {
	method := strings.TrimPrefix(r.URL.Path, "/api/")
	c := f.record(r, method)
	f.mu.Lock()
	defer f.mu.Unlock()
	if f.rateLimit[method] > 0 {
		f.rateLimit[method]--
		c.Status = http.StatusTooManyRequests
		f.calls = append(f.calls, c)
		w.Header().Set("Retry-After", "1")
		http.Error(w, "rate limited", http.StatusTooManyRequests)
		return
	}
	f.calls = append(f.calls, c)
	w.Header().Set("Content-Type", "application/json")
	if code := f.fail[method]; code != "" {
		fmt.Fprintf(w, `{"ok":false,"error":%q}`, code)
		return
	}
	f.n++
	ts := fmt.Sprintf("1700000000.%06d", f.n)
	var resp any
	switch method {
	case "auth.test":
		resp = map[string]any{"ok": true, "user_id": "UBOT", "team_id": "T1", "bot_id": "BBOT"}
	case "users.info":
		u := c.get("user")
		resp = map[string]any{"ok": true, "user": map[string]any{"id": u, "locale": f.locales[u]}}
	case "chat.postMessage":
		resp = map[string]any{"ok": true, "channel": c.get("channel"), "ts": ts}
		f.keep(c, ts)
	case "conversations.history", "conversations.replies":
		resp = map[string]any{"ok": true, "has_more": false, "messages": f.history(c)}
	case "chat.postEphemeral":
		resp = map[string]any{"ok": true, "message_ts": ts}
	case "views.open", "views.update", "views.publish":
		id := fmt.Sprintf("V%d", f.n)
		if v := c.get("view_id"); v != "" {
			id = v
		}
		resp = map[string]any{"ok": true, "view": map[string]any{"id": id, "hash": "h" + ts}}
	case "files.getUploadURLExternal": // the upload goes to the API's own host, as slack-go requires
		resp = map[string]any{"ok": true, "upload_url": f.srv.URL + "/upload/F" + ts, "file_id": "F" + ts}
	case "files.completeUploadExternal":
		var files []map[string]any
		_ = json.Unmarshal([]byte(c.get("files")), &files)
		resp = map[string]any{"ok": true, "files": files}
	case "apps.connections.open":
		resp = map[string]any{"ok": true, "url": "ws" + strings.TrimPrefix(f.srv.URL, "http") + "/ws"}
	default:
		resp = map[string]any{"ok": true}
	}
	_ = json.NewEncoder(w).Encode(resp)
}

// upload takes a file sent to an upload URL (multipart, field "file") and
// records it as a call "upload" whose form holds the file id, name and bytes.
func (f *fakeSlack) upload(w http.ResponseWriter, r *http.Request) {
	c := call{Method: "upload", Auth: r.Header.Get("Authorization"), At: time.Now(), Status: 200, Form: url.Values{}}
	if file, h, err := r.FormFile("file"); err == nil {
		data, _ := io.ReadAll(file)
		c.Form.Set("id", strings.TrimPrefix(r.URL.Path, "/upload/"))
		c.Form.Set("filename", h.Filename)
		c.Form.Set("data", string(data))
	}
	f.mu.Lock()
	f.calls = append(f.calls, c)
	f.mu.Unlock()
	io.WriteString(w, "OK")
}

func (f *fakeSlack) responseURL(w http.ResponseWriter, r *http.Request) {
	c := f.record(r, "response_url")
	f.mu.Lock()
	f.calls = append(f.calls, c)
	f.mu.Unlock()
	io.WriteString(w, "ok")
}

func (f *fakeSlack) websocket(w http.ResponseWriter, r *http.Request) {
	up := websocket.Upgrader{CheckOrigin: func(*http.Request) bool { return true }} // Slack's client sends Origin: https://api.slack.com
	conn, err := up.Upgrade(w, r, nil)
	if err != nil {
		return
	}
	f.conns <- conn
}

// callsTo returns the recorded calls of method (only successful ones when ok).
func (f *fakeSlack) callsTo(method string, ok bool) []call {
	f.mu.Lock()
	defer f.mu.Unlock()
	var out []call
	for _, c := range f.calls {
		if c.Method == method && (!ok || c.Status == 200) {
			out = append(out, c)
		}
	}
	return out
}

// waitCalls waits until method has been called successfully n times and returns those calls.
func (f *fakeSlack) waitCalls(method string, n int, timeout time.Duration) []call {
	f.t.Helper()
	deadline := time.Now().Add(timeout)
	for {
		cs := f.callsTo(method, true)
		if len(cs) >= n {
			return cs
		}
		if time.Now().After(deadline) {
			f.t.Fatalf("%s called %d times within %v, want %d; all calls: %v", method, len(cs), timeout, n, f.methods())
		}
		time.Sleep(5 * time.Millisecond)
	}
}

func (f *fakeSlack) methods() []string {
	f.mu.Lock()
	defer f.mu.Unlock()
	var out []string
	for _, c := range f.calls {
		out = append(out, fmt.Sprintf("%s(%d)", c.Method, c.Status))
	}
	return out
}

// nextConn waits for the bot to open a Socket Mode websocket.
func (f *fakeSlack) nextConn(timeout time.Duration) *websocket.Conn {
	f.t.Helper()
	select {
	case c := <-f.conns:
		f.t.Cleanup(func() { c.Close() })
		return c
	case <-time.After(timeout):
		f.t.Fatalf("no websocket connection within %v; calls: %v", timeout, f.methods())
		return nil
	}
}
