package web

import (
	"crypto/hmac"
	"crypto/sha256"
	"encoding/hex"
	"net"
	"net/http"
	"net/netip"
	"strings"
	"sync"
	"time"
)

// limiter counts posts per key in fixed one-minute windows, in memory.
// Keys are keyed hashes: no raw address or session id is kept.
type limiter struct {
	now func() time.Time
	mu  sync.Mutex
	m   map[string]*window
}

type window struct {
	start time.Time
	n     int
}

// maxLimiterKeys bounds the memory of the limiter; past it, ended windows
// are swept.
const maxLimiterKeys = 100000

func newLimiter(now func() time.Time) *limiter { return &limiter{now: now, m: map[string]*window{}} }

// allow counts one post for key and reports whether it is within limit per minute.
func (l *limiter) allow(key string, limit int) bool {
	l.mu.Lock()
	defer l.mu.Unlock()
	now := l.now()
	w, ok := l.m[key]
	if !ok || now.Sub(w.start) >= time.Minute || now.Before(w.start) {
		if !ok && len(l.m) >= maxLimiterKeys {
			l.sweep(now)
		}
		w = &window{start: now}
		l.m[key] = w
	}
	w.n++
	return w.n <= limit
}

func (l *limiter) sweep(now time.Time) {
	for k, w := range l.m {
		if now.Sub(w.start) >= time.Minute {
			delete(l.m, k)
		}
	}
	for k := range l.m { // still full: every window is young; forget some
		if len(l.m) < maxLimiterKeys/2 {
			break
		}
		delete(l.m, k)
	}
}

// clientKey is a keyed hash of the client's address (per-process key), so
// the limiter never holds a raw IP address.
func (a *Adapter) clientKey(r *http.Request) string {
	m := hmac.New(sha256.New, a.ipKey)
	m.Write([]byte(a.clientAddr(r)))
	return "c:" + hex.EncodeToString(m.Sum(nil)[:16])
}

// clientAddr is the address the request came from: RemoteAddr, or, when
// that is a trusted proxy, the nearest address in X-Forwarded-For that is
// not one (proxies append, so the rightmost untrusted entry is the one no
// client could forge).
func (a *Adapter) clientAddr(r *http.Request) string {
	host, _, err := net.SplitHostPort(r.RemoteAddr)
	if err != nil {
		host = r.RemoteAddr
	}
	ip, err := netip.ParseAddr(host)
	if err != nil || !a.trusted(ip) {
		return host
	}
	hops := strings.Split(strings.Join(r.Header.Values("X-Forwarded-For"), ","), ",")
	for i := len(hops) - 1; i >= 0 && i >= len(hops)-20; i-- {
		hop, err := netip.ParseAddr(strings.TrimSpace(hops[i]))
		if err != nil {
			break
		}
		if !a.trusted(hop) {
			return hop.Unmap().String()
		}
	}
	return host
}

func (a *Adapter) trusted(ip netip.Addr) bool {
	for _, p := range a.cfg.TrustedProxies {
		if p.Contains(ip.Unmap()) {
			return true
		}
	}
	return false
}

// convKey is the key of a session's conversation and post counter.
func (a *Adapter) convKey(sid string) string {
	return hex.EncodeToString(a.mac("conv", sid)[:16])
}

// allowPost applies the per-session and per-client limits. A post the
// session limit refuses is not counted against the client's address, so
// one session's burst does not lock out the other residents behind the
// same address (a school, an office, a proxy).
func (a *Adapter) allowPost(r *http.Request, sid string) bool {
	if !a.limits.allow("s:"+a.convKey(sid), a.cfg.SessionPerMinute) {
		return false
	}
	return a.limits.allow(a.clientKey(r), a.cfg.ClientPerMinute)
}
