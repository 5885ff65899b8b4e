package inbox

import (
	"context"
	"errors"
	"sync"
	"sync/atomic"
	"time"

	"github.com/askerkommune/temaplanbot/bot"
)

// Ticket lets the caller of AcceptSync show the answer itself.
type Ticket struct {
	inbox    *Inbox
	id       string
	resident string
	state    atomic.Int32 // 0 open, 1 the caller shows the answer, 2 the inbox delivers it
	acked    atomic.Bool  // Acknowledge was called
	res      chan []bot.Reply
	shown    chan struct{}
	once     sync.Once
}

func newTicket(b *Inbox, id string) *Ticket {
	return &Ticket{inbox: b, id: id, res: make(chan []bot.Reply, 1), shown: make(chan struct{})}
}

// Acknowledge records, before the caller tells the platform the event
// arrived without its answer (the answer follows), that it did so: a copy
// taking over this event answers it then, while one never acknowledged
// (the copy stopped first, the resident saw an error and moved on) is
// dropped rather than answered out of turn. It waits at most
// ackRecordWait for the write, which goes on after it returns (a slow disk
// must not hold the acknowledgement); an event whose own write has not
// landed yet is marked once it lands.
func (t *Ticket) Acknowledge(ctx context.Context) {
	t.acked.Store(true)
	done := make(chan struct{})
	go func() {
		defer close(done)
		t.markAcked(context.WithoutCancel(ctx))
	}()
	timer := time.NewTimer(ackRecordWait)
	defer timer.Stop()
	select {
	case <-done:
	case <-timer.C:
	}
}

// ackRecordWait bounds how long Acknowledge waits for its record.
const ackRecordWait = 250 * time.Millisecond

// markAcked records the acknowledgement (see Acknowledge).
func (t *Ticket) markAcked(ctx context.Context) {
	ctx, cancel := context.WithTimeout(ctx, 10*time.Second)
	defer cancel()
	err := t.inbox.store.MarkAcked(ctx, t.id)
	if err != nil && !errors.Is(err, bot.ErrNotFound) { // not found: answered already, or held (marked once written)
		t.inbox.log.Warn("inbox: acknowledgement not recorded", "event", t.id, "err", err)
	}
}

// Wait waits up to d (or until ctx ends) for the answer. With ok=true the
// caller shows replies and must then call Shown; with ok=false the inbox
// delivers them through the platform's channel.
func (t *Ticket) Wait(ctx context.Context, d time.Duration) (replies []bot.Reply, ok bool) {
	timer := time.NewTimer(d)
	defer timer.Stop()
	select {
	case r := <-t.res:
		return r, true
	case <-timer.C:
	case <-ctx.Done():
	}
	if t.state.CompareAndSwap(0, 2) {
		return nil, false
	}
	return <-t.res, true
}

// aloneTick is how often WaitAlone looks whether other work arrived.
const aloneTick = time.Millisecond

// WaitAlone is Wait for as long as nothing else is ahead in the inbox:
// it gives up at once when other residents' events wait for a worker or
// arriving events are being written, since its answer then waits behind
// them, and the caller should acknowledge now (its answer follows). A
// quiet bot so answers directly, and in a burst no acknowledgement waits
// for engine work.
func (t *Ticket) WaitAlone(ctx context.Context, d time.Duration) (replies []bot.Reply, ok bool) {
	deadline := time.Now().Add(d)
	tick := time.NewTicker(aloneTick)
	defer tick.Stop()
	for !t.inbox.busyBesides(t.resident) && time.Now().Before(deadline) {
		select {
		case r := <-t.res:
			return r, true
		case <-tick.C:
		case <-ctx.Done():
			return t.Wait(ctx, 0)
		}
	}
	return t.Wait(ctx, 0)
}

// Shown tells the inbox that the caller showed the answer Wait returned.
func (t *Ticket) Shown() { t.once.Do(func() { close(t.shown) }) }

// shownWait bounds how long the inbox waits for Shown before it counts
// the answer as shown.
const shownWait = 5 * time.Second

// hand gives replies to the waiting caller and waits until it showed
// them; false means the caller stopped waiting and the inbox delivers.
func (t *Ticket) hand(replies []bot.Reply) bool {
	if !t.state.CompareAndSwap(0, 1) {
		return false
	}
	t.res <- replies
	timer := time.NewTimer(shownWait)
	defer timer.Stop()
	select {
	case <-t.shown:
	case <-timer.C:
	}
	return true
}
