package inbox

import (
	"context"
	"errors"
	"fmt"
	"sync"
	"time"

	"github.com/askerkommune/temaplanbot/bot"
)

// resident is one resident's queue. At most one of its events is being
// answered or delivered at a time (busy), so answers keep their order and
// a resident's dialog sees one message at a time.
type resident struct {
	key  string
	q    []*job
	busy bool
}

// job is an accepted event and, for a synchronous caller, its ticket.
type job struct {
	ev     bot.InboxEvent
	ticket *Ticket
}

// enqueue appends j to its resident's queue.
func (b *Inbox) enqueue(j *job) {
	b.mu.Lock()
	defer b.mu.Unlock()
	r := b.residents[j.ev.Resident]
	if r == nil {
		r = &resident{key: j.ev.Resident}
		b.residents[r.key] = r
	}
	r.q = append(r.q, j)
	b.pending++
	if !r.busy && len(r.q) == 1 {
		b.ready = append(b.ready, r)
		b.cond.Broadcast()
	}
}

// next waits for the next resident with work, round-robin, and takes its
// first event; nil once the workers are to exit.
func (b *Inbox) next() (*resident, *job) {
	b.mu.Lock()
	defer b.mu.Unlock()
	for len(b.ready) == 0 && !b.closed {
		b.cond.Wait()
	}
	if b.closed {
		return nil, nil
	}
	r := b.ready[0]
	b.ready[0] = nil
	b.ready = b.ready[1:]
	j := r.q[0]
	r.q[0] = nil
	r.q = r.q[1:]
	r.busy = true
	b.pending--
	b.active++
	return r, j
}

// maxYield bounds how long a worker holds back for arriving events.
const maxYield = 100 * time.Millisecond

// yield waits (up to maxYield) while arriving events are being written:
// the acknowledgements wait for those writes, answers can wait a little,
// and on a store with one writer at a time (the embedded SQLite) every
// engine write would queue in front of them.
func (b *Inbox) yield() {
	for deadline := time.Now().Add(maxYield); b.accepting.Load() > 0 && time.Now().Before(deadline); {
		time.Sleep(time.Millisecond)
	}
}

// hold waits while arriving events are being written and another worker
// answers in the meantime: during a burst one worker answers and the
// others hold back, so the acknowledgements, which wait for those writes,
// do not queue behind engine writes on a store with one writer at a time
// (the embedded SQLite), while answers still go on. release ends the
// turn. Finishing a shown answer is never held back.
func (b *Inbox) hold() (release func()) {
	for b.accepting.Load() > 0 {
		select {
		case b.lane <- struct{}{}:
			return func() { <-b.lane }
		default:
		}
		time.Sleep(time.Millisecond)
	}
	return func() {}
}

// work is one engine worker: it answers events and hands the answers to
// a delivery goroutine, so it never waits for a platform.
func (b *Inbox) work() {
	for {
		r, j := b.next()
		if r == nil {
			return
		}
		release := b.hold()
		replies := b.answer(j)
		release()
		go b.deliver(r, j, replies)
	}
}

// answer returns the replies to j: the ones saved before a crash, the
// flood notice, or the engine's. The engine's answer is saved before it is
// shown, so a copy taking over shows the same answer (a receipt with the
// same reference) rather than asking the engine again, which would repeat
// a dialog step out of order with what the resident said since.
func (b *Inbox) answer(j *job) []bot.Reply {
	e := j.ev
	if e.Answered || e.Kind != "" {
		return e.Replies
	}
	var replies []bot.Reply
	if e.Notice {
		replies = []bot.Reply{b.notice(e.Message)}
	} else {
		replies = b.ask(e)
	}
	ctx, cancel := context.WithTimeout(b.ctx, 10*time.Second)
	defer cancel()
	if err := b.store.SaveAnswer(ctx, e.ID, replies); err != nil {
		b.log.Warn("inbox: answer not saved; showing it anyway", "event", e.ID, "err", err)
	}
	return replies
}

// ask calls the platform's Answer; a panic or a missing channel gives no replies.
func (b *Inbox) ask(e bot.InboxEvent) (replies []bot.Reply) {
	c, ok := b.channel(e.Message.Platform)
	if !ok || c.Answer == nil {
		b.log.Error("inbox: no channel for platform", "platform", e.Message.Platform, "event", e.ID)
		return nil
	}
	defer func() {
		if p := recover(); p != nil {
			b.log.Error("inbox: engine panicked", "event", e.ID, "panic", fmt.Sprint(p))
			replies = nil
		}
	}()
	ctx, cancel := context.WithTimeout(b.ctx, b.cfg.AnswerTimeout)
	defer cancel()
	return c.Answer(ctx, e.Message)
}

// notice is the "slow down" reply, in the resident's language.
func (b *Inbox) notice(m bot.Message) bot.Reply {
	return floodNotice(b.ctx, m, b.cfg.Localizer, b.cfg.Langs)
}

func (b *Inbox) channel(platform string) (Channel, bool) {
	b.mu.Lock()
	defer b.mu.Unlock()
	c, ok := b.channels[platform]
	return c, ok
}

// deliver shows replies (or hands them to the waiting caller), finishes
// the event in the store and lets the resident's next event run. A form
// refused with field errors is forgotten before the answer is shown, so
// the resident's next try (even with the same values) is new work. An
// event another copy took over while this one worked on it (this copy's
// heartbeat was late) is left to that copy: neither shown nor finished.
func (b *Inbox) deliver(r *resident, j *job, replies []bot.Reply) {
	defer b.done(r)
	e := j.ev
	b.yield()
	if refused(replies) {
		b.finish(e.ID, time.Time{})
	}
	if j.ticket == nil || !j.ticket.hand(replies) {
		if b.show(e, replies) {
			b.log.Warn("inbox: event taken over by another copy while it was answered here; left to that copy", "event", e.ID)
			return
		}
	}
	if !refused(replies) {
		b.finish(e.ID, b.now().Add(b.cfg.Keep))
	}
}

// ErrTakenOver is returned by Showing when another running copy took the
// event over (this copy's heartbeat was late): the adapter must not post,
// since that copy answers it.
var ErrTakenOver = errors.New("inbox: event taken over by another copy")

// showingKey is the context key of an answer's showMark.
type showingKey struct{}

// showMark records, once, that an answer is being shown.
type showMark struct {
	once sync.Once
	mark func() error
	err  error
}

// Showing records that the answer of the event being delivered with ctx
// is being shown. An adapter calls it at the moment of each post, after
// any pacing wait, right before the request goes out, and does not post
// when it returns an error (ErrTakenOver: another copy answers the event);
// only the first call per delivery writes. A copy taking over after a
// crash then knows that some of the answer may have reached the platform:
// it looks there before posting again where the platform allows that, and
// otherwise shows the answer again (twice rather than never). Outside a
// delivery it does nothing and returns nil.
func Showing(ctx context.Context) error {
	m, ok := ctx.Value(showingKey{}).(*showMark)
	if !ok {
		return nil
	}
	m.once.Do(func() { m.err = m.mark() })
	return m.err
}

// markShowing writes that e's answer is being shown (see Showing). It
// returns ErrTakenOver when another copy owns the event now; on other
// errors the answer is shown all the same (twice rather than never).
func (b *Inbox) markShowing(id string) error {
	ctx, cancel := context.WithTimeout(b.ctx, 2*time.Second)
	defer cancel()
	err := b.store.MarkShowing(ctx, id, b.cfg.Owner)
	switch {
	case errors.Is(err, bot.ErrConflict):
		return ErrTakenOver
	case err != nil && !errors.Is(err, bot.ErrNotFound):
		b.log.Warn("inbox: not recorded that an answer is being shown", "event", id, "err", err)
	}
	return nil
}

// finish marks the event answered, remembering its id until keep. When
// the database does not answer, the upkeep tries again (finishLater):
// an answered event left unfinished would be answered again by the copy
// that takes over after this one stops.
func (b *Inbox) finish(id string, keep time.Time) {
	ctx, cancel := context.WithTimeout(b.ctx, 10*time.Second)
	defer cancel()
	// Not held back while events arrive (see hold): until it is marked
	// finished, a shown answer would be shown again by a copy taking over
	// after a crash.
	err := b.store.FinishEvent(ctx, id, keep)
	if err != nil {
		b.log.Warn("inbox: event answered but not marked finished; will try again", "event", id, "err", err)
		b.mu.Lock()
		b.unfinished[id] = keep
		b.mu.Unlock()
	}
}

// finishLater retries the finishes that failed.
func (b *Inbox) finishLater(ctx context.Context) {
	b.mu.Lock()
	left := make(map[string]time.Time, len(b.unfinished))
	for id, keep := range b.unfinished {
		left[id] = keep
	}
	b.mu.Unlock()
	for id, keep := range left {
		if err := b.store.FinishEvent(ctx, id, keep); err != nil {
			return // still down: next time
		}
		b.mu.Lock()
		delete(b.unfinished, id)
		b.mu.Unlock()
	}
}

// show delivers replies through the platform's channel. It reports
// whether the event turned out taken over by another copy (see Showing).
func (b *Inbox) show(e bot.InboxEvent, replies []bot.Reply) (taken bool) {
	c, ok := b.channel(e.Message.Platform)
	if !ok || c.Deliver == nil {
		b.log.Error("inbox: no channel for platform", "platform", e.Message.Platform, "event", e.ID)
		return false
	}
	defer func() {
		if p := recover(); p != nil {
			b.log.Error("inbox: delivery panicked", "event", e.ID, "panic", fmt.Sprint(p))
		}
	}()
	ctx, cancel := context.WithTimeout(b.ctx, b.cfg.DeliverTimeout)
	defer cancel()
	var m *showMark
	if e.Kind == "" && !refused(replies) {
		m = &showMark{mark: func() error { return b.markShowing(e.ID) }}
		ctx = context.WithValue(ctx, showingKey{}, m)
	}
	err := c.Deliver(ctx, e, replies)
	if m != nil && errors.Is(m.err, ErrTakenOver) {
		return true
	}
	if err != nil {
		b.log.Warn("inbox: answer not delivered", "platform", e.Message.Platform, "event", e.ID, "err", err)
	}
	return false
}

// refused reports whether the engine refused a form with field errors.
func refused(replies []bot.Reply) bool {
	for _, r := range replies {
		if len(r.FieldErrors) > 0 {
			return true
		}
	}
	return false
}

// done frees the resident for its next event.
func (b *Inbox) done(r *resident) {
	b.mu.Lock()
	defer b.mu.Unlock()
	r.busy = false
	b.active--
	if len(r.q) > 0 {
		b.ready = append(b.ready, r)
	} else {
		delete(b.residents, r.key)
	}
	b.cond.Broadcast()
}
