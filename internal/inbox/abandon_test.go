package inbox

import (
	"context"
	"errors"
	"testing"
	"time"

	"github.com/askerkommune/temaplanbot/bot"
	"github.com/askerkommune/temaplanbot/bot/bottest"
)

// formInbox is a running copy whose platform "test" works like Slack's
// forms: the answer goes in the HTTP response (route sync), the platform
// sends a request again when told it was not taken, and a request never
// answered nor acknowledged was not received.
func formInbox(t *testing.T, store bot.InboxStore) (*Inbox, *rec) {
	t.Helper()
	b, r := newInbox(t, store, Config{Owner: "alive", Lease: 300 * time.Millisecond})
	c := r.channel()
	c.Retries = true
	c.Acknowledged = func(_ context.Context, e bot.InboxEvent) bool {
		return e.Route["sync"] != "true" || e.Answered || e.Acked
	}
	b.Register("test", c)
	return b, r
}

// formEvent is the submitted form "form" of user U1.
func formEvent() bot.InboxEvent {
	e := ev("form", "U1", "skjema")
	e.Route = map[string]string{"sync": "true"}
	return e
}

// abandon stores the form as a copy that was killed between storing it and
// acknowledging it, at received, and lets that copy's heartbeat run out.
func abandon(t *testing.T, store bot.InboxStore, received time.Time, acked bool) {
	t.Helper()
	e := formEvent()
	e.Owner, e.Resident, e.Received = "dead", "test:U1", received
	if err := store.AddEvent(t.Context(), e); err != nil {
		t.Fatal(err)
	}
	if acked {
		if err := store.MarkAcked(t.Context(), e.ID); err != nil {
			t.Fatal(err)
		}
	}
	if err := store.Heartbeat(t.Context(), "dead", time.Now().Add(-time.Second)); err != nil {
		t.Fatal(err)
	}
}

// submitAgain sends the same form to b as the platform does when the
// resident presses Send again, and returns what the resident sees.
func submitAgain(t *testing.T, b *Inbox) string {
	t.Helper()
	tk, err := b.AcceptSync(t.Context(), formEvent())
	if errors.Is(err, ErrDuplicate) {
		return "(empty 200: swallowed)"
	}
	if err != nil {
		t.Fatal(err)
	}
	replies, ok := tk.Wait(t.Context(), 5*time.Second)
	if !ok || len(replies) != 1 {
		t.Fatalf("no answer in time: %v %v", replies, ok)
	}
	tk.Shown()
	return replies[0].Text
}

// A form in flight when its copy was killed (stored, never acknowledged:
// the resident saw an error) is new work when it is submitted again:
// before the take-over (the stale request is replaced) and after it (the
// take-over drops the request and forgets its key). The key of work not
// done is never kept.
func TestFormAbandonedByAKilledCopyIsProcessedWhenSentAgain(t *testing.T) {
	for _, tc := range []struct {
		name     string
		takeOver bool
	}{{"before the take-over", false}, {"after the take-over", true}} {
		t.Run(tc.name, func(t *testing.T) {
			store := bottest.NewMemInbox()
			abandon(t, store, time.Now().Add(-5*time.Second), false)
			b, r := formInbox(t, store)
			if tc.takeOver {
				if err := b.Start(t.Context()); err != nil {
					t.Fatal(err)
				}
				if left, _ := store.EventsOf(t.Context(), "dead", 10); len(left) != 0 {
					t.Fatalf("take-over left %+v", left)
				}
			}
			if got := submitAgain(t, b); got != "re: skjema" {
				t.Fatalf("the form sent again got %q, want it processed", got)
			}
			r.mu.Lock()
			defer r.mu.Unlock()
			if r.asked["skjema"] != 1 {
				t.Fatalf("engine asked %d times, want 1", r.asked["skjema"])
			}
		})
	}
}

// A form acknowledged before its copy was killed (the resident saw the
// form close; its answer was to follow) is answered by the copy taking
// over, once; the same request again is a duplicate. And a request only
// just stored by a running copy is never replaced.
func TestAcknowledgedFormIsAnsweredOnceByTheTakeOver(t *testing.T) {
	store := bottest.NewMemInbox()
	abandon(t, store, time.Now().Add(-5*time.Second), true)
	b, r := formInbox(t, store)
	if err := b.Start(t.Context()); err != nil {
		t.Fatal(err)
	}
	waitFor(t, r, "re: skjema")
	if _, err := b.AcceptSync(t.Context(), formEvent()); !errors.Is(err, ErrDuplicate) {
		t.Fatalf("the answered form sent again: %v, want ErrDuplicate", err)
	}

	fresh := bottest.NewMemInbox()
	abandon(t, fresh, time.Now(), false) // within the platform's 3 s: may still be answered
	b2, _ := formInbox(t, fresh)
	if _, err := b2.AcceptSync(t.Context(), formEvent()); !errors.Is(err, ErrDuplicate) {
		t.Fatalf("a request in its first seconds was replaced: %v", err)
	}
}
