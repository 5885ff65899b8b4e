package web

import (
	"crypto/hmac"
	"encoding/base64"
	"maps"
	"net/http"
	"net/url"
	"slices"
	"strings"
)

// contentSecurityPolicy allows only this server's own scripts, styles and
// images, posts only to itself, and frames only by itself and origins.
func contentSecurityPolicy(origins map[string]bool) string {
	anc := append([]string{"'self'"}, slices.Sorted(maps.Keys(origins))...)
	return "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; connect-src 'self'; " +
		"form-action 'self'; base-uri 'none'; frame-ancestors " + strings.Join(anc, " ")
}

// secure sets the security headers of every response, limits post bodies to
// MaxBody and refuses posts from other origins before any handler runs.
func (a *Adapter) secure(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		h := w.Header()
		h.Set("Content-Security-Policy", a.csp)
		h.Set("X-Content-Type-Options", "nosniff")
		h.Set("Referrer-Policy", "same-origin") // private links never leak to other sites
		h.Set("Cross-Origin-Opener-Policy", "same-origin")
		h.Set("Permissions-Policy", "camera=(), microphone=(), geolocation=()")
		h.Set("X-Robots-Tag", "noindex, nofollow") // private links and conversations are no search results
		if len(a.origins) == 0 {
			h.Set("X-Frame-Options", "SAMEORIGIN")
		}
		if r.Method == http.MethodPost {
			if !a.sameOrigin(r) {
				a.refuse(w, r, http.StatusForbidden, "web.error.origin")
				return
			}
			if r.ContentLength > MaxBody {
				w.Header().Set("Connection", "close")
				a.refuse(w, r, http.StatusRequestEntityTooLarge, "web.error.too_large")
				return
			}
			r.Body = http.MaxBytesReader(w, r.Body, MaxBody)
		}
		next.ServeHTTP(w, r)
	})
}

// sameOrigin reports whether a post comes from the chat's own origin (or
// an allowed one). Browsers send Sec-Fetch-Site (which pages cannot forge)
// and Origin with posts; Origin is "null" for a form post from a page with
// a strict referrer policy, so Sec-Fetch-Site decides when present. A
// request with neither is not from another site's page and still needs a
// valid CSRF token. Without BaseURL the own origin is the request's Host,
// whatever the scheme (TLS may end at a proxy).
func (a *Adapter) sameOrigin(r *http.Request) bool {
	o := strings.ToLower(r.Header.Get("Origin"))
	switch r.Header.Get("Sec-Fetch-Site") {
	case "same-origin", "none":
		return true
	case "":
	default: // same-site, cross-site: only from an allowed origin
		return a.origins[o]
	}
	if o == "" {
		return true
	}
	if a.origins[o] {
		return true
	}
	u, err := url.Parse(o)
	if err != nil || u.Host == "" || u.Path != "" {
		return false // includes "null" from sandboxed frames and files
	}
	if a.cfg.BaseURL != "" {
		base, err := url.Parse(a.cfg.BaseURL)
		return err == nil && strings.EqualFold(base.Host, u.Host) && strings.EqualFold(base.Scheme, u.Scheme)
	}
	return strings.EqualFold(u.Host, r.Host)
}

// csrfToken is the session's CSRF token: a MAC of the session id, so it
// needs no server state and a copy of it cannot serve another session.
func (a *Adapter) csrfToken(sid string) string {
	return base64.RawURLEncoding.EncodeToString(a.mac("csrf", sid))
}

// checkCSRF reports whether the post's csrf field belongs to sid.
func (a *Adapter) checkCSRF(r *http.Request, sid string) bool {
	got, err := base64.RawURLEncoding.DecodeString(r.PostFormValue("csrf"))
	return err == nil && sid != "" && hmac.Equal(got, a.mac("csrf", sid))
}

// staticFiles serves the embedded styles and script, cacheable for an hour.
func (a *Adapter) staticFiles() http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		switch {
		case strings.HasSuffix(r.URL.Path, "/") || r.URL.Path == "":
			http.NotFound(w, r)
			return
		case r.URL.Path == "embed.js":
			http.NotFound(w, r) // served with its strings at /web/embed.js
			return
		}
		w.Header().Set("Cross-Origin-Resource-Policy", "same-origin")
		w.Header().Set("Cache-Control", "public, max-age=3600")
		a.static.ServeHTTP(w, r)
	})
}
