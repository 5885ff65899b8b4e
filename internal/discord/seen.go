package discord

import (
	"sync"
	"time"
)

// seenSet remembers ids for a while so a replayed interaction is answered
// once. Discord signs each interaction with a timestamp and the handler
// rejects timestamps more than five minutes off, so remembering ids for ten
// minutes covers every replay this process could accept; across running
// copies the engine's persisted event ids (Message.EventID) take over.
type seenSet struct {
	mu    sync.Mutex
	now   func() time.Time
	ttl   time.Duration
	ids   map[string]time.Time
	added int
}

func newSeenSet(now func() time.Time, ttl time.Duration) *seenSet {
	return &seenSet{now: now, ttl: ttl, ids: map[string]time.Time{}}
}

// first records id and reports whether it was not seen within the ttl.
func (s *seenSet) first(id string) bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	now := s.now()
	if t, ok := s.ids[id]; ok && now.Sub(t) < s.ttl {
		return false
	}
	s.ids[id] = now
	s.added++
	if s.added >= 1024 {
		s.added = 0
		for k, t := range s.ids {
			if now.Sub(t) >= s.ttl {
				delete(s.ids, k)
			}
		}
	}
	return true
}

// forget removes id (the interaction was not answered after all).
func (s *seenSet) forget(id string) {
	s.mu.Lock()
	delete(s.ids, id)
	s.mu.Unlock()
}
