package schedule

import (
	"context"
	"sync/atomic"
	"testing"
	"time"

	"github.com/askerkommune/temaplanbot/bot"
)

// swappable is a catalogue source whose catalogue a test replaces, as a
// reload of CATALOG_FILE does.
type swappable struct{ cur atomic.Pointer[bot.Catalog] }

func (s *swappable) Catalog() *bot.Catalog { return s.cur.Load() }

// waitPosts waits until target has n posts (or 10 s pass), then a little
// longer to see that no more arrive, and returns them.
func waitPosts(t *testing.T, rec *recorder, target bot.Target, n int) []sent {
	t.Helper()
	deadline := time.Now().Add(10 * time.Second)
	for len(rec.to(target)) < n && time.Now().Before(deadline) {
		time.Sleep(20 * time.Millisecond)
	}
	time.Sleep(500 * time.Millisecond) // several more polls by both copies
	return rec.to(target)
}

// TestChangeActsAtOnceOnEveryCopy: two running copies over one store, with
// the periodic sweep off. A start date moved to today is announced to each
// subscribed channel once: when the copy that made the change calls
// Changed, when a copy that is not running (a command-line tool) does (the
// others see the shared marker), and when the catalogue is reloaded.
func TestChangeActsAtOnceOnEveryCopy(t *testing.T) {
	for _, tc := range []struct {
		name   string
		change func(e *env, a, tool *Scheduler, src *swappable)
	}{
		{"this copy", func(e *env, a, _ *Scheduler, _ *swappable) {
			if err := e.store.SetPlanStart(context.Background(), "kultur", date(2026, 2, 10)); err != nil {
				t.Fatal(err)
			}
			a.Changed(context.Background())
		}},
		{"another process", func(e *env, _, tool *Scheduler, _ *swappable) {
			if err := e.store.SetPlanStart(context.Background(), "kultur", date(2026, 2, 10)); err != nil {
				t.Fatal(err)
			}
			tool.Changed(context.Background())
		}},
		{"catalogue reloaded", func(_ *env, _, _ *Scheduler, src *swappable) {
			c := testCatalog()
			c.Plans[1].Start = date(2026, 2, 10)
			src.cur.Store(c)
		}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			e := newEnv(t, openMongo)
			e.clock.Set(at(t, 2026, 2, 10, 12, 0))
			src := &swappable{}
			src.cur.Store(e.cat)
			opts := func(c *Config) {
				c.Catalog, c.SweepInterval, c.ChangePoll, c.ReminderTime = src, -1, 50*time.Millisecond, "00:00"
			}
			a, b := e.sched("a", opts), e.sched("b", opts)
			tool := e.sched("tool", opts, func(c *Config) { c.Sender = nil })
			for _, s := range []*Scheduler{a, b} {
				if err := s.Start(context.Background()); err != nil {
					t.Fatal(err)
				}
				t.Cleanup(func() { _ = s.Stop(context.Background()) })
			}
			time.Sleep(200 * time.Millisecond) // catch-up runs done: nothing was due
			if n := len(e.rec.Posts()); n != 0 {
				t.Fatalf("%d posts before the change", n)
			}
			tc.change(e, a, tool, src)
			for _, target := range []bot.Target{slackC, discordC} {
				posts := waitPosts(t, e.rec, target, 1)
				if len(posts) != 1 || posts[0].Reply.Plan != "kultur" {
					t.Fatalf("%v got %d posts, want 1 announcement of kultur: %+v", target, len(posts), posts)
				}
			}
		})
	}
}

// TestChangedWithoutMarkerStore: over a store without a change marker (the
// in-memory one), Changed still runs this copy's reminders at once.
func TestChangedWithoutMarkerStore(t *testing.T) {
	e := newEnv(t, storeKinds()[0].open)
	if _, ok := e.store.(ChangeMarker); ok {
		t.Skip("the in-memory store has a marker now")
	}
	e.clock.Set(at(t, 2026, 2, 10, 12, 0))
	a := e.sched("a", func(c *Config) { c.SweepInterval, c.ReminderTime = -1, "00:00" })
	if err := a.Start(context.Background()); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = a.Stop(context.Background()) })
	if err := e.store.SetPlanStart(context.Background(), "kultur", date(2026, 2, 10)); err != nil {
		t.Fatal(err)
	}
	a.Changed(context.Background())
	if posts := waitPosts(t, e.rec, slackC, 1); len(posts) != 1 {
		t.Fatalf("%d posts, want 1", len(posts))
	}
}
