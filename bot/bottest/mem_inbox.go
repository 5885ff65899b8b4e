package bottest

import (
	"context"
	"fmt"
	"maps"
	"slices"
	"sync"
	"time"

	"github.com/askerkommune/temaplanbot/bot"
)

// MemInbox is an in-memory bot.InboxStore for tests. It is safe for
// concurrent use. Like a real store it keeps copies, never the caller's values.
type MemInbox struct {
	mu     sync.Mutex
	down   bool
	events map[string]bot.InboxEvent // unfinished
	done   map[string]time.Time      // finished ids, remembered until
	takes  map[string]string         // (id, from) take-overs -> the taker
	owners map[string]time.Time
}

var _ bot.InboxStore = (*MemInbox)(nil)

// NewMemInbox returns an empty in-memory inbox store.
func NewMemInbox() *MemInbox {
	return &MemInbox{events: map[string]bot.InboxEvent{}, done: map[string]time.Time{},
		takes: map[string]string{}, owners: map[string]time.Time{}}
}

// SetDown makes every later call fail with bot.ErrUnavailable (or work again).
func (m *MemInbox) SetDown(down bool) {
	m.mu.Lock()
	defer m.mu.Unlock()
	m.down = down
}

func (m *MemInbox) lock(op string) error {
	m.mu.Lock()
	if m.down {
		m.mu.Unlock()
		return fmt.Errorf("bottest: %s: %w", op, bot.ErrUnavailable)
	}
	return nil
}

func cloneEvent(e bot.InboxEvent) bot.InboxEvent {
	e.Route = maps.Clone(e.Route)
	e.Replies = slices.Clone(e.Replies)
	e.Received = ms(e.Received)
	if e.Message.Action != nil {
		a := *e.Message.Action
		a.Fields = maps.Clone(a.Fields)
		e.Message.Action = &a
	}
	return e
}

// AddEvent implements bot.InboxStore.
func (m *MemInbox) AddEvent(_ context.Context, e bot.InboxEvent) error {
	if e.ID == "" || e.Owner == "" || e.Resident == "" {
		return fmt.Errorf("bottest: add event: id, owner and resident are required: %w", bot.ErrInvalid)
	}
	if err := m.lock("add event"); err != nil {
		return err
	}
	defer m.mu.Unlock()
	_, live := m.events[e.ID]
	_, done := m.done[e.ID]
	if live || done {
		return fmt.Errorf("bottest: add event %q: %w", e.ID, bot.ErrConflict)
	}
	m.events[e.ID] = cloneEvent(e)
	return nil
}

// SaveAnswer implements bot.InboxStore.
func (m *MemInbox) SaveAnswer(_ context.Context, id string, replies []bot.Reply) error {
	return m.update("save answer", id, func(e *bot.InboxEvent) { e.Replies, e.Answered = slices.Clone(replies), true })
}

// MarkAcked implements bot.InboxStore.
func (m *MemInbox) MarkAcked(_ context.Context, id string) error {
	return m.update("mark acked", id, func(e *bot.InboxEvent) { e.Acked = true })
}

// MarkShowing implements bot.InboxStore.
func (m *MemInbox) MarkShowing(_ context.Context, id, owner string) error {
	if err := m.lock("mark showing"); err != nil {
		return err
	}
	defer m.mu.Unlock()
	e, ok := m.events[id]
	_, done := m.done[id]
	switch {
	case done:
		return fmt.Errorf("bottest: mark showing %q: answered already: %w", id, bot.ErrConflict)
	case !ok:
		return fmt.Errorf("bottest: mark showing %q: %w", id, bot.ErrNotFound)
	case e.Owner != owner:
		return fmt.Errorf("bottest: mark showing %q: taken over by another copy: %w", id, bot.ErrConflict)
	}
	e.Showing = true
	m.events[id] = e
	return nil
}

// Event implements bot.InboxStore.
func (m *MemInbox) Event(_ context.Context, id string) (bot.InboxEvent, error) {
	if err := m.lock("event"); err != nil {
		return bot.InboxEvent{}, err
	}
	defer m.mu.Unlock()
	e, ok := m.events[id]
	if !ok {
		return bot.InboxEvent{}, fmt.Errorf("bottest: event %q: %w", id, bot.ErrNotFound)
	}
	return cloneEvent(e), nil
}

// update applies set to the unfinished event id (op names it in errors).
func (m *MemInbox) update(op, id string, set func(*bot.InboxEvent)) error {
	if err := m.lock(op); err != nil {
		return err
	}
	defer m.mu.Unlock()
	e, ok := m.events[id]
	if !ok {
		return fmt.Errorf("bottest: %s %q: %w", op, id, bot.ErrNotFound)
	}
	set(&e)
	m.events[id] = e
	return nil
}

// FinishEvent implements bot.InboxStore.
func (m *MemInbox) FinishEvent(_ context.Context, id string, keepUntil time.Time) error {
	if err := m.lock("finish event"); err != nil {
		return err
	}
	defer m.mu.Unlock()
	delete(m.events, id)
	if keepUntil.IsZero() {
		delete(m.done, id)
	} else {
		m.done[id] = ms(keepUntil)
	}
	return nil
}

// EventsOf implements bot.InboxStore.
func (m *MemInbox) EventsOf(_ context.Context, owner string, limit int) ([]bot.InboxEvent, error) {
	if err := m.lock("events of"); err != nil {
		return nil, err
	}
	defer m.mu.Unlock()
	var out []bot.InboxEvent
	for _, e := range m.events {
		if e.Owner == owner {
			out = append(out, cloneEvent(e))
		}
	}
	slices.SortFunc(out, func(a, b bot.InboxEvent) int {
		if c := a.Received.Compare(b.Received); c != 0 {
			return c
		}
		return compareStrings(a.ID, b.ID)
	})
	if limit > 0 && len(out) > limit {
		out = out[:limit]
	}
	return out, nil
}

func compareStrings(a, b string) int {
	switch {
	case a < b:
		return -1
	case a > b:
		return 1
	}
	return 0
}

// TakeEvent implements bot.InboxStore.
func (m *MemInbox) TakeEvent(_ context.Context, id, from, to string) (bot.InboxEvent, error) {
	if err := m.lock("take event"); err != nil {
		return bot.InboxEvent{}, err
	}
	defer m.mu.Unlock()
	e, ok := m.events[id]
	if !ok {
		return bot.InboxEvent{}, fmt.Errorf("bottest: take event %q: %w", id, bot.ErrNotFound)
	}
	taker, claimed := m.takes[id+"\x00"+from]
	switch {
	case claimed && taker == to: // the taker again: its earlier call landed
	case e.Owner != from || claimed:
		return bot.InboxEvent{}, fmt.Errorf("bottest: take event %q from %q: %w", id, from, bot.ErrConflict)
	}
	m.takes[id+"\x00"+from] = to
	e.Owner = to
	m.events[id] = e
	return cloneEvent(e), nil
}

// Heartbeat implements bot.InboxStore.
func (m *MemInbox) Heartbeat(_ context.Context, owner string, until time.Time) error {
	if err := m.lock("heartbeat"); err != nil {
		return err
	}
	defer m.mu.Unlock()
	m.owners[owner] = ms(until)
	return nil
}

// Owners implements bot.InboxStore.
func (m *MemInbox) Owners(context.Context) (map[string]time.Time, error) {
	if err := m.lock("owners"); err != nil {
		return nil, err
	}
	defer m.mu.Unlock()
	return maps.Clone(m.owners), nil
}

// DropOwner implements bot.InboxStore.
func (m *MemInbox) DropOwner(_ context.Context, owner string) error {
	if err := m.lock("drop owner"); err != nil {
		return err
	}
	defer m.mu.Unlock()
	delete(m.owners, owner)
	return nil
}

// DeleteExpiredInbox implements bot.InboxStore.
func (m *MemInbox) DeleteExpiredInbox(_ context.Context, now time.Time) (int, error) {
	if err := m.lock("delete expired inbox"); err != nil {
		return 0, err
	}
	defer m.mu.Unlock()
	n := 0
	for id, until := range m.done {
		if until.Before(now) {
			delete(m.done, id)
			n++
		}
	}
	return n, nil
}
