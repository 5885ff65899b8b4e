package main

import (
	"io"
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"testing"

	"github.com/askerkommune/temaplanbot/internal/mongodb/mongodbtest"
)

// TestServeWebChatOnly runs the real program with only the web chat on
// (WEB_ENABLED, no Slack or Discord): the page is served under /web/, a
// question posted the way the page posts it is answered on the page it
// redirects to, and /readyz is ready.
func TestServeWebChatOnly(t *testing.T) {
	if mongodbtest.Real() {
		t.Skip("runs its own embedded database")
	}
	db := mongodbtest.StartEmbedded(t, "")
	env := map[string]string{"MONGODB_URI": db.URI(), "AUTHOR_HASH_KEY": strings.Repeat("k", 40),
		"HTTP_ADDR": freeAddr(t), "WEB_ENABLED": "true"}
	base := "http://" + env["HTTP_ADDR"]
	stop := startBot(t, env)
	defer stop()

	res, err := http.Get(base + "/web/")
	if err != nil {
		t.Fatal(err)
	}
	page, _ := io.ReadAll(res.Body)
	res.Body.Close()
	if res.StatusCode != 200 || !strings.Contains(res.Header.Get("Content-Security-Policy"), "script-src 'self'") {
		t.Fatalf("/web/: %d, CSP %q", res.StatusCode, res.Header.Get("Content-Security-Policy"))
	}
	m := regexp.MustCompile(`name="csrf" value="([^"]+)"`).FindSubmatch(page)
	var session *http.Cookie
	for _, c := range res.Cookies() {
		if c.Name == "tpb_session" {
			session = c
		}
	}
	if m == nil || session == nil {
		t.Fatal("no session cookie or CSRF token on the page")
	}
	req, _ := http.NewRequest(http.MethodPost, base+"/web/say",
		strings.NewReader(url.Values{"csrf": {string(m[1])}, "text": {"når starter klimaplanen?"}}.Encode()))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	req.AddCookie(session)
	client := &http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	res, err = client.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	res.Body.Close()
	if res.StatusCode != http.StatusSeeOther {
		t.Fatalf("post: %d", res.StatusCode)
	}
	req, _ = http.NewRequest(http.MethodGet, base+"/web/", nil)
	req.AddCookie(session)
	res, err = client.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	page, _ = io.ReadAll(res.Body)
	res.Body.Close()
	if !strings.Contains(string(page), `id="latest"`) || !strings.Contains(strings.ToLower(string(page)), "klima") {
		t.Fatalf("no answer on the page:\n%s", page)
	}
	if code, body := get(t, base+"/readyz"); code != 200 {
		t.Errorf("/readyz: %d %s", code, body)
	}
}
