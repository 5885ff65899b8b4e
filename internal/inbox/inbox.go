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
	held        int                       // arriving events whose write is not settled yet (queued or dropped after it)
	arriving    map[string]bool           // their ids: the same id again meanwhile is a duplicate
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
		unsureTakes: map[string]string{}, unfinished: map[string]time.Time{}, arriving: map[string]bool{}, lane: make(chan struct{}, 1)}
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
