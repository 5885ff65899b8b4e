package discord

import (
	"strings"
	"sync"
	"time"

	"github.com/bwmarrin/discordgo"

	"github.com/askerkommune/temaplanbot/bot"
)

// Autocomplete fires on every keystroke and must be answered inline, so
// its results are kept for a minute: the same few prefixes ("k", "kl",
// "kli") come again and again, and plan names change rarely (a reloaded
// catalogue shows within a minute).
const (
	suggestTTL = time.Minute
	maxSuggest = 2048 // entries; the cache starts over when full
)

type suggestCache struct {
	mu  sync.Mutex
	now func() time.Time
	m   map[string]suggestEntry
}

type suggestEntry struct {
	choices []*discordgo.ApplicationCommandOptionChoice
	expires time.Time
}

func newSuggestCache(now func() time.Time) *suggestCache {
	return &suggestCache{now: now, m: map[string]suggestEntry{}}
}

// suggest returns up to 25 plan choices (values are plan ids) for query.
func (a *Adapter) suggest(query string, lang bot.Lang) []*discordgo.ApplicationCommandOptionChoice {
	key := string(lang) + "\x00" + strings.ToLower(strings.TrimSpace(query))
	c := a.suggestions
	c.mu.Lock()
	e, ok := c.m[key]
	c.mu.Unlock()
	if ok && c.now().Before(e.expires) {
		return e.choices
	}
	choices := []*discordgo.ApplicationCommandOptionChoice{}
	for _, s := range a.cfg.Responder.SuggestPlans(query, lang, 25) {
		if s.Value == "" || len(s.Value) > 100 || s.Label == "" {
			continue
		}
		choices = append(choices, &discordgo.ApplicationCommandOptionChoice{Name: truncate(s.Label, 100), Value: s.Value})
	}
	c.mu.Lock()
	if len(c.m) >= maxSuggest {
		c.m = map[string]suggestEntry{}
	}
	c.m[key] = suggestEntry{choices: choices, expires: c.now().Add(suggestTTL)}
	c.mu.Unlock()
	return choices
}
