package main

import (
	"context"
	"crypto/hmac"
	"crypto/sha256"
	"errors"
	"fmt"
	"net"
	"net/http"
	"sync"
	"time"

	"github.com/askerkommune/temaplanbot/bot"
	"github.com/askerkommune/temaplanbot/internal/discord"
	"github.com/askerkommune/temaplanbot/internal/inbox"
	"github.com/askerkommune/temaplanbot/internal/metrics"
	"github.com/askerkommune/temaplanbot/internal/schedule"
	"github.com/askerkommune/temaplanbot/internal/server"
	"github.com/askerkommune/temaplanbot/internal/slack"
	"github.com/askerkommune/temaplanbot/internal/web"
)

// senders routes unprompted posts to the adapter of the target's platform.
type senders map[string]bot.Sender

// Send posts r to the platform of to; ErrNotFound when it is not configured.
func (s senders) Send(ctx context.Context, to bot.Target, r bot.Reply) (string, error) {
	if x, ok := s[to.Platform]; ok {
		return x.Send(ctx, to, r)
	}
	return "", fmt.Errorf("send to %s: platform not configured: %w", to.Platform, bot.ErrNotFound)
}

// schedProxy lets the engine reach the scheduler, which is built after it:
// "digest now" (when sends is set) and changes that make reminders due.
type schedProxy struct {
	s     *schedule.Scheduler
	sends bool // the scheduler has a sender: "digest now" works
}

// DigestNow sends a digest to one channel through the scheduler.
func (d *schedProxy) DigestNow(ctx context.Context, to bot.Target) (int, error) {
	if d.s == nil {
		return 0, errors.New("scheduler not running")
	}
	return d.s.DigestNow(ctx, to)
}

// DigestSince composes a summary of the input since a date through the
// scheduler (bot.SummaryRunner).
func (d *schedProxy) DigestSince(ctx context.Context, to bot.Target, lang bot.Lang, since time.Time) ([]bot.Reply, error) {
	if d.s == nil {
		return nil, errors.New("scheduler not running")
	}
	return d.s.DigestSince(ctx, to, lang, since)
}

// Changed tells the scheduler (and through the store every running copy)
// that reminders may be due at once.
func (d *schedProxy) Changed(ctx context.Context) {
	if d.s != nil {
		d.s.Changed(ctx)
	}
}

// serve runs every configured platform, the HTTP server and the scheduler
// until ctx ends, then shuts down in order: stop taking events, finish
// in-flight work, stop the scheduler, close the store.
func (e *env) serve(ctx context.Context) error {
	m := metrics.New()
	m.SetBuildInfo(version, revision)
	m.SetRetentionDays(e.cfg.Retention.Days)
	dp := &schedProxy{sends: true}
	c, err := e.openCore(ctx, m, dp, true)
	if err != nil {
		return err
	}
	defer c.close()
	go c.src.Watch(ctx, 15*time.Second)
	ib, err := inbox.New(inbox.Config{Store: c.store, Localizer: e.loc, Langs: c.engine, Workers: e.cfg.InboxWorkers,
		FloodPerMinute: e.cfg.FloodLimit, Lease: e.cfg.InboxLease, AckBudget: e.cfg.InboxAckBudget, Metrics: m, Logger: e.log.With("component", "inbox")})
	if err != nil {
		return err
	}
	m.QueueDepthFrom(ib.Queued)

	routes := server.Routes{Metrics: m.Handler(), Rejected: m.Rejected, Logger: e.log, Redact: e.redact.String,
		Checks: []server.Check{{Name: "database", Ready: c.store.Ping}}}
	send := senders{}
	var shutdowns []func(context.Context) error
	var runners []func(context.Context) error

	if e.cfg.slackSocket() || e.cfg.slackHTTP() {
		sa, err := slack.New(slack.Config{BotToken: e.cfg.SlackBotToken, AppToken: e.cfg.SlackAppToken,
			SigningSecret: e.cfg.SlackSigningSecret, APIURL: e.cfg.SlackAPIURL, StaffUserIDs: e.cfg.SlackStaffUserIDs,
			Responder: c.engine, Inbox: ib, Logger: e.log, Metrics: m}) // the adapter adds platform=slack
		if err != nil {
			return err
		}
		send[bot.PlatformSlack] = sa
		routes.Checks = append(routes.Checks, server.Check{Name: "slack", Ready: sa.Ready})
		shutdowns = append(shutdowns, sa.Shutdown)
		if e.cfg.slackHTTP() {
			routes.SlackEvents, routes.SlackCommands, routes.SlackInteractions = sa.EventsHandler(), sa.CommandsHandler(), sa.InteractionsHandler()
		}
		if e.cfg.slackSocket() {
			m.Connected(bot.PlatformSlack, false) // the series exists (at 0) until connected
			runners = append(runners, sa.RunSocketMode)
		}
	}
	if e.cfg.discordGateway() || e.cfg.discordHTTP() {
		da, err := discord.New(discord.Config{BotToken: e.cfg.DiscordBotToken, PublicKey: e.cfg.DiscordPublicKey,
			AppID: e.cfg.DiscordAppID, StaffRoleIDs: e.cfg.DiscordStaffRoleIDs, StaffUserIDs: e.cfg.DiscordStaffUserIDs,
			Responder: c.engine, Inbox: ib, Logger: e.log.With("platform", "discord"), Metrics: m})
		if err != nil {
			return err
		}
		send[bot.PlatformDiscord] = da
		routes.Checks = append(routes.Checks, server.Check{Name: "discord", Ready: da.Ready})
		shutdowns = append(shutdowns, da.Shutdown)
		if e.cfg.discordHTTP() {
			routes.DiscordInteractions = da.InteractionsHandler()
		}
		if e.cfg.discordGateway() {
			m.Connected(bot.PlatformDiscord, false)
			runners = append(runners, da.RunGateway)
		}
	}
	if e.cfg.WebEnabled {
		if routes.Web, err = e.webChat(c); err != nil {
			return err
		}
	}
	shutdowns = append(shutdowns, ib.Shutdown) // after the adapters' (a second call returns at once)
	sched, err := e.scheduler(c, send, m)
	if err != nil {
		return err
	}
	// Take over what a crashed run left before taking new events.
	if err := ib.Start(ctx); err != nil {
		return fmt.Errorf("inbox: %w", err)
	}
	dp.s = sched
	return e.runServing(ctx, c, sched, routes, runners, shutdowns)
}

// webChat builds the web chat adapter; its CSRF key derives from the author
// hash key, so every running copy accepts the others' pages.
func (e *env) webChat(c *core) (http.Handler, error) {
	mac := hmac.New(sha256.New, c.hashKey)
	mac.Write([]byte("temaplanbot web csrf key"))
	// The web chat asks the engine directly; the flood limit the inbox
	// applies to Slack and Discord at arrival applies here per request.
	wa, err := web.New(web.Config{Responder: inbox.Limited(c.engine, e.cfg.FloodLimit, c.engine), Store: c.store, Key: mac.Sum(nil),
		BaseURL: e.cfg.WebBaseURL, AllowedOrigins: e.cfg.WebAllowedOrigins, Location: e.cfg.location, Metrics: c.metrics,
		TrustedProxies: e.cfg.WebTrustedProxies,
		Logger:         e.log.With("platform", bot.PlatformWeb)})
	if err != nil {
		return nil, err
	}
	host, port, _ := net.SplitHostPort(e.cfg.HTTPAddr)
	if host == "" || host == "0.0.0.0" || host == "::" {
		host = "localhost"
	}
	e.log.Info("web chat enabled", "url", "http://"+net.JoinHostPort(host, port)+"/web/")
	return wa.Handler(), nil
}

func (e *env) runServing(ctx context.Context, c *core, sched *schedule.Scheduler, routes server.Routes,
	runners, shutdowns []func(context.Context) error) error {
	ctx, cancel := context.WithCancelCause(ctx)
	defer cancel(nil)
	srv := server.New(e.cfg.HTTPAddr, server.Handler(routes))
	var wg sync.WaitGroup
	wg.Go(func() {
		e.log.Info("http server listening", "addr", e.cfg.HTTPAddr)
		if err := srv.ListenAndServe(); err != nil && !errors.Is(err, http.ErrServerClosed) {
			cancel(fmt.Errorf("http server: %w", err))
		}
	})
	for _, run := range runners {
		wg.Go(func() {
			if err := run(ctx); err != nil && ctx.Err() == nil {
				cancel(err) // e.g. revoked token, Discord close code 4004: stop for good
			}
		})
	}
	if err := sched.Start(ctx); err != nil {
		cancel(err)
	}
	wg.Go(func() { e.cleanExpired(ctx, c) })

	<-ctx.Done()
	e.log.Info("shutting down")
	sctx, scancel := context.WithTimeout(context.Background(), 25*time.Second)
	defer scancel()
	_ = srv.Shutdown(sctx) // stop taking requests; in-flight ones finish
	for _, sd := range shutdowns {
		if err := sd(sctx); err != nil {
			e.log.Warn("adapter shutdown", "err", err)
		}
	}
	_ = sched.Stop(sctx)
	wg.Wait()
	if err := context.Cause(ctx); err != nil && !errors.Is(err, context.Canceled) {
		return err
	}
	return nil
}

// cleanExpired deletes expired dialogs and event records every ten minutes
// (the embedded server has no TTL indexes).
func (e *env) cleanExpired(ctx context.Context, c *core) {
	t := time.NewTicker(10 * time.Minute)
	defer t.Stop()
	for {
		select {
		case <-ctx.Done():
			return
		case <-t.C:
		}
		now := time.Now()
		if n, err := c.store.DeleteExpiredDialogs(ctx, now); err != nil {
			e.log.Warn("clean expired dialogs", "err", err)
		} else if n > 0 {
			e.log.Debug("expired dialogs deleted", "count", n)
		}
		if _, err := c.store.DeleteExpiredEvents(ctx, now); err != nil {
			e.log.Warn("clean expired events", "err", err)
		}
	}
}
