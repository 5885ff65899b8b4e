// Package redact removes secrets from text bound for logs and error
// messages: platform tokens, webhook and interaction URLs (whose path is a
// credential), signing secrets, hash keys and database passwords.
//
// There is one path: a Redactor knows the configured secrets and the shapes
// of tokens that are never configured (a Discord interaction token, a Slack
// response_url); Handler wraps the program's slog.Handler so that every log
// line passes through it, and Error gives adapters errors whose text is safe
// to log or wrap while errors.Is and errors.As still see the original.
package redact

import (
	"net/url"
	"regexp"
	"slices"
	"strings"
	"sync"
)

// Mask replaces a secret in redacted text.
const Mask = "[REDACTED]"

// minSecret is the shortest configured secret that is masked: shorter
// values would mask ordinary words and ids.
const minSecret = 8

// shapes are secrets recognised by their form; the first group (if any) is
// kept and the rest of the match becomes Mask.
var shapes = []*regexp.Regexp{
	// Discord webhook and interaction URLs: /webhooks/<app id>/<token>,
	// /interactions/<id>/<token>/callback.
	regexp.MustCompile(`((?:webhooks|interactions)/\d+/)[A-Za-z0-9_.\-]+`),
	// A Discord interaction token on its own: base64 of "interaction:...".
	regexp.MustCompile(`()aW50ZXJhY3Rpb246[A-Za-z0-9_+/=\-]+`),
	// Slack response_url and incoming webhooks: /commands|actions|services/T.../...
	regexp.MustCompile(`((?:commands|actions|services|workflows|triggers)/T[A-Z0-9]+/)[A-Za-z0-9_/\-]+`),
	// Slack tokens: bot, user, app-level, refresh, configuration.
	regexp.MustCompile(`()\b(?:xox[abposre]|xapp|xoxe\.xox[bp])-[A-Za-z0-9\-]{6,}`),
	// A Discord bot token: three base64url parts separated by dots.
	regexp.MustCompile(`()\b[A-Za-z0-9_\-]{20,}\.[A-Za-z0-9_\-]{6,}\.[A-Za-z0-9_\-]{20,}`),
	// Authorization headers.
	regexp.MustCompile(`(?i)(\b(?:Bot|Bearer)\s+)[A-Za-z0-9_.\-]{16,}`),
	// Passwords in connection strings: scheme://user:password@host.
	regexp.MustCompile(`([a-z][a-z0-9+.\-]*://[^:/@\s"]*:)[^@\s"/]+@`),
	// Credentials in query strings (Slack Socket Mode tickets and the like).
	regexp.MustCompile(`(?i)([?&](?:ticket|token|secret|password|key|sig|signature)=)[^&\s"]+`),
}

// Redactor masks the configured secrets and every secret shape. It is safe
// for concurrent use; the zero value masks shapes only.
type Redactor struct {
	mu      sync.RWMutex
	secrets []string
}

// New returns a Redactor that masks secrets (empty and very short values
// are ignored) besides the shapes every Redactor knows. A URL with a
// password also adds the password alone.
func New(secrets ...string) *Redactor {
	r := &Redactor{}
	r.Add(secrets...)
	return r
}

// Add makes r mask more secrets, such as a key generated at start-up.
func (r *Redactor) Add(secrets ...string) {
	r.mu.Lock()
	defer r.mu.Unlock()
	for _, s := range secrets {
		for _, v := range append([]string{s}, urlPassword(s)...) {
			if len(v) >= minSecret && !slices.Contains(r.secrets, v) {
				r.secrets = append(r.secrets, v)
			}
		}
	}
	// Longest first, so a secret containing another is masked whole.
	slices.SortStableFunc(r.secrets, func(a, b string) int { return len(b) - len(a) })
}

// String returns s with every known secret and secret shape masked.
func (r *Redactor) String(s string) string {
	if r != nil {
		r.mu.RLock()
		for _, v := range r.secrets {
			if strings.Contains(s, v) {
				s = strings.ReplaceAll(s, v, Mask)
			}
		}
		r.mu.RUnlock()
	}
	return Shapes(s)
}

// Shapes returns s with every secret recognised by its form masked (no
// configured secrets: use a Redactor for those).
func Shapes(s string) string {
	if !mayHold(s) {
		return s
	}
	for _, re := range shapes {
		s = re.ReplaceAllString(s, "${1}"+Mask)
	}
	return s
}

// mayHold is a cheap test that s could match a shape: every shape has a
// '/', '-', '.' or '=', or is an interaction token.
func mayHold(s string) bool {
	return len(s) >= 16 && (strings.ContainsAny(s, "/-.=") || strings.Contains(s, "aW50ZXJhY3Rpb246"))
}

// Error returns err with every secret shape and each of secrets masked in
// its text; errors.Is and errors.As still see err. It returns err itself
// when nothing needs masking, and nil for nil.
func Error(err error, secrets ...string) error {
	if err == nil {
		return nil
	}
	msg := err.Error()
	clean := msg
	for _, v := range secrets {
		if v != "" {
			clean = strings.ReplaceAll(clean, v, Mask)
		}
	}
	clean = Shapes(clean)
	if clean == msg {
		return err
	}
	return &redacted{msg: clean, err: err}
}

// redacted is an error whose text has secrets masked.
type redacted struct {
	msg string
	err error
}

func (e *redacted) Error() string { return e.msg }
func (e *redacted) Unwrap() error { return e.err }

// urlPassword returns the password of a URL with user info, if any.
func urlPassword(s string) []string {
	if !strings.Contains(s, "://") {
		return nil
	}
	u, err := url.Parse(s)
	if err != nil || u.User == nil {
		return nil
	}
	if p, ok := u.User.Password(); ok && p != "" {
		out := []string{p}
		if esc := url.QueryEscape(p); esc != p {
			out = append(out, esc)
		}
		return out
	}
	return nil
}

// Error returns err with every secret r knows and every secret shape
// masked in its text; errors.Is and errors.As still see err. It returns
// err itself when nothing needs masking, and nil for nil.
func (r *Redactor) Error(err error) error {
	if err == nil {
		return nil
	}
	msg := err.Error()
	if clean := r.String(msg); clean != msg {
		return &redacted{msg: clean, err: err}
	}
	return err
}
