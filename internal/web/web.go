// Package web is the web chat adapter: a chat page for the municipality's
// own web pages, for residents who use neither Slack nor Discord. It turns
// form posts into bot.Message values for the same engine as every other
// channel and renders the engine's replies as HTML (choices as buttons, the
// input form as a real form with labels and field errors).
//
// The page works without JavaScript (each message is a form post answered
// with a redirect to the page, post/redirect/get) and is enhanced by
// assets/chat.js (posts with fetch, replies appended without a reload).
// Every response carries a strict Content-Security-Policy: scripts and
// styles come only from this server's embedded files, never inline.
//
// Residents do not log in. A random session id in an HttpOnly, Secure,
// SameSite cookie is their user id; the engine stores only a keyed hash of
// it, as for the chat platforms. Each receipt comes with a private link (a
// secret token stored only as a hash) that shows and deletes the input from
// any device.
//
// The adapter decides nothing about meaning: text, buttons and form fields
// go to the engine as they are. Staff commands are not available here
// (Message.Staff is always false).
package web

import (
	"context"
	"crypto/hmac"
	"crypto/rand"
	"crypto/sha256"
	"embed"
	"fmt"
	"html/template"
	"io/fs"
	"log/slog"
	"net/http"
	"net/netip"
	"net/url"
	"strings"
	"time"

	"github.com/askerkommune/temaplanbot/bot"
)

// Store is what the private receipt links need: the link table and the
// resident's own submission.
type Store interface {
	bot.WebLinkStore
	// Submission returns the submission with ref, or bot.ErrNotFound.
	Submission(ctx context.Context, ref string) (bot.Submission, error)
	// DeleteSubmission deletes ref if authorHash wrote it (bot.ErrNotFound,
	// bot.ErrArchived otherwise).
	DeleteSubmission(ctx context.Context, ref, authorHash string) error
}

// Metrics receives the adapter's measurements; *metrics.Metrics implements
// it. A nil Metrics records nothing.
type Metrics interface {
	// Rejected counts a refused post: reason "origin", "csrf", "size",
	// "malformed" or "rate_limit".
	Rejected(platform, reason string)
	// Answer records how long answering a post took (engine and rendering).
	Answer(platform string, d time.Duration)
}

// Config is what New needs. Responder, Store and Key are required.
type Config struct {
	Responder bot.Responder
	Store     Store
	// Key (>= 32 bytes) signs the CSRF tokens; every running copy needs the
	// same key. Derive it from the author hash key.
	Key []byte
	// BaseURL is the public address of the server (https://chat.example.no),
	// used in private links. Empty: taken from the request's Host.
	BaseURL string
	// AllowedOrigins may embed the chat in a frame (CSP frame-ancestors) and
	// post to it, besides the chat's own origin.
	AllowedOrigins []string
	// SessionPerMinute and ClientPerMinute limit posts per browser session and
	// per client address (kept only as a keyed hash, in memory). Defaults 30 and 300.
	SessionPerMinute int
	ClientPerMinute  int
	// TrustedProxies are the reverse proxies in front of the server: from
	// them, the client address comes from X-Forwarded-For. Without them,
	// every resident behind a proxy would share one per-client limit.
	TrustedProxies []netip.Prefix
	Metrics        Metrics
	// Location is the time zone of dates shown (receipt pages); default UTC.
	Location *time.Location
	Logger   *slog.Logger
	Now      func() time.Time
}

// Adapter serves the web chat. It is safe for concurrent use.
type Adapter struct {
	cfg     Config
	log     *slog.Logger
	loc     bot.Localizer
	tpl     *template.Template
	static  http.Handler
	convs   *conversations
	limits  *limiter
	csp     string
	embed   []byte
	ipKey   []byte
	origins map[string]bool
}

//go:embed assets
var assets embed.FS

// MaxBody is the largest post the chat accepts: the longest input (4,000
// characters, up to 4 bytes each) percent-encoded, with room to spare.
const MaxBody = 64 << 10

// New checks cfg and returns an Adapter. It returns an error wrapping
// bot.ErrInvalid when a required part is missing or an origin is malformed.
func New(cfg Config) (*Adapter, error) {
	var missing []string
	if cfg.Responder == nil {
		missing = append(missing, "Responder")
	}
	if cfg.Store == nil {
		missing = append(missing, "Store")
	}
	if len(cfg.Key) < 32 {
		missing = append(missing, "Key (at least 32 bytes)")
	}
	if len(missing) > 0 {
		return nil, fmt.Errorf("web: config lacks %s: %w", strings.Join(missing, ", "), bot.ErrInvalid)
	}
	if cfg.Logger == nil {
		cfg.Logger = slog.New(slog.DiscardHandler)
	}
	if cfg.Now == nil {
		cfg.Now = time.Now
	}
	if cfg.SessionPerMinute <= 0 {
		cfg.SessionPerMinute = 30
	}
	if cfg.ClientPerMinute <= 0 {
		cfg.ClientPerMinute = 300
	}
	a := &Adapter{cfg: cfg, log: cfg.Logger, loc: cfg.Responder.Localizer(), origins: map[string]bool{}}
	for _, o := range cfg.AllowedOrigins {
		norm, err := NormalizeOrigin(o)
		if err != nil {
			return nil, err
		}
		a.origins[norm] = true
	}
	tpl, err := parseTemplates()
	if err != nil {
		return nil, err
	}
	sub, err := fs.Sub(assets, "assets")
	if err != nil {
		return nil, fmt.Errorf("web: assets: %w", err)
	}
	a.tpl, a.static = tpl, http.FileServerFS(sub)
	a.convs = newConversations(cfg.Now)
	a.limits = newLimiter(cfg.Now)
	a.ipKey = make([]byte, 32)
	_, _ = rand.Read(a.ipKey) // per process: client hashes never outlive it
	a.csp = contentSecurityPolicy(a.origins)
	if a.embed, err = a.embedScript(); err != nil {
		return nil, err
	}
	return a, nil
}

// NormalizeOrigin checks that s is an origin (scheme://host[:port], no path)
// and returns it in lower case. It returns an error wrapping bot.ErrInvalid
// otherwise.
func NormalizeOrigin(s string) (string, error) {
	u, err := url.Parse(strings.TrimSpace(s))
	if err != nil || (u.Scheme != "https" && u.Scheme != "http") || u.Host == "" ||
		(u.Path != "" && u.Path != "/") || u.RawQuery != "" || u.Fragment != "" || u.User != nil {
		return "", fmt.Errorf("web: %q is not an origin like https://www.asker.kommune.no: %w", s, bot.ErrInvalid)
	}
	return strings.ToLower(u.Scheme + "://" + u.Host), nil
}

// Handler serves everything under /web/: the chat page, its posts, the
// private receipt pages and the static files (styles, scripts, embed.js).
func (a *Adapter) Handler() http.Handler {
	mux := http.NewServeMux()
	mux.HandleFunc("GET /web/{$}", a.page)
	mux.HandleFunc("POST /web/say", a.say)
	mux.HandleFunc("POST /web/lang", a.setLang)
	mux.HandleFunc("GET /web/r/{token}", a.receiptPage)
	mux.HandleFunc("POST /web/r/{token}", a.receiptDelete)
	mux.HandleFunc("GET /web/embed.js", serveEmbed(a.embed))
	mux.Handle("GET /web/static/", http.StripPrefix("/web/static/", a.staticFiles()))
	mux.HandleFunc("GET /web", func(w http.ResponseWriter, r *http.Request) {
		http.Redirect(w, r, "/web/", http.StatusMovedPermanently)
	})
	return a.secure(mux)
}

// mac returns the hex HMAC-SHA256 of parts under the adapter's key.
func (a *Adapter) mac(parts ...string) []byte {
	m := hmac.New(sha256.New, a.cfg.Key)
	for _, p := range parts {
		m.Write([]byte(p))
		m.Write([]byte{0})
	}
	return m.Sum(nil)
}

// text returns a web.* string in lang.
func (a *Adapter) text(lang bot.Lang, id string, data map[string]any) string {
	return a.loc.Text(lang, id, data)
}
