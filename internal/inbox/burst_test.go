package inbox

import (
	"context"
	"fmt"
	"slices"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/askerkommune/temaplanbot/bot"
	"github.com/askerkommune/temaplanbot/bot/bottest"
)

// stalled is a store whose AddEvent of user "stall" waits until release
// is closed: an arriving event whose durable write is in progress.
type stalled struct {
	*bottest.MemInbox
	release chan struct{}
	started chan struct{}
}

func (s *stalled) AddEvent(ctx context.Context, e bot.InboxEvent) error {
	if e.Message.User == "stall" {
		close(s.started)
		<-s.release
	}
	return s.MemInbox.AddEvent(ctx, e)
}

func newStalled() *stalled {
	return &stalled{MemInbox: bottest.NewMemInbox(), release: make(chan struct{}), started: make(chan struct{})}
}

// stall starts the accept of a stalled event and waits until its write is
// in progress; the returned channel gives Accept's error.
func stall(t *testing.T, b *Inbox, s *stalled) <-chan error {
	t.Helper()
	done := make(chan error, 1)
	go func() { done <- b.Accept(context.Background(), ev("stall", "stall", "stall")) }()
	<-s.started
	return done
}

// A quiet inbox answers the waiting caller directly; with another
// resident's event waiting for the one worker, WaitAlone gives up at once
// (the caller acknowledges, the inbox delivers) instead of waiting behind
// it.
func TestWaitAloneGivesUpBehindOthers(t *testing.T) {
	store := bottest.NewMemInbox()
	b, r := newInbox(t, store, Config{Workers: 1})
	ctx := t.Context()
	tk, err := b.AcceptSync(ctx, ev("quiet", "U1", "quiet"))
	if err != nil {
		t.Fatal(err)
	}
	if replies, ok := tk.WaitAlone(ctx, 5*time.Second); !ok || len(replies) != 1 || replies[0].Text != "re: quiet" {
		t.Fatalf("quiet inbox: WaitAlone = %v, %v; want the answer", replies, ok)
	}
	tk.Shown()

	r.slow = 300 * time.Millisecond
	for i, u := range []string{"U2", "U3"} { // U2 takes the worker, U3 waits for it
		if err := b.Accept(ctx, ev(string(rune('a'+i)), u, "busy "+u)); err != nil {
			t.Fatal(err)
		}
	}
	if !b.Busy() {
		t.Fatal("Busy = false with an event waiting for the worker")
	}
	tk, err = b.AcceptSync(ctx, ev("crowded", "U4", "crowded"))
	if err != nil {
		t.Fatal(err)
	}
	if replies, ok := tk.WaitAlone(ctx, 5*time.Second); ok {
		t.Fatalf("WaitAlone behind others returned the answer %v: it waited for the engine", replies)
	}
	waitFor(t, r, "re: crowded") // delivered by the inbox instead
}

// While an arriving event's durable write is in progress, Busy is true
// and one worker at a time answers: the acknowledgement waiting for that
// write does not queue behind engine writes, and answers still go on.
func TestOneWorkerAnswersWhileEventsArrive(t *testing.T) {
	store := newStalled()
	b, err := New(Config{Store: store, Workers: 4})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
		defer cancel()
		_ = b.Shutdown(ctx)
	})
	t.Cleanup(func() { close(store.release) }) // runs first
	var running, most atomic.Int32
	var mu sync.Mutex
	answered := 0
	all := make(chan struct{})
	const n = 8
	b.Register("test", Channel{
		Answer: func(ctx context.Context, m bot.Message) []bot.Reply {
			now := running.Add(1)
			for {
				if m := most.Load(); now <= m || most.CompareAndSwap(m, now) {
					break
				}
			}
			time.Sleep(20 * time.Millisecond)
			running.Add(-1)
			return []bot.Reply{{Text: "re: " + m.Text}}
		},
		Deliver: func(ctx context.Context, e bot.InboxEvent, replies []bot.Reply) error {
			mu.Lock()
			defer mu.Unlock()
			if answered++; answered == n {
				close(all)
			}
			return nil
		},
	})
	accepted := stall(t, b, store)
	if !b.Busy() {
		t.Fatal("Busy = false while an arriving event is being written")
	}
	for i := range n {
		if err := b.Accept(t.Context(), ev(string(rune('a'+i)), string(rune('A'+i)), "q")); err != nil {
			t.Fatal(err)
		}
	}
	select {
	case <-all:
	case <-time.After(10 * time.Second):
		t.Fatal("answers stopped while an event was being written")
	}
	if m := most.Load(); m != 1 {
		t.Errorf("%d workers answered at once while an event was being written, want 1", m)
	}
	select {
	case err := <-accepted:
		t.Fatalf("the stalled accept returned early: %v", err)
	default:
	}
}

// landedTake is a store whose first TakeEvent moves the event but reports a
// timeout: the take landed, the caller cannot know.
type landedTake struct {
	*bottest.MemInbox
	mu   sync.Mutex
	lost bool
}

func (l *landedTake) TakeEvent(ctx context.Context, id, from, to string) (bot.InboxEvent, error) {
	e, err := l.MemInbox.TakeEvent(ctx, id, from, to)
	l.mu.Lock()
	defer l.mu.Unlock()
	if err == nil && !l.lost {
		l.lost = true
		return bot.InboxEvent{}, fmt.Errorf("take: client timed out waiting for server response: %w", bot.ErrUnavailable)
	}
	return e, err
}

// A take-over that landed although it reported an error is not lost: the
// event is ours then, and no other copy would take it. It is answered.
func TestTakeOverThatLandedDespiteErrorIsAnswered(t *testing.T) {
	store := &landedTake{MemInbox: bottest.NewMemInbox()}
	deadCopyEvent(t, store, "unsure", "U1", "hei")
	r := takeOverFromDead(t, store)
	waitFor(t, r, "re: hei")
	store.mu.Lock()
	lost := store.lost
	store.mu.Unlock()
	if !lost {
		t.Fatal("the first take did not report its error; the test tests nothing")
	}
}

// An answer the stopped copy was showing when it died is delivered again
// with Showing set, so the adapter looks on the platform for what was
// shown; an answer saved but not yet being shown is delivered as new.
func TestTakeOverResumesAnAnswerThatWasBeingShown(t *testing.T) {
	store := bottest.NewMemInbox()
	ctx := t.Context()
	for _, id := range []string{"showing", "saved"} {
		e := deadCopyEvent(t, store, id, "U-"+id, id)
		if err := store.SaveAnswer(ctx, e.ID, []bot.Reply{{Text: "answer to " + id}}); err != nil {
			t.Fatal(err)
		}
	}
	if err := store.MarkShowing(ctx, "test:showing", "dead"); err != nil {
		t.Fatal(err)
	}
	b, err := New(Config{Store: store, Owner: "alive", Lease: 300 * time.Millisecond})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = b.Shutdown(context.Background()) })
	resumed := make(chan string, 4)
	b.Register("test", Channel{Deliver: func(ctx context.Context, e bot.InboxEvent, replies []bot.Reply) error {
		resumed <- fmt.Sprintf("%s showing=%v", replies[0].Text, e.Showing)
		return nil
	}})
	if err := b.Start(ctx); err != nil {
		t.Fatal(err)
	}
	got := []string{<-resumed, <-resumed}
	slices.Sort(got)
	if want := []string{"answer to saved showing=false", "answer to showing showing=true"}; !slices.Equal(got, want) {
		t.Fatalf("delivered %q, want %q", got, want)
	}
}

// "Being shown" is written at the moment of the post, not before a wait
// for the channel's pace: a copy stopped while waiting leaves an answer
// that the next copy shows as new.
func TestShowingIsMarkedAtThePost(t *testing.T) {
	store := bottest.NewMemInbox()
	b, err := New(Config{Store: store})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = b.Shutdown(context.Background()) })
	pacing, posting, proceed := make(chan struct{}), make(chan struct{}), make(chan struct{})
	b.Register("test", Channel{
		Answer: func(context.Context, bot.Message) []bot.Reply { return []bot.Reply{{Text: "svar"}} },
		Deliver: func(ctx context.Context, e bot.InboxEvent, replies []bot.Reply) error {
			pacing <- struct{}{}
			<-proceed // the pacing wait
			Showing(ctx)
			Showing(ctx) // a second part: written once
			posting <- struct{}{}
			<-proceed
			return nil
		}})
	if err := b.Accept(t.Context(), ev("1", "U1", "hei")); err != nil {
		t.Fatal(err)
	}
	showing := func() bool {
		evs, err := store.EventsOf(t.Context(), b.Owner(), 10)
		if err != nil || len(evs) != 1 {
			t.Fatalf("events %+v, %v", evs, err)
		}
		return evs[0].Showing
	}
	<-pacing
	if showing() {
		t.Fatal("marked as being shown while waiting for the channel's pace")
	}
	proceed <- struct{}{}
	<-posting
	if !showing() {
		t.Fatal("not marked as being shown at the post")
	}
	proceed <- struct{}{}
}

// deadCopyEvent stores an event of the stopped copy "dead", whose
// heartbeat has run out.
func deadCopyEvent(t *testing.T, store bot.InboxStore, id, user, text string) bot.InboxEvent {
	t.Helper()
	e := ev(id, user, text)
	e.Owner, e.Resident, e.Received = "dead", "test:"+user, time.Now()
	if err := store.AddEvent(t.Context(), e); err != nil {
		t.Fatal(err)
	}
	if err := store.Heartbeat(t.Context(), "dead", time.Now().Add(-time.Second)); err != nil {
		t.Fatal(err)
	}
	return e
}

// takeOverFromDead starts the copy "alive", which takes over the dead
// copy's events, and returns what it answers and shows.
func takeOverFromDead(t *testing.T, store bot.InboxStore) *rec {
	t.Helper()
	b, r := newInbox(t, store, Config{Owner: "alive", Lease: 300 * time.Millisecond})
	if err := b.Start(t.Context()); err != nil {
		t.Fatal(err)
	}
	return r
}
