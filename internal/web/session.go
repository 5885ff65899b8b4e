package web

import (
	"crypto/rand"
	"crypto/sha256"
	"encoding/base64"
	"encoding/hex"
	"net/http"
	"net/url"
	"regexp"
	"strings"

	"github.com/askerkommune/temaplanbot/bot"
)

// Cookie names. The session cookie holds a random id and nothing else; the
// language cookie holds "nb" or "en" when the resident chose one.
const (
	sessionCookie = "tpb_session"
	langCookie    = "tpb_lang"
)

// sessionMaxAge keeps a session for 90 days, so "my input" works on a return.
const sessionMaxAge = 90 * 24 * 3600

// tokenPattern matches session ids, nonces and link tokens: 32 random bytes
// in unpadded base64url.
var tokenPattern = regexp.MustCompile(`^[A-Za-z0-9_-]{43}$`)

// newToken returns 32 random bytes in unpadded base64url.
func newToken() string {
	var b [32]byte
	_, _ = rand.Read(b[:])
	return base64.RawURLEncoding.EncodeToString(b[:])
}

// hashToken is what is stored for a secret token: hex SHA-256.
func hashToken(tok string) string {
	sum := sha256.Sum256([]byte(tok))
	return hex.EncodeToString(sum[:])
}

// session returns the request's session id, or "" when it has none.
func session(r *http.Request) string {
	c, err := r.Cookie(sessionCookie)
	if err != nil || !tokenPattern.MatchString(c.Value) {
		return ""
	}
	return c.Value
}

// ensureSession returns the request's session id, starting a new session
// (and setting its cookie) when there is none.
func (a *Adapter) ensureSession(w http.ResponseWriter, r *http.Request) string {
	if sid := session(r); sid != "" {
		return sid
	}
	sid := newToken()
	a.setCookie(w, sessionCookie, sid, sessionMaxAge)
	return sid
}

func (a *Adapter) setCookie(w http.ResponseWriter, name, value string, maxAge int) {
	same := a.sameSite()
	http.SetCookie(w, &http.Cookie{Name: name, Value: value, Path: "/web/", MaxAge: maxAge,
		HttpOnly: true, Secure: true, SameSite: same,
		// In a frame on another site, browsers that block third-party
		// cookies still keep a cookie partitioned by that site (CHIPS).
		Partitioned: same == http.SameSiteNoneMode})
}

// sameSite is Lax, or None (and partitioned) when other sites may embed the
// chat (a frame on another site gets no Lax cookies); the CSRF token and the
// origin check protect the posts either way. None needs Secure.
func (a *Adapter) sameSite() http.SameSite {
	if len(a.origins) > 0 {
		return http.SameSiteNoneMode
	}
	return http.SameSiteLaxMode
}

// pageLang is the language of the page: the resident's choice (cookie),
// else the embedding page's (lang in the page options), else the browser's
// Accept-Language, else bokmål.
func pageLang(r *http.Request, view url.Values) bot.Lang {
	if c, err := r.Cookie(langCookie); err == nil {
		if l, ok := bot.ParseLang(c.Value); ok {
			return l
		}
	}
	if l, ok := bot.ParseLang(view.Get("lang")); ok && len(view.Get("lang")) == 2 {
		return l
	}
	return acceptLang(r.Header.Get("Accept-Language"))
}

// acceptLang picks nb or en from an Accept-Language header: the supported
// language with the highest weight, bokmål when none is supported.
func acceptLang(h string) bot.Lang {
	best, bestQ := bot.NB, -1.0
	for i, part := range strings.Split(h, ",") {
		if i >= 20 {
			break
		}
		tag, params, _ := strings.Cut(strings.TrimSpace(part), ";")
		q := 1.0
		if v, ok := strings.CutPrefix(strings.TrimSpace(params), "q="); ok {
			q = parseQ(v)
		}
		l, ok := bot.LangFromLocale(tag)
		if ok && q > bestQ {
			best, bestQ = l, q
		}
	}
	return best
}

// parseQ reads a quality value (0 to 1, up to three decimals); bad values are 0.
func parseQ(s string) float64 {
	if s == "1" || strings.HasPrefix(s, "1.") {
		return 1
	}
	rest, ok := strings.CutPrefix(s, "0.")
	if !ok {
		return 0
	}
	q, scale := 0.0, 0.1
	for i := 0; i < len(rest) && i < 3; i++ {
		if rest[i] < '0' || rest[i] > '9' {
			return 0
		}
		q += float64(rest[i]-'0') * scale
		scale /= 10
	}
	return q
}
