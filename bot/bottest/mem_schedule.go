package bottest

import (
	"cmp"
	"context"
	"fmt"
	"slices"
	"time"

	"github.com/askerkommune/temaplanbot/bot"
)

func validKind(kind string) bool { return kind == bot.SubReminders || kind == bot.SubDigest }

// Subscribe implements bot.ScheduleStore. Kind must be bot.SubReminders or
// bot.SubDigest and the target needs a platform and channel (bot.ErrInvalid).
func (m *Mem) Subscribe(ctx context.Context, s bot.Subscription) error {
	if !validKind(s.Kind) || s.Target.Platform == "" || s.Target.Channel == "" {
		return fmt.Errorf("bottest: subscribe: kind and target are required: %w", bot.ErrInvalid)
	}
	if err := m.lock("subscribe"); err != nil {
		return err
	}
	defer m.mu.Unlock()
	if s.Created.IsZero() {
		s.Created = m.now()
	}
	s.Created = ms(s.Created)
	m.subscr[subKey{s.Kind, s.Target}] = s
	return nil
}

// Unsubscribe implements bot.ScheduleStore.
func (m *Mem) Unsubscribe(ctx context.Context, kind string, t bot.Target) error {
	if err := m.lock("unsubscribe"); err != nil {
		return err
	}
	defer m.mu.Unlock()
	k := subKey{kind, t}
	if _, ok := m.subscr[k]; !ok {
		return fmt.Errorf("bottest: unsubscribe %s: %w", kind, bot.ErrNotFound)
	}
	delete(m.subscr, k)
	return nil
}

// Subscriptions implements bot.ScheduleStore, ordered by Created, then
// platform, workspace and channel.
func (m *Mem) Subscriptions(ctx context.Context, kind string) ([]bot.Subscription, error) {
	if err := m.lock("subscriptions"); err != nil {
		return nil, err
	}
	defer m.mu.Unlock()
	var out []bot.Subscription
	for k, s := range m.subscr {
		if k.kind == kind {
			out = append(out, s)
		}
	}
	slices.SortFunc(out, func(a, b bot.Subscription) int {
		return cmp.Or(a.Created.Compare(b.Created), cmp.Compare(a.Target.Platform, b.Target.Platform),
			cmp.Compare(a.Target.Workspace, b.Target.Workspace), cmp.Compare(a.Target.Channel, b.Target.Channel))
	})
	return out, nil
}

// ClaimAnnouncement implements bot.ScheduleStore. An empty State means
// bot.AnnClaimed; zero Claimed means now; zero Updated means Claimed.
func (m *Mem) ClaimAnnouncement(ctx context.Context, a bot.Announcement) (bool, error) {
	if a.ID == "" {
		return false, fmt.Errorf("bottest: claim announcement: id is required: %w", bot.ErrInvalid)
	}
	if err := m.lock("claim announcement"); err != nil {
		return false, err
	}
	defer m.mu.Unlock()
	if _, ok := m.anns[a.ID]; ok {
		return false, nil
	}
	if a.State == "" {
		a.State = bot.AnnClaimed
	}
	if a.Claimed.IsZero() {
		a.Claimed = m.now()
	}
	if a.Updated.IsZero() {
		a.Updated = a.Claimed
	}
	a.Claimed, a.Updated = ms(a.Claimed), ms(a.Updated)
	m.anns[a.ID] = a
	return true, nil
}

// UpdateAnnouncement implements bot.ScheduleStore; bot.ErrNotFound for an
// unknown id.
func (m *Mem) UpdateAnnouncement(ctx context.Context, id, state, messageID string, at time.Time) error {
	if err := m.lock("update announcement"); err != nil {
		return err
	}
	defer m.mu.Unlock()
	a, ok := m.anns[id]
	if !ok {
		return fmt.Errorf("bottest: update announcement %q: %w", id, bot.ErrNotFound)
	}
	a.State, a.MessageID, a.Updated = state, messageID, ms(at)
	m.anns[id] = a
	return nil
}

// Announcements implements bot.ScheduleStore: state "" means any state;
// ordered by Updated, then ID.
func (m *Mem) Announcements(ctx context.Context, state string, since time.Time) ([]bot.Announcement, error) {
	if err := m.lock("announcements"); err != nil {
		return nil, err
	}
	defer m.mu.Unlock()
	var out []bot.Announcement
	for _, a := range m.anns {
		if (state == "" || a.State == state) && a.Updated.After(since) {
			out = append(out, a)
		}
	}
	slices.SortFunc(out, func(a, b bot.Announcement) int {
		return cmp.Or(a.Updated.Compare(b.Updated), cmp.Compare(a.ID, b.ID))
	})
	return out, nil
}

// MarkReported implements bot.ScheduleStore; unknown ids are ignored.
func (m *Mem) MarkReported(ctx context.Context, ids []string) error {
	if err := m.lock("mark reported"); err != nil {
		return err
	}
	defer m.mu.Unlock()
	for _, id := range ids {
		if a, ok := m.anns[id]; ok {
			a.Reported = true
			m.anns[id] = a
		}
	}
	return nil
}

// DigestMark implements bot.ScheduleStore.
func (m *Mem) DigestMark(ctx context.Context, t bot.Target) (bot.DigestMark, error) {
	if err := m.lock("digest mark"); err != nil {
		return bot.DigestMark{}, err
	}
	defer m.mu.Unlock()
	d, ok := m.marks[t]
	if !ok {
		return bot.DigestMark{}, fmt.Errorf("bottest: digest mark: %w", bot.ErrNotFound)
	}
	return d, nil
}

// AdvanceDigest implements bot.ScheduleStore. prev is "none yet" when its
// Until is zero and its State empty. Times compare at millisecond precision.
// A non-zero prev for another target than next is bot.ErrInvalid.
func (m *Mem) AdvanceDigest(ctx context.Context, prev, next bot.DigestMark) error {
	none := prev.Until.IsZero() && prev.State == ""
	if !none && prev.Target != next.Target {
		return fmt.Errorf("bottest: advance digest: targets differ: %w", bot.ErrInvalid)
	}
	if next.Target.Platform == "" || next.Target.Channel == "" {
		return fmt.Errorf("bottest: advance digest: target is required: %w", bot.ErrInvalid)
	}
	if err := m.lock("advance digest"); err != nil {
		return err
	}
	defer m.mu.Unlock()
	cur, ok := m.marks[next.Target]
	switch {
	case none && ok, !none && !ok,
		!none && (!cur.Until.Equal(ms(prev.Until)) || cur.State != prev.State):
		return fmt.Errorf("bottest: advance digest: %w", bot.ErrConflict)
	}
	next.From, next.Until, next.Updated = ms(next.From), ms(next.Until), ms(next.Updated)
	m.marks[next.Target] = next
	return nil
}

// SetPlanStart implements bot.ScheduleStore; plan and date are required
// (bot.ErrInvalid).
func (m *Mem) SetPlanStart(ctx context.Context, plan string, d bot.Date) error {
	if plan == "" || d.IsZero() {
		return fmt.Errorf("bottest: set plan start: plan and date are required: %w", bot.ErrInvalid)
	}
	if err := m.lock("set plan start"); err != nil {
		return err
	}
	defer m.mu.Unlock()
	m.starts[plan] = d
	return nil
}

// PlanStarts implements bot.ScheduleStore; never nil.
func (m *Mem) PlanStarts(ctx context.Context) (map[string]bot.Date, error) {
	if err := m.lock("plan starts"); err != nil {
		return nil, err
	}
	defer m.mu.Unlock()
	out := make(map[string]bot.Date, len(m.starts))
	for k, v := range m.starts {
		out[k] = v
	}
	return out, nil
}

// Audit implements bot.ScheduleStore; zero At means now.
func (m *Mem) Audit(ctx context.Context, e bot.AuditEntry) error {
	if e.Action == "" {
		return fmt.Errorf("bottest: audit: action is required: %w", bot.ErrInvalid)
	}
	if err := m.lock("audit"); err != nil {
		return err
	}
	defer m.mu.Unlock()
	if e.At.IsZero() {
		e.At = m.now()
	}
	e.At = ms(e.At)
	m.audit = append(m.audit, e)
	return nil
}

// AuditLog implements bot.ScheduleStore: oldest first, entries with the
// same At in the order they were written.
func (m *Mem) AuditLog(ctx context.Context, object string) ([]bot.AuditEntry, error) {
	if err := m.lock("audit log"); err != nil {
		return nil, err
	}
	defer m.mu.Unlock()
	var out []bot.AuditEntry
	for _, e := range m.audit {
		if object == "" || e.Object == object {
			out = append(out, e)
		}
	}
	slices.SortStableFunc(out, func(a, b bot.AuditEntry) int { return a.At.Compare(b.At) })
	return out, nil
}
