package slack

import (
	"context"
	"errors"
	"log/slog"
	"sync"
	"time"
)

// errBusy is returned when no worker could take a job in time.
var errBusy = errors.New("slack: all workers busy")

// errStopped is returned for jobs offered after Shutdown.
var errStopped = errors.New("slack: shutting down")

// pool runs background jobs on a fixed number of workers with a bounded queue.
type pool struct {
	jobs    chan func(context.Context)
	ctx     context.Context // given to jobs; cancelled when shutdown gives up
	cancel  context.CancelFunc
	workers sync.WaitGroup
	log     *slog.Logger

	mu     sync.RWMutex
	closed bool
}

func newPool(workers, queue int, log *slog.Logger) *pool {
	ctx, cancel := context.WithCancel(context.Background())
	p := &pool{jobs: make(chan func(context.Context), queue), ctx: ctx, cancel: cancel, log: log}
	for range workers {
		p.workers.Go(p.work)
	}
	return p
}

func (p *pool) work() {
	for job := range p.jobs {
		p.run(job)
	}
}

func (p *pool) run(job func(context.Context)) {
	defer func() {
		if r := recover(); r != nil {
			p.log.Error("background job panicked", "panic", r)
		}
	}()
	job(p.ctx)
}

// submit queues job, waiting up to wait for room. It returns errBusy when the
// queue stayed full and errStopped after shutdown.
func (p *pool) submit(job func(context.Context), wait time.Duration) error {
	p.mu.RLock()
	defer p.mu.RUnlock()
	if p.closed {
		return errStopped
	}
	select {
	case p.jobs <- job:
		return nil
	default:
	}
	t := time.NewTimer(wait)
	defer t.Stop()
	select {
	case p.jobs <- job:
		return nil
	case <-t.C:
		return errBusy
	}
}

// shutdown refuses new jobs and waits for the queued and running ones. When
// ctx ends first it cancels the jobs' context and returns ctx's error.
func (p *pool) shutdown(ctx context.Context) error {
	p.mu.Lock()
	if !p.closed {
		p.closed = true
		close(p.jobs)
	}
	p.mu.Unlock()
	done := make(chan struct{})
	go func() { p.workers.Wait(); close(done) }()
	select {
	case <-done:
		p.cancel()
		return nil
	case <-ctx.Done():
		p.cancel()
		return ctx.Err()
	}
}

// seenCache remembers recent event ids so duplicates are dropped in-process
// before any work; the engine's persisted check covers other running copies.
type seenCache struct {
	mu    sync.Mutex
	ttl   time.Duration
	max   int
	at    map[string]time.Time
	order []seenEntry // insertion order, oldest first
}

type seenEntry struct {
	id string
	at time.Time
}

func newSeenCache(max int, ttl time.Duration) *seenCache {
	return &seenCache{ttl: ttl, max: max, at: map[string]time.Time{}}
}

// add records id at now and reports whether it was new (or had expired).
func (c *seenCache) add(id string, now time.Time) bool {
	c.mu.Lock()
	defer c.mu.Unlock()
	if t, ok := c.at[id]; ok && now.Sub(t) < c.ttl {
		return false
	}
	c.order = append(c.order, seenEntry{id, now})
	c.at[id] = now
	for len(c.order) > c.max {
		old := c.order[0]
		if t, ok := c.at[old.id]; ok && t.Equal(old.at) {
			delete(c.at, old.id)
		}
		c.order = c.order[1:]
	}
	if cap(c.order) > 4*c.max { // let the backing array shrink now and then
		c.order = append([]seenEntry(nil), c.order...)
	}
	return true
}

// forget removes id, so a redelivery is processed (used when a job could not be queued).
func (c *seenCache) forget(id string) {
	c.mu.Lock()
	defer c.mu.Unlock()
	delete(c.at, id) // its entry in order is skipped when evicted
}
