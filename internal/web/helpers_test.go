package web

import (
	"context"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"regexp"
	"strings"
	"testing"

	"github.com/askerkommune/temaplanbot/bot"
	"github.com/askerkommune/temaplanbot/internal/apptest"
)

// rig is the web chat on a real listener, with the real engine and the
// embedded store behind it.
type rig struct {
	app *apptest.App
	a   *Adapter
	srv *httptest.Server
}

func newRig(t testing.TB, mod func(*Config)) *rig {
	t.Helper()
	app := apptest.New(t, apptest.Options{})
	cfg := Config{Responder: app.Engine, Store: app.Store, Key: []byte("web-test-key-0123456789abcdef-0123456789"),
		Location: app.Location, Now: app.Clock.Now}
	if mod != nil {
		mod(&cfg)
	}
	a, err := New(cfg)
	if err != nil {
		t.Fatal(err)
	}
	srv := httptest.NewServer(a.Handler())
	t.Cleanup(srv.Close)
	return &rig{app: app, a: a, srv: srv}
}

// submissions returns every stored submission.
func (r *rig) submissions(t testing.TB) []bot.Submission {
	t.Helper()
	subs, err := r.app.Store.Submissions(context.Background(), bot.SubmissionQuery{})
	if err != nil {
		t.Fatal(err)
	}
	return subs
}

// browser is a no-script client: it keeps cookies by hand (the session
// cookie is Secure, which net/http's jar withholds from http://) and
// follows redirects like a browser after a form post.
type browser struct {
	t       testing.TB
	base    string
	cookies map[string]string
	header  http.Header
	last    string // the last page's HTML
}

func (r *rig) browser(t testing.TB) *browser {
	return &browser{t: t, base: r.srv.URL, cookies: map[string]string{}, header: http.Header{}}
}

func (b *browser) do(method, path string, form url.Values) (*http.Response, string) {
	b.t.Helper()
	var body io.Reader
	if form != nil {
		body = strings.NewReader(form.Encode())
	}
	req, err := http.NewRequest(method, b.base+path, body)
	if err != nil {
		b.t.Fatal(err)
	}
	return b.send(req, form != nil)
}

func (b *browser) send(req *http.Request, isForm bool) (*http.Response, string) {
	b.t.Helper()
	for k, v := range b.header {
		req.Header[k] = v
	}
	if isForm && req.Header.Get("Content-Type") == "" {
		req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	}
	for k, v := range b.cookies {
		req.AddCookie(&http.Cookie{Name: k, Value: v})
	}
	client := &http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	res, err := client.Do(req)
	if err != nil {
		b.t.Fatal(err)
	}
	defer res.Body.Close()
	data, _ := io.ReadAll(res.Body)
	for _, c := range res.Cookies() {
		b.cookies[c.Name] = c.Value
	}
	return res, string(data)
}

// get loads a page and remembers it.
func (b *browser) get(path string) string {
	b.t.Helper()
	res, body := b.do(http.MethodGet, path, nil)
	if res.StatusCode != http.StatusOK {
		b.t.Fatalf("GET %s: %d\n%s", path, res.StatusCode, body)
	}
	b.last = body
	return body
}

var csrfField = regexp.MustCompile(`name="csrf" value="([^"]+)"`)

// csrf returns the CSRF token of the last page.
func (b *browser) csrf() string {
	b.t.Helper()
	m := csrfField.FindStringSubmatch(b.last)
	if m == nil {
		b.t.Fatalf("no csrf field in the page:\n%s", b.last)
	}
	return m[1]
}

// post sends a form as the page would (with its CSRF token), follows the
// redirect and returns the page it leads to.
func (b *browser) post(path string, form url.Values) string {
	b.t.Helper()
	if form.Get("csrf") == "" {
		form.Set("csrf", b.csrf())
	}
	res, body := b.do(http.MethodPost, path, form)
	if res.StatusCode == http.StatusSeeOther {
		loc := res.Header.Get("Location")
		loc, _, _ = strings.Cut(loc, "#")
		return b.get(loc)
	}
	b.last = body
	return body
}

// say posts text from the chat box.
func (b *browser) say(text string) string {
	return b.post("/web/say", url.Values{"text": {text}})
}

// press posts a button's value.
func (b *browser) press(choice string) string {
	return b.post("/web/say", url.Values{"choice": {choice}})
}

// latest returns the text of the newest bot message on the last page.
func (b *browser) latest() string {
	b.t.Helper()
	i := strings.Index(b.last, `id="latest"`)
	if i < 0 {
		b.t.Fatalf("no latest message on the page:\n%s", b.last)
	}
	return b.last[i:]
}
