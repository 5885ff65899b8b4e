package inbox

import (
	"context"
	"errors"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/askerkommune/temaplanbot/bot"
	"github.com/askerkommune/temaplanbot/internal/metrics"
)

// failing is a stalled store whose stalled write fails once released.
type failing struct{ *stalled }

func (f failing) AddEvent(ctx context.Context, e bot.InboxEvent) error {
	if err := f.stalled.AddEvent(ctx, e); err != nil || e.Message.User != "stall" {
		return err
	}
	_ = f.MemInbox.FinishEvent(ctx, e.ID, time.Time{})
	return bot.ErrUnavailable
}

// heldMetric is the count of acknowledgements given before the write.
func heldMetric(m *metrics.Metrics) string {
	rec := httptest.NewRecorder()
	m.Handler().ServeHTTP(rec, httptest.NewRequest("GET", "/metrics", nil))
	for _, l := range strings.Split(rec.Body.String(), "\n") {
		if strings.HasPrefix(l, `temaplanbot_acks_before_durable_total{platform="test"}`) {
			return l[strings.LastIndexByte(l, ' ')+1:]
		}
	}
	return "0"
}

// waitIdle waits until b has nothing held, queued or running.
func waitIdle(t *testing.T, b *Inbox) {
	t.Helper()
	for deadline := time.Now().Add(10 * time.Second); b.Depth() > 0; time.Sleep(time.Millisecond) {
		if time.Now().After(deadline) {
			t.Fatal("inbox not idle")
		}
	}
}

// An event whose durable write outlasts the ack budget is acknowledged
// while the write still runs (Accept returns nil), counted, held in
// memory and answered once written; shutdown waits for it.
func TestSlowWriteIsAcknowledgedAndAnsweredOnceWritten(t *testing.T) {
	store := newStalled()
	m := metrics.New()
	b, r := newInbox(t, store, Config{AckBudget: 20 * time.Millisecond, Metrics: m})
	done := stall(t, b, store)
	if err := <-done; err != nil { // the write is still stalled here
		t.Fatalf("Accept during a slow write: %v, want the acknowledgement", err)
	}
	if got := heldMetric(m); got != "1" {
		t.Errorf("acks_before_durable_total = %s, want 1", got)
	}
	if b.Depth() != 1 {
		t.Errorf("depth %d while held, want 1", b.Depth())
	}
	close(store.release)
	waitFor(t, r, "re: stall")
	waitIdle(t, b) // the event is finished after its answer is shown
	if left, _ := store.EventsOf(t.Context(), b.Owner(), 10); len(left) != 0 {
		t.Fatalf("held event not finished: %+v", left)
	}
}

// A held event whose write turns out a duplicate (the platform's retry of
// an event stored before) is dropped; one whose write fails is answered
// from memory, since the platform was told it arrived.
func TestHeldEventDuplicateDroppedFailedAnswered(t *testing.T) {
	t.Run("duplicate", func(t *testing.T) {
		store := newStalled()
		first := ev("stall", "stall", "stall")
		first.Owner, first.Resident = "other", "test:stall"
		if err := store.MemInbox.AddEvent(t.Context(), first); err != nil {
			t.Fatal(err)
		}
		b, r := newInbox(t, store, Config{AckBudget: 20 * time.Millisecond})
		if err := <-stall(t, b, store); err != nil {
			t.Fatal(err)
		}
		close(store.release)
		waitIdle(t, b)
		r.mu.Lock()
		defer r.mu.Unlock()
		if r.asked["stall"] != 0 {
			t.Fatalf("a duplicate was answered %d times", r.asked["stall"])
		}
	})
	t.Run("failed", func(t *testing.T) {
		store := failing{newStalled()}
		b, r := newInbox(t, store, Config{AckBudget: 20 * time.Millisecond})
		if err := <-stall(t, b, store.stalled); err != nil {
			t.Fatal(err)
		}
		close(store.release)
		waitFor(t, r, "re: stall")
	})
}

// The same event again while its first write still runs (a replay after
// an acknowledgement given before the write finished) is a duplicate at
// once: it is neither acknowledged as new nor answered twice.
func TestReplayWhileTheFirstWriteRunsIsADuplicate(t *testing.T) {
	store := newStalled()
	b, r := newInbox(t, store, Config{AckBudget: 20 * time.Millisecond})
	if err := <-stall(t, b, store); err != nil {
		t.Fatal(err)
	}
	if err := b.Accept(t.Context(), ev("stall", "stall", "stall")); !errors.Is(err, ErrDuplicate) {
		t.Fatalf("replay during the first write: %v, want ErrDuplicate", err)
	}
	close(store.release)
	waitFor(t, r, "re: stall")
	waitIdle(t, b)
	r.mu.Lock()
	defer r.mu.Unlock()
	if r.asked["stall"] != 1 {
		t.Fatalf("answered %d times, want once", r.asked["stall"])
	}
}
