package inbox

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/askerkommune/temaplanbot/bot"
)

// takeBatch is how many events of a dead copy are taken over per round.
const takeBatch = 500

// purgeEvery is how often remembered ids past their time are deleted.
const purgeEvery = 10 * time.Minute

// Start writes this copy's first heartbeat, takes over the unfinished
// events of copies whose heartbeat expired (a crash, or this copy's own
// previous run), and keeps doing both until Shutdown. It returns the
// store's error when the first heartbeat cannot be written.
func (b *Inbox) Start(ctx context.Context) error {
	if err := b.beat(ctx); err != nil {
		return err
	}
	b.reap(ctx)
	loop, cancel := context.WithCancel(context.WithoutCancel(ctx))
	b.mu.Lock()
	b.stopBeat = cancel
	b.mu.Unlock()
	b.upkeep.Go(func() { b.keepUp(loop) })
	return nil
}

func (b *Inbox) keepUp(ctx context.Context) {
	tick := time.NewTicker(b.cfg.Lease / 3)
	defer tick.Stop()
	lastPurge := b.now()
	for {
		select {
		case <-ctx.Done():
			return
		case <-tick.C:
		}
		if err := b.beat(ctx); err != nil {
			b.log.Warn("inbox: heartbeat failed", "err", err)
			continue
		}
		b.dropUnsure(ctx)
		b.finishLater(ctx)
		b.reap(ctx)
		if now := b.now(); now.Sub(lastPurge) >= purgeEvery {
			lastPurge = now
			if _, err := b.store.DeleteExpiredInbox(ctx, now); err != nil {
				b.log.Warn("inbox: purge failed", "err", err)
			}
		}
	}
}

func (b *Inbox) beat(ctx context.Context) error {
	ctx, cancel := context.WithTimeout(ctx, 5*time.Second)
	defer cancel()
	if err := b.store.Heartbeat(ctx, b.cfg.Owner, b.now().Add(b.cfg.Lease)); err != nil {
		return fmt.Errorf("inbox: heartbeat: %w", err)
	}
	return nil
}

// reap takes over the events of every copy whose heartbeat expired.
func (b *Inbox) reap(ctx context.Context) {
	ctx, cancel := context.WithTimeout(ctx, b.cfg.Lease)
	defer cancel()
	owners, err := b.store.Owners(ctx)
	if err != nil {
		b.log.Warn("inbox: list running copies", "err", err)
		return
	}
	b.retryTakes(ctx)
	now := b.now()
	for owner, until := range owners {
		if owner == b.cfg.Owner || until.After(now) {
			continue
		}
		if err := b.takeOver(ctx, owner); err != nil {
			b.log.Warn("inbox: take over", "from", owner, "err", err)
		}
	}
}

// takeOver queues the unfinished events of the dead copy owner here, and
// forgets owner once none are left.
func (b *Inbox) takeOver(ctx context.Context, owner string) error {
	evs, err := b.store.EventsOf(ctx, owner, takeBatch)
	if err != nil {
		return err
	}
	taken := 0
	for _, ev := range evs {
		e, err := b.store.TakeEvent(ctx, ev.ID, owner, b.cfg.Owner)
		switch {
		case errors.Is(err, bot.ErrConflict), errors.Is(err, bot.ErrNotFound):
			continue // another copy was faster, or it was finished meanwhile
		case err != nil:
			// The take may have landed (a timeout): then the event is ours
			// and no one else will take it. Try again until it is sure.
			b.mu.Lock()
			b.unsureTakes[ev.ID] = owner
			b.mu.Unlock()
			return err
		}
		if b.adopt(ctx, e) {
			taken++
		}
	}
	if taken > 0 {
		b.log.Warn("inbox: took over unanswered events", "from", owner, "count", taken)
	}
	if len(evs) < takeBatch {
		return b.store.DropOwner(ctx, owner)
	}
	return nil
}

// adopt queues an event taken over here, unless its platform never got
// the acknowledgement (then it is finished unanswered).
func (b *Inbox) adopt(ctx context.Context, e bot.InboxEvent) bool {
	if e.Answered && e.Showing { // the adapter looks what reached the platform (see Showing)
		b.log.Info("inbox: taken-over event was being shown when its copy stopped; showing what is missing", "event", e.ID)
	}
	if c, ok := b.channel(e.Message.Platform); ok && c.Acknowledged != nil && !c.Acknowledged(ctx, e) {
		// Its key is forgotten: the work was not done, so the same event
		// sent again (a form submitted again) is new work.
		b.log.Warn("inbox: taken-over event was never acknowledged; dropped", "event", e.ID)
		b.finish(e.ID, time.Time{})
		return false
	}
	if e.Showing {
		// The copy that was showing it may only have been slow (its
		// heartbeat late, its post still in flight). Looking on the
		// platform now could miss that post and show the answer twice, so
		// the event waits one lease: by then an in-flight post has landed
		// or failed (the adapters' request timeouts are shorter than the
		// default lease). It counts as held meanwhile (Depth, Shutdown).
		b.mu.Lock()
		b.held++
		b.mu.Unlock()
		time.AfterFunc(b.cfg.Lease, func() {
			b.enqueue(&job{ev: e})
			b.mu.Lock()
			b.held--
			b.cond.Broadcast()
			b.mu.Unlock()
		})
		return true
	}
	b.enqueue(&job{ev: e})
	return true
}

// retryTakes repeats the takes that failed without saying whether they
// landed (TakeEvent gives the taker its event again).
func (b *Inbox) retryTakes(ctx context.Context) {
	b.mu.Lock()
	left := make(map[string]string, len(b.unsureTakes))
	for id, from := range b.unsureTakes {
		left[id] = from
	}
	b.mu.Unlock()
	for id, from := range left {
		e, err := b.store.TakeEvent(ctx, id, from, b.cfg.Owner)
		if err != nil && !errors.Is(err, bot.ErrConflict) && !errors.Is(err, bot.ErrNotFound) {
			b.log.Warn("inbox: take over again", "event", id, "err", err)
			continue
		}
		b.mu.Lock()
		delete(b.unsureTakes, id)
		b.mu.Unlock()
		if err == nil && b.adopt(ctx, e) {
			b.log.Warn("inbox: took over an event on a second try", "event", id, "from", from)
		}
	}
}

// Shutdown refuses new events (ErrStopped) and waits until the accepted
// ones are answered, or ctx ends; then it stops the workers and the
// heartbeat. Events still queued then are left to the next running copy,
// which takes them over at once (the heartbeat is ended). It returns
// ctx's error when work was left.
func (b *Inbox) Shutdown(ctx context.Context) error {
	b.mu.Lock()
	b.stopping = true
	b.mu.Unlock()
	drained := make(chan struct{})
	go func() {
		b.mu.Lock()
		for b.pending+b.active+b.held > 0 && !b.closed {
			b.cond.Wait()
		}
		b.closed = true
		b.cond.Broadcast()
		b.mu.Unlock()
		close(drained)
	}()
	var err error
	select {
	case <-drained:
	case <-ctx.Done():
		err = fmt.Errorf("inbox: shutdown: %w", ctx.Err())
		b.mu.Lock()
		b.closed = true
		b.cond.Broadcast()
		b.mu.Unlock()
		b.cancel()
	}
	b.workers.Wait()
	b.mu.Lock()
	stop := b.stopBeat
	b.mu.Unlock()
	if stop != nil {
		stop()
		b.upkeep.Wait()
		bctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), 2*time.Second)
		defer cancel()
		b.dropUnsure(bctx)
		b.finishLater(bctx)
		if herr := b.store.Heartbeat(bctx, b.cfg.Owner, time.Time{}); herr != nil {
			b.log.Warn("inbox: end heartbeat", "err", herr)
		}
	}
	b.cancel()
	return err
}
