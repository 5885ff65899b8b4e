package slack

import (
	"context"
	"sync"
	"time"

	"github.com/askerkommune/temaplanbot/bot"
)

// usersInfoTimeout bounds one users.info call; the answer waits for it.
const usersInfoTimeout = 2 * time.Second

// failedLookupTTL is how long a failed users.info lookup is not repeated.
const failedLookupTTL = 5 * time.Minute

// userCache keeps users' Slack locales for a while, so users.info is called
// about once per user per TTL.
type userCache struct {
	mu  sync.Mutex
	ttl time.Duration
	max int
	m   map[string]userEntry
}

type userEntry struct {
	locale  string
	expires time.Time
}

func newUserCache(max int, ttl time.Duration) *userCache {
	return &userCache{ttl: ttl, max: max, m: map[string]userEntry{}}
}

func (c *userCache) get(user string, now time.Time) (string, bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	e, ok := c.m[user]
	if !ok || now.After(e.expires) {
		return "", false
	}
	return e.locale, true
}

func (c *userCache) put(user, locale string, expires, now time.Time) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if len(c.m) >= c.max {
		for k, e := range c.m {
			if now.After(e.expires) {
				delete(c.m, k)
			}
		}
		if len(c.m) >= c.max {
			clear(c.m)
		}
	}
	c.m[user] = userEntry{locale: locale, expires: expires}
}

// locale returns user's Slack locale (e.g. "nb-NO") from users.info with
// include_locale=true, cached. It returns "" when Slack does not say or the
// call fails; the engine then detects the language from the text.
func (a *Adapter) locale(ctx context.Context, user string) string {
	if user == "" {
		return ""
	}
	now := a.now()
	if l, ok := a.users.get(user, now); ok {
		return l
	}
	ctx, cancel := context.WithTimeout(ctx, usersInfoTimeout)
	defer cancel()
	u, err := a.api.GetUserInfoContext(ctx, user)
	if err != nil {
		a.log.Warn("users.info failed; language falls back to detection", "err", err)
		a.users.put(user, "", now.Add(failedLookupTTL), now)
		return ""
	}
	a.users.put(user, u.Locale, now.Add(a.users.ttl), now)
	return u.Locale
}

// langOf returns the reply language for the adapter's own texts to a user
// with this Slack locale (bokmål when unknown).
func langOf(locale string) bot.Lang {
	if l, ok := bot.LangFromLocale(locale); ok {
		return l
	}
	return bot.NB
}
