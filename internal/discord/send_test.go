package discord

import (
	"context"
	"errors"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/askerkommune/temaplanbot/bot"
)

// sendRig is a rig whose waits are recorded instead of slept.
func sendRig(t *testing.T) (*rig, *[]time.Duration) {
	r := newRig(t, rigOptions{responder: fakeResponder(t, func(bot.Message) []bot.Reply { return nil })})
	var mu sync.Mutex
	var waits []time.Duration
	r.a.sleep = func(ctx context.Context, d time.Duration) error {
		mu.Lock()
		waits = append(waits, d)
		mu.Unlock()
		return ctx.Err()
	}
	return r, &waits
}

var target = bot.Target{Platform: bot.PlatformDiscord, Workspace: "g1", Channel: "c1"}

func TestSendPostsWithEnforcedNonce(t *testing.T) {
	r, _ := sendRig(t)
	id, err := r.a.Send(context.Background(), target, bot.Reply{Text: "Klimaplanen starter i dag. @everyone"})
	if err != nil || id == "" {
		t.Fatalf("Send: %q, %v", id, err)
	}
	posts := r.api.calls("/channels/c1/messages")
	if len(posts) != 1 {
		t.Fatalf("%d posts, want 1", len(posts))
	}
	b := posts[0].Body
	if b["enforce_nonce"] != true || len(b["nonce"].(string)) == 0 || len(b["nonce"].(string)) > 25 {
		t.Errorf("body %s: want a nonce of at most 25 characters with enforce_nonce", posts[0].Raw)
	}
	if am := b["allowed_mentions"].(map[string]any); len(am["parse"].([]any)) != 0 {
		t.Errorf("allowed_mentions %v: @everyone must not ping", am)
	}
}

func TestSendWaitsOutRateLimitsAndPostsOnce(t *testing.T) {
	cases := []struct {
		fixture string
		headers map[string]string
		want    time.Duration
	}{
		// Header values as in Discord's docs, with the bucket reset shortened
		// so discordgo's own bucket wait stays short in the test.
		{"rest_429_user_limit_body.json", map[string]string{"Retry-After": "65", "X-RateLimit-Limit": "10",
			"X-RateLimit-Remaining": "0", "X-RateLimit-Reset-After": "0.05", "X-RateLimit-Bucket": "abcd1234",
			"X-RateLimit-Scope": "user"}, 64570 * time.Millisecond},
		{"rest_429_shared_resource_limit_body.json", map[string]string{"Retry-After": "1337", "X-RateLimit-Limit": "10",
			"X-RateLimit-Remaining": "9", "X-RateLimit-Reset-After": "0.05", "X-RateLimit-Bucket": "abcd1234",
			"X-RateLimit-Scope": "shared"}, 1336570 * time.Millisecond},
		{"rest_429_global_limit_body.json", map[string]string{"Retry-After": "65", "X-RateLimit-Global": "true",
			"X-RateLimit-Scope": "global"}, 64570 * time.Millisecond},
	}
	for _, c := range cases {
		t.Run(c.fixture, func(t *testing.T) {
			r, waits := sendRig(t)
			body, err := os.ReadFile(filepath.Join("testdata", c.fixture))
			if err != nil {
				t.Fatal(err)
			}
			limited := 0
			r.api.setHook(func(w http.ResponseWriter, cl call) bool {
				if limited > 0 {
					return false
				}
				limited++
				for k, v := range c.headers {
					w.Header().Set(k, v)
				}
				w.Header().Set("Content-Type", "application/json")
				w.WriteHeader(http.StatusTooManyRequests)
				w.Write(body)
				return true
			})
			id, err := r.a.Send(context.Background(), target, bot.Reply{Text: "Påminnelse"})
			if err != nil || id == "" {
				t.Fatalf("Send: %v", err)
			}
			// retry_after from the body (discordgo truncates to milliseconds)
			if len(*waits) != 1 || (*waits)[0] < c.want-time.Millisecond || (*waits)[0] > c.want+time.Second {
				t.Errorf("waited %v, want once about %v (retry_after)", *waits, c.want)
			}
			if posts := r.api.calls("/channels/c1/messages"); len(posts) != 2 || posts[0].Raw != posts[1].Raw {
				t.Errorf("%d attempts, want the refused one and one identical retry", len(posts))
			}
		})
	}
}

func TestSendRetryAfterLostResponseDoesNotPostTwice(t *testing.T) {
	r, _ := sendRig(t)
	failed := false
	r.api.setHook(func(w http.ResponseWriter, c call) bool {
		if failed {
			return false
		}
		failed = true
		r.api.messageID(c) // Discord created the message ...
		w.WriteHeader(http.StatusBadGateway)
		return true // ... but the answer was lost
	})
	id, err := r.a.Send(context.Background(), target, bot.Reply{Text: "Sammendrag"})
	if err != nil {
		t.Fatal(err)
	}
	if len(r.api.nonces) != 1 || r.api.nonces[r.api.calls("/messages")[0].Body["nonce"].(string)] != id {
		t.Errorf("messages by nonce %v, returned id %s: want one message", r.api.nonces, id)
	}
}

func TestSendErrors(t *testing.T) {
	cases := []struct {
		name   string
		status int
		body   string
		want   error
		tries  int
	}{
		{"unknown channel", 404, `{"message":"Unknown Channel","code":10003}`, bot.ErrNotFound, 1},
		{"bot removed", 403, `{"message":"Missing Access","code":50001}`, bot.ErrNotFound, 1},
		{"missing permission", 403, `{"message":"Missing Permissions","code":50013}`, bot.ErrForbidden, 1},
		{"bad request", 400, `{"message":"Invalid Form Body","code":50035}`, bot.ErrInvalid, 1},
		{"Discord down", 503, `upstream`, bot.ErrUnavailable, maxAttempts},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			r, _ := sendRig(t)
			r.api.setHook(func(w http.ResponseWriter, _ call) bool {
				w.Header().Set("Content-Type", "application/json")
				w.WriteHeader(c.status)
				w.Write([]byte(c.body))
				return true
			})
			_, err := r.a.Send(context.Background(), target, bot.Reply{Text: "x"})
			if !errors.Is(err, c.want) {
				t.Errorf("got %v, want %v", err, c.want)
			}
			if n := len(r.api.calls("/messages")); n != c.tries {
				t.Errorf("%d attempts, want %d", n, c.tries)
			}
		})
	}
	r, _ := sendRig(t)
	if _, err := r.a.Send(context.Background(), bot.Target{}, bot.Reply{Text: "x"}); !errors.Is(err, bot.ErrInvalid) {
		t.Errorf("no channel: %v", err)
	}
}

func TestSendSplitsLongText(t *testing.T) {
	r, _ := sendRig(t)
	var lines []string
	for i := 0; i < 120; i++ {
		lines = append(lines, "INN-7K3QF9 klima: Flere ladestasjoner ved Asker stasjon.")
	}
	rep := bot.Reply{Text: strings.Join(lines, "\n"), Choices: []bot.Choice{{Label: "Se alt", Action: bot.ActPlanInfo, Value: "klima"}}}
	if _, err := r.a.Send(context.Background(), target, rep); err != nil {
		t.Fatal(err)
	}
	posts := r.api.calls("/messages")
	if len(posts) < 4 {
		t.Fatalf("%d posts, want the text split", len(posts))
	}
	var joined []string
	for i, p := range posts {
		c := p.Body["content"].(string)
		if len([]rune(c)) > maxContent {
			t.Errorf("part %d has %d characters", i, len([]rune(c)))
		}
		if _, has := p.Body["components"]; has != (i == len(posts)-1) {
			t.Errorf("part %d: buttons only on the last part", i)
		}
		joined = append(joined, c)
	}
	if strings.Join(joined, "\n") != rep.Text {
		t.Error("the parts do not add up to the text")
	}
}

func TestSendRateLimitWaitEndsWithContext(t *testing.T) {
	r := newRig(t, rigOptions{responder: fakeResponder(t, func(bot.Message) []bot.Reply { return nil })})
	r.api.setHook(func(w http.ResponseWriter, _ call) bool {
		w.Header().Set("Content-Type", "application/json")
		w.WriteHeader(http.StatusTooManyRequests)
		w.Write([]byte(`{"message":"You are being rate limited.","retry_after":60,"global":false}`))
		return true
	})
	ctx, cancel := context.WithTimeout(context.Background(), 100*time.Millisecond)
	defer cancel()
	start := time.Now()
	_, err := r.a.Send(ctx, target, bot.Reply{Text: "x"})
	if !errors.Is(err, bot.ErrUnavailable) || time.Since(start) > 2*time.Second {
		t.Fatalf("got %v after %v, want ErrUnavailable soon after ctx ended", err, time.Since(start))
	}
}
