package metrics

import (
	"io"
	"net/http/httptest"
	"strings"
	"testing"
	"time"
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
