package bot

import (
	"context"
	"crypto/hmac"
	"crypto/rand"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"log/slog"
	"strings"
	"sync"
	"sync/atomic"
	"time"
)

// Recorder receives the engine's counters; *metrics.Metrics implements it.
// A nil Recorder records nothing.
type Recorder interface {
	MessageIn(platform, intent string)
	SubmissionStored(platform string)
	StoreError(op string)
	Duplicate(platform string)
}

// DigestRunner sends a staff digest to one channel at once ("digest now").
type DigestRunner interface {
	DigestNow(ctx context.Context, to Target) (sent int, err error)
}

// SummaryRunner is a DigestRunner that can also compose a summary of the
// input since a date ("digest since 2026-03-01") for one channel, posting
// nothing and moving no watermark; the engine answers with its first reply.
type SummaryRunner interface {
	DigestSince(ctx context.Context, to Target, lang Lang, since time.Time) ([]Reply, error)
}

// ChangeNotifier hears of staff actions that change which reminders are
// due (a start date moved, a channel subscribed to reminders), so they are
// acted on at once rather than at the next sweep. Changed must not block.
type ChangeNotifier interface {
	Changed(ctx context.Context)
}

// Config is what New needs. Store, Catalog, Localizer, NewUnderstander and
// HashKey are required.
type Config struct {
	Catalog         CatalogSource
	Store           Store
	Localizer       Localizer
	NewUnderstander func(*Catalog) Understander
	// HashKey keys the HMAC-SHA256 that replaces platform user ids (>= 32 bytes).
	HashKey  []byte
	Now      func() time.Time
	Location *time.Location // for dates shown to users; default Europe/Oslo
	Logger   *slog.Logger
	Recorder Recorder
	Digest   DigestRunner   // optional; "digest now" is refused without it
	Changes  ChangeNotifier // optional; told of moved start dates and new reminder subscriptions
	// SubmitLimit is the most submissions one resident may make per hour (default 10).
	SubmitLimit int
	// DialogTTL is how long an unfinished input dialog is kept (default 2h).
	DialogTTL time.Duration
	// StoreTimeout bounds each store call (default 5s).
	StoreTimeout time.Duration
	// Langs are the languages whose command words are understood (default Langs).
	Langs []Lang
	// Retention is the retention rule and privacy contact the privacy answers name.
	Retention Retention
	// FloodPerMinute is how many messages one resident may send per minute
	// before being asked to slow down; 0 means no limit.
	FloodPerMinute int
	// Insights tags stored input with its themes and answers staff's "what
	// are people saying about ...?" (optional; see insight.go).
	Insights Insights
}

// Engine is the platform-neutral conversation engine. It implements Responder.
// It is safe for concurrent use.
type Engine struct {
	cfg Config
	ans *Answerer
	log *slog.Logger

	flood *floodGuard

	cur        atomic.Pointer[overlay]
	refreshing sync.Mutex // held by the one goroutine refreshing cur
}

// New checks cfg and returns an Engine. It returns an error wrapping
// ErrInvalid naming every missing part.
func New(cfg Config) (*Engine, error) {
	var missing []string
	if cfg.Store == nil {
		missing = append(missing, "Store")
	}
	if cfg.Catalog == nil {
		missing = append(missing, "Catalog")
	}
	if cfg.Localizer == nil {
		missing = append(missing, "Localizer")
	}
	if cfg.NewUnderstander == nil {
		missing = append(missing, "NewUnderstander")
	}
	if len(cfg.HashKey) < 32 {
		missing = append(missing, "HashKey (at least 32 bytes)")
	}
	if len(missing) > 0 {
		return nil, fmt.Errorf("bot: engine config lacks %s: %w", strings.Join(missing, ", "), ErrInvalid)
	}
	if cfg.Now == nil {
		cfg.Now = time.Now
	}
	if cfg.Logger == nil {
		cfg.Logger = slog.New(slog.DiscardHandler)
	}
	if cfg.SubmitLimit <= 0 {
		cfg.SubmitLimit = 10
	}
	if cfg.DialogTTL <= 0 {
		cfg.DialogTTL = 2 * time.Hour
	}
	if len(cfg.Langs) == 0 {
		cfg.Langs = Langs
	}
	if cfg.StoreTimeout <= 0 {
		cfg.StoreTimeout = 5 * time.Second
	}
	e := &Engine{cfg: cfg, log: cfg.Logger, flood: newFloodGuard(cfg.FloodPerMinute)}
	e.ans = NewAnswerer(AnswererConfig{
		Catalog: CatalogFunc(e.catalog), Base: cfg.Catalog, Localizer: cfg.Localizer,
		NewUnderstander: cfg.NewUnderstander, Now: cfg.Now, Location: cfg.Location, Langs: cfg.Langs,
		Retention: cfg.Retention,
	})
	return e, nil
}

// Localizer returns the engine's Localizer.
func (e *Engine) Localizer() Localizer { return e.cfg.Localizer }

// Answerer returns the engine's question answerer.
func (e *Engine) Answerer() *Answerer { return e.ans }

// SuggestPlans returns plans matching query, best first (Value is the plan id).
func (e *Engine) SuggestPlans(query string, lang Lang, limit int) []Choice {
	return e.ans.SuggestPlans(query, lang, limit)
}

// Overview returns the plan overview with how to give input.
func (e *Engine) Overview(lang Lang) Reply { return e.ans.Overview(lang) }

// turn is one message being handled: who sent it, their stored settings
// and the language the reply is in. It is set up by newTurn and
// chooseLang; afterwards only a language choice (setLanguage), the privacy
// notice (notice) and a store found down (loadDialog) change it.
type turn struct {
	m       Message
	author  string
	lang    Lang
	prefs   Prefs
	prefsOK bool // prefs were read from the store (or are known not to exist)
	down    bool // the store failed as unavailable during this turn
}

// AuthorHash returns the keyed hash that stands for a platform user.
func (e *Engine) AuthorHash(platform, user string) string {
	mac := hmac.New(sha256.New, e.cfg.HashKey)
	mac.Write([]byte(platform + ":" + user))
	return hex.EncodeToString(mac.Sum(nil))
}

// Handle answers one message. It never fails: store errors become a polite
// message in the user's language. A message whose EventID was seen before
// (a platform retry, a second running copy) gets no replies.
//
// Every message takes one route: the understanding step (understand.go)
// turns it into a Meaning, the dialog (dialog.go) decides the replies and
// the next state from the stored state and that meaning.
func (e *Engine) Handle(ctx context.Context, m Message) []Reply {
	down := false
	if m.EventID != "" {
		first, err := e.cfg.Store.MarkEvent(e.storeCtx(ctx), m.Platform, m.EventID, e.cfg.Now().Add(7*24*time.Hour))
		switch {
		case err != nil:
			e.storeErr("mark_event", err)
			down = errors.Is(err, ErrUnavailable)
		case !first:
			if e.cfg.Recorder != nil {
				e.cfg.Recorder.Duplicate(m.Platform)
			}
			e.log.Info("duplicate event dropped", "platform", m.Platform, "event", m.EventID)
			return nil
		}
	}
	if m.Platform != PlatformConsole {
		if ok, warn := e.flood.check(m.Platform+":"+m.User, e.cfg.Now()); !ok {
			e.log.Info("flooding resident slowed down", "platform", m.Platform)
			if !warn {
				return nil
			}
			lang := e.langOf(Prefs{}, m.Locale)
			if lang == "" {
				lang = NB
			}
			return []Reply{{Lang: lang, Intent: IntentHelp, Private: true, Text: e.text(lang, "flood.slow_down", nil)}}
		}
	}
	t := e.newTurn(ctx, m, down)
	replies := e.converse(ctx, t)
	intent := IntentUnknown
	if len(replies) > 0 {
		intent = replies[0].Intent
	}
	if e.cfg.Recorder != nil {
		e.cfg.Recorder.MessageIn(m.Platform, string(intent))
	}
	for i := range replies {
		if replies[i].Lang == "" {
			replies[i].Lang = t.lang
		}
	}
	return replies
}

// newTurn loads the resident's preferences (skipped when the store is
// known to be down, so an outage costs one timeout, not several).
func (e *Engine) newTurn(ctx context.Context, m Message, down bool) *turn {
	t := &turn{m: m, author: e.AuthorHash(m.Platform, m.User), down: down, lang: NB}
	if !down {
		p, err := e.cfg.Store.Prefs(e.storeCtx(ctx), t.author)
		switch {
		case err == nil:
			t.prefs, t.prefsOK = p, true
		case errors.Is(err, ErrNotFound):
			t.prefsOK = true
		default:
			e.storeErr("prefs", err)
			t.down = errors.Is(err, ErrUnavailable)
		}
	}
	t.prefs.AuthorHash = t.author
	return t
}

// langOf applies the order explicit choice, platform locale; it returns ""
// when neither is known (detection on the text decides then).
func (e *Engine) langOf(p Prefs, locale string) Lang {
	if p.Lang != "" {
		return p.Lang
	}
	if l, ok := LangFromLocale(locale); ok {
		return l
	}
	if locale != "" {
		if l, ok := e.ans.vocab().knownLang(locale); ok {
			return l
		}
	}
	return ""
}

// chooseLang sets the reply language, one rule for every channel: the
// latest explicit choice (a typed request or a page's language switch, both
// stored as Prefs.Lang), then the message's own language when clear, the
// dialog's language when the message was too short to tell ("ok", "4", a
// plan name; in three words only when each is of one language alone:
// "hvem lager planene?" is Norwegian after English talk), then the platform's or page's locale, else bokmål.
func (e *Engine) chooseLang(t *turn, m Meaning, d Dialog) {
	if t.prefs.Lang != "" {
		t.lang = t.prefs.Lang
		return
	}
	locale := e.langOf(Prefs{}, t.m.Locale)
	switch {
	case clearLang(m) && (m.Words >= 4 || d.Lang == "" || m.LangPure):
		t.lang = m.Lang
	case d.Lang != "":
		t.lang = d.Lang
	case locale != "":
		t.lang = locale
	case m.LangSure:
		t.lang = m.Lang
	default:
		t.lang = NB
	}
}

// clearLang reports whether m's own language is clear enough to beat the
// locale: sure, in three words or more, four after a command word (whose
// arguments are mostly codes and names: "/temaplan hide INN-R8TN3K").
func clearLang(m Meaning) bool {
	if m.Command {
		return m.LangSure && m.Words >= 4
	}
	return m.LangSure && m.Words >= 3
}

// TextLang returns the language text is written in, by the rule that lets
// a text's language beat the locale. It implements TextLanger.
func (e *Engine) TextLang(text string) (Lang, bool) {
	m := e.ans.Parse(text)
	return m.Lang, clearLang(m)
}

// LangFor returns the language to show user: their explicit choice, else
// the platform locale, else bokmål. It implements LangChooser.
func (e *Engine) LangFor(ctx context.Context, platform, user, locale string) Lang {
	var p Prefs
	if got, err := e.cfg.Store.Prefs(e.storeCtx(ctx), e.AuthorHash(platform, user)); err == nil {
		p = got
	}
	if l := e.langOf(p, locale); l != "" {
		return l
	}
	return NB
}

func (e *Engine) storeCtx(ctx context.Context) context.Context {
	c, cancel := context.WithTimeout(ctx, e.cfg.StoreTimeout)
	context.AfterFunc(c, cancel)
	return c
}

func (e *Engine) storeErr(op string, err error) {
	if e.cfg.Recorder != nil {
		e.cfg.Recorder.StoreError(op)
	}
	e.log.Warn("store call failed", "op", op, "err", err)
}

// text is a shorthand for the localizer.
func (e *Engine) text(lang Lang, id string, data map[string]any) string {
	return e.cfg.Localizer.Text(lang, id, data)
}

// simple builds a one-text reply.
func (e *Engine) simple(t *turn, intent Intent, id string, data map[string]any) Reply {
	return Reply{Lang: t.lang, Intent: intent, Text: e.text(t.lang, id, data)}
}

// newRef returns a receipt reference like INN-7K3QF9 (no 0/O/1/I).
func newRef() string {
	const alphabet = "23456789ABCDEFGHJKLMNPQRSTUVWXYZ"
	var b [6]byte
	_, _ = rand.Read(b[:])
	out := []byte("INN-")
	for _, c := range b {
		out = append(out, alphabet[int(c)%len(alphabet)])
	}
	return string(out)
}

// newEventID returns a random id for messages that carry none (the console).
func newEventID() string {
	var b [12]byte
	_, _ = rand.Read(b[:])
	return "gen-" + hex.EncodeToString(b[:])
}
