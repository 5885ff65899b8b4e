package slack

import (
	"context"
	"encoding/json"
	"strings"
	"testing"
	"time"

	"github.com/askerkommune/temaplanbot/bot"
	"github.com/askerkommune/temaplanbot/internal/apptest"
)

// These tests run the adapter with the real engine, catalogue, locales and
// the embedded MongoDB-compatible store (internal/apptest).

func realEngine(t *testing.T, app *apptest.App) func(*Config) {
	return func(c *Config) {
		c.Responder = app.Engine
		if st, ok := app.Store.(bot.InboxStore); ok { // the real inbox on the same store
			c.Inbox = storeInbox(t, st)
		}
	}
}

func TestRealEngineMentionInUsersLanguage(t *testing.T) {
	app := apptest.New(t, apptest.Options{Inbox: true})
	h := newHarness(t, realEngine(t, app))
	tests := []struct {
		name, user, locale, text, want string
	}{
		{"english locale", "UEN", "en-US", "what is the purpose of the culture plan?", "The theme plan for culture shall create"},
		{"norwegian locale", "UNB", "nb-NO", "hva er formålet med kulturplanen?", "Temaplan for kultur skal skape"},
		{"the text wins over the locale", "UEN2", "en-GB", "hva er formålet med kulturplanen?", "Temaplan for kultur skal skape"},
		{"no locale: detected", "UXX", "", "what is the purpose of the culture plan?", "The theme plan for culture shall create"},
	}
	for i, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			h.api.setLocale(tt.user, tt.locale)
			if r := h.event(mention(t, tt.user, tt.text, "EvReal"+itoa(int64(i)))); r.code != 200 {
				t.Fatalf("ack %d", r.code)
			}
			post := h.api.waitCalls("chat.postMessage", i+1, 10*time.Second)[i]
			if post.get("thread_ts") != "1531431954.000073" || post.get("channel") != "TTTTTTTTT" {
				t.Errorf("not a threaded answer: channel %q thread %q", post.get("channel"), post.get("thread_ts"))
			}
			if !strings.Contains(post.get("text"), tt.want) || !strings.Contains(post.get("blocks"), tt.want) {
				t.Errorf("answer lacks %q:\n%s\n%s", tt.want, post.get("text"), post.get("blocks"))
			}
			if all := post.get("text") + post.get("blocks"); strings.ContainsAny(all, "⟦⟧") || !strings.Contains(all, "/temaplan ") {
				t.Errorf("the answer's hint is not shown as the slash command:\n%s", post.get("text"))
			}
		})
	}
}

func TestRealEngineDirectMessage(t *testing.T) {
	app := apptest.New(t, apptest.Options{Inbox: true})
	h := newHarness(t, realEngine(t, app))
	h.api.setLocale("U2147483697", "nb-NO")
	body := directMessage(t, "når starter klimaplanen?", "EvDM1", nil)
	if r := h.event(body); r.code != 200 {
		t.Fatal(r.code)
	}
	post := h.api.waitCalls("chat.postMessage", 1, 10*time.Second)[0]
	if post.get("channel") != "D024BE91L" || post.get("thread_ts") != "" || !strings.Contains(post.get("text"), "lima") {
		t.Errorf("DM answer %v", post.Form)
	}
}

func TestRealEngineSlashCommands(t *testing.T) {
	app := apptest.New(t, apptest.Options{Inbox: true})
	h := newHarness(t, realEngine(t, app))
	h.api.setLocale("UEN", "en-US")
	h.api.setLocale("UNB", "nb-NO")
	tests := []struct {
		name, text, user string
		want             []string
	}{
		{"help nb", "hjelp", "UNB", []string{`"response_type":"ephemeral"`, "innspill"}},
		{"help en", "help", "UEN", []string{`"response_type":"ephemeral"`, "input"}},
		{"plans", "planer", "UNB", []string{"Temaplan for kultur", `"type":"section"`}},
		{"plan", "plan klima", "UEN", []string{"climate"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := h.slash(tt.text, tt.user, "C1")
			if r.code != 200 || r.took > 3*time.Second {
				t.Fatalf("status %d after %v", r.code, r.took)
			}
			for _, w := range tt.want {
				if !strings.Contains(r.body, w) {
					t.Errorf("response lacks %s: %s", w, r.body)
				}
			}
		})
	}
}

func TestRealEngineModalSubmissionStoredOnceWithReceipt(t *testing.T) {
	app := apptest.New(t, apptest.Options{Inbox: true})
	h := newHarness(t, realEngine(t, app))
	h.api.setLocale("U1", "nb-NO")
	r := h.signed("/slack/commands", formCT, commandBody("innspill", "U1", "C1"))
	if r.code != 200 {
		t.Fatal(r.code)
	}
	_, view := h.openedView(0)
	raw, _ := json.Marshal(view)
	if !strings.Contains(string(raw), `"value":"klima"`) || !strings.Contains(string(raw), `"callback_id":"temaplan_input"`) {
		t.Fatalf("modal %s", raw)
	}
	// personal data is caught before anything is stored, in the field
	r = h.submit(view, "V1", "h1", "klima", "Ring meg på 912 34 567 om ladestasjoner.")
	if !strings.Contains(r.body, `"response_action":"errors"`) || !strings.Contains(r.body, `"text":`) {
		t.Fatalf("personal data: %d %s", r.code, r.body)
	}
	text := "Flere ladestasjoner ved Asker stasjon."
	r = h.submit(view, "V1", "h2", "klima", text)
	if r.code != 200 || r.body != "" {
		t.Fatalf("submit: %d %q", r.code, r.body)
	}
	receipt := h.api.waitCalls("chat.postEphemeral", 1, 10*time.Second)[0]
	if receipt.get("channel") != "C1" || receipt.get("user") != "U1" || !strings.Contains(receipt.get("text"), "INN-") {
		t.Errorf("receipt %v", receipt.Form)
	}
	// Slack retrying the same submission stores nothing new
	if r = h.submit(view, "V1", "h2", "klima", text); r.code != 200 {
		t.Fatal(r.code)
	}
	subs, err := app.Store.Submissions(context.Background(), bot.SubmissionQuery{Plan: "klima"})
	if err != nil {
		t.Fatal(err)
	}
	if len(subs) != 1 || subs[0].Text != text || subs[0].Platform != bot.PlatformSlack {
		t.Fatalf("stored %+v, want one klima submission", subs)
	}
	if !strings.Contains(receipt.get("text"), subs[0].Ref) {
		t.Errorf("receipt %q does not name %s", receipt.get("text"), subs[0].Ref)
	}
}

// TestRealEngineCorrectedFormStoredOnce: Slack sends a submission
// corrected after field errors with the same view id and hash; it is new
// work, stored once with a receipt, and a retry of it stores nothing more.
func TestRealEngineCorrectedFormStoredOnce(t *testing.T) {
	app := apptest.New(t, apptest.Options{Inbox: true})
	h := newHarness(t, realEngine(t, app))
	h.api.setLocale("U1", "nb-NO")
	if r := h.signed("/slack/commands", formCT, commandBody("innspill", "U1", "C1")); r.code != 200 {
		t.Fatal(r.code)
	}
	_, view := h.openedView(0)
	for _, bad := range []string{"Ring meg på 912 34 567 om ladestasjoner.", "Ring meg på 912 34 567 om ladestasjoner.", "x"} {
		if r := h.submit(view, "V7", "h7", "klima", bad); !strings.Contains(r.body, `"response_action":"errors"`) {
			t.Fatalf("refused text %q: %d %s", bad, r.code, r.body)
		}
	}
	text := "Flere ladestasjoner ved Asker stasjon, takk."
	for range 2 { // the correction, then Slack retrying it
		if r := h.submit(view, "V7", "h7", "klima", text); r.code != 200 || r.body != "" {
			t.Fatalf("corrected: %d %q, want an empty 200 (the modal closes)", r.code, r.body)
		}
	}
	receipt := h.api.waitCalls("chat.postEphemeral", 1, 10*time.Second)[0]
	time.Sleep(200 * time.Millisecond)
	if n := len(h.api.callsTo("chat.postEphemeral", true)); n != 1 {
		t.Errorf("%d receipts, want 1", n)
	}
	subs, err := app.Store.Submissions(context.Background(), bot.SubmissionQuery{Plan: "klima"})
	if err != nil {
		t.Fatal(err)
	}
	if len(subs) != 1 || subs[0].Text != text || !strings.Contains(receipt.get("text"), subs[0].Ref) {
		t.Fatalf("stored %+v with receipt %q, want the corrected text once, named in the receipt", subs, receipt.get("text"))
	}
}

// TestRealEngineTwoCopiesAnswerOnce delivers one event to two running
// copies sharing a store (as when Slack retries to another replica).
func TestRealEngineTwoCopiesAnswerOnce(t *testing.T) {
	app := apptest.New(t, apptest.Options{Inbox: true})
	h1 := newHarness(t, realEngine(t, app))
	h2 := newHarness(t, realEngine(t, app.Restart(t)), func(c *Config) { c.APIURL = h1.api.apiURL() })
	body := mention(t, "U1", "hva er temaplaner?", "EvTwoCopies")
	if r := h1.event(body); r.code != 200 {
		t.Fatal(r.code)
	}
	if r := h2.event(body); r.code != 200 {
		t.Fatal(r.code)
	}
	h1.api.waitCalls("chat.postMessage", 1, 10*time.Second)
	time.Sleep(300 * time.Millisecond)
	if n := len(h1.api.callsTo("chat.postMessage", true)); n != 1 {
		t.Errorf("%d answers from two copies, want 1", n)
	}
}

// TestRealEngineAppHomeFollowsChosenLanguage: a resident whose Slack locale
// is Norwegian but who chose English sees the Home tab in English.
func TestRealEngineAppHomeFollowsChosenLanguage(t *testing.T) {
	app := apptest.New(t, apptest.Options{Inbox: true})
	h := newHarness(t, realEngine(t, app))
	h.api.setLocale("U9", "nb-NO")
	app.Engine.Handle(context.Background(), bot.Message{Platform: bot.PlatformSlack, Channel: "D9", User: "U9",
		Text: "language en", Command: true})
	body := []byte(`{"type":"event_callback","team_id":"T1","event_id":"EvHomeEn","event":{"type":"app_home_opened","user":"U9","channel":"D9","tab":"home","event_ts":"1.1"}}`)
	if r := h.event(body); r.code != 200 {
		t.Fatal(r.code)
	}
	pub := h.api.waitCalls("views.publish", 1, 3*time.Second)[0]
	if !strings.Contains(pub.get("view"), "Theme plans in Asker municipality") {
		t.Errorf("Home tab not in the chosen language: %s", pub.get("view"))
	}
}
