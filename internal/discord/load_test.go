package discord

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"
)

// TestLoadInteractions sends 2,000 signed interactions, 200 at a time, to
// /discord/interactions on a real listener, with the real engine and the
// embedded store behind it, and reports ack latency. Every interaction
// must be answered exactly once. Run with TEMAPLANBOT_LOAD=1:
//
//	TEMAPLANBOT_LOAD=1 go test -run TestLoadInteractions -v ./internal/discord
func TestLoadInteractions(t *testing.T) {
	if os.Getenv("TEMAPLANBOT_LOAD") == "" {
		t.Skip("load test: set TEMAPLANBOT_LOAD=1 to run it")
	}
	const total, concurrency = 2000, 200
	r := newRig(t, rigOptions{})
	cnt := &counting{Responder: r.app.Engine}
	r.a.cfg.Responder = cnt
	var smu sync.Mutex
	var server []time.Duration
	mux := http.NewServeMux()
	h := r.a.InteractionsHandler()
	mux.HandleFunc("POST /discord/interactions", func(w http.ResponseWriter, req *http.Request) {
		t0 := time.Now()
		h.ServeHTTP(w, req)
		smu.Lock()
		server = append(server, time.Since(t0))
		smu.Unlock()
	})
	e := &endpoint{srv: httptest.NewServer(mux), r: r}
	defer e.srv.Close()
	client := &http.Client{Transport: &http.Transport{MaxIdleConnsPerHost: concurrency, MaxConnsPerHost: concurrency}}

	plans := []string{"kultur", "klima", "eldre", "vann", "naering", "barnehage", "digitalisering"}
	bodies := make([][]byte, total)
	ids := make([]string, total)
	for i := range bodies {
		var m map[string]any
		locale := []string{"no", "en-US", "en-GB", "sv-SE"}[i%4]
		switch i % 10 {
		case 0, 1, 2:
			m = ixCommand(t, locale, "plan", "plan", plans[i%len(plans)])
		case 3, 4:
			m = ixCommand(t, locale, "ask", "question", "Når starter "+plans[i%len(plans)]+"planen?")
		case 5:
			m = ixCommand(t, locale, "plans")
		case 6, 7:
			m = ixAutocomplete(t, locale, "plan", "plan", plans[i%len(plans)][:3])
		case 8:
			m = ixCommand(t, locale, "help")
		case 9:
			m = ixCommand(t, locale, "input", "plan", plans[i%len(plans)], "text", "Et innspill fra lasttesten, nummer "+fmt.Sprint(i))
		}
		m["member"].(map[string]any)["user"].(map[string]any)["id"] = fmt.Sprint(5000000 + i) // one resident each
		ids[i] = m["id"].(string)
		bodies[i], _ = json.Marshal(m)
	}

	// Open the connections first (200 PINGs), as Discord's keep-alive
	// connections would be open already.
	ping, _ := json.Marshal(fixture(t, "interaction_ping.json"))
	var warm sync.WaitGroup
	for i := 0; i < concurrency; i++ {
		warm.Add(1)
		go func() {
			defer warm.Done()
			sig, ts := r.keys.sign(time.Now(), ping)
			req, _ := http.NewRequest(http.MethodPost, e.srv.URL+"/discord/interactions", bytes.NewReader(ping))
			req.Header.Set("X-Signature-Ed25519", sig)
			req.Header.Set("X-Signature-Timestamp", ts)
			if res, err := client.Do(req); err == nil {
				res.Body.Close()
			}
		}()
	}
	warm.Wait()
	smu.Lock()
	server = server[:0]
	smu.Unlock()

	lat := make([]time.Duration, total)
	sent := make([]time.Time, total)
	kinds := make([]int, total)
	answers := make([]int, total)
	var mu sync.Mutex
	failures := map[string]int{}
	sem := make(chan struct{}, concurrency)
	var wg sync.WaitGroup
	start := time.Now()
	for i := range bodies {
		wg.Add(1)
		sem <- struct{}{}
		go func(i int) {
			defer func() { <-sem; wg.Done() }()
			sig, ts := r.keys.sign(time.Now(), bodies[i])
			req, _ := http.NewRequest(http.MethodPost, e.srv.URL+"/discord/interactions", bytes.NewReader(bodies[i]))
			req.Header.Set("X-Signature-Ed25519", sig)
			req.Header.Set("X-Signature-Timestamp", ts)
			t0 := time.Now()
			sent[i] = t0
			res, err := client.Do(req)
			if err != nil {
				mu.Lock()
				failures[err.Error()]++
				mu.Unlock()
				return
			}
			var out struct{ Type int }
			err = json.NewDecoder(res.Body).Decode(&out)
			res.Body.Close()
			lat[i] = time.Since(t0)
			mu.Lock()
			defer mu.Unlock()
			if res.StatusCode != 200 || err != nil || (out.Type != 4 && out.Type != 5 && out.Type != 8) {
				failures[fmt.Sprintf("status %d type %d", res.StatusCode, out.Type)]++
				return
			}
			answers[i]++
			kinds[i] = out.Type
		}(i)
	}
	wg.Wait()
	elapsed := time.Since(start)
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	if err := r.a.Shutdown(ctx); err != nil { // waits for the deferred follow-ups
		t.Fatal(err)
	}

	for i, n := range answers {
		if n != 1 {
			t.Errorf("interaction %s answered %d times", ids[i], n)
		}
	}
	if len(failures) > 0 {
		t.Errorf("failures: %v", failures)
	}
	// Every deferred answer (type 5) is completed by exactly one edit.
	edits := map[string]int{}
	editAt := map[string]time.Time{}
	for _, c := range r.api.calls("/messages/@original") {
		edits[c.Path]++
		editAt[c.Path] = c.At
	}
	var full []time.Duration // until the user sees the answer
	direct, deferredN := 0, 0
	for i, k := range kinds {
		path := "/api/v9/webhooks/app1/tok-" + ids[i] + "/messages/@original"
		switch k {
		case 5:
			deferredN++
			if edits[path] != 1 {
				t.Errorf("deferred interaction %s followed up %d times", ids[i], edits[path])
				continue
			}
			full = append(full, editAt[path].Sub(sent[i]))
		case 4:
			direct++
			full = append(full, lat[i])
			if edits[path] != 0 {
				t.Errorf("interaction %s answered directly and edited", ids[i])
			}
		}
	}
	if len(edits) != deferredN {
		t.Errorf("%d edits for %d deferred answers", len(edits), deferredN)
	}
	engine := 0
	for i := range bodies {
		if !strings.Contains(string(bodies[i]), `"type":4`) { // autocomplete does not reach Handle
			engine++
		}
	}
	if got := int(cnt.n.Load()); got != engine {
		t.Errorf("engine handled %d messages, want %d", got, engine)
	}
	slices.Sort(server)
	t.Logf("in the handler: p50 %v, p99 %v", server[len(server)/2], server[len(server)*99/100])
	slices.Sort(lat)
	pct := func(p float64) time.Duration { return lat[int(p*float64(len(lat)-1))] }
	var load [3]float64
	if b, err := os.ReadFile("/proc/loadavg"); err == nil {
		fmt.Sscan(string(b), &load[0], &load[1], &load[2])
	}
	t.Logf("machine load average before/after: %.2f (1 min)", load[0])
	t.Logf("%d interactions, %d at a time, in %v (%.0f/s): ack p50 %v, p90 %v, p99 %v, max %v",
		total, concurrency, elapsed.Round(time.Millisecond), float64(total)/elapsed.Seconds(),
		pct(.5).Round(10*time.Microsecond), pct(.9).Round(10*time.Microsecond), pct(.99).Round(10*time.Microsecond),
		lat[len(lat)-1].Round(10*time.Microsecond))
	slices.Sort(full)
	t.Logf("answered directly: %d, deferred and edited once: %d, autocomplete: %d; time until the answer is shown "+
		"(response or edit): p50 %v, p99 %v", direct, deferredN, total-direct-deferredN,
		full[len(full)/2].Round(time.Millisecond), full[len(full)*99/100].Round(time.Millisecond))
	if p99 := pct(.99); p99 > 50*time.Millisecond {
		t.Errorf("p99 %v is over the 50 ms target", p99)
	}
}
