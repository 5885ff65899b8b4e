package inbox

import (
	"context"
	"slices"
	"time"

	"github.com/askerkommune/temaplanbot/bot"
)

// EngineStore wraps the store of an engine whose messages from platforms
// come through an inbox. The inbox has de-duplicated their events before
// the engine sees them, and asks the engine again after a crash only when
// no answer was saved; the engine's own event check (MarkEvent) would then
// drop the answer, and it would drop a refused form sent again unchanged.
// So for those platforms MarkEvent reports first, writing nothing; for the
// others (the web chat, the console) and for everything else it is s.
func EngineStore(s bot.Store, platforms ...string) bot.Store {
	return engineStore{Store: s, platforms: platforms}
}

type engineStore struct {
	bot.Store
	platforms []string
}

// MarkEvent reports first=true for the inbox's platforms.
func (s engineStore) MarkEvent(ctx context.Context, platform, id string, expires time.Time) (bool, error) {
	if slices.Contains(s.platforms, platform) {
		return true, nil
	}
	return s.Store.MarkEvent(ctx, platform, id, expires)
}

// Limited wraps a Responder that a channel asks directly rather than
// through an inbox (the web chat) with the flood limit the inbox applies
// at arrival: perMinute messages per resident, one "slow down" notice per
// flood (in the language langs picks, when not nil), then no answer until
// the resident slows down. perMinute 0 returns r as it is.
func Limited(r bot.Responder, perMinute int, langs bot.LangChooser) bot.Responder {
	if perMinute <= 0 {
		return r
	}
	return limited{Responder: r, guard: bot.NewFloodGuard(perMinute), langs: langs}
}

type limited struct {
	bot.Responder
	guard *bot.FloodGuard
	langs bot.LangChooser
}

// Handle answers m unless its resident is over the limit.
func (l limited) Handle(ctx context.Context, m bot.Message) []bot.Reply {
	ok, warn := l.guard.Check(m.Platform+":"+m.User, time.Now())
	switch {
	case ok:
		return l.Responder.Handle(ctx, m)
	case !warn:
		return nil
	}
	return []bot.Reply{floodNotice(ctx, m, l.Localizer(), l.langs)}
}

// floodNotice is the "slow down" reply, in the resident's language.
func floodNotice(ctx context.Context, m bot.Message, loc bot.Localizer, langs bot.LangChooser) bot.Reply {
	lang, ok := bot.LangFromLocale(m.Locale)
	if !ok {
		lang = bot.NB
	}
	if langs != nil {
		ctx, cancel := context.WithTimeout(ctx, 5*time.Second)
		lang = langs.LangFor(ctx, m.Platform, m.User, m.Locale)
		cancel()
	}
	text := "flood.slow_down"
	if loc != nil {
		text = loc.Text(lang, text, nil)
	}
	return bot.Reply{Lang: lang, Intent: bot.IntentHelp, Private: true, Text: text}
}
