package slack

import (
	"context"
	"encoding/json"
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/gorilla/websocket"

	"github.com/askerkommune/temaplanbot/bot"
)

// socketRun starts RunSocketMode and returns a stop function that cancels
// it and returns its error.
func (h *harness) socketRun() (stop func() error, done chan error) {
	ctx, cancel := context.WithCancel(context.Background())
	done = make(chan error, 1)
	go func() { done <- h.a.RunSocketMode(ctx) }()
	stop = func() error {
		cancel()
		select {
		case err := <-done:
			return err
		case <-time.After(5 * time.Second):
			h.t.Fatal("RunSocketMode did not return after cancel")
			return nil
		}
	}
	return stop, done
}

// readAck reads frames from the bot until an ack (an envelope_id) arrives.
func readAck(t *testing.T, c *websocket.Conn) map[string]any {
	t.Helper()
	c.SetReadDeadline(time.Now().Add(5 * time.Second))
	for {
		_, b, err := c.ReadMessage()
		if err != nil {
			t.Fatalf("no ack: %v", err)
		}
		var m map[string]any
		if json.Unmarshal(b, &m) == nil && m["envelope_id"] != nil {
			return m
		}
	}
}

func write(t *testing.T, c *websocket.Conn, b []byte) {
	t.Helper()
	if err := c.WriteMessage(websocket.TextMessage, b); err != nil {
		t.Fatal(err)
	}
}

func (h *harness) waitReady() {
	h.t.Helper()
	deadline := time.Now().Add(5 * time.Second)
	for h.a.Ready(context.Background()) != nil {
		if time.Now().After(deadline) {
			h.t.Fatal("adapter not ready (socket not connected)")
		}
		time.Sleep(5 * time.Millisecond)
	}
}

// withEventID returns the Socket Mode mention envelope with another
// envelope and event id. The capture's ids are all "redacted", so the
// author is set apart from the bot user in its authorizations.
func withEventID(t *testing.T, envID, eventID string, retry int) []byte {
	var env map[string]any
	json.Unmarshal(fixture(t, "socket_mode_events_api_app_mention.json"), &env)
	env["envelope_id"], env["retry_attempt"] = envID, retry
	env["payload"].(map[string]any)["event_id"] = eventID
	env["payload"].(map[string]any)["event"].(map[string]any)["user"] = "U1"
	b, _ := json.Marshal(env)
	return b
}

func TestSocketModeMentionAckedAnsweredAndReconnect(t *testing.T) {
	h := newHarness(t)
	stop, _ := h.socketRun()
	conn := h.api.nextConn(5 * time.Second)
	write(t, conn, fixture(t, "socket_mode_hello.json"))
	h.waitReady()
	if got := h.metric("temaplanbot_websocket_connected"); !strings.Contains(got, `platform="slack"} 1`) {
		t.Errorf("connected metric %q", got)
	}

	write(t, conn, withEventID(t, "c67a03d0-4094-4744-90ca-d286e00a3ab1", "Ev01JZ2T7S3U", 0))
	if ack := readAck(t, conn); ack["envelope_id"] != "c67a03d0-4094-4744-90ca-d286e00a3ab1" || ack["payload"] != nil {
		t.Errorf("ack %v", ack)
	}
	post := h.api.waitCalls("chat.postMessage", 1, 3*time.Second)[0]
	if post.get("channel") != "redacted" || post.get("thread_ts") != "1610927831.000200" ||
		!strings.Contains(post.get("text"), "Svar: test") {
		t.Errorf("posted %v", post.Form)
	}

	// Slack asks us to reconnect: a new connection is opened and used
	write(t, conn, fixture(t, "socket_mode_disconnect_warning.json"))
	conn2 := h.api.nextConn(5 * time.Second)
	write(t, conn2, fixture(t, "socket_mode_hello.json"))
	// a redelivery of the first event is acked but not answered again
	write(t, conn2, withEventID(t, "env-retry", "Ev01JZ2T7S3U", 1))
	if ack := readAck(t, conn2); ack["envelope_id"] != "env-retry" {
		t.Errorf("ack %v", ack)
	}
	write(t, conn2, withEventID(t, "env-2", "EvSecond", 0))
	if ack := readAck(t, conn2); ack["envelope_id"] != "env-2" {
		t.Errorf("ack %v", ack)
	}
	h.api.waitCalls("chat.postMessage", 2, 3*time.Second)

	// the network drops: the supervisor reconnects again
	conn2.Close()
	conn3 := h.api.nextConn(10 * time.Second)
	write(t, conn3, fixture(t, "socket_mode_hello.json"))
	write(t, conn3, withEventID(t, "env-3", "EvThird", 0))
	readAck(t, conn3)
	h.api.waitCalls("chat.postMessage", 3, 3*time.Second)
	time.Sleep(50 * time.Millisecond)
	if n := len(h.api.callsTo("chat.postMessage", true)); n != 3 {
		t.Errorf("%d answers, want 3", n)
	}
	if n := len(h.api.callsTo("apps.connections.open", true)); n != 3 {
		t.Errorf("apps.connections.open called %d times, want 3", n)
	}
	if err := stop(); err != nil {
		t.Fatalf("RunSocketMode after cancel: %v", err)
	}
	if got := h.metric("temaplanbot_websocket_connected"); !strings.Contains(got, `platform="slack"} 0`) {
		t.Errorf("connected metric after stop %q", got)
	}
}

func TestSocketModeSlashCommandAckCarriesAnswer(t *testing.T) {
	h := newHarness(t)
	stop, _ := h.socketRun()
	defer stop()
	conn := h.api.nextConn(5 * time.Second)
	write(t, conn, fixture(t, "socket_mode_hello.json"))
	var env map[string]any
	json.Unmarshal(fixture(t, "socket_mode_slash_commands.json"), &env)
	env["payload"].(map[string]any)["text"] = "hjelp"
	b, _ := json.Marshal(env)
	write(t, conn, b)
	ack := readAck(t, conn)
	payload, _ := ack["payload"].(map[string]any)
	if ack["envelope_id"] != "1d3c79ab-0ffb-41f3-a080-d19e85f53649" || payload["response_type"] != "ephemeral" ||
		!strings.Contains(payload["text"].(string), "hjelp") {
		t.Errorf("ack %v", ack)
	}
	m := h.eng.messages()[0]
	if !m.Command || m.Text != "hjelp" || m.User != "U111" || m.Channel != "C111" {
		t.Errorf("engine got %+v", m)
	}
}

func TestSocketModeAcksUnparsableEnvelope(t *testing.T) {
	h := newHarness(t)
	stop, _ := h.socketRun()
	defer stop()
	conn := h.api.nextConn(5 * time.Second)
	write(t, conn, []byte(`{"envelope_id":"bad-1","type":"events_api","payload":{"type":"event_callback","event":"not an object"}}`))
	if ack := readAck(t, conn); ack["envelope_id"] != "bad-1" {
		t.Errorf("ack %v", ack)
	}
}

func TestSocketModeStopsOnRejectedTokens(t *testing.T) {
	tests := []struct {
		name, method, code string
	}{
		{"app token invalid", "apps.connections.open", "invalid_auth"},
		{"app token revoked", "apps.connections.open", "token_revoked"},
		{"account inactive", "apps.connections.open", "account_inactive"},
		{"bot token revoked", "auth.test", "token_revoked"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			h := newHarness(t)
			h.api.setFail(tt.method, tt.code)
			_, done := h.socketRun()
			select {
			case err := <-done:
				if err == nil || !strings.Contains(err.Error(), tt.code) {
					t.Fatalf("got %v, want an error naming %s", err, tt.code)
				}
				if strings.Contains(err.Error(), "xapp-test") || strings.Contains(err.Error(), "xoxb-test") {
					t.Errorf("error leaks a token: %v", err)
				}
			case <-time.After(5 * time.Second):
				t.Fatal("RunSocketMode kept running with a rejected token")
			}
		})
	}
	h := newHarness(t, func(c *Config) { c.AppToken = "" })
	if err := h.a.RunSocketMode(context.Background()); !errors.Is(err, bot.ErrInvalid) {
		t.Errorf("no app token: %v", err)
	}
}
