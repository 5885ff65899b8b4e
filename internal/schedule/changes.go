package schedule

import (
	"context"
	"time"
)

// ChangeMarker is an optional extension of the Store: a shared counter that
// running copies bump when they change something reminders depend on, and
// poll (an _id lookup) to learn that another copy did. *mongodb.Store has
// it; without it, changes are acted on at once only by the copy that made
// them (others find them at their next sweep).
type ChangeMarker interface {
	// BumpMarker adds one to counter id and returns its new value.
	BumpMarker(ctx context.Context, id string) (int64, error)
	// Marker returns counter id's value (0 when never bumped).
	Marker(ctx context.Context, id string) (int64, error)
}

// remindersMarker is the ChangeMarker id of changes that may make reminders due.
const remindersMarker = "reminders"

// DefaultChangePoll is how often a running Scheduler looks for changes made
// by other copies (the shared marker) and for a reloaded catalogue.
const DefaultChangePoll = 2 * time.Second

// Changed tells the scheduler that something reminders depend on changed
// here (a start date moved, a channel subscribed): a running Scheduler
// bumps the shared marker, so every other copy looks too, and runs its
// reminders at once, off the caller's goroutine. The claims keep every
// reminder to one post however many copies look. On a Scheduler that is not
// running (a command-line tool), it only bumps the marker, before returning.
// Errors are logged, not returned: the periodic sweep is the fallback.
func (s *Scheduler) Changed(ctx context.Context) {
	s.mu.Lock()
	running := s.cron != nil
	s.mu.Unlock()
	if running {
		select {
		case s.changes <- struct{}{}:
		default: // a run is already pending; it will see this change too
		}
		return
	}
	s.bumpMarker(ctx)
}

// bumpMarker bumps the shared marker, if the store has one, and returns its
// new value (0 when there is none or it failed).
func (s *Scheduler) bumpMarker(ctx context.Context) int64 {
	cm, ok := s.cfg.Store.(ChangeMarker)
	if !ok {
		return 0
	}
	n, err := cm.BumpMarker(ctx, remindersMarker)
	if err != nil {
		s.cfg.Metrics.StoreError("bump_marker")
		s.log.Warn("schedule: tell other copies of a change", "err", err)
		return 0
	}
	return n
}

// watchChanges runs reminders when this copy reports a change (Changed),
// and, every ChangePoll, when the shared marker moved (another copy's
// change) or the catalogue was reloaded, until quit is closed or ctx ends.
func (s *Scheduler) watchChanges(ctx context.Context, quit <-chan struct{}) {
	cm, _ := s.cfg.Store.(ChangeMarker)
	var seen int64
	if cm != nil {
		seen, _ = cm.Marker(ctx, remindersMarker)
	}
	cat := s.cfg.Catalog.Catalog()
	var poll <-chan time.Time
	if s.cfg.ChangePoll > 0 {
		tick := time.NewTicker(s.cfg.ChangePoll)
		defer tick.Stop()
		poll = tick.C
	}
	for {
		select {
		case <-ctx.Done():
			return
		case <-quit:
			return
		case <-s.changes:
			if n := s.bumpMarker(ctx); n > 0 {
				seen = n // this copy runs now; no need to look again for its own bump
			}
			s.reminderJob(ctx, "change")
		case <-poll:
			why := ""
			if c := s.cfg.Catalog.Catalog(); c != cat {
				cat, why = c, "catalogue reloaded"
			}
			if cm != nil {
				n, err := cm.Marker(ctx, remindersMarker)
				if err != nil {
					s.cfg.Metrics.StoreError("marker")
				} else if n != seen {
					seen, why = n, "changed elsewhere"
					if s.cfg.ChangedElsewhere != nil {
						s.cfg.ChangedElsewhere(ctx)
					}
				}
			}
			if why != "" {
				s.reminderJob(ctx, why)
			}
		}
	}
}
