package bottest

import (
	"context"
	"fmt"

	"github.com/askerkommune/temaplanbot/bot"
)

// SaveWebLink implements bot.WebLinkStore.
func (m *Mem) SaveWebLink(ctx context.Context, l bot.WebLink) error {
	if l.Hash == "" || l.Ref == "" {
		return fmt.Errorf("bottest: save web link: hash and ref are required: %w", bot.ErrInvalid)
	}
	if err := m.lock("save web link"); err != nil {
		return err
	}
	defer m.mu.Unlock()
	if _, ok := m.links[l.Hash]; ok {
		return fmt.Errorf("bottest: save web link: %w", bot.ErrConflict)
	}
	if l.Created.IsZero() {
		l.Created = m.now()
	}
	l.Created = ms(l.Created)
	m.links[l.Hash] = l
	return nil
}

// WebLink implements bot.WebLinkStore.
func (m *Mem) WebLink(ctx context.Context, hash string) (bot.WebLink, error) {
	if err := m.lock("web link"); err != nil {
		return bot.WebLink{}, err
	}
	defer m.mu.Unlock()
	l, ok := m.links[hash]
	if !ok {
		return bot.WebLink{}, fmt.Errorf("bottest: web link: %w", bot.ErrNotFound)
	}
	return l, nil
}

// DeleteWebLink implements bot.WebLinkStore.
func (m *Mem) DeleteWebLink(ctx context.Context, hash string) error {
	if err := m.lock("delete web link"); err != nil {
		return err
	}
	defer m.mu.Unlock()
	delete(m.links, hash)
	return nil
}
