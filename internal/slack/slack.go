// Package slack connects temaplanbot to Slack, over HTTP (Events API, slash
// commands, interactivity) or Socket Mode. It turns Slack events into
// bot.Message values for the engine and renders the engine's bot.Reply values
// as Block Kit messages, modals and the App Home tab.
package slack

import (
	"context"
	"fmt"
	"log/slog"
	"net/http"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	slackapi "github.com/slack-go/slack"

	"github.com/askerkommune/temaplanbot/bot"
	"github.com/askerkommune/temaplanbot/internal/inbox"
	"github.com/askerkommune/temaplanbot/internal/metrics"
)

// Defaults of the optional Config fields.
const (
	DefaultChannelInterval = time.Second
	authCacheTTL           = time.Minute
)

// Config configures an Adapter. BotToken, Responder and Inbox are required;
// SigningSecret is needed for the HTTP handlers and AppToken for Socket Mode.
type Config struct {
	BotToken      string // xoxb-...
	AppToken      string // xapp-..., for Socket Mode
	SigningSecret string // verifies HTTP requests from Slack
	APIURL        string // Web API base URL, e.g. "https://slack.com/api/"; empty = Slack's
	StaffUserIDs  []string
	Responder     bot.Responder
	// Inbox stores every event before Slack is told it arrived, and
	// answers it on the worker pool all platforms share.
	Inbox   *inbox.Inbox
	Logger  *slog.Logger
	Metrics *metrics.Metrics // nil records nothing
	Now     func() time.Time // clock for timestamp checks and caches; nil = time.Now

	// ChannelInterval is the least time between two posts to one channel
	// (default DefaultChannelInterval, Slack's 1 message/s per channel).
	ChannelInterval time.Duration
	// HTTPClient makes the Web API and response_url calls (default: 10 s timeout).
	HTTPClient *http.Client
}

// Adapter is the Slack side of temaplanbot. It is safe for concurrent use.
type Adapter struct {
	cfg    Config
	api    *slackapi.Client
	engine bot.Responder
	loc    bot.Localizer
	log    *slog.Logger
	m      *metrics.Metrics
	now    func() time.Time
	staff  map[string]bool

	inbox   *inbox.Inbox
	pending pendingViews // loading modals by inbox event id
	users   *userCache
	pace    *pacer

	mu       sync.Mutex
	botUser  string    // the bot's own user id, from auth.test
	authOK   time.Time // when auth.test last succeeded
	socketOn atomic.Bool
	socketUp atomic.Bool
}

// New checks cfg and returns an Adapter, registered with the inbox as the
// channel of Slack events. It makes no network calls. It returns an error
// wrapping bot.ErrInvalid when BotToken, Responder or Inbox is missing.
func New(cfg Config) (*Adapter, error) {
	if cfg.Responder == nil {
		return nil, fmt.Errorf("slack: config: no responder: %w", bot.ErrInvalid)
	}
	if cfg.Inbox == nil {
		return nil, fmt.Errorf("slack: config: no inbox: %w", bot.ErrInvalid)
	}
	if strings.TrimSpace(cfg.BotToken) == "" {
		return nil, fmt.Errorf("slack: config: SLACK_BOT_TOKEN is empty: %w", bot.ErrInvalid)
	}
	if cfg.Logger == nil {
		cfg.Logger = slog.New(slog.DiscardHandler)
	}
	if cfg.Now == nil {
		cfg.Now = time.Now
	}
	if cfg.ChannelInterval <= 0 {
		cfg.ChannelInterval = DefaultChannelInterval
	}
	if cfg.HTTPClient == nil {
		cfg.HTTPClient = &http.Client{Timeout: 10 * time.Second}
	}
	a := &Adapter{
		cfg:    cfg,
		engine: cfg.Responder,
		loc:    cfg.Responder.Localizer(),
		log:    cfg.Logger.With("platform", bot.PlatformSlack),
		m:      cfg.Metrics,
		now:    cfg.Now,
		staff:  map[string]bool{},
		inbox:  cfg.Inbox,
		users:  newUserCache(10000, time.Hour),
		pace:   newPacer(cfg.ChannelInterval),
	}
	if a.loc == nil {
		a.loc = idLocalizer{}
	}
	for _, id := range cfg.StaffUserIDs {
		if id = strings.TrimSpace(id); id != "" {
			a.staff[id] = true
		}
	}
	a.api = slackapi.New(cfg.BotToken, a.apiOptions(cfg.AppToken)...)
	cfg.Inbox.Register(bot.PlatformSlack, inbox.Channel{Answer: a.answer, Deliver: a.deliverEvent, Retries: true,
		Acknowledged: a.acknowledged})
	return a, nil
}

func (a *Adapter) apiOptions(appToken string) []slackapi.Option {
	opts := []slackapi.Option{slackapi.OptionHTTPClient(a.cfg.HTTPClient)}
	if a.cfg.APIURL != "" {
		u := a.cfg.APIURL
		if !strings.HasSuffix(u, "/") {
			u += "/"
		}
		opts = append(opts, slackapi.OptionAPIURL(u))
	}
	if appToken != "" {
		opts = append(opts, slackapi.OptionAppLevelToken(appToken))
	}
	return opts
}

// Ready reports whether Slack can be used: auth.test succeeded within the
// last minute (it is called when not), and, while RunSocketMode runs, the
// socket is connected. Errors wrap bot.ErrUnavailable.
func (a *Adapter) Ready(ctx context.Context) error {
	if a.socketOn.Load() && !a.socketUp.Load() {
		return fmt.Errorf("slack: socket mode not connected: %w", bot.ErrUnavailable)
	}
	a.mu.Lock()
	fresh := !a.authOK.IsZero() && a.now().Sub(a.authOK) < authCacheTTL
	a.mu.Unlock()
	if fresh {
		return nil
	}
	if _, err := a.identify(ctx); err != nil {
		return err
	}
	return nil
}

// identify calls auth.test and remembers the bot's user id.
func (a *Adapter) identify(ctx context.Context) (string, error) {
	res, err := a.api.AuthTestContext(ctx)
	if err != nil {
		return "", fmt.Errorf("slack: auth.test: %w: %w", err, bot.ErrUnavailable)
	}
	a.mu.Lock()
	defer a.mu.Unlock()
	a.botUser = res.UserID
	a.authOK = a.now()
	return res.UserID, nil
}

// selfID returns the bot's user id if known (empty before auth.test).
func (a *Adapter) selfID() string {
	a.mu.Lock()
	defer a.mu.Unlock()
	return a.botUser
}

// Shutdown stops the shared inbox taking new events and waits until the
// accepted ones are answered, or ctx ends; events left then are answered
// by the next running copy. It returns ctx's error when work was left.
func (a *Adapter) Shutdown(ctx context.Context) error {
	if err := a.inbox.Shutdown(ctx); err != nil {
		return fmt.Errorf("slack: shutdown: %w", err)
	}
	return nil
}

// text returns the adapter's own message id in lang.
func (a *Adapter) text(lang bot.Lang, id string) string {
	return a.loc.Text(lang, id, nil)
}

// isStaff reports whether user is in the configured staff list.
func (a *Adapter) isStaff(user string) bool { return a.staff[user] }

// idLocalizer returns message ids; used when the responder gives no localizer.
type idLocalizer struct{}

func (idLocalizer) Text(_ bot.Lang, id string, _ map[string]any) string { return id }
