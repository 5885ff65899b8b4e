package metrics

import (
	"io"
	"io/fs"
	"net/http/httptest"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/prometheus/client_golang/prometheus"
)

func TestHandlerExposesRecordedValues(t *testing.T) {
	m := New()
	m.MessageIn("slack", "plan.start")
	m.MessageIn("slack", "plan.start")
	m.Answer("discord", 3*time.Millisecond)
	m.Connected("slack", true)
	m.Rejected("slack", "signature")

	rec := httptest.NewRecorder()
	m.Handler().ServeHTTP(rec, httptest.NewRequest("GET", "/metrics", nil))
	body, _ := io.ReadAll(rec.Body)
	for _, want := range []string{
		`temaplanbot_messages_in_total{intent="plan.start",platform="slack"} 2`,
		`temaplanbot_answer_seconds_count{platform="discord"} 1`,
		`temaplanbot_websocket_connected{platform="slack"} 1`,
		`temaplanbot_requests_rejected_total{platform="slack",reason="signature"} 1`,
		`go_goroutines`,
	} {
		if !strings.Contains(string(body), want) {
			t.Errorf("metrics output lacks %q", want)
		}
	}
}

func TestNilMetricsIsNoop(t *testing.T) {
	var m *Metrics
	m.MessageIn("slack", "help")
	m.Answer("slack", time.Second)
	m.Connected("discord", false)
	rec := httptest.NewRecorder()
	m.Handler().ServeHTTP(rec, httptest.NewRequest("GET", "/metrics", nil))
	if rec.Code != 404 {
		t.Fatalf("nil metrics handler: got %d, want 404", rec.Code)
	}
}

// scrape returns the sample lines of m's /metrics output, by series.
func scrape(t *testing.T, m *Metrics) map[string]string {
	t.Helper()
	rec := httptest.NewRecorder()
	m.Handler().ServeHTTP(rec, httptest.NewRequest("GET", "/metrics", nil))
	samples := map[string]string{}
	for _, line := range strings.Split(rec.Body.String(), "\n") {
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		i := strings.LastIndexByte(line, ' ')
		samples[line[:i]] = line[i+1:]
	}
	return samples
}

// TestFreshMetricsEverySeriesAtZero: before anything happens, every
// temaplanbot_* metric registered (but the websocket gauge, which the server
// sets for the platforms it connects) has series, all at 0, for every known
// label value; build_info is 1 with a Go version.
func TestFreshMetricsEverySeriesAtZero(t *testing.T) {
	m := New()
	samples := scrape(t, m)
	descs := make(chan *prometheus.Desc, 100)
	go func() { m.reg.Describe(descs); close(descs) }()
	fq := regexp.MustCompile(`fqName: "(temaplanbot_[a-z_]+)"`)
	families := 0
	for d := range descs {
		name := fq.FindStringSubmatch(d.String())
		if name == nil || name[1] == "temaplanbot_websocket_connected" {
			continue
		}
		families++
		found := false
		for series, v := range samples {
			if !strings.HasPrefix(series, name[1]) {
				continue
			}
			found = true
			want := "0"
			if name[1] == "temaplanbot_build_info" {
				want = "1"
			}
			if v != want && !strings.HasSuffix(series, `le="+Inf"}`) && !strings.Contains(series, "_bucket{") {
				t.Errorf("%s = %s, want %s", series, v, want)
			}
		}
		if !found {
			t.Errorf("%s has no series on a fresh start", name[1])
		}
	}
	if families < 14 {
		t.Fatalf("only %d temaplanbot families described", families)
	}
	for _, want := range []string{
		`temaplanbot_reminders_total{outcome="failed"}`,
		`temaplanbot_digest_runs_total{outcome="failed"}`,
		`temaplanbot_messages_in_total{intent="input.submit",platform="discord"}`,
		`temaplanbot_requests_rejected_total{platform="slack",reason="stale"}`,
		`temaplanbot_store_errors_total{op="add_submission"}`,
		`temaplanbot_queue_depth{channel="slack"}`,
		`temaplanbot_ack_seconds_count{platform="discord"}`,
	} {
		if v, ok := samples[want]; !ok || v != "0" {
			t.Errorf("%s: %q, present %v; want 0", want, v, ok)
		}
	}
	if _, ok := samples[`temaplanbot_websocket_connected{platform="slack"}`]; ok {
		t.Error("websocket gauge present before the server said which platforms connect by websocket")
	}
}

func TestBuildInfoAndQueueDepth(t *testing.T) {
	m := New()
	m.SetQueueDepth("discord", 7)
	m.SetBuildInfo("v1.2.3", "abc123")
	samples := scrape(t, m)
	if samples[`temaplanbot_queue_depth{channel="discord"}`] != "7" {
		t.Errorf("queue depth: %v", samples[`temaplanbot_queue_depth{channel="discord"}`])
	}
	n := 0
	for series, v := range samples {
		if strings.HasPrefix(series, "temaplanbot_build_info{") {
			n++
			if v != "1" || !strings.Contains(series, `revision="abc123"`) || !strings.Contains(series, `version="v1.2.3"`) ||
				!strings.Contains(series, `goversion="go`) {
				t.Errorf("build info: %s %s", series, v)
			}
		}
	}
	if n != 1 {
		t.Errorf("%d build_info series, want 1", n)
	}
}

// TestStoreOpsListed: every operation name the engine and the scheduler
// pass to StoreError is in storeOps, so its series exists from the start.
func TestStoreOpsListed(t *testing.T) {
	call := regexp.MustCompile(`(?:storeErr|StoreError)\("([a-z_]+)"`)
	listed := map[string]bool{}
	for _, op := range storeOps {
		listed[op] = true
	}
	seen := 0
	for _, dir := range []string{"../../bot", "../../internal"} {
		err := filepath.WalkDir(dir, func(path string, d fs.DirEntry, err error) error {
			if err != nil || d.IsDir() || !strings.HasSuffix(path, ".go") || strings.HasSuffix(path, "_test.go") {
				return err
			}
			src, err := os.ReadFile(path)
			if err != nil {
				return err
			}
			for _, m := range call.FindAllStringSubmatch(string(src), -1) {
				seen++
				if !listed[m[1]] {
					t.Errorf("%s: store operation %q is not in storeOps (internal/metrics/labels.go)", path, m[1])
				}
			}
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
	}
	if seen < 10 {
		t.Fatalf("found only %d StoreError calls; did the source move?", seen)
	}
}

// TestQueueDepthFromIsReadAtScrape: the depths come from the source at each
// scrape, not from a stale copy.
func TestQueueDepthFromIsReadAtScrape(t *testing.T) {
	m := New()
	n := 0
	m.QueueDepthFrom(func() map[string]int { n++; return map[string]int{"slack": 10 * n, "web": n} })
	for want := 1; want <= 2; want++ {
		s := scrape(t, m)
		if s[`temaplanbot_queue_depth{channel="slack"}`] != strconv.Itoa(10*want) || s[`temaplanbot_queue_depth{channel="web"}`] != strconv.Itoa(want) {
			t.Fatalf("scrape %d: slack %s, web %s", want, s[`temaplanbot_queue_depth{channel="slack"}`], s[`temaplanbot_queue_depth{channel="web"}`])
		}
	}
}
