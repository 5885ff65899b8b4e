package slack

import (
	"context"
	"errors"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/askerkommune/temaplanbot/bot"
)

func TestRateLimitRetryAfterHonouredExactlyOnePost(t *testing.T) {
	t.Parallel()
	h := newHarness(t)
	h.api.setRateLimit("chat.postMessage", 1) // the first attempt gets 429, Retry-After: 1
	start := time.Now()
	ts, err := h.a.Send(context.Background(), bot.Target{Platform: bot.PlatformSlack, Channel: "C7"},
		bot.Reply{Text: "Påminnelse: klimaplanen starter i dag"})
	if err != nil {
		t.Fatal(err)
	}
	all := h.api.callsTo("chat.postMessage", false)
	ok := h.api.callsTo("chat.postMessage", true)
	if len(all) != 2 || len(ok) != 1 {
		t.Fatalf("%d attempts, %d posted; want 2 attempts, 1 posted", len(all), len(ok))
	}
	if gap := ok[0].At.Sub(all[0].At); gap < time.Second {
		t.Errorf("retried after %v, before Retry-After", gap)
	}
	if ts == "" || time.Since(start) > 3*time.Second {
		t.Errorf("ts %q after %v", ts, time.Since(start))
	}
	if got := h.metric("temaplanbot_rate_limit_waits_total"); !strings.Contains(got, `platform="slack"} 1`) {
		t.Errorf("rate limit metric %q", got)
	}
}

func TestRateLimitedEventAnswerPostedOnce(t *testing.T) {
	t.Parallel()
	h := newHarness(t)
	h.api.setRateLimit("chat.postMessage", 2)
	if r := h.event(mention(t, "U1", "hei", "EvRL")); r.code != 200 {
		t.Fatal(r.code)
	}
	h.api.waitCalls("chat.postMessage", 1, 5*time.Second)
	time.Sleep(50 * time.Millisecond)
	if n := len(h.api.callsTo("chat.postMessage", true)); n != 1 {
		t.Fatalf("%d posts, want 1", n)
	}
	if n := len(h.api.callsTo("chat.postMessage", false)); n != 3 {
		t.Errorf("%d attempts, want 3", n)
	}
}

func TestPacingPerChannel(t *testing.T) {
	h := newHarness(t, func(c *Config) { c.ChannelInterval = 150 * time.Millisecond })
	ctx := context.Background()
	start := time.Now()
	for i := range 3 {
		if _, err := h.a.Send(ctx, bot.Target{Channel: "CSAME"}, bot.Reply{Text: "n" + itoa(int64(i))}); err != nil {
			t.Fatal(err)
		}
	}
	if d := time.Since(start); d < 300*time.Millisecond {
		t.Errorf("3 posts to one channel took %v, want >= 300ms", d)
	}
	start = time.Now()
	for _, ch := range []string{"CA", "CB", "CC"} {
		if _, err := h.a.Send(ctx, bot.Target{Channel: ch}, bot.Reply{Text: "x"}); err != nil {
			t.Fatal(err)
		}
	}
	if d := time.Since(start); d > 140*time.Millisecond {
		t.Errorf("posts to 3 channels took %v; other channels should not wait", d)
	}
	posts := h.api.callsTo("chat.postMessage", true)
	for i, want := range []string{"n0", "n1", "n2"} {
		if posts[i].get("text") != want {
			t.Errorf("post %d: %q, want %q (order kept)", i, posts[i].get("text"), want)
		}
	}
}

func TestSendErrors(t *testing.T) {
	tests := []struct {
		name   string
		code   string
		target bot.Target
		want   error
	}{
		{"channel gone", "channel_not_found", bot.Target{Channel: "C1"}, bot.ErrNotFound},
		{"bot removed", "not_in_channel", bot.Target{Channel: "C1"}, bot.ErrNotFound},
		{"archived", "is_archived", bot.Target{Channel: "C1"}, bot.ErrNotFound},
		{"other failure", "internal_error", bot.Target{Channel: "C1"}, bot.ErrUnavailable},
		{"wrong platform", "", bot.Target{Platform: bot.PlatformDiscord, Channel: "1"}, bot.ErrInvalid},
		{"no channel", "", bot.Target{Platform: bot.PlatformSlack}, bot.ErrInvalid},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			h := newHarness(t)
			if tt.code != "" {
				h.api.setFail("chat.postMessage", tt.code)
			}
			_, err := h.a.Send(context.Background(), tt.target, bot.Reply{Text: "x"})
			if !errors.Is(err, tt.want) {
				t.Fatalf("got %v, want %v", err, tt.want)
			}
		})
	}
}

func TestSendUnreachable(t *testing.T) {
	h := newHarness(t)
	h.api.srv.Close()
	_, err := h.a.Send(context.Background(), bot.Target{Channel: "C1"}, bot.Reply{Text: "x"})
	if !errors.Is(err, bot.ErrUnavailable) {
		t.Fatalf("got %v, want ErrUnavailable", err)
	}
	if err := h.a.Ready(context.Background()); !errors.Is(err, bot.ErrUnavailable) {
		t.Fatalf("Ready: %v, want ErrUnavailable", err)
	}
}

func TestReady(t *testing.T) {
	h := newHarness(t)
	if err := h.a.Ready(context.Background()); err != nil {
		t.Fatal(err)
	}
	if h.a.selfID() != "UBOT" {
		t.Errorf("bot user %q", h.a.selfID())
	}
	h.a.Ready(context.Background())
	if n := len(h.api.callsTo("auth.test", true)); n != 1 {
		t.Errorf("auth.test called %d times, want 1 (cached)", n)
	}
	h2 := newHarness(t)
	h2.api.setFail("auth.test", "invalid_auth")
	err := h2.a.Ready(context.Background())
	if !errors.Is(err, bot.ErrUnavailable) || !strings.HasPrefix(err.Error(), "slack:") {
		t.Fatalf("got %v", err)
	}
	if strings.Contains(err.Error(), "xoxb-test") {
		t.Errorf("error leaks the token: %v", err)
	}
}

func TestShutdownWaitsForInflightAnswers(t *testing.T) {
	h := newHarness(t)
	h.eng.delay = 300 * time.Millisecond
	if r := h.event(mention(t, "U1", "slow one", "EvSlow")); r.code != 200 {
		t.Fatal(r.code)
	}
	time.Sleep(20 * time.Millisecond) // let a worker pick it up
	ctx, cancel := context.WithTimeout(context.Background(), 3*time.Second)
	defer cancel()
	if err := h.a.Shutdown(ctx); err != nil {
		t.Fatal(err)
	}
	if n := len(h.api.callsTo("chat.postMessage", true)); n != 1 {
		t.Fatalf("after Shutdown %d answers posted, want 1", n)
	}
	// after shutdown new events are refused with 503, so Slack retries elsewhere
	if r := h.event(mention(t, "U1", "late", "EvLate")); r.code != 503 {
		t.Errorf("after shutdown: %d, want 503", r.code)
	}
}

func TestShutdownGivesUpAtDeadline(t *testing.T) {
	h := newHarness(t)
	h.eng.delay = 5 * time.Second
	h.event(mention(t, "U1", "slow one", "EvSlow2"))
	time.Sleep(20 * time.Millisecond)
	ctx, cancel := context.WithTimeout(context.Background(), 100*time.Millisecond)
	defer cancel()
	if err := h.a.Shutdown(ctx); !errors.Is(err, context.DeadlineExceeded) {
		t.Fatalf("got %v, want DeadlineExceeded", err)
	}
}

func TestNewValidates(t *testing.T) {
	eng := newFakeEngine(t)
	if _, err := New(Config{BotToken: "xoxb-1"}); !errors.Is(err, bot.ErrInvalid) {
		t.Errorf("no responder: %v", err)
	}
	if _, err := New(Config{Responder: eng, Inbox: testInbox(t)}); !errors.Is(err, bot.ErrInvalid) {
		t.Errorf("no token: %v", err)
	}
	if _, err := New(Config{BotToken: "xoxb-1", Responder: eng}); !errors.Is(err, bot.ErrInvalid) {
		t.Errorf("no inbox: %v", err)
	}
}

func TestResponseURLNotInErrors(t *testing.T) {
	h := newHarness(t)
	secret := "http://127.0.0.1:1/commands/T1/123/s3cr3tPath"
	err := h.a.post(context.Background(), dest{channel: "C1", user: "U1", responseURL: secret}, bot.Reply{Text: "x"}, 0)
	if err == nil {
		t.Fatal("post to a closed port succeeded")
	}
	if strings.Contains(err.Error(), "s3cr3tPath") {
		t.Errorf("error shows the response_url: %v", err)
	}
	var ue *url.Error
	if !errors.As(err, &ue) {
		t.Errorf("cause lost: %T %v", err, err)
	}
}
