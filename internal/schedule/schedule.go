// Package schedule posts temaplanbot's unprompted messages: reminders to
// residents' channels when a plan's work starts (or another milestone comes
// up), and digests of new input to staff channels.
//
// robfig/cron keeps no state and every running copy fires every job, so the
// jobs only say "look now"; what to post is decided from the store:
//
//   - A reminder is claimed in the store under a unique id (plan, milestone,
//     date, lead variant, channel) before it is sent and marked sent with the
//     platform's message id afterwards. Whoever loses the claim posts nothing.
//     A failed send is marked failed and is NOT retried: a send error can be
//     ambiguous (the platform may have posted before the connection broke,
//     discordgo retries on its own), adapters already retry rate limits and
//     server errors, and a reminder posted twice to residents is the failure
//     the issue rules out. A claim left in "claimed" by a copy that crashed
//     between claim and update is never posted again either. Failed and
//     unconfirmed reminders are listed in the next staff digest, as are
//     missed ones, so a person can follow up.
//   - A digest covers the input created in (From, Until] since the channel's
//     previous digest. The watermark is moved by compare-and-set to a
//     "claimed" range before sending and to "sent" afterwards. Digests favour
//     repeating over losing: a range claimed but never marked sent (crash, or
//     a failed send, which releases the claim) is sent again by a later run.
package schedule

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"os"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/robfig/cron/v3"

	"github.com/askerkommune/temaplanbot/bot"
	"github.com/askerkommune/temaplanbot/internal/insight"
	"github.com/askerkommune/temaplanbot/internal/metrics"
)

// Defaults used for zero Config fields.
const (
	DefaultReminderTime   = "09:00"
	DefaultGrace          = 72 * time.Hour
	DefaultDigestSchedule = "0 8 * * 1-5"
	DefaultSweepInterval  = 10 * time.Minute
	DefaultSettleLag      = 30 * time.Second
	DefaultStaleClaim     = 15 * time.Minute
)

// DefaultMaxMessageLen is the longest post, in characters, for platform when
// Config.MaxMessageLen does not say: a Slack section block holds 3000
// characters, a Discord message 2000; 4000 for the console, 2000 otherwise.
func DefaultMaxMessageLen(platform string) int {
	switch platform {
	case bot.PlatformSlack:
		return 3000
	case bot.PlatformConsole:
		return 4000
	default:
		return 2000
	}
}

// Config configures a Scheduler. Zero values take the defaults noted.
type Config struct {
	Store     bot.Store
	Sender    bot.Sender // may be nil for dry runs (DueReminders, PreviewDigests)
	Catalog   bot.CatalogSource
	Localizer bot.Localizer
	Logger    *slog.Logger     // nil: discard
	Metrics   *metrics.Metrics // nil: record nothing
	Now       func() time.Time // nil: time.Now
	// Location is the time zone of reminder times, digest schedules and the
	// times shown in digests (Europe/Oslo). Required.
	Location *time.Location
	// ReminderTime is the local time of day ("HH:MM") reminders are due;
	// default 09:00.
	ReminderTime string
	// Grace is how late a reminder may still be sent (the bot was down at
	// the time); later ones are recorded as missed. Default 72h.
	Grace time.Duration
	// LeadDays also reminds this many days before each catalogue milestone
	// (not before a plan's start). 0: only on the day.
	LeadDays int
	// DigestSchedule is the cron spec of staff digests (5 fields, may start
	// with CRON_TZ=...); default "0 8 * * 1-5" in Location.
	DigestSchedule string
	// DigestEmpty sends a scheduled digest even when there is nothing new.
	DigestEmpty bool
	// Instance names this running copy in claims; default host name and pid.
	Instance string
	// MaxMessageLen is the longest post per platform, in characters;
	// platforms missing here use DefaultMaxMessageLen.
	MaxMessageLen map[string]int
	// SweepInterval is how often reminders are checked besides the daily
	// run at ReminderTime, so a start date moved to today is announced
	// without waiting a day. Default 10 minutes; negative disables.
	SweepInterval time.Duration
	// SettleLag keeps a digest's Until this far behind now; see digest.go.
	// Default 30s.
	SettleLag time.Duration
	// StaleClaim is how long a digest claim may stay unsent before a later
	// run sends the range again. Default 15 minutes.
	StaleClaim time.Duration
	// ChangePoll is how often a running Scheduler looks for a change made
	// by another copy (see ChangeMarker) or a reloaded catalogue, and then
	// runs reminders at once. Default DefaultChangePoll; negative disables
	// the polling (Changed still acts at once).
	ChangePoll time.Duration
	// ChangedElsewhere, when set, is called when the shared marker shows
	// a change made by another copy (a start date moved there), before
	// this copy runs its reminders: the engine re-reads the start dates
	// then, so its answers agree with the other copy's within ChangePoll.
	ChangedElsewhere func(ctx context.Context)
	// Retention configures the daily removal of old input (retention.go).
	Retention RetentionConfig
	// Insight, when set, adds to each digest a second post saying what
	// residents said in the period (themes, near-duplicates, waves) with a
	// chart of input per plan per week (issue 23).
	Insight *insight.Service
}

// Scheduler runs the reminder and digest jobs. Its methods are safe for
// concurrent use; several Schedulers (in one process or several) may share a
// store and still post each reminder and each digest range once.
type Scheduler struct {
	cfg          Config
	log          *slog.Logger
	hour, minute int
	digestSched  cron.Schedule

	remindMu sync.Mutex    // one reminder run at a time in this copy
	digestMu sync.Mutex    // one digest run at a time in this copy
	changes  chan struct{} // Changed: run reminders now (buffer 1)

	mu     sync.Mutex
	cron   *cron.Cron
	cancel context.CancelFunc
	quit   chan struct{} // closed by Stop: ends watchChanges
	wg     sync.WaitGroup
}

// New checks cfg and returns a Scheduler. The error wraps bot.ErrInvalid and
// lists every problem found (missing store, catalogue, localizer or
// location; a bad ReminderTime, DigestSchedule, Grace or LeadDays).
func New(cfg Config) (*Scheduler, error) {
	cfg = withDefaults(cfg)
	var problems []string
	if cfg.Store == nil {
		problems = append(problems, "Store is required")
	}
	if cfg.Catalog == nil {
		problems = append(problems, "Catalog is required")
	}
	if cfg.Localizer == nil {
		problems = append(problems, "Localizer is required")
	}
	if cfg.Location == nil {
		problems = append(problems, "Location is required (e.g. Europe/Oslo)")
	}
	h, m, err := parseClock(cfg.ReminderTime)
	if err != nil {
		problems = append(problems, err.Error())
	}
	if cfg.Grace < 0 {
		problems = append(problems, fmt.Sprintf("Grace %s is negative", cfg.Grace))
	}
	if cfg.Retention.Policy.Days > 0 && cfg.Retention.Store == nil {
		problems = append(problems, "Retention.Store is required with a retention period")
	}
	if cfg.LeadDays < 0 {
		problems = append(problems, fmt.Sprintf("LeadDays %d is negative", cfg.LeadDays))
	}
	for p, n := range cfg.MaxMessageLen {
		if n < 500 {
			problems = append(problems, fmt.Sprintf("MaxMessageLen[%s] %d is below 500", p, n))
		}
	}
	var sched cron.Schedule
	if cfg.Location != nil {
		parser := cron.NewParser(cron.Minute | cron.Hour | cron.Dom | cron.Month | cron.Dow | cron.Descriptor)
		spec := cfg.DigestSchedule
		if !strings.HasPrefix(spec, "CRON_TZ=") && !strings.HasPrefix(spec, "TZ=") {
			spec = "CRON_TZ=" + cfg.Location.String() + " " + spec
		}
		inner, err := parser.Parse(spec)
		if err != nil {
			problems = append(problems, fmt.Sprintf("DigestSchedule %q: %v", cfg.DigestSchedule, err))
		} else {
			sched = noRepeat{inner: inner, loc: cfg.Location}
		}
	}
	if len(problems) > 0 {
		return nil, fmt.Errorf("schedule: config: %s: %w", strings.Join(problems, "; "), bot.ErrInvalid)
	}
	return &Scheduler{cfg: cfg, log: cfg.Logger, hour: h, minute: m, digestSched: sched,
		changes: make(chan struct{}, 1)}, nil
}

func withDefaults(cfg Config) Config {
	if cfg.Logger == nil {
		cfg.Logger = slog.New(slog.DiscardHandler)
	}
	if cfg.Now == nil {
		cfg.Now = time.Now
	}
	if cfg.ReminderTime == "" {
		cfg.ReminderTime = DefaultReminderTime
	}
	if cfg.Grace == 0 {
		cfg.Grace = DefaultGrace
	}
	if cfg.DigestSchedule == "" {
		cfg.DigestSchedule = DefaultDigestSchedule
	}
	if cfg.Instance == "" {
		host, _ := os.Hostname()
		cfg.Instance = fmt.Sprintf("%s-%d", host, os.Getpid())
	}
	if cfg.SweepInterval == 0 {
		cfg.SweepInterval = DefaultSweepInterval
	}
	if cfg.SettleLag <= 0 {
		cfg.SettleLag = DefaultSettleLag
	}
	if cfg.StaleClaim <= 0 {
		cfg.StaleClaim = DefaultStaleClaim
	}
	if cfg.ChangePoll == 0 {
		cfg.ChangePoll = DefaultChangePoll
	}
	return cfg
}

// parseClock parses "HH:MM" (24-hour clock).
func parseClock(s string) (hour, minute int, err error) {
	hs, ms, ok := strings.Cut(strings.TrimSpace(s), ":")
	h, err1 := strconv.Atoi(hs)
	m, err2 := strconv.Atoi(ms)
	if !ok || err1 != nil || err2 != nil || len(ms) != 2 || h < 0 || h > 23 || m < 0 || m > 59 {
		return 0, 0, fmt.Errorf("ReminderTime %q is not HH:MM (00:00-23:59)", s)
	}
	return h, m, nil
}

var errStarted = errors.New("already started")

// Start schedules the jobs (reminders daily at ReminderTime and every
// SweepInterval, digests on DigestSchedule) and starts a catch-up reminder
// run at once, and the watch for changes (Changed, other copies' changes,
// a reloaded catalogue) that runs reminders at once. It returns
// immediately; call Stop to end. Jobs keep ctx's values but not its
// cancellation: Stop ends them. It returns an error
// wrapping bot.ErrInvalid without a Sender, or when already started.
func (s *Scheduler) Start(ctx context.Context) error {
	if s.cfg.Sender == nil {
		return fmt.Errorf("schedule: start: no Sender configured: %w", bot.ErrInvalid)
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.cron != nil {
		return fmt.Errorf("schedule: start: %w: %w", errStarted, bot.ErrInvalid)
	}
	jobCtx, cancel := context.WithCancel(context.WithoutCancel(ctx))
	logger := cronLogger{s.log}
	c := cron.New(cron.WithLocation(s.cfg.Location), cron.WithLogger(logger),
		cron.WithChain(cron.Recover(logger), cron.SkipIfStillRunning(logger)))
	c.Schedule(daily{hour: s.hour, minute: s.minute, loc: s.cfg.Location},
		cron.FuncJob(func() { s.reminderJob(jobCtx, "daily") }))
	if s.cfg.SweepInterval > 0 {
		c.Schedule(cron.Every(s.cfg.SweepInterval), cron.FuncJob(func() { s.reminderJob(jobCtx, "sweep") }))
	}
	c.Schedule(s.digestSched, cron.FuncJob(func() { s.digestJob(jobCtx) }))
	c.Schedule(daily{hour: retentionHour, loc: s.cfg.Location}, cron.FuncJob(func() { s.retentionJob(jobCtx, "daily") }))
	c.Start()
	quit := make(chan struct{})
	s.cron, s.cancel, s.quit = c, cancel, quit
	s.wg.Go(func() { s.reminderJob(jobCtx, "catch-up") })
	s.wg.Go(func() { s.retentionJob(jobCtx, "catch-up") })
	s.wg.Go(func() { s.watchChanges(jobCtx, quit) })
	s.log.Info("schedule: started", "instance", s.cfg.Instance, "reminder_time", s.cfg.ReminderTime,
		"digest_schedule", s.cfg.DigestSchedule, "grace", s.cfg.Grace.String())
	return nil
}

// Stop stops scheduling and waits for running jobs to finish. When ctx ends
// first, it cancels the running jobs and returns ctx's error. Stopping a
// Scheduler that was not started returns nil.
func (s *Scheduler) Stop(ctx context.Context) error {
	s.mu.Lock()
	c, cancel, quit := s.cron, s.cancel, s.quit
	s.cron, s.cancel, s.quit = nil, nil, nil
	s.mu.Unlock()
	if c == nil {
		return nil
	}
	defer cancel()
	close(quit)
	stopped := c.Stop()
	done := make(chan struct{})
	go func() {
		<-stopped.Done()
		s.wg.Wait()
		close(done)
	}()
	select {
	case <-done:
		return nil
	case <-ctx.Done():
		return fmt.Errorf("schedule: stop: jobs still running: %w", ctx.Err())
	}
}

func (s *Scheduler) reminderJob(ctx context.Context, why string) {
	rep, err := s.RunReminders(ctx)
	if err != nil {
		s.log.Error("schedule: reminder run", "run", why, "err", err)
	}
	if rep.Sent+rep.Missed+rep.Failed > 0 {
		s.log.Info("schedule: reminders", "run", why, "sent", rep.Sent, "missed", rep.Missed, "failed", rep.Failed)
	}
}

func (s *Scheduler) digestJob(ctx context.Context) {
	rep, err := s.RunDigests(ctx)
	if err != nil {
		s.log.Error("schedule: digest run", "err", err)
	}
	s.log.Info("schedule: digests", "sent", rep.Sent, "empty", rep.Empty, "failed", rep.Failed, "skipped", rep.Skipped)
}

// cronLogger sends robfig/cron's log lines to slog (its Info is chatty: debug).
type cronLogger struct{ log *slog.Logger }

func (l cronLogger) Info(msg string, kv ...any) { l.log.Debug("cron: "+msg, kv...) }

func (l cronLogger) Error(err error, msg string, kv ...any) {
	l.log.Error("cron: "+msg, append(kv, "err", err)...)
}

// Report counts what one run did.
type Report struct {
	Sent    int // posts sent (reminders, or digest parts)
	Missed  int // reminders recorded as missed: too late to send
	Failed  int // reminders or digests whose sending failed
	Skipped int // already claimed (by this or another running copy) or busy
	Empty   int // digest channels with nothing new: no post
}

// catalog returns the catalogue with the store's start date overrides, so a
// date moved on another running copy counts at once.
func (s *Scheduler) catalog(ctx context.Context) (*bot.Catalog, error) {
	cat := s.cfg.Catalog.Catalog()
	if cat == nil {
		return nil, fmt.Errorf("schedule: no catalogue loaded: %w", bot.ErrNotFound)
	}
	starts, err := s.cfg.Store.PlanStarts(ctx)
	if err != nil {
		s.cfg.Metrics.StoreError("plan_starts")
		return nil, fmt.Errorf("schedule: plan starts: %w", err)
	}
	return cat.WithStarts(starts), nil
}

// maxLen is the post size limit for platform.
func (s *Scheduler) maxLen(platform string) int {
	if n, ok := s.cfg.MaxMessageLen[platform]; ok && n > 0 {
		return n
	}
	return DefaultMaxMessageLen(platform)
}

// text is a shorthand for the localizer.
func (s *Scheduler) text(lang bot.Lang, id string, data map[string]any) string {
	return s.cfg.Localizer.Text(lang, id, data)
}
