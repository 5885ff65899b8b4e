package bot

import (
	"context"
	"time"
)

// overlay is the catalogue with the staff start-date overrides applied,
// as of a moment.
type overlay struct {
	base   *Catalog
	starts map[string]Date
	cat    *Catalog
	at     time.Time
}

func newOverlay(base *Catalog, starts map[string]Date, at time.Time) *overlay {
	o := &overlay{base: base, starts: starts, cat: base, at: at}
	if len(starts) > 0 {
		o.cat = base.WithStarts(starts)
	}
	return o
}

// startsTTL is how long start-date overrides are trusted before re-reading
// them, so a date moved on another running copy takes effect soon.
const startsTTL = 30 * time.Second

// catalog returns the catalogue with staff start-date overrides applied. It
// never waits on the store except on the very first call: stale overrides
// are refreshed in the background by one goroutine while readers keep using
// the last ones (no lock on the answer path).
func (e *Engine) catalog() *Catalog {
	base := e.cfg.Catalog.Catalog()
	now := e.cfg.Now()
	o := e.cur.Load()
	if o == nil { // the first call: read the overrides once, others wait for it
		e.refreshing.Lock()
		if o = e.cur.Load(); o == nil {
			e.refreshStarts(base, nil)
			o = e.cur.Load()
		}
		e.refreshing.Unlock()
	} else if now.Sub(o.at) > startsTTL || now.Before(o.at) {
		if e.refreshing.TryLock() {
			go func() {
				defer e.refreshing.Unlock()
				e.refreshStarts(base, o)
			}()
		}
	}
	if o.base != base { // the catalogue file was reloaded
		o = newOverlay(base, o.starts, o.at)
		e.cur.Store(o)
	}
	return o.cat
}

// refreshStarts re-reads the overrides; on a store error it keeps old's.
// It replaces old only: a date this copy set meanwhile (setStart) is newer
// than what was read before it was saved, and stays.
func (e *Engine) refreshStarts(base *Catalog, old *overlay) {
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Second)
	defer cancel()
	starts, err := e.cfg.Store.PlanStarts(ctx)
	if err != nil {
		e.storeErr("plan_starts", err)
		if old != nil {
			starts = old.starts
		}
	}
	e.cur.CompareAndSwap(old, newOverlay(base, starts, e.cfg.Now()))
}

// ReloadStarts re-reads the staff start-date overrides now, for a change
// made by another running copy (see schedule.Config.ChangedElsewhere);
// otherwise they are re-read startsTTL after the last read.
func (e *Engine) ReloadStarts() {
	e.refreshing.Lock()
	defer e.refreshing.Unlock()
	e.refreshStarts(e.cfg.Catalog.Catalog(), e.cur.Load())
}

// setStart applies a start date this copy just stored, at once.
func (e *Engine) setStart(plan string, d Date) {
	for {
		o := e.cur.Load()
		base := e.cfg.Catalog.Catalog()
		starts := map[string]Date{plan: d}
		at := time.Time{}
		if o != nil {
			for k, v := range o.starts {
				if k != plan {
					starts[k] = v
				}
			}
			at = o.at
		}
		if e.cur.CompareAndSwap(o, newOverlay(base, starts, at)) {
			return // else another date or a refresh came in between: apply to that
		}
	}
}
