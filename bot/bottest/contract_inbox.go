package bottest

import (
	"errors"
	"fmt"
	"reflect"
	"sync"
	"testing"
	"time"

	"github.com/askerkommune/temaplanbot/bot"
)

// TestInboxStore runs the bot.InboxStore contract against stores made by
// open (an empty store per subtest). Every implementation must pass it.
func TestInboxStore(t *testing.T, open func(t *testing.T) bot.InboxStore) {
	tests := []struct {
		name string
		fn   func(t *testing.T, s bot.InboxStore)
	}{
		{"AddEvent", testInboxAdd},
		{"AddEventConcurrent", testInboxAddConcurrent},
		{"AnswerAndFinish", testInboxFinish},
		{"ForgetRefused", testInboxForget},
		{"EventsOfOrder", testInboxOrder},
		{"TakeEventConcurrent", testInboxTake},
		{"MarkShowingRacesTake", testInboxShowingTake},
		{"Heartbeats", testInboxOwners},
		{"DeleteExpired", testInboxExpired},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) { tc.fn(t, open(t)) })
	}
}

// inboxEvent builds a full event, so a round trip checks every field.
func inboxEvent(id, owner string, at time.Time) bot.InboxEvent {
	return bot.InboxEvent{
		ID: id, Resident: "slack:U1", Owner: owner, Received: at,
		Message: bot.Message{Platform: bot.PlatformSlack, Workspace: "T1", Channel: "D1", User: "U1",
			Text: "hva er klimaplanen?", Locale: "nb-NO", EventID: "Ev1", Direct: true,
			Action: &bot.Action{ID: bot.ActSubmitForm, Fields: map[string]string{bot.FieldPlan: "klima", bot.FieldText: "Mer sykkelvei"}}},
		Route: map[string]string{"response_url": "https://hooks.example/1", "thread": "1.2"},
	}
}

func testInboxAdd(t *testing.T, s bot.InboxStore) {
	c := ctx(t)
	e := inboxEvent("slack:ev:1", "A", base)
	noErr(t, "add", s.AddEvent(c, e))
	wantErr(t, "add again", s.AddEvent(c, e), bot.ErrConflict)
	wantErr(t, "add without id", s.AddEvent(c, bot.InboxEvent{Owner: "A", Resident: "r"}), bot.ErrInvalid)
	got, err := s.EventsOf(c, "A", 10)
	noErr(t, "events of", err)
	if len(got) != 1 || !reflect.DeepEqual(got[0], e) {
		t.Fatalf("events of A = %+v, want [%+v]", got, e)
	}
	if got, _ := s.EventsOf(c, "B", 10); len(got) != 0 {
		t.Fatalf("events of B = %+v, want none", got)
	}
}

// testInboxAddConcurrent: of many adds of one id at once (a retry storm,
// mixed with other events), exactly one succeeds, and the others' events
// are all stored.
func testInboxAddConcurrent(t *testing.T, s bot.InboxStore) {
	c := ctx(t)
	var wg sync.WaitGroup
	var mu sync.Mutex
	won, other := 0, 0
	for i := range 24 {
		wg.Go(func() {
			id := "slack:ev:same"
			if i%2 == 1 {
				id = fmt.Sprint("slack:ev:other", i)
			}
			err := s.AddEvent(c, inboxEvent(id, "A", base))
			mu.Lock()
			defer mu.Unlock()
			switch {
			case err == nil && id == "slack:ev:same":
				won++
			case err == nil:
				other++
			case !isConflict(err) || id != "slack:ev:same":
				t.Errorf("add %s: %v", id, err)
			}
		})
	}
	wg.Wait()
	if won != 1 || other != 12 {
		t.Fatalf("same id added %d times (want 1), others %d (want 12)", won, other)
	}
	if got, _ := s.EventsOf(c, "A", 100); len(got) != 13 {
		t.Fatalf("%d events stored, want 13", len(got))
	}
}

func testInboxFinish(t *testing.T, s bot.InboxStore) {
	c := ctx(t)
	e := inboxEvent("slack:ev:2", "A", base)
	noErr(t, "add", s.AddEvent(c, e))
	replies := []bot.Reply{{Lang: bot.NB, Intent: bot.IntentInputSubmit, Text: "Takk! Referanse INN-ABC123", Ref: "INN-ABC123",
		Choices: []bot.Choice{{Label: "Mine", Action: bot.ActPlanInfo, Value: "klima"}}}}
	noErr(t, "mark acked", s.MarkAcked(c, e.ID))
	noErr(t, "save answer", s.SaveAnswer(c, e.ID, replies))
	if got, _ := s.EventsOf(c, "A", 10); len(got) != 1 || got[0].Showing {
		t.Fatalf("answered event before showing = %+v, want Showing false", got)
	}
	wantErr(t, "mark showing by a copy that does not own it", s.MarkShowing(c, e.ID, "B"), bot.ErrConflict)
	noErr(t, "mark showing", s.MarkShowing(c, e.ID, "A"))
	got, err := s.EventsOf(c, "A", 10)
	noErr(t, "events of", err)
	if len(got) != 1 || !got[0].Answered || !got[0].Acked || !got[0].Showing || !reflect.DeepEqual(got[0].Replies, replies) {
		t.Fatalf("answered event = %+v, want replies %+v", got, replies)
	}
	one, err := s.Event(c, e.ID)
	noErr(t, "event", err)
	if !one.Answered || !one.Acked || !one.Showing || one.Owner != "A" || !reflect.DeepEqual(one.Replies, replies) {
		t.Fatalf("event by id = %+v, want the answered event", one)
	}
	noErr(t, "finish", s.FinishEvent(c, e.ID, base.Add(time.Hour)))
	_, err = s.Event(c, e.ID)
	wantErr(t, "event of a finished id", err, bot.ErrNotFound)
	_, err = s.Event(c, "slack:ev:none")
	wantErr(t, "unknown event", err, bot.ErrNotFound)
	if got, _ := s.EventsOf(c, "A", 10); len(got) != 0 {
		t.Fatalf("finished event still listed: %+v", got)
	}
	wantErr(t, "add a finished id", s.AddEvent(c, e), bot.ErrConflict)
	wantErr(t, "save answer of finished", s.SaveAnswer(c, e.ID, replies), bot.ErrNotFound)
	wantErr(t, "mark finished acked", s.MarkAcked(c, e.ID), bot.ErrNotFound)
	wantErr(t, "mark finished showing", s.MarkShowing(c, e.ID, "A"), bot.ErrConflict)
	_, err = s.TakeEvent(c, e.ID, "A", "B")
	wantErr(t, "take finished", err, bot.ErrNotFound)
	noErr(t, "finish unknown", s.FinishEvent(c, "slack:ev:none", base))
}

func testInboxForget(t *testing.T, s bot.InboxStore) {
	c := ctx(t)
	e := inboxEvent("slack:view:V1:h1:x", "A", base)
	noErr(t, "add", s.AddEvent(c, e))
	noErr(t, "finish forgetting", s.FinishEvent(c, e.ID, time.Time{}))
	noErr(t, "add the same id again after it was forgotten", s.AddEvent(c, e))
}

func testInboxOrder(t *testing.T, s bot.InboxStore) {
	c := ctx(t)
	for i, off := range []int{3, 1, 2, 0} {
		e := inboxEvent(fmt.Sprintf("discord:msg:%d", i), "A", base.Add(time.Duration(off)*time.Second))
		noErr(t, "add", s.AddEvent(c, e))
	}
	got, err := s.EventsOf(c, "A", 3)
	noErr(t, "events of", err)
	var ids []string
	for _, e := range got {
		ids = append(ids, e.ID)
	}
	if want := []string{"discord:msg:3", "discord:msg:1", "discord:msg:2"}; !reflect.DeepEqual(ids, want) {
		t.Fatalf("events of A (limit 3) = %v, want %v (oldest first)", ids, want)
	}
}

func testInboxTake(t *testing.T, s bot.InboxStore) {
	c := ctx(t)
	e := inboxEvent("slack:ev:3", "dead", base)
	noErr(t, "add", s.AddEvent(c, e))
	var wg sync.WaitGroup
	var mu sync.Mutex
	won := []string{}
	for i := range 8 {
		wg.Go(func() {
			me := fmt.Sprint("copy", i)
			got, err := s.TakeEvent(c, e.ID, "dead", me)
			if err == nil {
				mu.Lock()
				won = append(won, me)
				mu.Unlock()
				if got.Owner != me || got.Message.Text != e.Message.Text {
					t.Errorf("taken event = %+v", got)
				}
			} else if !isConflict(err) {
				t.Errorf("take: %v", err)
			}
		})
	}
	wg.Wait()
	if len(won) != 1 {
		t.Fatalf("%d copies took the event (%v), want exactly 1", len(won), won)
	}
	got, _ := s.EventsOf(c, won[0], 10)
	if len(got) != 1 {
		t.Fatalf("events of the new owner = %+v", got)
	}
	again, err := s.TakeEvent(c, e.ID, "dead", won[0]) // the winner's retry after an unsure error
	noErr(t, "the winner takes it again", err)
	if again.Owner != won[0] || again.Message.Text != e.Message.Text {
		t.Errorf("taken again = %+v", again)
	}
	_, err = s.TakeEvent(c, e.ID, "dead", "late")
	wantErr(t, "take again from the old owner", err, bot.ErrConflict)
	_, err = s.TakeEvent(c, "slack:ev:none", "dead", "late")
	wantErr(t, "take unknown", err, bot.ErrNotFound)
}

// testInboxShowingTake races a late copy's MarkShowing against another
// copy's TakeEvent of the same event: a mark that succeeds means the
// taker sees Showing (it looks on the platform before posting); otherwise
// the mark fails with ErrConflict (the late copy does not post). Never a
// successful mark with a taker that saw no Showing: that is an answer
// shown twice. (A failed mark with a taker that saw Showing is safe: only
// the taker posts, after looking.)
func testInboxShowingTake(t *testing.T, s bot.InboxStore) {
	c := ctx(t)
	marked, refusedMarks := 0, 0
	for i := range 20 {
		e := inboxEvent(fmt.Sprintf("slack:ev:race%d", i), "late", base)
		noErr(t, "add", s.AddEvent(c, e))
		var markErr, takeErr error
		var taken bot.InboxEvent
		switch i % 4 { // in order both ways, then racing
		case 0:
			markErr = s.MarkShowing(c, e.ID, "late")
			taken, takeErr = s.TakeEvent(c, e.ID, "late", "taker")
		case 1:
			taken, takeErr = s.TakeEvent(c, e.ID, "late", "taker")
			markErr = s.MarkShowing(c, e.ID, "late")
			if !isConflict(markErr) {
				t.Fatalf("round %d: a mark after the take = %v, want ErrConflict", i, markErr)
			}
		default:
			var wg sync.WaitGroup
			wg.Go(func() { markErr = s.MarkShowing(c, e.ID, "late") })
			wg.Go(func() { taken, takeErr = s.TakeEvent(c, e.ID, "late", "taker") })
			wg.Wait()
		}
		noErr(t, "take", takeErr)
		switch {
		case markErr == nil:
			marked++
			if !taken.Showing {
				t.Fatalf("round %d: the late copy's mark landed but the taker got Showing false", i)
			}
		case isConflict(markErr):
			refusedMarks++
		default:
			t.Fatalf("round %d: mark showing: %v", i, markErr)
		}
		wantErr(t, "mark showing after the take", s.MarkShowing(c, e.ID, "late"), bot.ErrConflict)
	}
	t.Logf("20 races: %d marks first, %d takes first", marked, refusedMarks)
}

func testInboxOwners(t *testing.T, s bot.InboxStore) {
	c := ctx(t)
	noErr(t, "heartbeat A", s.Heartbeat(c, "A", base.Add(time.Minute)))
	noErr(t, "heartbeat B", s.Heartbeat(c, "B", base))
	noErr(t, "heartbeat A again", s.Heartbeat(c, "A", base.Add(2*time.Minute)))
	got, err := s.Owners(c)
	noErr(t, "owners", err)
	if len(got) != 2 || !got["A"].Equal(base.Add(2*time.Minute)) || !got["B"].Equal(base) {
		t.Fatalf("owners = %v", got)
	}
	noErr(t, "drop B", s.DropOwner(c, "B"))
	got, _ = s.Owners(c)
	if _, ok := got["B"]; ok || len(got) != 1 {
		t.Fatalf("owners after drop = %v", got)
	}
}

func testInboxExpired(t *testing.T, s bot.InboxStore) {
	c := ctx(t)
	old, fresh := inboxEvent("slack:ev:old", "A", base), inboxEvent("slack:ev:fresh", "A", base)
	live := inboxEvent("slack:ev:live", "A", base)
	for _, e := range []bot.InboxEvent{old, fresh, live} {
		noErr(t, "add", s.AddEvent(c, e))
	}
	noErr(t, "finish old", s.FinishEvent(c, old.ID, base.Add(time.Minute)))
	noErr(t, "finish fresh", s.FinishEvent(c, fresh.ID, base.Add(time.Hour)))
	n, err := s.DeleteExpiredInbox(c, base.Add(10*time.Minute))
	noErr(t, "delete expired", err)
	if n < 1 {
		t.Fatalf("deleted %d, want at least the old mark", n)
	}
	noErr(t, "add an expired id again", s.AddEvent(c, old))
	wantErr(t, "add a remembered id", s.AddEvent(c, fresh), bot.ErrConflict)
	if got, _ := s.EventsOf(c, "A", 10); len(got) != 2 {
		t.Fatalf("live events = %d, want 2 (live and the re-added old one)", len(got))
	}
}

func isConflict(err error) bool { return err != nil && errors.Is(err, bot.ErrConflict) }
