package server

import (
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"os"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"
)

// recorder is a webhook handler that counts calls and echoes the body size.
type recorder struct{ calls atomic.Int32 }

func (rc *recorder) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	rc.calls.Add(1)
	b, _ := io.ReadAll(r.Body)
	fmt.Fprintf(w, "got %d", len(b))
}

func newTestServer(t *testing.T, r Routes) *httptest.Server {
	t.Helper()
	srv := httptest.NewServer(Handler(r))
	t.Cleanup(srv.Close)
	return srv
}

func do(t *testing.T, method, url string, body io.Reader) (int, string, http.Header) {
	t.Helper()
	req, err := http.NewRequest(method, url, body)
	if err != nil {
		t.Fatal(err)
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, string(b), resp.Header
}

func TestRoutes(t *testing.T) {
	hooks := map[string]*recorder{
		"/slack/events": {}, "/slack/commands": {}, "/slack/interactions": {}, "/discord/interactions": {},
	}
	srv := newTestServer(t, Routes{
		SlackEvents:         hooks["/slack/events"],
		SlackCommands:       hooks["/slack/commands"],
		SlackInteractions:   hooks["/slack/interactions"],
		DiscordInteractions: hooks["/discord/interactions"],
		Metrics: http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) {
			io.WriteString(w, "# metrics")
		}),
	})
	tests := []struct {
		method, path string
		code         int
		body         string
	}{
		{"GET", "/healthz", 200, "ok"},
		{"HEAD", "/healthz", 200, ""},
		{"POST", "/healthz", 405, ""},
		{"GET", "/readyz", 200, "ready"},
		{"GET", "/metrics", 200, "# metrics"},
		{"DELETE", "/metrics", 405, ""},
		{"GET", "/nowhere", 404, ""},
		{"POST", "/slack/events", 200, "got 5"},
		{"POST", "/slack/commands", 200, "got 5"},
		{"POST", "/slack/interactions", 200, "got 5"},
		{"POST", "/discord/interactions", 200, "got 5"},
		{"GET", "/slack/events", 405, ""},
		{"PUT", "/discord/interactions", 405, ""},
	}
	for _, tt := range tests {
		t.Run(tt.method+" "+tt.path, func(t *testing.T) {
			code, body, hdr := do(t, tt.method, srv.URL+tt.path, strings.NewReader("hello"))
			if code != tt.code {
				t.Fatalf("status %d, want %d (%q)", code, tt.code, body)
			}
			if tt.body != "" && !strings.Contains(body, tt.body) {
				t.Errorf("body %q lacks %q", body, tt.body)
			}
			if code == 405 && hdr.Get("Allow") == "" {
				t.Errorf("405 without Allow header")
			}
		})
	}
	for path, rc := range hooks {
		if n := rc.calls.Load(); n != 1 {
			t.Errorf("%s called %d times, want 1", path, n)
		}
	}
}

func TestAbsentRoutes404(t *testing.T) {
	srv := newTestServer(t, Routes{SlackEvents: &recorder{}})
	for _, path := range []string{"/slack/commands", "/slack/interactions", "/discord/interactions", "/metrics"} {
		method := "POST"
		if path == "/metrics" {
			method = "GET"
		}
		if code, _, _ := do(t, method, srv.URL+path, strings.NewReader("x")); code != 404 {
			t.Errorf("%s %s: %d, want 404", method, path, code)
		}
	}
}

func TestBodyLimit(t *testing.T) {
	rc := &recorder{}
	var mu sync.Mutex
	rejected := map[string]int{}
	srv := newTestServer(t, Routes{SlackEvents: rc, SlackCommands: rc, SlackInteractions: rc, DiscordInteractions: rc,
		Rejected: func(platform, reason string) {
			mu.Lock()
			rejected[platform+"/"+reason]++
			mu.Unlock()
		}})
	t.Cleanup(func() {
		mu.Lock()
		defer mu.Unlock()
		if rejected["slack/size"] != 6 || rejected["discord/size"] != 1 || len(rejected) != 2 {
			t.Errorf("counted rejections %v, want slack/size 6 and discord/size 1", rejected)
		}
	})
	tests := []struct {
		name    string
		path    string
		size    int
		chunked bool
		code    int
	}{
		{"at limit", "/slack/events", MaxWebhookBody, false, 200},
		{"over limit", "/slack/events", MaxWebhookBody + 1, false, 413},
		{"over limit chunked", "/slack/events", MaxWebhookBody + 1, true, 413},
		{"far over chunked", "/slack/events", 4 * MaxWebhookBody, true, 413},
		{"3 MB", "/slack/events", 3 << 20, false, 413},
		{"commands over limit", "/slack/commands", MaxWebhookBody + 1, false, 413},
		{"discord over limit", "/discord/interactions", MaxWebhookBody + 1, true, 413},
		{"slack interactions at their limit", "/slack/interactions", MaxSlackInteractionBody, false, 200},
		{"slack interactions over their limit", "/slack/interactions", MaxSlackInteractionBody + 1, true, 413},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			before := rc.calls.Load()
			var body io.Reader = strings.NewReader(strings.Repeat("a", tt.size))
			if tt.chunked {
				body = io.MultiReader(body) // hides the length: sent chunked
			}
			code, _, _ := do(t, "POST", srv.URL+tt.path, body)
			if code != tt.code {
				t.Fatalf("status %d, want %d", code, tt.code)
			}
			called := rc.calls.Load() - before
			if want := int32(map[bool]int{true: 1}[tt.code == 200]); called != want {
				t.Errorf("handler called %d times, want %d", called, want)
			}
		})
	}
}

func TestNewSetsTimeouts(t *testing.T) {
	s := New(":0", http.NotFoundHandler())
	if s.ReadHeaderTimeout <= 0 || s.ReadTimeout <= 0 || s.WriteTimeout <= 0 || s.IdleTimeout <= 0 {
		t.Errorf("timeouts not all set: %+v", s)
	}
	if s.MaxHeaderBytes <= 0 || s.MaxHeaderBytes >= http.DefaultMaxHeaderBytes {
		t.Errorf("MaxHeaderBytes = %d, want set below the default", s.MaxHeaderBytes)
	}
	if s.Addr != ":0" || s.Handler == nil {
		t.Errorf("addr/handler not set")
	}
}

// TestSlowHeadersCutOff checks that a client trickling its headers is cut off
// after ReadHeaderTimeout (shortened here) instead of holding the connection.
func TestSlowHeadersCutOff(t *testing.T) {
	s := New("127.0.0.1:0", Handler(Routes{}))
	s.ReadHeaderTimeout = 100 * time.Millisecond
	srv := httptest.NewUnstartedServer(s.Handler)
	srv.Config = s
	srv.Start()
	defer srv.Close()
	conn, err := net.Dial("tcp", srv.Listener.Addr().String())
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	io.WriteString(conn, "GET /healthz HTTP/1.1\r\nHost: x\r\n") // never finishes the headers
	buf := make([]byte, 512)
	conn.SetReadDeadline(time.Now().Add(2 * time.Second))
	n, err := conn.Read(buf)
	if err == nil && !strings.Contains(string(buf[:n]), "408") {
		t.Fatalf("server answered %q instead of closing or 408", buf[:n])
	}
	if errors.Is(err, os.ErrDeadlineExceeded) {
		t.Fatal("connection still open after the read-header timeout")
	}
}
