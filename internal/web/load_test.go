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
// loads the page and then asks 5 questions the way chat.js does (a post
// answered with the new messages). Two paces:
//   - reading: 3 to 9 s between questions (reading the answer, typing the
//     next question; about 35 questions a second in all). Its answer p99 must
//     stay under 50 ms.
//   - fast: 0.5 to 1.5 s between questions (about 200 a second), a stress
//     figure that is only reported.
//
// Every answer must be the engine's. Run it with:
func TestLoadWebSessions(t *testing.T) {
	if os.Getenv("TEMAPLANBOT_LOAD") == "" {
		t.Skip("load test: set TEMAPLANBOT_LOAD=1 to run it")
	}
	for _, pace := range []struct {
		name          string
		pause, spread time.Duration
		p99           time.Duration // 0: reported only
	}{
		{"reading", 3 * time.Second, 6 * time.Second, 50 * time.Millisecond},
		{"fast", 500 * time.Millisecond, time.Second, 0},
	} {
		t.Run(pace.name, func(t *testing.T) {
			lat := runWebLoad(t, pace.pause, pace.spread)
			if pace.p99 > 0 && quantile(lat, 0.99) >= pace.p99 {
				t.Errorf("answer p99 %v, want under %v", quantile(lat, 0.99), pace.p99)
			}
		})
	}
}

// runWebLoad runs the sessions with pauses of pause plus up to spread
// between questions, and returns the answer latencies, sorted.
func runWebLoad(t *testing.T, pause, spread time.Duration) []time.Duration {
	const sessions, perSession = 200, 5
	r := newRig(t, func(c *Config) { c.SessionPerMinute, c.ClientPerMinute = 1000, 1_000_000 })
	client := &http.Client{Timeout: 10 * time.Second,
		Transport: &http.Transport{MaxIdleConnsPerHost: sessions, MaxConnsPerHost: sessions}}
	questions := []string{"Når starter klimaplanen?", "What is the culture plan about?", "hvilke temaplaner finnes",
		"which themes does the sports plan cover", "hva er formålet med folkehelseplanen?"}
	lt := &webLoad{t: t, base: r.srv.URL, client: client, pause: pause, spread: spread}
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
	t.Logf("load average (1 min) before the run: %s", load)
	t.Logf("%d sessions at once, %d questions each, %v-%v apart: %d answers in %v (%.0f/s): p50 %v, p90 %v, p99 %v, max %v",
		sessions, perSession, pause, pause+spread, len(lat), elapsed.Round(time.Millisecond),
		float64(len(lat))/elapsed.Seconds(), quantile(lat, 0.50), quantile(lat, 0.90), quantile(lat, 0.99),
		lat[len(lat)-1].Round(10*time.Microsecond))
	return lat
}

// quantile returns the q-quantile of sorted latencies.
func quantile(lat []time.Duration, q float64) time.Duration {
	return lat[int(q*float64(len(lat)-1))].Round(10 * time.Microsecond)
}

type webLoad struct {
	t             *testing.T
	base          string
	client        *http.Client
	pause, spread time.Duration
	mu            sync.Mutex
	lat           []time.Duration
}

var loadCSRF = regexp.MustCompile(`name="csrf" value="([^"]+)"`)

// session loads the page, then posts each question and times the answer.
func (l *webLoad) session(questions []string) {
	time.Sleep(rand.N(l.pause + l.spread)) // residents arrive over one pause
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
		time.Sleep(l.pause + rand.N(l.spread)) // reading the answer, typing the next question
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
