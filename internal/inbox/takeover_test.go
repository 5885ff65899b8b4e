package inbox

import (
	"context"
	"slices"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/askerkommune/temaplanbot/bot"
	"github.com/askerkommune/temaplanbot/bot/bottest"
)

// lateBeat is a store on which one copy's heartbeats fail while late is
// set: that copy works on, but the others see its lease run out (a
// database too slow for its heartbeat, a paused process).
type lateBeat struct {
	*bottest.MemInbox
	owner string
	late  atomic.Bool
}

func (s *lateBeat) Heartbeat(ctx context.Context, owner string, until time.Time) error {
	if owner == s.owner && s.late.Load() {
		return bot.ErrUnavailable
	}
	return s.MemInbox.Heartbeat(ctx, owner, until)
}

// A copy whose heartbeat was late has its events taken over by another
// while it still works on them. Whichever copy reaches the post first
// answers; the other does not post (Showing refuses it) and the late copy
// leaves the event to the taker. Each event is shown exactly once.
func TestLateCopyAndTakerAnswerOnce(t *testing.T) {
	for _, takerFirst := range []bool{true, false} {
		name := map[bool]string{true: "taker posts first", false: "late copy posts first"}[takerFirst]
		t.Run(name, func(t *testing.T) {
			store := &lateBeat{MemInbox: bottest.NewMemInbox(), owner: "late"}
			var mu sync.Mutex
			posts := map[string][]string{}
			lateHeld, lateReached := make(chan struct{}), make(chan struct{}, 1)
			channel := func(copyName string) Channel {
				return Channel{
					Answer: func(_ context.Context, m bot.Message) []bot.Reply { return []bot.Reply{{Text: "re: " + m.Text}} },
					Deliver: func(ctx context.Context, e bot.InboxEvent, _ []bot.Reply) error {
						if copyName == "late" {
							lateReached <- struct{}{}
							<-lateHeld
						}
						if err := Showing(ctx); err != nil {
							return err
						}
						mu.Lock()
						posts[e.ID] = append(posts[e.ID], copyName)
						mu.Unlock()
						return nil
					},
				}
			}
			posted := func() []string {
				mu.Lock()
				defer mu.Unlock()
				return slices.Clone(posts["test:q"])
			}
			start := func(owner string) *Inbox { return startCopy(t, store, owner, 300*time.Millisecond, channel(owner)) }
			late := start("late")
			if err := late.Accept(t.Context(), ev("q", "u", "hello")); err != nil {
				t.Fatal(err)
			}
			<-lateReached // the late copy has its answer and is about to post
			if !takerFirst {
				if err := Showing(context.Background()); err != nil { // outside a delivery: nothing
					t.Fatal(err)
				}
				close(lateHeld)
				waitIdle(t, late)
			}
			store.late.Store(true)
			taker := start("taker")
			if takerFirst {
				deadline := time.Now().Add(10 * time.Second)
				for len(posted()) == 0 && time.Now().Before(deadline) {
					time.Sleep(5 * time.Millisecond)
				}
				close(lateHeld)
				waitIdle(t, late)
			}
			time.Sleep(400 * time.Millisecond) // a lease and more: any take-over has happened
			waitIdle(t, taker)
			want := []string{map[bool]string{true: "taker", false: "late"}[takerFirst]}
			if got := posted(); !slices.Equal(got, want) {
				t.Fatalf("posts of the event: %v, want %v", got, want)
			}
			if left, _ := store.EventsOf(t.Context(), "taker", 10); len(left) != 0 {
				t.Fatalf("events left unfinished: %+v", left)
			}
		})
	}
}

// A late copy marks an answer as being shown and its post is still in
// flight when another copy takes the event over. The taker waits a lease
// before it looks on the platform (here: the posts so far) and posts what
// is missing, so the answer is shown once, not twice.
func TestTakerWaitsForAPostInFlight(t *testing.T) {
	store := &lateBeat{MemInbox: bottest.NewMemInbox(), owner: "late"}
	const lease = 300 * time.Millisecond
	var mu sync.Mutex
	var posts []string
	inFlight := make(chan struct{}, 1)
	channel := func(copyName string) Channel {
		return Channel{
			Answer: func(_ context.Context, m bot.Message) []bot.Reply { return []bot.Reply{{Text: "re: " + m.Text}} },
			Deliver: func(ctx context.Context, e bot.InboxEvent, _ []bot.Reply) error {
				if e.Showing { // taken over mid-post: look on the "platform" first
					mu.Lock()
					shown := len(posts) > 0
					mu.Unlock()
					if shown {
						return nil
					}
				}
				if err := Showing(ctx); err != nil {
					return err
				}
				if copyName == "late" { // the post is on its way: it lands within a lease
					inFlight <- struct{}{}
					time.Sleep(lease / 2)
				}
				mu.Lock()
				posts = append(posts, copyName)
				mu.Unlock()
				return nil
			},
		}
	}
	start := func(owner string) *Inbox { return startCopy(t, store, owner, lease, channel(owner)) }
	late := start("late")
	// The late copy's heartbeat fails from the start: the taker sees its
	// lease run out while the post is in flight.
	store.late.Store(true)
	if err := late.Accept(t.Context(), ev("q", "u", "hello")); err != nil {
		t.Fatal(err)
	}
	<-inFlight
	// Make the lease of "late" run out now, and take its event over.
	if err := store.MemInbox.Heartbeat(t.Context(), "late", time.Now().Add(-time.Second)); err != nil {
		t.Fatal(err)
	}
	taker := start("taker")
	deadline := time.Now().Add(10 * time.Second)
	for {
		if left, _ := store.EventsOf(t.Context(), "taker", 10); len(left) > 0 {
			break
		}
		if time.Now().After(deadline) {
			t.Fatal("the taker never took the event over")
		}
		time.Sleep(time.Millisecond)
	}
	waitIdle(t, late)
	waitIdle(t, taker)
	mu.Lock()
	defer mu.Unlock()
	if !slices.Equal(posts, []string{"late"}) {
		t.Fatalf("posts of the event: %v, want the late copy's alone", posts)
	}
}

// startCopy starts a running copy named owner on store with channel "test",
// shut down when the test ends.
func startCopy(t *testing.T, store bot.InboxStore, owner string, lease time.Duration, c Channel) *Inbox {
	t.Helper()
	b, err := New(Config{Store: store, Owner: owner, Lease: lease})
	if err != nil {
		t.Fatal(err)
	}
	b.Register("test", c)
	if err := b.Start(t.Context()); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
		defer cancel()
		_ = b.Shutdown(ctx)
	})
	return b
}
