package discord

import (
	"context"
	"errors"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/askerkommune/temaplanbot/bot"
	"github.com/askerkommune/temaplanbot/bot/bottest"
)

// slowResponder answers after d.
func slowResponder(t *testing.T, d time.Duration) bot.Responder {
	return fakeResponder(t, func(m bot.Message) []bot.Reply {
		time.Sleep(d)
		return []bot.Reply{{Lang: bot.NB, Text: "svar på " + m.Text, Private: true}}
	})
}

func TestSlowEngineIsDeferredAndFollowedUp(t *testing.T) {
	r := newRig(t, rigOptions{responder: slowResponder(t, 150*time.Millisecond)})
	r.a.budget = 20 * time.Millisecond
	e := newEndpoint(t, r)
	start := time.Now()
	res := e.post(t, ixCommand(t, "no", "plan", "plan", "kultur"))
	if res.Type != 5 || res.flags() != 64 || time.Since(start) > 120*time.Millisecond {
		t.Fatalf("got %s after %v, want a deferral within the budget", res.Raw, time.Since(start))
	}
	c := r.api.wait(t)
	if c.Method != http.MethodPatch || c.Body["content"] != "svar på plan kultur" {
		t.Fatalf("follow-up %s %s", c.Method, c.Raw)
	}
}

func TestShutdownWaitsForFollowUpsAndRefusesNewWork(t *testing.T) {
	r := newRig(t, rigOptions{responder: slowResponder(t, 300*time.Millisecond)})
	e := newEndpoint(t, r)
	res := e.post(t, ixCommand(t, "no", "input", "plan", "klima", "text", "Mer kollektivtrafikk."))
	if res.Type != 5 {
		t.Fatalf("got %s, want a deferral", res.Raw)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	if err := r.a.Shutdown(ctx); err != nil {
		t.Fatal(err)
	}
	if n := len(r.api.calls("/messages/@original")); n != 1 {
		t.Fatalf("%d follow-ups when Shutdown returned, want 1", n)
	}
	if res := e.post(t, ixCommand(t, "no", "help")); res.Status != http.StatusServiceUnavailable {
		t.Errorf("after Shutdown: %d, want 503", res.Status)
	}
	if err := r.a.Ready(ctx); !errors.Is(err, bot.ErrUnavailable) {
		t.Errorf("Ready after Shutdown: %v", err)
	}
	if _, err := r.a.Send(ctx, target, bot.Reply{Text: "x"}); !errors.Is(err, bot.ErrUnavailable) {
		t.Errorf("Send after Shutdown: %v", err)
	}
}

func TestShutdownGivesUpWithContext(t *testing.T) {
	r := newRig(t, rigOptions{responder: slowResponder(t, 2*time.Second)})
	e := newEndpoint(t, r)
	e.post(t, ixCommand(t, "no", "input", "plan", "klima", "text", "Mer kollektivtrafikk."))
	ctx, cancel := context.WithTimeout(context.Background(), 50*time.Millisecond)
	defer cancel()
	if err := r.a.Shutdown(ctx); !errors.Is(err, context.DeadlineExceeded) {
		t.Errorf("got %v, want the context's error", err)
	}
}

func TestPrivateReplyToAMentionGoesToDirectMessages(t *testing.T) {
	g := startGateway(t, rigOptions{responder: fakeResponder(t, func(m bot.Message) []bot.Reply {
		return []bot.Reply{{Lang: bot.EN, Text: "Your input: INN-7K3QF9", Private: true}}
	})})
	c := g.gw.accept(t)
	g.handshake(t, c)
	c.dispatch(t, "MESSAGE_CREATE", messageCreate(t, "1200000000000000001", "<@"+botUserID+"> my", true, false))
	open := g.api.wait(t)
	dm := g.api.wait(t)
	pointer := g.api.wait(t)
	if open.Path != "/api/v9/users/@me/channels" || open.Body["recipient_id"] != "560661188019488714" {
		t.Fatalf("first call %s %s, want opening the author's DM", open.Path, open.Raw)
	}
	if dm.Path != "/api/v9/channels/dm-560661188019488714/messages" || !strings.Contains(dm.Raw, "INN-7K3QF9") {
		t.Fatalf("DM %s %s", dm.Path, dm.Raw)
	}
	if pointer.Path != "/api/v9/channels/435923868503506954/messages" || strings.Contains(pointer.Raw, "INN-") ||
		!strings.Contains(pointer.Raw, "direct message") {
		t.Fatalf("channel post %s %s, want only a pointer to the DM", pointer.Path, pointer.Raw)
	}
}

func TestGatewayURLOverride(t *testing.T) {
	gw := newFakeGateway(t)
	api := newFakeAPI(t)
	a, err := New(Config{BotToken: "t", PublicKey: strings.Repeat("ab", 32), AppID: "app1",
		Responder: fakeResponder(t, func(bot.Message) []bot.Reply { return nil }), HTTPClient: api.client(),
		GatewayURL: gw.url(), Inbox: testInbox(t, bottest.NewMemInbox())})
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- a.RunGateway(ctx) }()
	c := gw.accept(t)
	c.sendFixture(t, "gateway_hello_captured.json")
	c.expect(t, 2)
	cancel()
	<-done
	if calls := api.calls("/gateway"); len(calls) != 0 {
		t.Errorf("asked the API for the gateway despite GatewayURL: %v", calls)
	}
}

func TestNewRejectsBadConfig(t *testing.T) {
	resp := fakeResponder(t, func(bot.Message) []bot.Reply { return nil })
	for _, c := range []Config{
		{Responder: resp},
		{PublicKey: "nothex", Responder: resp},
		{PublicKey: strings.Repeat("ab", 31), Responder: resp},
		{BotToken: "t"},
		{BotToken: "t", Responder: resp}, // no inbox
	} {
		if _, err := New(c); !errors.Is(err, bot.ErrInvalid) {
			t.Errorf("%+v: got %v, want ErrInvalid", c, err)
		}
	}
}

func TestFollowUpEditsRunInParallel(t *testing.T) {
	r := newRig(t, rigOptions{responder: fakeResponder(t, func(m bot.Message) []bot.Reply {
		return []bot.Reply{{Text: "ok", Private: true}}
	})})
	e := newEndpoint(t, r)
	arrived := make(chan string, 2)
	release := make(chan struct{})
	r.api.setHook(func(w http.ResponseWriter, c call) bool {
		if strings.HasSuffix(c.Path, "@original") {
			arrived <- c.Path
			<-release // hold the first edit until the second has arrived
		}
		return false
	})
	var a, b map[string]any
	for { // two interactions whose tokens fall in different buckets
		a = ixCommand(t, "no", "input", "plan", "klima", "text", "Første innspill.")
		b = ixCommand(t, "no", "input", "plan", "klima", "text", "Andre innspill.")
		if tokenBucket("edit", a["token"].(string)) != tokenBucket("edit", b["token"].(string)) {
			break
		}
	}
	// two residents: one resident's second interaction waits for the first by design
	b["member"].(map[string]any)["user"].(map[string]any)["id"] = "99887766"
	e.post(t, a)
	e.post(t, b)
	for i := 0; i < 2; i++ {
		select {
		case <-arrived:
		case <-time.After(3 * time.Second):
			close(release)
			t.Fatal("the second edit waited for the first: edits are serialised")
		}
	}
	close(release)
}

func TestAutocompleteIsCached(t *testing.T) {
	calls := 0
	resp := fakeResponder(t, func(bot.Message) []bot.Reply { return nil })
	cnt := &suggestCounter{Responder: resp, n: &calls}
	r := newRig(t, rigOptions{responder: cnt})
	e := newEndpoint(t, r)
	for i := 0; i < 3; i++ {
		res := e.post(t, ixAutocomplete(t, "no", "input", "plan", "Kli"))
		if res.Type != 8 || len(res.Data["choices"].([]any)) != 1 {
			t.Fatalf("got %s", res.Raw)
		}
	}
	e.post(t, ixAutocomplete(t, "en-US", "input", "plan", "kli"))
	if calls != 2 {
		t.Errorf("SuggestPlans called %d times, want 2 (once per language)", calls)
	}
}

type suggestCounter struct {
	bot.Responder
	n *int
}

func (s *suggestCounter) SuggestPlans(q string, l bot.Lang, n int) []bot.Choice {
	*s.n++
	return s.Responder.SuggestPlans(q, l, n)
}
