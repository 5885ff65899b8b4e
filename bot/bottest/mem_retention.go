package bottest

import (
	"context"
	"fmt"
	"time"

	"github.com/askerkommune/temaplanbot/bot"
)

var _ bot.RetentionStore = (*Mem)(nil)

// ClaimRun implements bot.RetentionStore: true for the first claim of id.
// An empty id is bot.ErrInvalid.
func (m *Mem) ClaimRun(ctx context.Context, id, owner string, at time.Time) (bool, error) {
	if id == "" {
		return false, fmt.Errorf("bottest: claim run: id is required: %w", bot.ErrInvalid)
	}
	if err := m.lock("claim run"); err != nil {
		return false, err
	}
	defer m.mu.Unlock()
	if m.runs == nil {
		m.runs = map[string]bool{}
	}
	if m.runs[id] {
		return false, nil
	}
	m.runs[id] = true
	return true, nil
}

// ExpireSubmission implements bot.RetentionStore.
func (m *Mem) ExpireSubmission(ctx context.Context, ref string, anonymise bool) error {
	if err := m.lock("expire submission"); err != nil {
		return err
	}
	defer m.mu.Unlock()
	s, ok := m.subs[ref]
	if !ok {
		return fmt.Errorf("bottest: expire submission %q: %w", ref, bot.ErrNotFound)
	}
	if anonymise {
		s.AuthorHash, s.Workspace, s.Channel = "", "", ""
		m.subs[ref] = s
		return nil
	}
	delete(m.subs, ref)
	delete(m.eventIdx, [2]string{s.Platform, s.EventID})
	return nil
}
