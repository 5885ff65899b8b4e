package slack

import (
	"context"
	"encoding/json"
	"strings"
	"testing"
	"time"

	slackapi "github.com/slack-go/slack"

	"github.com/askerkommune/temaplanbot/bot"
	"github.com/askerkommune/temaplanbot/internal/apptest"
)

// A Slack form in flight when its copy was killed: stored in the inbox by
// the killed copy, never acknowledged (the resident saw Slack's error, the
// modal stayed open). Submitted again, to a copy that started while the
// killed one's heartbeat is still valid, it is stored once with a receipt,
// not swallowed as a duplicate by an empty 200. The store is the embedded
// database; the killed copy's state is written as it leaves it.
func TestRealEngineFormInFlightAtAKillIsStoredWhenSentAgain(t *testing.T) {
	app := apptest.New(t, apptest.Options{Inbox: true})
	h := newHarness(t, realEngine(t, app))
	h.api.setLocale("U1", "nb-NO")
	if r := h.signed("/slack/commands", formCT, commandBody("innspill", "U1", "C1")); r.code != 200 {
		t.Fatal(r.code)
	}
	_, view := h.openedView(0)
	text := "Flere benker langs turstien ved Semsvannet."
	store := app.Store.(bot.InboxStore)
	ctx := context.Background()
	var meta viewMeta
	if err := json.Unmarshal([]byte(view["private_metadata"].(string)), &meta); err != nil {
		t.Fatalf("private_metadata: %v", err)
	}
	fields := map[string]string{bot.FieldPlan: "klima", bot.FieldText: text}
	m := bot.Message{Platform: bot.PlatformSlack, Workspace: "T1", Channel: meta.Channel, User: "U1",
		EventID: submissionKey(slackapi.View{ID: "V9", Hash: "h9"}, fields),
		Action:  &bot.Action{ID: bot.ActSubmitForm, Fields: fields}}
	killed := bot.InboxEvent{ID: "slack:" + m.EventID, Owner: "killed", Resident: "slack:U1", Message: m,
		Received: time.Now().Add(-5 * time.Second), Route: map[string]string{rSync: "true", rUser: "U1", rChannel: meta.Channel}}
	if err := store.AddEvent(ctx, killed); err != nil {
		t.Fatal(err)
	}
	if err := store.Heartbeat(ctx, "killed", time.Now().Add(time.Minute)); err != nil {
		t.Fatal(err)
	}

	if r := h.submit(view, "V9", "h9", "klima", text); r.code != 200 || r.body != "" {
		t.Fatalf("the form sent again: %d %q", r.code, r.body)
	}
	receipt := h.api.waitCalls("chat.postEphemeral", 1, 10*time.Second)[0]
	subs, err := app.Store.Submissions(ctx, bot.SubmissionQuery{Plan: "klima"})
	if err != nil {
		t.Fatal(err)
	}
	if len(subs) != 1 || subs[0].Text != text || !strings.Contains(receipt.get("text"), subs[0].Ref) {
		t.Fatalf("stored %+v with receipt %q, want the form stored once with its receipt", subs, receipt.get("text"))
	}
}
