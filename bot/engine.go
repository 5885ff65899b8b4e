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
	// FloodPerMinute is how many messages one resident may send per minute
	// before being asked to slow down; 0 means no limit.
	FloodPerMinute int
}

// Engine is the platform-neutral conversation engine. It implements Responder.
// It is safe for concurrent use.
type Engine struct {
	cfg Config
	ans *Answerer
	log *slog.Logger

	vc    vocabCache
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
		NewUnderstander: cfg.NewUnderstander, Now: cfg.Now, Location: cfg.Location,
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

// overlay is the catalogue with the staff start-date overrides applied,
// as of a moment.
type overlay struct {
	base   *Catalog
	starts map[string]Date
	cat    *Catalog
	at     time.Time
}

func newOverlay(base *Catalog, starts map[string]Date, at time.Time) *overlay {
	o := &overlay{base: base, starts: starts, cat: base, at: at}
	if len(starts) > 0 {
		o.cat = base.WithStarts(starts)
	}
	return o
}

// startsTTL is how long start-date overrides are trusted before re-reading
// them, so a date moved on another running copy takes effect soon.
const startsTTL = 30 * time.Second

// catalog returns the catalogue with staff start-date overrides applied. It
// never waits on the store except on the very first call: stale overrides
// are refreshed in the background by one goroutine while readers keep using
// the last ones (no lock on the answer path).
func (e *Engine) catalog() *Catalog {
	base := e.cfg.Catalog.Catalog()
	now := e.cfg.Now()
	o := e.cur.Load()
	if o == nil { // the first call: read the overrides once, others wait for it
		e.refreshing.Lock()
		if o = e.cur.Load(); o == nil {
			e.refreshStarts(base, nil)
			o = e.cur.Load()
		}
		e.refreshing.Unlock()
	} else if now.Sub(o.at) > startsTTL || now.Before(o.at) {
		if e.refreshing.TryLock() {
			go func() {
				defer e.refreshing.Unlock()
				e.refreshStarts(base, o)
			}()
		}
	}
	if o.base != base { // the catalogue file was reloaded
		o = newOverlay(base, o.starts, o.at)
		e.cur.Store(o)
	}
	return o.cat
}

// refreshStarts re-reads the overrides; on a store error it keeps old's.
func (e *Engine) refreshStarts(base *Catalog, old *overlay) {
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Second)
	defer cancel()
	starts, err := e.cfg.Store.PlanStarts(ctx)
	if err != nil {
		e.storeErr("plan_starts", err)
		if old != nil {
			starts = old.starts
		}
	}
	e.cur.Store(newOverlay(base, starts, e.cfg.Now()))
}

// setStart applies a start date this copy just stored, at once.
func (e *Engine) setStart(plan string, d Date) {
	o := e.cur.Load()
	base := e.cfg.Catalog.Catalog()
	starts := map[string]Date{plan: d}
	at := time.Time{}
	if o != nil {
		for k, v := range o.starts {
			if k != plan {
				starts[k] = v
			}
		}
		at = o.at
	}
	e.cur.Store(newOverlay(base, starts, at))
}

// turn is one message being handled: the message, who sent it and the
// language the reply is in.
type turn struct {
	m        Message
	author   string
	lang     Lang
	langSure bool // lang came from a choice, a locale or clear text, not the default
	langText bool // lang was detected on this message's text
	prefs    Prefs
	prefsOK  bool // prefs were read from the store (or are known not to exist)
	down     bool // the store failed as unavailable during this turn

	// The last text understood in this turn, so language detection, routing
	// and side questions do not run the matcher on the same text twice.
	utext string
	u     Understanding
	uok   bool
}

// understand runs the matcher on text once per turn.
func (e *Engine) understand(t *turn, text string) Understanding {
	if !t.uok || t.utext != text {
		t.utext, t.u, t.uok = text, e.ans.Understand(text), true
	}
	return t.u
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
			lang, _ := e.resolveLang(&turn{}, m)
			return []Reply{{Lang: lang, Intent: IntentHelp, Private: true, Text: e.text(lang, "flood.slow_down", nil)}}
		}
	}
	t := e.newTurn(ctx, m, down)
	replies := e.route(ctx, t)
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
	t := &turn{m: m, author: e.AuthorHash(m.Platform, m.User), down: down}
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
	t.lang, t.langSure = e.resolveLang(t, m)
	t.langText = t.langSure && t.prefs.Lang == "" && m.Locale == ""
	return t
}

// resolveLang applies the order: explicit choice, platform locale, detection
// on the text, bokmål. sure is false when it fell back to the default.
func (e *Engine) resolveLang(t *turn, m Message) (lang Lang, sure bool) {
	if t.prefs.Lang != "" {
		return t.prefs.Lang, true
	}
	if l, ok := LangFromLocale(m.Locale); ok {
		return l, true
	}
	if l, ok := e.knownLang(m.Locale); ok {
		return l, true
	}
	if strings.TrimSpace(m.Text) != "" {
		if u := e.understand(t, commandFree(m.Text)); u.LangSure {
			return u.Lang, true
		}
	}
	return NB, false
}

// knownLang maps a language name, code or locale ("nb", "English", "se-NO")
// to a language the engine has texts for: nb and en by name, any other by
// its code when the locale files provide it (Config.Langs).
func (e *Engine) knownLang(s string) (Lang, bool) {
	if l, ok := ParseLang(s); ok {
		return l, true
	}
	base := strings.ToLower(strings.TrimSpace(s))
	if i := strings.IndexAny(base, "-_"); i > 0 {
		base = base[:i]
	}
	for _, l := range e.cfg.Langs {
		if string(l) == base {
			return l, true
		}
	}
	return "", false
}

// LangFor returns the language to show user: their explicit choice, else
// the platform locale, else bokmål. It implements LangChooser.
func (e *Engine) LangFor(ctx context.Context, platform, user, locale string) Lang {
	t := &turn{}
	if p, err := e.cfg.Store.Prefs(e.storeCtx(ctx), e.AuthorHash(platform, user)); err == nil {
		t.prefs = p
	}
	lang, _ := e.resolveLang(t, Message{Locale: locale})
	return lang
}

// commandFree strips a leading "/temaplan" so detection sees only words.
func commandFree(s string) string {
	s = strings.TrimSpace(s)
	if rest, ok := strings.CutPrefix(s, "/temaplan"); ok {
		return rest
	}
	return s
}

func (e *Engine) route(ctx context.Context, t *turn) []Reply {
	m := t.m
	if m.Action != nil {
		return e.handleAction(ctx, t)
	}
	text := strings.TrimSpace(m.Text)
	if rest, ok := strings.CutPrefix(text, "/temaplan"); ok && (rest == "" || rest[0] == ' ') {
		return e.handleCommand(ctx, t, strings.TrimSpace(rest))
	}
	if m.Command {
		return e.handleCommand(ctx, t, text)
	}
	d, ok, err := e.activeDialog(ctx, t)
	switch {
	case err != nil:
		return e.withoutStore(t, text)
	case ok:
		return e.continueDialog(ctx, t, d, text)
	}
	return e.handleFree(ctx, t, text)
}

// withoutStore answers while the database cannot be reached: questions are
// still answered from the catalogue; anything that needs the store (a "yes"
// to send input, a dialog step) is told plainly that nothing was saved.
func (e *Engine) withoutStore(t *turn, text string) []Reply {
	if e.vocab().is(wordYes, text) {
		return []Reply{e.notSaved(t)}
	}
	u := e.understand(t, text)
	if questionIntents[u.Intent] || u.Intent == IntentPlanInfo || u.Intent == IntentGreeting {
		return []Reply{e.ans.Answer(u, t.lang)}
	}
	return []Reply{e.unavailable(t)}
}

// handleFree answers free text outside a dialog.
func (e *Engine) handleFree(ctx context.Context, t *turn, text string) []Reply {
	u := e.understand(t, text)
	if u.Intent == IntentInputSubmit {
		return e.startInput(ctx, t, u.Plan, "")
	}
	return []Reply{e.ans.Answer(u, t.lang)}
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
