package slack

import (
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/askerkommune/temaplanbot/bot"
	"github.com/askerkommune/temaplanbot/internal/apptest"
	"github.com/askerkommune/temaplanbot/internal/inbox"
	"github.com/askerkommune/temaplanbot/internal/server"
)

// TestLoadSignedEvents sends 2,000 signed message.im events, 200 at a time,
// to the adapter behind the real server on a loopback listener, with the
// real engine and embedded store. It reports p50/p99 ack latency and checks
// that every event got exactly one answer. Run with:
//
//	TEMAPLANBOT_LOAD=1 go test -run TestLoadSignedEvents -v ./internal/slack/
func TestLoadSignedEvents(t *testing.T) {
	if os.Getenv("TEMAPLANBOT_LOAD") != "1" {
		t.Skip("load test: set TEMAPLANBOT_LOAD=1 to run it")
	}
	const total, concurrent = 2000, 200
	app := apptest.New(t, apptest.Options{Inbox: true})
	h := newHarness(t, realEngine(t, app), func(c *Config) {
		c.Logger = nil
		ib, err := inbox.New(inbox.Config{Store: app.Store.(bot.InboxStore), Workers: 16, Metrics: c.Metrics})
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { _ = ib.Shutdown(context.Background()) })
		c.Inbox = ib
	})
	srv := httptest.NewUnstartedServer(nil)
	srv.Config = server.New("", server.Handler(server.Routes{SlackEvents: h.a.EventsHandler()}))
	srv.Start()
	defer srv.Close()
	client := &http.Client{Transport: &http.Transport{MaxIdleConnsPerHost: concurrent}, Timeout: 10 * time.Second}

	bodies := make([][]byte, total)
	for i := range bodies {
		bodies[i] = []byte(fmt.Sprintf(`{"type":"event_callback","team_id":"T1","event_id":"EvLoad%05d",`+
			`"event":{"type":"message","channel_type":"im","channel":"DL%05d","user":"UL%05d",`+
			`"text":"hva er formålet med kulturplanen?","ts":"1700000000.%06d"}}`, i, i, i, i))
	}
	// Open the connections first (as in steady traffic, where Slack reuses
	// them): the measured run is about acks, not 200 TCP handshakes at once.
	warm := make([][]byte, concurrent)
	for i := range warm {
		warm[i] = []byte(`{"type":"url_verification","challenge":"warm","token":"x"}`)
	}
	fire(t, client, srv.URL+"/slack/events", warm, concurrent)
	start := time.Now()
	lat := fire(t, client, srv.URL+"/slack/events", bodies, concurrent)
	sent := time.Since(start)
	posts := h.api.waitCalls("chat.postMessage", total, 5*time.Minute)
	answered := time.Since(start)
	time.Sleep(500 * time.Millisecond)
	per := map[string]int{}
	for _, p := range h.api.callsTo("chat.postMessage", true) {
		per[p.get("channel")]++
	}
	for i := range total {
		if n := per[fmt.Sprintf("DL%05d", i)]; n != 1 {
			t.Errorf("event %d answered %d times", i, n)
		}
	}
	slices.Sort(lat)
	p := func(q float64) time.Duration { return lat[int(q*float64(total-1))] }
	t.Logf("%d events, %d at a time: ack p50 %v, p99 %v, max %v; all acked in %v, all %d answered once in %v",
		total, concurrent, p(0.50).Round(10*time.Microsecond), p(0.99).Round(10*time.Microsecond),
		lat[total-1].Round(10*time.Microsecond), sent.Round(time.Millisecond), len(posts), answered.Round(time.Millisecond))
	t.Logf("acknowledged before the durable write finished (over the ack budget): %s",
		strings.TrimPrefix(h.metric(`temaplanbot_acks_before_durable_total{platform="slack"}`), `temaplanbot_acks_before_durable_total{platform="slack"} `))
	// No wall-clock target: the figures go to BENCHMARKS.md (quiet and
	// with the disk under fsync load); what must hold is each answered once.
}

// fire posts every body, signed, with concurrent requests in flight, and
// returns each request's latency; any status but 200 fails the test.
func fire(t *testing.T, client *http.Client, url string, bodies [][]byte, concurrent int) []time.Duration {
	lat := make([]time.Duration, len(bodies))
	jobs := make(chan int)
	var wg sync.WaitGroup
	for range concurrent {
		wg.Go(func() {
			for i := range jobs {
				req, _ := http.NewRequest("POST", url, strings.NewReader(string(bodies[i])))
				req.Header = signedHeaders(testSecret, time.Now(), bodies[i])
				req.Header.Set("Content-Type", "application/json")
				t0 := time.Now()
				resp, err := client.Do(req)
				lat[i] = time.Since(t0)
				if err != nil {
					t.Errorf("event %d: %v", i, err)
					continue
				}
				resp.Body.Close()
				if resp.StatusCode != 200 {
					t.Errorf("event %d acked with %d", i, resp.StatusCode)
				}
			}
		})
	}
	for i := range bodies {
		jobs <- i
	}
	close(jobs)
	wg.Wait()
	return lat
}
