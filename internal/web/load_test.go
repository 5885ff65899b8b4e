package web

import (
	"fmt"
	"io"
	"math/rand/v2"
	"net/http"
	"net/url"
	"os"
	"regexp"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"
)

// TestLoadWebSessions runs 200 web chat sessions at once on a real loopback
// listener, with the real engine and the embedded store behind it: each
// loads the page and then asks questions the way chat.js does (a post
// answered with the new messages), pausing 0.5 to 1.5 s between questions
// (a quick reader; about 200 questions a second in all). Every answer must
// be the engine's, and the answer's p99 must stay under 50 ms. Run it with:
//
//	TEMAPLANBOT_LOAD=1 go test -run TestLoadWebSessions -v ./internal/web
func TestLoadWebSessions(t *testing.T) {
	if os.Getenv("TEMAPLANBOT_LOAD") == "" {
		t.Skip("load test: set TEMAPLANBOT_LOAD=1 to run it")
	}
	const sessions, perSession = 200, 5
	r := newRig(t, func(c *Config) { c.SessionPerMinute, c.ClientPerMinute = 1000, 1_000_000 })
	client := &http.Client{Timeout: 10 * time.Second,
		Transport: &http.Transport{MaxIdleConnsPerHost: sessions, MaxConnsPerHost: sessions}}
	questions := []string{"Når starter klimaplanen?", "What is the culture plan about?", "hvilke temaplaner finnes",
		"which themes does the sports plan cover", "hva er formålet med folkehelseplanen?"}
	lt := &webLoad{t: t, base: r.srv.URL, client: client}
	lt.session(questions[:2]) // warm up: templates, matcher, store connection
	lt.lat = nil
	load := loadAverage()
	var wg sync.WaitGroup
	start := time.Now()
	for i := range sessions {
		qs := make([]string, perSession)
		for j := range qs {
			qs[j] = questions[(i+j)%len(questions)]
		}
		wg.Go(func() { lt.session(qs) })
	}
	wg.Wait()
	elapsed := time.Since(start)
	lat := slices.Sorted(slices.Values(lt.lat))
	if len(lat) != sessions*perSession {
		t.Fatalf("%d answers, want %d", len(lat), sessions*perSession)
	}
	q := func(p float64) time.Duration { return lat[int(p*float64(len(lat)-1))].Round(10 * time.Microsecond) }
	t.Logf("load average (1 min) before the run: %s", load)
	t.Logf("%d sessions at once, %d questions each: %d answers in %v (%.0f/s): p50 %v, p90 %v, p99 %v, max %v",
		sessions, perSession, len(lat), elapsed.Round(time.Millisecond), float64(len(lat))/elapsed.Seconds(),
		q(0.50), q(0.90), q(0.99), lat[len(lat)-1].Round(10*time.Microsecond))
	if p99 := q(0.99); p99 >= 50*time.Millisecond {
		t.Errorf("answer p99 %v, want under 50 ms", p99)
	}
}

type webLoad struct {
	t      *testing.T
	base   string
	client *http.Client
	mu     sync.Mutex
	lat    []time.Duration
}

var loadCSRF = regexp.MustCompile(`name="csrf" value="([^"]+)"`)

// session loads the page, then posts each question and times the answer.
func (l *webLoad) session(questions []string) {
	time.Sleep(time.Duration(rand.IntN(1000)) * time.Millisecond) // residents arrive over a second
	res, err := l.client.Get(l.base + "/web/")
	if err != nil {
		l.t.Error(err)
		return
	}
	page, _ := io.ReadAll(res.Body)
	res.Body.Close()
	var cookie *http.Cookie
	for _, c := range res.Cookies() {
		if c.Name == sessionCookie {
			cookie = c
		}
	}
	m := loadCSRF.FindSubmatch(page)
	if cookie == nil || m == nil {
		l.t.Error("no session cookie or CSRF token")
		return
	}
	for i, q := range questions {
		time.Sleep(time.Duration(500+rand.IntN(1000)) * time.Millisecond) // reading and typing
		body := url.Values{"csrf": {string(m[1])}, "text": {q}, "nonce": {fmt.Sprintf("%043d", i)}}.Encode()
		req, _ := http.NewRequest(http.MethodPost, l.base+"/web/say", strings.NewReader(body))
		req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
		req.Header.Set("X-Requested-With", "temaplanbot")
		req.AddCookie(cookie)
		t0 := time.Now()
		res, err := l.client.Do(req)
		if err != nil {
			l.t.Error(err)
			return
		}
		answer, _ := io.ReadAll(res.Body)
		res.Body.Close()
		d := time.Since(t0)
		if res.StatusCode != http.StatusOK || !strings.Contains(string(answer), `class="msg bot"`) {
			l.t.Errorf("answer %d: %.300s", res.StatusCode, answer)
			return
		}
		l.mu.Lock()
		l.lat = append(l.lat, d)
		l.mu.Unlock()
	}
}

// loadAverage is the machine's 1-minute load average, to tell a busy
// shared machine from a slow chat.
func loadAverage() string {
	b, err := os.ReadFile("/proc/loadavg")
	if err != nil {
		return "unknown"
	}
	f := strings.Fields(string(b))
	if len(f) == 0 {
		return "unknown"
	}
	return f[0]
}
