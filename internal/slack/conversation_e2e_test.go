package slack

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/askerkommune/temaplanbot/internal/apptest"
)

// TestRealEngineDMConversation holds a whole conversation in a Slack DM
// (signed Events API requests, the inbox, the real engine and store): the
// input given in the first message is kept, "4" picks from the plan menu,
// "ja takk" confirms, and "vis mine innspill" lists it.
func TestRealEngineDMConversation(t *testing.T) {
	app := apptest.New(t, apptest.Options{Inbox: true})
	h := newHarness(t, realEngine(t, app))
	h.api.setLocale("U2147483697", "nb-NO")
	author := app.Engine.AuthorHash("slack", "U2147483697")
	posts := 0
	say := func(text, want string) {
		t.Helper()
		if r := h.event(directMessage(t, text, "EvConv"+itoa(int64(posts)), nil)); r.code != 200 {
			t.Fatalf("%q: ack %d", text, r.code)
		}
		deadline := time.Now().Add(10 * time.Second)
		for {
			cs := h.api.callsTo("chat.postMessage", true)
			var all []string
			for _, c := range cs[posts:] {
				all = append(all, c.get("text"))
			}
			if joined := strings.Join(all, "\n"); strings.Contains(joined, want) {
				posts = len(cs)
				return
			}
			if time.Now().After(deadline) {
				t.Fatalf("%q: no answer with %q; got %q", text, want, all)
			}
			time.Sleep(10 * time.Millisecond)
		}
	}
	say("Jeg har et forslag til klimaplanen: flere ladestasjoner ved Asker stasjon", "Dette sendes til klimaplanen")
	say("nei, det gjelder næringsplanen", "Dette sendes til næringsplanen")
	say("ja takk", "INN-")
	say("jeg vil gi et innspill til", "Hvilken temaplan")
	say("4", "klimaplanen")
	say("Sykkelparkering under tak på Asker stasjon", "Dette sendes til klimaplanen")
	say("ok, send", "INN-")
	say("vis mine innspill", "Dine innspill (2)")
	subs, err := app.Store.SubmissionsBy(context.Background(), author)
	if err != nil {
		t.Fatal(err)
	}
	got := map[string]string{}
	for _, s := range subs {
		got[s.Plan] = s.Text
	}
	if len(subs) != 2 || got["naering"] != "flere ladestasjoner ved Asker stasjon" ||
		got["klima"] != "Sykkelparkering under tak på Asker stasjon" {
		t.Errorf("stored %+v", subs)
	}
}
