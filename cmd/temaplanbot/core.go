package main

import (
	"context"
	"encoding/base64"
	"encoding/hex"
	"fmt"
	"time"

	"github.com/askerkommune/temaplanbot/bot"
	"github.com/askerkommune/temaplanbot/bot/nlu"
	"github.com/askerkommune/temaplanbot/internal/catalog"
	"github.com/askerkommune/temaplanbot/internal/inbox"
	"github.com/askerkommune/temaplanbot/internal/insight"
	"github.com/askerkommune/temaplanbot/internal/metrics"
	"github.com/askerkommune/temaplanbot/internal/mongodb"
	"github.com/askerkommune/temaplanbot/internal/schedule"
)

// core is what every store-backed command shares: catalogue, store, engine.
type core struct {
	src      *catalog.Source
	store    *mongodb.Store
	engine   *bot.Engine
	insights *insight.Service // themes, near-duplicates and summaries (issue 23)
	metrics  *metrics.Metrics
	hashKey  []byte // the author hash key; other keys (web CSRF) derive from it
}

// understander builds the question matcher for a catalogue.
func understander(c *bot.Catalog) bot.Understander { return nlu.New(c) }

// openCore opens the catalogue and the store (MONGODB_URI or the embedded
// server in DATA_DIR) and builds the engine. sched, when not nil, is how the
// engine reaches the scheduler (built later, over the same store). With
// viaInbox the Slack and Discord messages come through the inbox, which
// de-duplicates their events and applies the flood limit instead of the engine.
func (e *env) openCore(ctx context.Context, m *metrics.Metrics, sched *schedProxy, viaInbox bool) (*core, error) {
	src, err := catalog.NewSource(e.cfg.CatalogFile, e.log)
	if err != nil {
		return nil, err
	}
	store, err := mongodb.Open(ctx, mongodb.Config{URI: e.cfg.MongoURI, Database: e.cfg.MongoDatabase,
		DataDir: e.cfg.DataDir, Logger: e.log})
	if err != nil {
		return nil, fmt.Errorf("open database: %w", err)
	}
	key := []byte(e.cfg.AuthorHashKey)
	if len(key) == 0 {
		if key, err = mongodb.AuthorKey(e.cfg.DataDir); err != nil {
			_ = store.Close(context.Background())
			return nil, err
		}
		e.redact.Add(string(key), hex.EncodeToString(key), base64.StdEncoding.EncodeToString(key))
	}
	c := &core{src: src, store: store, metrics: m, hashKey: key,
		insights: insight.NewService(src, store, e.loc, e.cfg.location)}
	var rec bot.Recorder
	if m != nil {
		rec = m
	}
	var digest bot.DigestRunner
	var changes bot.ChangeNotifier
	if sched != nil {
		changes = sched
		if sched.sends {
			digest = sched
		}
	}
	var engineStore bot.Store = store
	flood := e.cfg.FloodLimit
	if viaInbox {
		engineStore = inbox.EngineStore(store, bot.PlatformSlack, bot.PlatformDiscord)
		flood = 0 // the inbox limits Slack and Discord at arrival; serve wraps the web chat (inbox.Limited)
	}
	c.engine, err = bot.New(bot.Config{Catalog: src, Store: engineStore, Localizer: e.loc, NewUnderstander: understander,
		HashKey: key, Location: e.cfg.location, Logger: e.log, Recorder: rec, Digest: digest, Changes: changes,
		SubmitLimit: e.cfg.SubmitLimit, FloodPerMinute: flood, Langs: e.loc.Langs(), Retention: e.cfg.Retention,
		Insights: c.insights})
	if err != nil {
		_ = store.Close(context.Background())
		return nil, err
	}
	return c, nil
}

func (c *core) close() {
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	_ = c.store.Close(ctx)
}

// scheduler builds the reminder and digest scheduler over the core's store.
func (e *env) scheduler(c *core, sender bot.Sender, m *metrics.Metrics) (*schedule.Scheduler, error) {
	return schedule.New(schedule.Config{Store: c.store, Sender: sender, Catalog: c.src, Localizer: e.loc,
		Logger: e.log, Metrics: m, Location: e.cfg.location, ReminderTime: e.cfg.ReminderTime,
		Grace: e.cfg.ReminderGrace, LeadDays: e.cfg.ReminderLeadDays, DigestSchedule: e.cfg.DigestSchedule,
		DigestEmpty: e.cfg.DigestEmpty, SweepInterval: e.cfg.ReminderSweep, Insight: c.insights,
		Retention: schedule.RetentionConfig{Policy: e.cfg.Retention, Store: c.store},
		ChangedElsewhere: func(context.Context) {
			if c.engine != nil { // answers agree with a date moved on another copy
				c.engine.ReloadStarts()
			}
		}})
}
