// Package discord is temaplanbot's Discord adapter. It answers the
// /temaplan application command, buttons and modals over HTTP interactions
// (Ed25519-signed POST /discord/interactions) and over the gateway, where it
// also answers mentions and direct messages. It turns Discord events into
// bot.Message values for the engine and renders bot.Reply values as
// messages, buttons and modals. It is built on github.com/bwmarrin/discordgo.
package discord

import (
	"context"
	"crypto/ed25519"
	"encoding/hex"
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"slices"
	"sync"
	"sync/atomic"
	"time"

	"github.com/bwmarrin/discordgo"

	"github.com/askerkommune/temaplanbot/bot"
	"github.com/askerkommune/temaplanbot/internal/inbox"
	"github.com/askerkommune/temaplanbot/internal/metrics"
)

// Config configures the adapter. BotToken enables the gateway, REST posts
// (Send) and command registration; PublicKey enables the HTTP interactions
// endpoint. At least one of them is required.
type Config struct {
	BotToken  string // without the "Bot " prefix
	PublicKey string // the application's Ed25519 public key, hex
	AppID     string // the application id
	// Staff are members with one of these roles, or these users.
	StaffRoleIDs []string
	StaffUserIDs []string
	// Responder is the engine. It is required, except for an adapter used
	// only for RegisterCommands, which then needs Localizer.
	Responder bot.Responder
	// Inbox stores every event before Discord is told it arrived and
	// answers it on the worker pool all platforms share; required with a
	// Responder.
	Inbox *inbox.Inbox
	// Localizer overrides Responder.Localizer() (optional).
	Localizer bot.Localizer
	Logger    *slog.Logger     // nil: discard; give it a "platform" attribute if wanted
	Metrics   *metrics.Metrics // nil: record nothing
	Now       func() time.Time // nil: time.Now
	// HTTPClient, when set, carries every REST call (tests point it at a
	// local server). Default: a client with a 20 s timeout.
	HTTPClient *http.Client
	// GatewayURL, when set, is used instead of asking Discord's /gateway
	// endpoint (tests: a ws://127.0.0.1 URL).
	GatewayURL string
}

// Adapter connects the engine to Discord. Create it with New.
type Adapter struct {
	cfg     Config
	log     *slog.Logger
	met     *metrics.Metrics
	now     func() time.Time
	loc     bot.Localizer
	key     ed25519.PublicKey
	session *discordgo.Session
	staff   map[string]bool // user ids
	roles   map[string]bool // role ids

	acks        sync.Map      // inbox event id -> chan closed once the initial response is sent
	drafts      *drafts       // refused modal texts, for "Try again"
	suggestions *suggestCache // autocomplete results
	budget      time.Duration // answerBudget
	sleep       func(ctx context.Context, d time.Duration) error
	retryIn     time.Duration // base backoff for REST retries

	mu       sync.Mutex
	inflight sync.WaitGroup
	closing  bool

	gw gatewayState
}

// gatewayState is what RunGateway shares with Ready and the event handlers.
type gatewayState struct {
	running   atomic.Bool
	connected atomic.Bool
	botID     atomic.Value // string: the bot's user id from READY
	closeCode atomic.Int64 // last close code sniffed on the websocket
	conn      atomic.Pointer[sniffConn]
}

// Defaults.
const (
	// answerBudget is how long an interaction waits for its answer
	// before it defers (type 5) and follows up with an edit; Discord allows
	// 3 s in all. It waits only while nothing else is ahead in the inbox
	// (inbox.Ticket.WaitAlone), so a quiet bot answers directly and in a
	// burst the deferral goes out before any engine work.
	answerBudget = 1500 * time.Millisecond
	// maxBody is the largest interaction body accepted.
	maxBody = 128 << 10
	// maxSkew is how far an interaction's timestamp may be from now.
	maxSkew = 5 * time.Minute
)

// New checks cfg and creates an adapter. It returns an error wrapping
// bot.ErrInvalid when neither BotToken nor PublicKey is set, the public key
// is not a 32-byte hex key, or neither Responder nor Localizer is set.
func New(cfg Config) (*Adapter, error) {
	if cfg.BotToken == "" && cfg.PublicKey == "" {
		return nil, fmt.Errorf("discord: a bot token or a public key is required: %w", bot.ErrInvalid)
	}
	a := &Adapter{cfg: cfg, log: cfg.Logger, met: cfg.Metrics, now: cfg.Now, loc: cfg.Localizer,
		budget: answerBudget, sleep: sleepCtx, retryIn: 500 * time.Millisecond,
		staff: set(cfg.StaffUserIDs), roles: set(cfg.StaffRoleIDs)}
	if a.log == nil {
		a.log = slog.New(slog.DiscardHandler)
	}
	if a.now == nil {
		a.now = time.Now
	}
	if a.loc == nil && cfg.Responder != nil {
		a.loc = cfg.Responder.Localizer()
	}
	if a.loc == nil {
		return nil, fmt.Errorf("discord: a responder (or a localizer) is required: %w", bot.ErrInvalid)
	}
	if cfg.Responder != nil && cfg.Inbox == nil {
		return nil, fmt.Errorf("discord: a responder needs an inbox: %w", bot.ErrInvalid)
	}
	if cfg.PublicKey != "" {
		k, err := hex.DecodeString(cfg.PublicKey)
		if err != nil || len(k) != ed25519.PublicKeySize {
			return nil, fmt.Errorf("discord: public key must be %d bytes of hex: %w", ed25519.PublicKeySize, bot.ErrInvalid)
		}
		a.key = ed25519.PublicKey(k)
	}
	a.drafts = newDrafts(a.now)
	a.suggestions = newSuggestCache(a.now)
	a.session = a.newSession()
	if cfg.Inbox != nil {
		cfg.Inbox.Register(bot.PlatformDiscord, inbox.Channel{Answer: a.answerDiscord, Deliver: a.deliverEvent,
			Acknowledged: a.acknowledged})
	}
	return a, nil
}

// newSession creates the discordgo session used for REST and the gateway.
// discordgo's own retries are off: the adapter retries itself where that
// cannot post twice, and waits out rate limits without blocking shutdown.
func (a *Adapter) newSession() *discordgo.Session {
	token := ""
	if a.cfg.BotToken != "" {
		token = "Bot " + a.cfg.BotToken
	}
	s, _ := discordgo.New(token) // New never fails
	client := a.cfg.HTTPClient
	if client == nil {
		client = &http.Client{Timeout: 20 * time.Second}
	}
	if a.cfg.GatewayURL != "" {
		c := *client
		c.Transport = gatewayOverride{url: a.cfg.GatewayURL, next: transportOf(client)}
		client = &c
	}
	s.Client = client
	s.ShouldReconnectOnError = false // RunGateway decides; see gateway.go
	s.ShouldReconnectVoiceOnSessionError = false
	s.ShouldRetryOnRateLimit = false
	s.MaxRestRetries = 0
	s.StateEnabled = false
	s.Identify.Intents = discordgo.IntentsGuildMessages | discordgo.IntentsDirectMessages | discordgo.IntentsMessageContent
	s.Dialer = a.dialer()
	return s
}

// Ready reports whether the adapter can serve: it returns an error wrapping
// bot.ErrUnavailable while shutting down, or while RunGateway runs but the
// gateway is not connected.
func (a *Adapter) Ready(ctx context.Context) error {
	a.mu.Lock()
	closing := a.closing
	a.mu.Unlock()
	if closing {
		return fmt.Errorf("discord: shutting down: %w", bot.ErrUnavailable)
	}
	if a.gw.running.Load() && !a.gw.connected.Load() {
		return fmt.Errorf("discord: gateway not connected: %w", bot.ErrUnavailable)
	}
	return ctx.Err()
}

// Shutdown stops taking new interactions (they get 503), waits until
// in-flight requests and posts have finished, then stops the shared inbox
// once it has answered what it accepted, or until ctx ends. It returns
// ctx's error when work was left (the next running copy answers it).
func (a *Adapter) Shutdown(ctx context.Context) error {
	a.mu.Lock()
	a.closing = true
	a.mu.Unlock()
	done := make(chan struct{})
	go func() { a.inflight.Wait(); close(done) }()
	select {
	case <-done:
	case <-ctx.Done():
		return fmt.Errorf("discord: shutdown: requests still running: %w", ctx.Err())
	}
	if a.cfg.Inbox == nil {
		return nil
	}
	if err := a.cfg.Inbox.Shutdown(ctx); err != nil {
		return fmt.Errorf("discord: shutdown: %w", err)
	}
	return nil
}

// begin registers in-flight work; it reports false once Shutdown started.
func (a *Adapter) begin() bool {
	a.mu.Lock()
	defer a.mu.Unlock()
	if a.closing {
		return false
	}
	a.inflight.Add(1)
	return true
}

// isStaff reports whether the user or one of their roles is configured as staff.
func (a *Adapter) isStaff(userID string, roles []string) bool {
	return a.staff[userID] || slices.ContainsFunc(roles, func(r string) bool { return a.roles[r] })
}

// langOf is the language for the adapter's own texts before the engine has
// answered: the platform locale, else bokmål.
func langOf(locale string) bot.Lang {
	if l, ok := bot.LangFromLocale(locale); ok {
		return l
	}
	return bot.NB
}

func set(ids []string) map[string]bool {
	m := map[string]bool{}
	for _, id := range ids {
		if id != "" {
			m[id] = true
		}
	}
	return m
}

// sleepCtx waits d or until ctx ends.
func sleepCtx(ctx context.Context, d time.Duration) error {
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-t.C:
		return nil
	case <-ctx.Done():
		return ctx.Err()
	}
}

// errShuttingDown is returned for work refused during shutdown.
var errShuttingDown = errors.New("discord: shutting down")
