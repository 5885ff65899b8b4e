package inbox

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/askerkommune/temaplanbot/bot"
)

// Accept stores e durably and queues it; when it returns nil the platform
// may be told the event was received. It fills in Resident (when empty:
// platform:user), Owner and Received. It returns ErrDuplicate for an id
// accepted before, ErrFlood for a dropped event of a flooding resident,
// ErrStopped during shutdown, and the store's error (wrapping
// bot.ErrUnavailable when the database is down) when e was not stored.
func (b *Inbox) Accept(ctx context.Context, e bot.InboxEvent) error {
	return b.accept(ctx, e, nil)
}

// AcceptSync is Accept for a caller that would rather show the answer
// itself (in its HTTP response): wait on the returned Ticket.
func (b *Inbox) AcceptSync(ctx context.Context, e bot.InboxEvent) (*Ticket, error) {
	t := newTicket(b, e.ID)
	if err := b.accept(ctx, e, t); err != nil {
		return nil, err
	}
	t.resident = e.Resident
	if t.resident == "" {
		t.resident = e.Message.Platform + ":" + e.Message.User
	}
	return t, nil
}

func (b *Inbox) accept(ctx context.Context, e bot.InboxEvent, t *Ticket) error {
	b.mu.Lock()
	stopping := b.stopping
	b.mu.Unlock()
	if stopping {
		return ErrStopped
	}
	if e.Resident == "" {
		e.Resident = e.Message.Platform + ":" + e.Message.User
	}
	if e.Kind == "" {
		if ok, warn := b.flood.Check(e.Resident, b.now()); !ok {
			if !warn {
				return ErrFlood
			}
			// The notice goes out now, not behind the flood it is about.
			e.Notice, e.Resident = true, e.Resident+"#notice"
		}
	}
	e.Owner, e.Received = b.cfg.Owner, b.now()
	b.mu.Lock()
	if b.arriving[e.ID] { // the same event again while its first write runs (a replay)
		b.mu.Unlock()
		return ErrDuplicate
	}
	b.arriving[e.ID] = true
	b.held++
	b.mu.Unlock()
	written := make(chan error, 1)
	b.accepting.Add(1)
	go func() {
		actx, cancel := context.WithTimeout(context.WithoutCancel(ctx), b.cfg.AcceptTimeout)
		defer cancel()
		err := b.add(actx, e, t)
		b.accepting.Add(-1)
		written <- err
	}()
	budget := time.NewTimer(b.cfg.AckBudget)
	defer budget.Stop()
	select {
	case err := <-written:
		defer b.unhold(e.ID)
		return b.added(e, t, err)
	case <-budget.C:
	}
	// The disk is slow: acknowledge now, hold the event until it is written.
	b.cfg.Metrics.AckedBeforeDurable(e.Message.Platform)
	b.log.Warn("inbox: acknowledged before the durable write finished", "event", e.ID, "budget", b.cfg.AckBudget)
	go func() {
		defer b.unhold(e.ID)
		b.addedLate(e, t, <-written)
	}()
	return nil
}

// add writes e, replacing a request the platform sends again after a
// stopped copy abandoned it (see replaceAbandoned).
func (b *Inbox) add(ctx context.Context, e bot.InboxEvent, t *Ticket) error {
	err := b.store.AddEvent(ctx, e)
	if err != nil && errors.Is(err, bot.ErrConflict) && t != nil && b.retries(e.Message.Platform) && b.replaceAbandoned(ctx, e) {
		err = b.store.AddEvent(ctx, e)
	}
	return err
}

// unhold ends the hold of an arriving event (its write finished and it
// was queued or dropped).
func (b *Inbox) unhold(id string) {
	b.mu.Lock()
	b.held--
	delete(b.arriving, id)
	b.cond.Broadcast()
	b.mu.Unlock()
}

// added queues e after its write finished within the budget, or says why
// not (see Accept).
func (b *Inbox) added(e bot.InboxEvent, t *Ticket, err error) error {
	if err != nil {
		if errors.Is(err, bot.ErrConflict) {
			if u, ok := b.takeUnsure(e.ID); ok && b.retries(e.Message.Platform) { // our failed add was written after all
				b.enqueue(&job{ev: u, ticket: t})
				return nil
			}
			return ErrDuplicate
		}
		b.addUnsure(e)
		return fmt.Errorf("inbox: accept: %w", err)
	}
	b.enqueue(&job{ev: e, ticket: t})
	return nil
}

// addedLate finishes the acceptance of an event acknowledged before its
// write finished. Written: it is queued (and, when the caller
// acknowledged it meanwhile, marked acked, which could not be recorded
// before the write). A duplicate is dropped: the first one is answered.
// A failed write: it is answered from memory all the same, since the
// platform was told it arrived.
func (b *Inbox) addedLate(e bot.InboxEvent, t *Ticket, err error) {
	switch {
	case err == nil:
		if t != nil && t.acked.Load() {
			t.markAcked(b.ctx)
		}
	case errors.Is(err, bot.ErrConflict):
		b.log.Info("inbox: event acknowledged before its write turned out a duplicate; dropped", "event", e.ID)
		return
	default:
		b.log.Warn("inbox: acknowledged event not stored; answering it from memory", "event", e.ID, "err", err)
	}
	b.enqueue(&job{ev: e, ticket: t})
}

func (b *Inbox) retries(platform string) bool {
	c, ok := b.channel(platform)
	return ok && c.Retries
}

// unsureKeep is how long an event whose add failed is remembered.
const unsureKeep = 10 * time.Minute

// addUnsure remembers an event whose add failed: the write may have
// landed all the same (a timeout). The platform was told the event was
// not taken, so such a write must not be answered unasked: the upkeep
// deletes it once the database answers (dropUnsure), unless the
// platform's retry came first and found it stored; that retry takes it
// from here rather than being dropped as a duplicate.
func (b *Inbox) addUnsure(e bot.InboxEvent) {
	b.mu.Lock()
	defer b.mu.Unlock()
	now := b.now()
	for id, u := range b.unsure {
		if now.Sub(u.Received) > unsureKeep {
			delete(b.unsure, id)
		}
	}
	b.unsure[e.ID] = e
}

// dropUnsure deletes the events whose add failed and that no retry took.
func (b *Inbox) dropUnsure(ctx context.Context) {
	b.mu.Lock()
	ids := make([]string, 0, len(b.unsure))
	for id := range b.unsure {
		ids = append(ids, id)
	}
	b.mu.Unlock()
	for _, id := range ids {
		if err := b.store.FinishEvent(ctx, id, time.Time{}); err != nil {
			return // still down: next time
		}
		b.takeUnsure(id)
	}
}

func (b *Inbox) takeUnsure(id string) (bot.InboxEvent, bool) {
	b.mu.Lock()
	defer b.mu.Unlock()
	e, ok := b.unsure[id]
	delete(b.unsure, id)
	return e, ok
}

// syncDeadline is the platforms' limit for answering a request: an event
// whose answer was to go in the HTTP response and that was neither
// answered nor acknowledged this long after it arrived never will be.
const syncDeadline = 3 * time.Second

// replaceAbandoned deletes the stored event with e's id when it is work
// abandoned by a copy that stopped before it answered the request (not
// answered, not acknowledged, older than the platform's deadline: the
// resident saw an error), so that e, the same request sent again (a form
// submitted again after a crash), is new work instead of a duplicate.
// Without it the request waits for the take-over, which drops it, while
// the resident was told it was received. It reports whether it deleted.
func (b *Inbox) replaceAbandoned(ctx context.Context, e bot.InboxEvent) bool {
	old, err := b.store.Event(ctx, e.ID)
	if err != nil || old.Answered || old.Acked || b.now().Sub(old.Received) < syncDeadline {
		return false
	}
	if err := b.store.FinishEvent(ctx, e.ID, time.Time{}); err != nil {
		return false
	}
	b.log.Warn("inbox: a request abandoned by a stopped copy came again; taken as new", "event", e.ID, "from", old.Owner)
	return true
}
