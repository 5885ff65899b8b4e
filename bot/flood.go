package bot

import (
	"sync"
	"time"
)

// floodGuard limits how many messages one resident may send per minute
// (a token bucket per author): a resident who floods the bot is told once,
// politely, to slow down, and further messages are dropped until the bucket
// refills. One flood gets one notice: the notice is due again only after the
// bucket has refilled completely (a quiet minute). It keeps state in memory,
// per running copy.
type floodGuard struct {
	perMinute int
	mu        sync.Mutex
	buckets   map[string]*bucket
}

type bucket struct {
	tokens float64
	last   time.Time
	warned bool
}

// maxBuckets bounds the memory the guard uses; idle (full) buckets are
// dropped when it is reached.
const maxBuckets = 50000

func newFloodGuard(perMinute int) *floodGuard {
	return &floodGuard{perMinute: perMinute, buckets: map[string]*bucket{}}
}

// check takes one message from key's bucket at now. It reports ok=false when
// the message must be dropped, and warn=true for the first dropped message
// after the resident was last within the limit.
func (g *floodGuard) check(key string, now time.Time) (ok, warn bool) {
	if g == nil || g.perMinute <= 0 {
		return true, false
	}
	capacity := float64(g.perMinute)
	g.mu.Lock()
	defer g.mu.Unlock()
	b := g.buckets[key]
	if b == nil {
		if len(g.buckets) >= maxBuckets {
			g.dropIdle(now)
		}
		b = &bucket{tokens: capacity, last: now}
		g.buckets[key] = b
	}
	if d := now.Sub(b.last); d > 0 {
		b.tokens = min(capacity, b.tokens+d.Minutes()*capacity)
		b.last = now
	}
	if b.tokens >= capacity {
		b.warned = false // quiet long enough: the flood is over
	}
	if b.tokens >= 1 {
		b.tokens--
		return true, false
	}
	warn = !b.warned
	b.warned = true
	return false, warn
}

// dropIdle forgets buckets that have refilled completely.
func (g *floodGuard) dropIdle(now time.Time) {
	for k, b := range g.buckets {
		if now.Sub(b.last) >= time.Minute {
			delete(g.buckets, k)
		}
	}
}

// FloodGuard limits how many messages one resident may send per minute; the
// inbox applies it when an event arrives, before anything is queued. It is
// safe for concurrent use.
type FloodGuard struct{ g *floodGuard }

// NewFloodGuard returns a guard allowing perMinute messages per resident
// per minute; 0 or less means no limit.
func NewFloodGuard(perMinute int) *FloodGuard { return &FloodGuard{g: newFloodGuard(perMinute)} }

// Check takes one message from key's allowance at now. ok=false means the
// message is to be dropped; warn=true marks the first dropped message of a
// flood, which is answered with the "slow down" notice (id "flood.slow_down").
func (f *FloodGuard) Check(key string, now time.Time) (ok, warn bool) {
	if f == nil {
		return true, false
	}
	return f.g.check(key, now)
}
