package web

import (
	"bytes"
	"crypto/rand"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"

	"github.com/askerkommune/temaplanbot/internal/metrics"
)

// TestRefusedPosts sends posts the chat must refuse: no or forged CSRF
// tokens, other origins, oversized, binary and mistyped bodies. Each is
// refused with its status, nothing is stored, and the server keeps serving.
func TestRefusedPosts(t *testing.T) {
	m := metrics.New()
	r := newRig(t, func(c *Config) { c.Metrics = m })
	victim := r.browser(t)
	victim.get("/web/")
	attacker := r.browser(t)
	attacker.get("/web/")
	valid := "Flere sykkelparkeringer ved Asker stasjon, gjerne under tak."
	form := func(csrf string) url.Values {
		return url.Values{"csrf": {csrf}, "choice": {"submit_form:"}, "plan": {"klima"}, "text": {valid}}
	}
	for _, tc := range refusedPosts(r, victim, attacker, form) {
		t.Run(tc.name, func(t *testing.T) {
			req := tc.build()
			for k, v := range victim.cookies {
				req.AddCookie(&http.Cookie{Name: k, Value: v})
			}
			res, err := http.DefaultClient.Do(req)
			if err != nil {
				t.Fatal(err)
			}
			res.Body.Close()
			if res.StatusCode != tc.status {
				t.Errorf("status %d, want %d", res.StatusCode, tc.status)
			}
			if n := len(r.submissions(t)); n != 0 {
				t.Fatalf("%d submissions stored", n)
			}
			victim.get("/web/") // still serving
		})
	}
	// The same post with the right token from the page's origin is taken.
	req := postReq(r, form(victim.csrf()).Encode())
	req.Header.Set("Origin", r.srv.URL)
	req.Header.Set("Sec-Fetch-Site", "same-origin")
	res, _ := victim.send(req, true)
	if res.StatusCode != http.StatusSeeOther || len(r.submissions(t)) != 1 {
		t.Fatalf("a valid post: status %d, %d stored", res.StatusCode, len(r.submissions(t)))
	}
	// Every refusal is counted by its reason; the answer is timed.
	rec := httptest.NewRecorder()
	m.Handler().ServeHTTP(rec, httptest.NewRequest(http.MethodGet, "/metrics", nil))
	for _, want := range []string{
		`temaplanbot_requests_rejected_total{platform="web",reason="csrf"} 3`,
		`temaplanbot_requests_rejected_total{platform="web",reason="origin"} 4`,
		`temaplanbot_requests_rejected_total{platform="web",reason="size"} 2`,
		`temaplanbot_requests_rejected_total{platform="web",reason="malformed"} 4`,
		`temaplanbot_answer_seconds_count{platform="web"} 1`,
	} {
		if !strings.Contains(rec.Body.String(), want) {
			t.Errorf("/metrics lacks %s", want)
		}
	}
}

// refusedPost is a post the chat must refuse with status.
type refusedPost struct {
	name   string
	build  func() *http.Request
	status int
}

// refusedPosts lists forged, cross-origin, oversized and malformed posts;
// form(csrf) is a valid input form with that token.
func refusedPosts(r *rig, victim, attacker *browser, form func(string) url.Values) []refusedPost {
	binary := make([]byte, 4096)
	_, _ = rand.Read(binary)
	return []refusedPost{
		{"no csrf", func() *http.Request { return postReq(r, form("").Encode()) }, http.StatusForbidden},
		{"csrf of another session", func() *http.Request { return postReq(r, form(attacker.csrf()).Encode()) }, http.StatusForbidden},
		{"made-up csrf", func() *http.Request {
			return postReq(r, form(strings.Repeat("A", 43)).Encode())
		}, http.StatusForbidden},
		{"other origin", func() *http.Request {
			req := postReq(r, form(victim.csrf()).Encode())
			req.Header.Set("Origin", "https://evil.example")
			return req
		}, http.StatusForbidden},
		{"cross-site fetch metadata", func() *http.Request {
			req := postReq(r, form(victim.csrf()).Encode())
			req.Header.Set("Sec-Fetch-Site", "cross-site")
			return req
		}, http.StatusForbidden},
		{"a sibling site", func() *http.Request {
			req := postReq(r, form(victim.csrf()).Encode())
			req.Header.Set("Origin", "https://other.localhost")
			req.Header.Set("Sec-Fetch-Site", "same-site")
			return req
		}, http.StatusForbidden},
		{"null origin", func() *http.Request {
			req := postReq(r, form(victim.csrf()).Encode())
			req.Header.Set("Origin", "null")
			return req
		}, http.StatusForbidden},
		{"oversized body", func() *http.Request {
			f := form(victim.csrf())
			f.Set("text", strings.Repeat("å", MaxBody))
			return postReq(r, f.Encode())
		}, http.StatusRequestEntityTooLarge},
		{"oversized body without length", func() *http.Request {
			f := form(victim.csrf())
			f.Set("text", strings.Repeat("a", MaxBody+10))
			req := postReq(r, f.Encode())
			req.ContentLength = -1
			req.Body = readerOnly{strings.NewReader(f.Encode())}
			return req
		}, http.StatusRequestEntityTooLarge},
		{"binary body", func() *http.Request {
			req, _ := http.NewRequest(http.MethodPost, r.srv.URL+"/web/say", bytes.NewReader(binary))
			req.Header.Set("Content-Type", "application/octet-stream")
			return req
		}, http.StatusUnsupportedMediaType},
		{"binary text with a valid token", func() *http.Request {
			return postReq(r, "csrf="+victim.csrf()+"&choice=submit_form:&plan=klima&text="+url.QueryEscape(string(binary)))
		}, http.StatusBadRequest},
		{"control characters", func() *http.Request {
			f := form(victim.csrf())
			f.Set("text", f.Get("text")+"\x00\x1b[31m")
			return postReq(r, f.Encode())
		}, http.StatusBadRequest},
		{"a button no reply offers", func() *http.Request {
			return postReq(r, url.Values{"csrf": {victim.csrf()}, "choice": {"subscribe:reminders"}}.Encode())
		}, http.StatusBadRequest},
	}
}

type readerOnly struct{ *strings.Reader }

func (readerOnly) Close() error { return nil }

func postReq(r *rig, body string) *http.Request {
	req, _ := http.NewRequest(http.MethodPost, r.srv.URL+"/web/say", strings.NewReader(body))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	return req
}

// TestScriptPayloadsEscaped puts markup in every field a resident controls
// and checks that it comes back only escaped.
func TestScriptPayloadsEscaped(t *testing.T) {
	r := newRig(t, nil)
	const payload = `<script>alert(1)</script><img src=x onerror=alert(2)>"'`
	b := r.browser(t)
	b.header.Set("Accept-Language", payload)
	b.cookies[langCookie] = url.QueryEscape(payload)
	b.get("/web/?plan=" + url.QueryEscape(payload) + "&embed=" + url.QueryEscape(payload))
	pages := []string{
		b.say(payload),
		b.say("Jeg vil gi innspill " + payload),
		b.press("choose_plan:" + payload),
		b.press("plan_info:" + payload),
		b.post("/web/say", url.Values{"choice": {"submit_form:"}, "plan": {payload}, "text": {payload + " med nok tekst"}}),
		b.post("/web/say", url.Values{"choice": {"submit_form:"}, "plan": {"klima"}, "text": {payload + " med nok tekst her"}}),
		b.post("/web/say", url.Values{"text": {"hei"}, "view": {"plan=" + payload + "&lang=" + payload}, "nonce": {payload}}),
		b.post("/web/lang", url.Values{"lang": {payload}, "view": {payload}}),
	}
	subs := r.submissions(t)
	if len(subs) == 1 {
		m := linkPattern.FindStringSubmatch(pages[5])
		if m == nil {
			t.Fatal("no private link")
		}
		pages = append(pages, b.get(strings.TrimPrefix(m[1], r.srv.URL)))
	}
	for i, p := range pages {
		for _, bad := range []string{"<script>alert", "<img src=x", `" onerror=`} {
			if strings.Contains(p, bad) {
				t.Errorf("page %d carries %q unescaped", i, bad)
			}
		}
	}
	if !strings.Contains(strings.Join(pages, ""), "&lt;script&gt;alert(1)&lt;/script&gt;") {
		t.Error("the payload is not shown escaped anywhere")
	}
}

func TestRateLimitPerSession(t *testing.T) {
	r := newRig(t, func(c *Config) { c.SessionPerMinute = 3 })
	b := r.browser(t)
	b.get("/web/")
	for i := range 3 {
		b.say("hei")
		if strings.Contains(b.last, "Vent et minutt") {
			t.Fatalf("post %d refused", i+1)
		}
	}
	res, body := b.do(http.MethodPost, "/web/say", url.Values{"csrf": {b.csrf()}, "text": {"hei"}})
	if res.StatusCode != http.StatusTooManyRequests || !strings.Contains(body, "Vent et minutt") {
		t.Fatalf("4th post: %d %s", res.StatusCode, body)
	}
	other := r.browser(t) // another session is not slowed down
	other.get("/web/")
	other.say("hei")
	if strings.Contains(other.last, "Vent et minutt") {
		t.Fatal("another session was limited")
	}
}

func TestSecurityHeaders(t *testing.T) {
	r := newRig(t, func(c *Config) { c.AllowedOrigins = []string{"https://www.asker.kommune.no"} })
	b := r.browser(t)
	res, _ := b.do(http.MethodGet, "/web/", nil)
	csp := res.Header.Get("Content-Security-Policy")
	for _, want := range []string{"script-src 'self'", "default-src 'none'", "frame-ancestors 'self' https://www.asker.kommune.no"} {
		if !strings.Contains(csp, want) {
			t.Errorf("CSP %q lacks %q", csp, want)
		}
	}
	if res.Header.Get("X-Robots-Tag") == "" || res.Header.Get("Referrer-Policy") != "same-origin" {
		t.Errorf("X-Robots-Tag %q, Referrer-Policy %q", res.Header.Get("X-Robots-Tag"), res.Header.Get("Referrer-Policy"))
	}
	if strings.Contains(csp, "unsafe-inline") {
		t.Errorf("CSP allows inline code: %s", csp)
	}
	var sess *http.Cookie
	for _, c := range res.Cookies() {
		if c.Name == sessionCookie {
			sess = c
		}
	}
	if sess == nil || !sess.HttpOnly || !sess.Secure || sess.SameSite != http.SameSiteNoneMode || !sess.Partitioned {
		t.Errorf("session cookie %+v: want HttpOnly, Secure, SameSite=None, Partitioned when embedding is allowed", sess)
	}
	// An allowed embedding origin may post; others may not.
	b.get("/web/")
	req := postReq(r, url.Values{"csrf": {b.csrf()}, "text": {"hei"}}.Encode())
	req.Header.Set("Origin", "https://www.asker.kommune.no")
	req.Header.Set("Sec-Fetch-Site", "cross-site")
	if res, _ := b.send(req, true); res.StatusCode != http.StatusSeeOther {
		t.Errorf("post from the allowed origin: %d", res.StatusCode)
	}
	res, _ = b.do(http.MethodGet, "/web/embed.js", nil)
	if res.Header.Get("Cross-Origin-Resource-Policy") != "cross-origin" || res.StatusCode != 200 {
		t.Errorf("embed.js: %d, CORP %q", res.StatusCode, res.Header.Get("Cross-Origin-Resource-Policy"))
	}
	if _, err := New(Config{Responder: r.app.Engine, Store: r.app.Store, Key: make([]byte, 32),
		AllowedOrigins: []string{"https://x.example/path"}}); err == nil {
		t.Error("an origin with a path was accepted")
	}
}
