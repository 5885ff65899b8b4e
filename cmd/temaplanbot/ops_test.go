package main

import (
	"io"
	"net/http"
	"strings"
	"testing"

	"github.com/askerkommune/temaplanbot/bot"
	"github.com/askerkommune/temaplanbot/internal/mongodb/mongodbtest"
)

func get(t *testing.T, url string) (int, string) {
	t.Helper()
	res, err := http.Get(url)
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	b, _ := io.ReadAll(res.Body)
	return res.StatusCode, string(b)
}

// TestFreshServerMetricsAndReadiness starts the real program with Slack (HTTP
// mode, its API unreachable) and Discord (HTTP interactions) configured:
// /metrics has every temaplanbot_* series at 0 for every platform, intent,
// reason and outcome before anything happened, and build_info at 1; /readyz
// names Slack as the failed dependency and why, and the log says so once.
func TestFreshServerMetricsAndReadiness(t *testing.T) {
	if mongodbtest.Real() {
		t.Skip("runs its own embedded database")
	}
	db := mongodbtest.StartEmbedded(t, "")
	env := map[string]string{
		"MONGODB_URI": db.URI(), "AUTHOR_HASH_KEY": strings.Repeat("k", 40), "HTTP_ADDR": freeAddr(t),
		"SLACK_BOT_TOKEN": "xoxb-test-token", "SLACK_SIGNING_SECRET": "8f742231b10e8888abcd99yyyzzz85a5",
		"SLACK_API_URL":      "http://" + freeAddr(t) + "/api/", // nothing listens there
		"DISCORD_PUBLIC_KEY": strings.Repeat("ab", 32), "DISCORD_APP_ID": "123456789012345678", "LOG_LEVEL": "info",
	}
	base := "http://" + env["HTTP_ADDR"]
	stop, logs := startBotLogs(t, env)
	defer stop()

	code, body := get(t, base+"/metrics")
	if code != 200 {
		t.Fatalf("/metrics: %d", code)
	}
	series := 0
	for _, line := range strings.Split(body, "\n") {
		if !strings.HasPrefix(line, "temaplanbot_") || strings.Contains(line, "_bucket{") {
			continue
		}
		series++
		name, value, _ := strings.Cut(line, " ")
		want := "0"
		if strings.HasPrefix(name, "temaplanbot_build_info{") {
			want = "1"
		}
		if value != want {
			t.Errorf("fresh server: %s = %s, want %s", name, value, want)
		}
	}
	for _, want := range []string{
		`temaplanbot_reminders_total{outcome="failed"} 0`,
		`temaplanbot_digest_runs_total{outcome="failed"} 0`,
		`temaplanbot_store_errors_total{op="add_submission"} 0`,
		`temaplanbot_queue_depth{channel="discord"} 0`,
		`temaplanbot_requests_rejected_total{platform="slack",reason="signature"} 0`,
		`temaplanbot_build_info{`,
	} {
		if !strings.Contains(body, want) {
			t.Errorf("fresh /metrics lacks %s", want)
		}
	}
	for _, in := range bot.Intents {
		for _, p := range []string{"slack", "discord"} {
			if w := `temaplanbot_messages_in_total{intent="` + string(in) + `",platform="` + p + `"} 0`; !strings.Contains(body, w) {
				t.Errorf("fresh /metrics lacks %s", w)
			}
		}
	}
	if strings.Contains(body, "temaplanbot_websocket_connected") {
		t.Error("websocket gauge shown although no platform connects by websocket")
	}
	if series < 80 {
		t.Errorf("only %d temaplanbot series", series)
	}

	for range 3 {
		code, body = get(t, base+"/readyz")
		if code != 503 || !strings.HasPrefix(body, "not ready: slack\n") || !strings.Contains(body, "database: ok") ||
			!strings.Contains(body, "discord: ok") || !strings.Contains(body, "slack: auth.test") ||
			!strings.Contains(body, "connection refused") || strings.Contains(body, "xoxb-test-token") {
			t.Fatalf("/readyz with Slack unreachable: %d %q", code, body)
		}
	}
	if n := strings.Count(logs.String(), `"msg":"not ready"`); n != 1 {
		t.Errorf("%d 'not ready' log lines for 3 probes, want 1:\n%s", n, logs.String())
	}
}
