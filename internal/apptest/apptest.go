// Package apptest wires the real engine for end-to-end tests: the embedded
// catalogue, the real locales, the real question matcher and the real
// MongoDB store (embedded FerretDB, or TEST_MONGODB_URI), with a clock the
// test controls.
package apptest

import (
	"sync"
	"testing"
	"time"

	"github.com/askerkommune/temaplanbot/bot"
	"github.com/askerkommune/temaplanbot/bot/nlu"
	"github.com/askerkommune/temaplanbot/internal/catalog"
	"github.com/askerkommune/temaplanbot/internal/inbox"
	"github.com/askerkommune/temaplanbot/internal/insight"
	"github.com/askerkommune/temaplanbot/internal/locale"
	"github.com/askerkommune/temaplanbot/internal/mongodb"
	"github.com/askerkommune/temaplanbot/internal/mongodb/mongodbtest"
)

// HashKey is the author hash key the test engines use.
var HashKey = []byte("apptest-author-hash-key-0123456789abcdef")

// Clock is a settable clock, safe for concurrent use.
type Clock struct {
	mu sync.Mutex
	t  time.Time
}

// NewClock returns a clock set to t.
func NewClock(t time.Time) *Clock { return &Clock{t: t} }

// Now returns the clock's time.
func (c *Clock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.t
}

// Set sets the clock to t.
func (c *Clock) Set(t time.Time) {
	c.mu.Lock()
	c.t = t
	c.mu.Unlock()
}

// Advance moves the clock forward by d.
func (c *Clock) Advance(d time.Duration) { c.Set(c.Now().Add(d)) }

// App is a wired engine with its parts.
type App struct {
	Engine   *bot.Engine
	Store    bot.Store
	Mongo    *mongodb.Store // nil when Options.Store was given
	Locale   *locale.Bundle
	Catalog  *catalog.Source
	Clock    *Clock
	Location *time.Location
	inbox    bool
}

// Options change what New wires; zero values give the defaults.
type Options struct {
	// Store to use instead of a fresh one (a "restarted" engine on the same data).
	Store bot.Store
	// Clock to use; default a clock at 2026-11-26 10:00 Europe/Oslo.
	Clock *Clock
	// Digest runs "digest now"; optional.
	Digest bot.DigestRunner
	// SubmitLimit per resident and hour; default 10.
	SubmitLimit int
	// FloodPerMinute limits messages per resident; default 0: no limit.
	FloodPerMinute int
	// Inbox: every message reaches the engine through an inbox
	// (internal/inbox), which de-duplicates events instead of the engine.
	Inbox bool
}

// New returns a wired App; it fails the test when a part cannot be built.
func New(t testing.TB, o Options) *App {
	t.Helper()
	loc, err := locale.Load()
	if err != nil {
		t.Fatalf("apptest: locales: %v", err)
	}
	src, err := catalog.NewSource("", nil)
	if err != nil {
		t.Fatalf("apptest: catalogue: %v", err)
	}
	oslo, err := time.LoadLocation("Europe/Oslo")
	if err != nil {
		t.Fatalf("apptest: time zone: %v", err)
	}
	a := &App{Locale: loc, Catalog: src, Clock: o.Clock, Location: oslo, Store: o.Store, inbox: o.Inbox}
	if a.Clock == nil {
		a.Clock = NewClock(time.Date(2026, 11, 26, 10, 0, 0, 0, oslo))
	}
	if a.Store == nil {
		a.Mongo = mongodbtest.Open(t)
		a.Store = a.Mongo
	}
	engineStore := a.Store
	if o.Inbox {
		engineStore = inbox.EngineStore(a.Store, bot.PlatformSlack, bot.PlatformDiscord)
	}
	a.Engine, err = bot.New(bot.Config{Catalog: src, Store: engineStore, Localizer: loc,
		NewUnderstander: func(c *bot.Catalog) bot.Understander { return nlu.New(c) },
		HashKey:         HashKey, Now: a.Clock.Now, Location: oslo, Digest: o.Digest, SubmitLimit: o.SubmitLimit,
		FloodPerMinute: o.FloodPerMinute, Insights: insight.NewService(src, a.Store, loc, oslo)})
	if err != nil {
		t.Fatalf("apptest: engine: %v", err)
	}
	return a
}

// Restart returns a new App on the same store and clock, as after a restart
// or on a second running copy.
func (a *App) Restart(t testing.TB) *App {
	t.Helper()
	return New(t, Options{Store: a.Store, Clock: a.Clock, Inbox: a.inbox})
}
