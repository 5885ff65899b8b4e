package inbox

import (
	"context"
	"fmt"
	"testing"
	"time"

	"github.com/askerkommune/temaplanbot/bot"
	"github.com/askerkommune/temaplanbot/bot/bottest"
)

// TestQueued counts, per platform, the events waiting for the one worker
// while it is held by the first, and 0 once all are answered.
func TestQueued(t *testing.T) {
	b, r := newInbox(t, bottest.NewMemInbox(), Config{Workers: 1})
	release, started := make(chan struct{}), make(chan struct{}, 10)
	c := r.channel()
	answer := c.Answer
	c.Answer = func(ctx context.Context, m bot.Message) []bot.Reply {
		started <- struct{}{}
		<-release
		return answer(ctx, m)
	}
	b.Register("test", c)
	b.Register("idle", r.channel())
	if got := b.Queued(); got["test"] != 0 || got["idle"] != 0 || len(got) != 2 {
		t.Fatalf("empty inbox: %v", got)
	}
	ctx := t.Context()
	for i := range 4 {
		e := ev(fmt.Sprint("q", i), fmt.Sprint("u", i), fmt.Sprint("m", i))
		e.Resident = "test:" + e.Message.User
		if err := b.Accept(ctx, e); err != nil {
			t.Fatal(err)
		}
		if i == 0 {
			<-started // the worker holds the first event
		}
	}
	if got := b.Queued(); got["test"] != 3 || got["idle"] != 0 {
		t.Fatalf("one answering, three waiting: %v", got)
	}
	close(release)
	deadline := time.Now().Add(10 * time.Second)
	for b.Queued()["test"] != 0 && time.Now().Before(deadline) {
		time.Sleep(10 * time.Millisecond)
	}
	if got := b.Queued(); got["test"] != 0 {
		t.Fatalf("after answering: %v", got)
	}
}
