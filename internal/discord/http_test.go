package discord

import (
	"context"
	"encoding/json"
	"net/http"
	"regexp"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/askerkommune/temaplanbot/bot"
)

// counting wraps a responder and counts the messages it handles.
type counting struct {
	bot.Responder
	n atomic.Int64
}

func (c *counting) Handle(ctx context.Context, m bot.Message) []bot.Reply {
	c.n.Add(1)
	return c.Responder.Handle(ctx, m)
}

func TestPingIsAnsweredWithPong(t *testing.T) {
	e := newEndpoint(t, newRig(t, rigOptions{}))
	res := e.post(t, fixture(t, "interaction_ping.json"))
	if res.Status != http.StatusOK || res.Type != 1 {
		t.Fatalf("PING: got %d %s, want 200 {\"type\":1}", res.Status, res.Raw)
	}
}

func TestRejectedRequestsAreNotProcessed(t *testing.T) {
	r := newRig(t, rigOptions{})
	cnt := &counting{Responder: r.app.Engine}
	r.a.cfg.Responder = cnt
	e := newEndpoint(t, r)
	body, _ := json.Marshal(ixCommand(t, "no", "plans"))
	now := time.Now()
	good, ts := r.keys.sign(now, body)
	other := newKeys(t)
	otherSig, _ := other.sign(now, body)
	staleSig, staleTS := r.keys.sign(now.Add(-6*time.Minute), body)
	futureSig, futureTS := r.keys.sign(now.Add(6*time.Minute), body)
	tampered := append([]byte{}, body...)
	tampered[len(tampered)-2] = ' '
	cases := []struct {
		name    string
		body    []byte
		sig, ts string
		want    int
	}{
		{"signed by another key", body, otherSig, ts, 401},
		{"body changed after signing", tampered, good, ts, 401},
		{"timestamp changed after signing", body, good, "1" + ts, 401},
		{"no signature", body, "", ts, 401},
		{"signature not hex", body, "zz" + good[2:], ts, 401},
		{"no timestamp", body, good, "", 401},
		{"stale timestamp (6 minutes old)", body, staleSig, staleTS, 401},
		{"timestamp 6 minutes ahead", body, futureSig, futureTS, 401},
		{"oversized body", append(body, make([]byte, maxBody)...), good, ts, 413},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			if res := e.postRaw(t, c.body, c.sig, c.ts); res.Status != c.want {
				t.Fatalf("got %d (%s), want %d", res.Status, res.Raw, c.want)
			}
		})
	}
	if n := cnt.n.Load(); n != 0 {
		t.Errorf("engine saw %d messages from rejected requests, want 0", n)
	}
	if calls := r.api.calls("/"); len(calls) != 0 {
		t.Errorf("rejected requests caused Discord API calls: %+v", calls)
	}
	// The same request, correctly signed, is processed.
	if res := e.postRaw(t, body, good, ts); res.Status != 200 || res.Type != 4 {
		t.Fatalf("valid request: got %d %s", res.Status, res.Raw)
	}
}

func TestMalformedSignedBodyGets400(t *testing.T) {
	r := newRig(t, rigOptions{})
	e := newEndpoint(t, r)
	for _, body := range []string{`{`, `[]`, `{"type":2}`, `{"type":99,"id":"1","token":"t","data":{}}`,
		`{"type":2,"id":"1","token":"t","data":{"name":"temaplan"}}`} {
		sig, ts := r.keys.sign(time.Now(), []byte(body))
		if res := e.postRaw(t, []byte(body), sig, ts); res.Status != http.StatusBadRequest {
			t.Errorf("%s: got %d, want 400", body, res.Status)
		}
	}
}

func TestPlanCommandAnswersInTheClientsLanguage(t *testing.T) {
	r := newRig(t, rigOptions{})
	e := newEndpoint(t, r)
	nb := e.post(t, ixCommand(t, "no", "plan", "plan", "kultur"))
	enIx := ixCommand(t, "en-US", "plan", "plan", "kultur")
	// Another resident: the first one's dialog goes on in bokmål.
	enIx["member"].(map[string]any)["user"].(map[string]any)["id"] = "53908232506183681"
	en := e.post(t, enIx)
	for _, res := range []response{nb, en} {
		if res.Status != 200 || res.Type != 4 || res.flags() != 64 {
			t.Fatalf("got %d type %d flags %d (%s), want 200, type 4, ephemeral", res.Status, res.Type, res.flags(), res.Raw)
		}
	}
	want := func(lang bot.Lang) string {
		rs := r.app.Engine.Handle(context.Background(), bot.Message{Platform: "test", User: "u-" + string(lang), Command: true,
			Text: "plan kultur", Locale: string(lang)})
		return bot.RenderHints(rs, bot.SlashHint(CommandName))[0].Text
	}
	if nb.content() != want(bot.NB) {
		t.Errorf("locale no: got %q, want the bokmål answer %q", nb.content(), want(bot.NB))
	}
	if en.content() != want(bot.EN) {
		t.Errorf("locale en-US: got %q, want the English answer %q", en.content(), want(bot.EN))
	}
	if nb.content() == en.content() {
		t.Error("the answers for no and en-US are the same")
	}
}

func TestAskAnswersAQuestionDirectly(t *testing.T) {
	e := newEndpoint(t, newRig(t, rigOptions{}))
	res := e.post(t, ixCommand(t, "en-GB", "ask", "question", "When does the climate plan start?"))
	if res.Status != 200 || res.Type != 4 {
		t.Fatalf("got %d %s", res.Status, res.Raw)
	}
	if c := strings.ToLower(res.content()); !strings.Contains(c, "climate") {
		t.Errorf("answer %q does not mention the climate plan", res.content())
	}
}

func TestAutocompleteSuggestsPlanIDs(t *testing.T) {
	e := newEndpoint(t, newRig(t, rigOptions{}))
	for _, c := range []struct{ locale, query, want string }{
		{"no", "kult", "kultur"}, {"en-US", "climate", "klima"}, {"no", "idrett", "fysisk-aktivitet"},
	} {
		res := e.post(t, ixAutocomplete(t, c.locale, "plan", "plan", c.query))
		if res.Status != 200 || res.Type != 8 {
			t.Fatalf("%s: got %d %s, want type 8", c.query, res.Status, res.Raw)
		}
		choices, _ := res.Data["choices"].([]any)
		if len(choices) == 0 || choices[0].(map[string]any)["value"] != c.want {
			t.Errorf("%q: choices %v, want %q first", c.query, choices, c.want)
		}
	}
}

var refRE = regexp.MustCompile(`INN-[0-9A-Z]{6}`)

func TestInputModalStoresAndSendsReceipt(t *testing.T) {
	r := newRig(t, rigOptions{})
	e := newEndpoint(t, r)
	// First input: the privacy notice, with Continue.
	res := e.post(t, ixCommand(t, "no", "input", "plan", "klima"))
	if res.Type != 4 || res.flags() != 64 {
		t.Fatalf("input: got %s, want an ephemeral message with the notice", res.Raw)
	}
	ids := customIDs(res.Data["components"])
	if len(ids) < 1 || ids[0] != "discord_modal:klima" || !strings.Contains(res.content(), "Fortsett") {
		t.Fatalf("notice: buttons %v, content %q", ids, res.content())
	}
	// Continue opens the modal.
	res = e.post(t, ixButton(t, "no", "discord_modal:klima"))
	if res.Type != 9 || res.Data["custom_id"] != "submit_form:klima" {
		t.Fatalf("continue: got %s, want modal submit_form:klima", res.Raw)
	}
	input := res.Data["components"].([]any)[0].(map[string]any)["components"].([]any)[0].(map[string]any)
	if input["style"].(float64) != 2 || input["max_length"].(float64) != 4000 || input["custom_id"] != "text" {
		t.Errorf("text input %v, want paragraph, max 4000, custom id text", input)
	}
	// Submitting stores the input; the receipt replaces the notice.
	text := "Flere ladestasjoner ved Asker stasjon, og sykkelparkering under tak."
	sub := ixModal(t, "no", "submit_form:klima", "text", text)
	sub["message"] = ixButton(t, "no", "x")["message"] // opened from the notice's button
	res = e.post(t, sub)
	if res.Type != 6 {
		t.Fatalf("submit: got %s, want a deferred update (6) of the notice", res.Raw)
	}
	c := r.api.wait(t)
	if c.Method != http.MethodPatch || !strings.HasSuffix(c.Path, "/messages/@original") {
		t.Fatalf("follow-up: %s %s, want PATCH .../messages/@original", c.Method, c.Path)
	}
	ref := refRE.FindString(c.Body["content"].(string))
	if ref == "" {
		t.Fatalf("receipt %q has no reference", c.Body["content"])
	}
	s, err := r.app.Store.Submission(context.Background(), ref)
	if err != nil || s.Plan != "klima" || s.Text != text || s.Platform != bot.PlatformDiscord {
		t.Fatalf("stored %+v, %v", s, err)
	}
	// The second time the modal opens at once.
	res = e.post(t, ixCommand(t, "no", "input", "plan", "klima"))
	if res.Type != 9 {
		t.Fatalf("second input: got %s, want the modal", res.Raw)
	}
}

func TestInputWithTextConfirmsThenStores(t *testing.T) {
	r := newRig(t, rigOptions{})
	e := newEndpoint(t, r)
	res := e.post(t, ixCommand(t, "en-US", "input", "plan", "kultur", "text", "More concerts in the library, please."))
	if res.Type != 5 || res.flags() != 64 {
		t.Fatalf("got %s, want a deferred ephemeral response", res.Raw)
	}
	c := r.api.wait(t)
	if ids := customIDs(c.Body["components"]); len(ids) == 0 || ids[0] != "confirm:" {
		t.Fatalf("confirm prompt buttons %v (%s)", ids, c.Raw)
	}
	res = e.post(t, ixButton(t, "en-US", "confirm:"))
	if res.Type != 6 {
		t.Fatalf("confirm: got %s, want deferred update", res.Raw)
	}
	c = r.api.wait(t)
	if ref := refRE.FindString(c.Raw); ref == "" || len(customIDs(c.Body["components"])) != 0 {
		t.Fatalf("receipt edit %s: want a reference and no buttons", c.Raw)
	}
}

func TestRefusedModalTextIsKeptForTryAgain(t *testing.T) {
	r := newRig(t, rigOptions{})
	e := newEndpoint(t, r)
	text := "Ring meg på 912 34 567 om ladestasjonene."
	res := e.post(t, ixModal(t, "no", "submit_form:klima", "text", text))
	if res.Type != 5 || res.flags() != 64 {
		t.Fatalf("got %s, want a deferred ephemeral message", res.Raw)
	}
	c := r.api.wait(t)
	if refRE.MatchString(c.Raw) || !strings.Contains(c.Raw, "discord_modal:klima") {
		t.Fatalf("edit %s: want the problem and a Try again button, nothing stored", c.Raw)
	}
	res = e.post(t, ixButton(t, "no", "discord_modal:klima"))
	input := res.Data["components"].([]any)[0].(map[string]any)["components"].([]any)[0].(map[string]any)
	if res.Type != 9 || input["value"] != text {
		t.Fatalf("try again: got %s, want the modal with the text kept", res.Raw)
	}
}

func TestUnknownPlanInModalAsksForThePlanAgain(t *testing.T) {
	r := newRig(t, rigOptions{})
	e := newEndpoint(t, r)
	text := "Flere benker langs turveiene."
	e.post(t, ixModal(t, "no", "submit_form:", "plan", "blomsterplanen", "text", text))
	c := r.api.wait(t)
	if !strings.Contains(c.Raw, `"discord_modal:"`) {
		t.Fatalf("edit %s: want Try again without a plan", c.Raw)
	}
	res := e.post(t, ixButton(t, "no", "discord_modal:"))
	rows := res.Data["components"].([]any)
	field := func(i int) map[string]any {
		return rows[i].(map[string]any)["components"].([]any)[0].(map[string]any)
	}
	if res.Type != 9 || len(rows) != 2 || field(0)["custom_id"] != "plan" || field(1)["value"] != text {
		t.Fatalf("try again: %s, want the modal with a plan field and the text kept", res.Raw)
	}
}

func TestReplayedInteractionIsAnsweredOnce(t *testing.T) {
	r := newRig(t, rigOptions{})
	cnt := &counting{Responder: r.app.Engine}
	r.a.cfg.Responder = cnt
	e := newEndpoint(t, r)
	body, _ := json.Marshal(ixCommand(t, "no", "help"))
	sig, ts := r.keys.sign(time.Now(), body)
	first := e.postRaw(t, body, sig, ts)
	again := e.postRaw(t, body, sig, ts)
	if first.Status != 200 || again.Status != http.StatusConflict {
		t.Fatalf("first %d, replay %d; want 200 then 409", first.Status, again.Status)
	}
	if n := cnt.n.Load(); n != 1 {
		t.Errorf("engine handled %d messages, want 1", n)
	}
}

func TestStaffFlagFollowsRoles(t *testing.T) {
	var got []bool
	resp := fakeResponder(t, func(m bot.Message) []bot.Reply {
		got = append(got, m.Staff)
		return []bot.Reply{{Text: "ok"}}
	})
	r := newRig(t, rigOptions{responder: resp, staffRole: "539082325061836999"})
	e := newEndpoint(t, r)
	e.post(t, ixCommand(t, "no", "hide", "ref", "INN-AAAAAA"))
	m := ixCommand(t, "no", "hide", "ref", "INN-AAAAAA")
	m["member"].(map[string]any)["roles"] = []any{"1"}
	e.post(t, m)
	if len(got) != 2 || !got[0] || got[1] {
		t.Fatalf("staff flags %v, want [true false]", got)
	}
}

func TestStaffCommandsReachTheEngine(t *testing.T) {
	const staffRole = "539082325061836999" // the fixture member's role
	r := newRig(t, rigOptions{staffRole: staffRole})
	e := newEndpoint(t, r)
	res := e.post(t, ixCommand(t, "no", "reminders", "state", "on", "language", "nb"))
	if res.Type != 4 || res.flags() == 64 {
		t.Fatalf("reminders on: %s, want a public confirmation in the channel", res.Raw)
	}
	subs, err := r.app.Store.Subscriptions(context.Background(), bot.SubReminders)
	if err != nil || len(subs) != 1 || subs[0].Target.Channel != "645027906669510667" || subs[0].Lang != bot.NB {
		t.Fatalf("subscriptions %+v, %v", subs, err)
	}
	res = e.post(t, ixCommand(t, "no", "start", "plan", "klima", "date", "2026-12-01"))
	starts, _ := r.app.Store.PlanStarts(context.Background())
	if res.Type != 4 || starts["klima"].String() != "2026-12-01" {
		t.Fatalf("start: %s, starts %v", res.Raw, starts)
	}
	resident := ixCommand(t, "no", "digest", "action", "here")
	resident["member"].(map[string]any)["roles"] = []any{}
	res = e.post(t, resident)
	if res.Type != 4 || res.flags() != 64 || !strings.Contains(res.content(), "ansatte") {
		t.Fatalf("resident: %s, want a private refusal", res.Raw)
	}
}
