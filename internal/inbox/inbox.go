// Package inbox is temaplanbot's durable intake: every platform event a
// resident sends is stored (bot.InboxStore) before the platform is told it
// was received, one pool of workers shared by every platform answers the
// stored events, and a running copy takes over the unfinished events of a
// copy that died. De-duplication happens here, once: an event whose id was
// stored before is not taken again, and a key is kept only for work that
// was done (a request dropped unanswered is new work when it comes again).
//
// Scheduling is fair per resident: each resident (platform:user) has a
// queue, served one event at a time; residents with work are served
// round-robin, so a flood waits behind itself, never in front of others.
// The flood limit applies when an event arrives, and a flood gets one
// "slow down" notice. Workers only ask the engine; delivering an answer
// (which may wait for a channel's posting pace) runs beside them, so a
// slow channel never holds a worker another resident needs.
//
// Acknowledgements never wait near the platforms' 3 seconds: arriving
// events share one insert per group (the store batches them, so a burst
// costs a few fsyncs, not one each), and when the durable write has not
// finished within Config.AckBudget (1 s) the platform is told the event
// arrived anyway; the event is held in memory, answered once its write
// lands (or from memory if it fails) and counted. A slow disk so costs
// durability for a moment (a crash in that moment loses the event),
// never the platform's deadline.
//
// A record says only what happened: "being shown" is written at the
// moment of the post (Showing, after any pacing wait), so a copy taking
// over knows an answer may be partly on the platform; the adapter then
// checks the platform before posting again where it can, and otherwise
// shows it again: twice rather than never.
package inbox

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"errors"
	"fmt"
	"log/slog"
	"sync"
	"sync/atomic"
	"time"

	"github.com/askerkommune/temaplanbot/bot"
	"github.com/askerkommune/temaplanbot/internal/metrics"
)

// Errors Accept returns.
var (
	// ErrDuplicate: an event with this id was accepted before (a retry or
	// a replay); it is being answered or was answered.
	ErrDuplicate = fmt.Errorf("inbox: event accepted before: %w", bot.ErrConflict)
	// ErrFlood: the resident is over the flood limit and was told so
	// already; the event is dropped.
	ErrFlood = errors.New("inbox: resident over the flood limit; event dropped")
	// ErrStopped: the inbox is shutting down; the platform should retry.
	ErrStopped = fmt.Errorf("inbox: shutting down: %w", bot.ErrUnavailable)
)

// Defaults of the optional Config fields.
const (
	DefaultWorkers = 8
	DefaultLease   = 15 * time.Second
	DefaultKeep    = 24 * time.Hour
	// DefaultAckBudget is how long an acknowledgement waits for the
	// durable write of its event (see Config.AckBudget).
	DefaultAckBudget = time.Second
)

// Channel is what a platform adapter gives the inbox for its events.
type Channel struct {
	// Answer asks the engine about m (the adapter completes m first, e.g.
	// with the user's locale). It runs on an engine worker.
	Answer func(ctx context.Context, m bot.Message) []bot.Reply
	// Deliver shows replies for e (for a Kind other than "", it does that
	// kind's work; replies are nil). It runs beside the workers and may
	// wait, e.g. for a channel's posting pace; it calls Showing(ctx) at
	// the moment of each post. An error is logged; the event counts as
	// answered either way (a retry could post twice). When e.Showing is
	// set, a stopped copy was posting this answer: Deliver checks the
	// platform for parts already shown where the platform allows it, and
	// shows the rest (all of it where it cannot check).
	Deliver func(ctx context.Context, e bot.InboxEvent, replies []bot.Reply) error
	// Acknowledged, when set, is asked before an event taken over from a
	// stopped copy is answered: false means the platform never got the
	// acknowledgement (the copy stopped between storing and answering the
	// request), and the event is dropped rather than answered unasked.
	Acknowledged func(ctx context.Context, e bot.InboxEvent) bool
	// Retries says the platform sends an event again when it was told the
	// event was not taken (Slack). Then a retry of an event whose write
	// failed but landed is taken; otherwise (Discord: an interaction's
	// first response is final) such a write is only cleaned up.
	Retries bool
}

// Config configures an Inbox. Store is required.
type Config struct {
	Store bot.InboxStore
	// Localizer and Langs give the flood notice; with a nil Localizer
	// the notice is the message id. Langs (optional, e.g. the engine)
	// picks the resident's language.
	Localizer bot.Localizer
	Langs     bot.LangChooser
	// Workers is how many engine calls run at once (default DefaultWorkers).
	Workers int
	// FloodPerMinute is how many events one resident may send per minute;
	// 0 means no limit.
	FloodPerMinute int
	// Lease is how long a heartbeat is valid: the events of a copy silent
	// for longer are taken over (default DefaultLease).
	Lease time.Duration
	// Keep is how long the ids of answered events are remembered, so
	// retries are recognised (default DefaultKeep).
	Keep time.Duration
	// AckBudget is how long Accept waits for the durable write of an
	// event (default DefaultAckBudget). A write that takes longer goes on
	// in the background and Accept returns nil: the platform is told the
	// event arrived, which keeps the acknowledgement well inside the
	// platforms' 3 s on a slow disk, and the event is held in memory until
	// its write lands (then it is answered as usual). Only a crash in that
	// moment loses it. Each such event is counted
	// (temaplanbot_acks_before_durable_total).
	AckBudget time.Duration
	// AcceptTimeout bounds the durable write of an arriving event
	// (default 10 s); one that fails after the acknowledgement is answered
	// from memory all the same.
	AcceptTimeout time.Duration
	// Metrics counts the acknowledgements given before the durable write
	// (nil: not counted).
	Metrics *metrics.Metrics
	// AnswerTimeout bounds one engine call, DeliverTimeout one delivery
	// (defaults 1 and 10 minutes).
	AnswerTimeout  time.Duration
	DeliverTimeout time.Duration
	// Owner names this running copy (default: random).
	Owner  string
	Logger *slog.Logger
	Now    func() time.Time
}

// Inbox accepts events durably and answers them. It is safe for
// concurrent use. Create it with New; call Start to take part in
// take-overs between running copies, Shutdown to stop.
type Inbox struct {
	cfg      Config
	store    bot.InboxStore
	log      *slog.Logger
	now      func() time.Time
	flood    *bot.FloodGuard
	ctx      context.Context // given to engine calls and deliveries; cancelled when Shutdown gives up
	cancel   context.CancelFunc
	workers  sync.WaitGroup
	upkeep   sync.WaitGroup
	stopBeat context.CancelFunc

	mu          sync.Mutex
	cond        *sync.Cond
	channels    map[string]Channel
	residents   map[string]*resident
	unsure      map[string]bot.InboxEvent // adds that failed, maybe written (addUnsure)
	unsureTakes map[string]string         // take-overs that failed, maybe landed: event id -> from
	unfinished  map[string]time.Time      // answered events whose finish failed, with their keep time
	ready       []*resident               // residents with queued work and none running, served in order
	pending     int                       // queued events
	held        int                       // acknowledged events whose durable write is still running
	active      int                       // events being answered or delivered
	stopping    bool                      // Shutdown began: Accept refuses
	accepting   atomic.Int64              // durable writes of arriving events in progress (see yield)
	lane        chan struct{}             // the one worker answering during a burst (see hold)
	closed      bool                      // workers exit
}

// New checks cfg and returns an Inbox with its workers started. It
// returns an error wrapping bot.ErrInvalid without a Store.
func New(cfg Config) (*Inbox, error) {
	if cfg.Store == nil {
		return nil, fmt.Errorf("inbox: config: no store: %w", bot.ErrInvalid)
	}
	if cfg.Workers <= 0 {
		cfg.Workers = DefaultWorkers
	}
	if cfg.Lease <= 0 {
		cfg.Lease = DefaultLease
	}
	if cfg.Keep <= 0 {
		cfg.Keep = DefaultKeep
	}
	if cfg.AcceptTimeout <= 0 {
		cfg.AcceptTimeout = 10 * time.Second
	}
	if cfg.AckBudget <= 0 {
		cfg.AckBudget = DefaultAckBudget
	}
	if cfg.AnswerTimeout <= 0 {
		cfg.AnswerTimeout = time.Minute
	}
	if cfg.DeliverTimeout <= 0 {
		cfg.DeliverTimeout = 10 * time.Minute
	}
	if cfg.Owner == "" {
		cfg.Owner = randomID()
	}
	if cfg.Logger == nil {
		cfg.Logger = slog.New(slog.DiscardHandler)
	}
	if cfg.Now == nil {
		cfg.Now = time.Now
	}
	b := &Inbox{cfg: cfg, store: cfg.Store, log: cfg.Logger, now: cfg.Now, flood: bot.NewFloodGuard(cfg.FloodPerMinute),
		channels: map[string]Channel{}, residents: map[string]*resident{}, unsure: map[string]bot.InboxEvent{},
		unsureTakes: map[string]string{}, unfinished: map[string]time.Time{}, lane: make(chan struct{}, 1)}
	b.cond = sync.NewCond(&b.mu)
	b.ctx, b.cancel = context.WithCancel(context.Background())
	for range cfg.Workers {
		b.workers.Go(b.work)
	}
	return b, nil
}

func randomID() string {
	var b [8]byte
	_, _ = rand.Read(b[:])
	return hex.EncodeToString(b[:])
}

// Owner is this running copy's name in the store.
func (b *Inbox) Owner() string { return b.cfg.Owner }

// Register sets the channel that answers platform's events. Register
// every platform before events arrive (or are taken over) for it.
func (b *Inbox) Register(platform string, c Channel) {
	b.mu.Lock()
	defer b.mu.Unlock()
	b.channels[platform] = c
}

// Depth is the number of accepted events not yet answered.
func (b *Inbox) Depth() int {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.pending + b.active + b.held
}

// Busy reports whether other work is ahead of a new event: accepted
// events waiting for a worker (not counting events that wait only behind
// their own resident's earlier one), or arriving events being written
// (workers hold back for those, see yield). A caller that would wait for
// an answer should then acknowledge at once instead.
func (b *Inbox) Busy() bool { return b.busyBesides("") }

// busyBesides is Busy not counting resident's own queued events.
func (b *Inbox) busyBesides(resident string) bool {
	if b.accepting.Load() > 0 {
		return true
	}
	b.mu.Lock()
	defer b.mu.Unlock()
	for _, r := range b.ready {
		if r.key != resident {
			return true
		}
	}
	return false
}

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
	written := make(chan error, 1)
	b.accepting.Add(1)
	b.mu.Lock()
	b.held++
	b.mu.Unlock()
	go func() {
		actx, cancel := context.WithTimeout(context.WithoutCancel(ctx), b.cfg.AcceptTimeout)
		defer cancel()
		written <- b.add(actx, e, t)
		b.accepting.Add(-1)
	}()
	budget := time.NewTimer(b.cfg.AckBudget)
	defer budget.Stop()
	select {
	case err := <-written:
		defer b.unhold()
		return b.added(e, t, err)
	case <-budget.C:
	}
	// The disk is slow: acknowledge now, hold the event until it is written.
	b.cfg.Metrics.AckedBeforeDurable(e.Message.Platform)
	b.log.Warn("inbox: acknowledged before the durable write finished", "event", e.ID, "budget", b.cfg.AckBudget)
	if t != nil {
		t.held.Store(true)
	}
	go func() {
		defer b.unhold()
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
func (b *Inbox) unhold() {
	b.mu.Lock()
	b.held--
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
