package web

import (
	"net/http"
	"net/url"
	"strings"
	"testing"
)

// Posts one session's limit refuses do not count against its address: a
// resident's burst does not lock out the others behind the same address
// (every browser here comes from 127.0.0.1).
func TestRateLimitPerAddressCountsServedPostsOnly(t *testing.T) {
	r := newRig(t, func(c *Config) { c.SessionPerMinute, c.ClientPerMinute = 3, 5 })
	burst := r.browser(t)
	burst.get("/web/")
	refused := 0
	for range 10 {
		res, _ := burst.do(http.MethodPost, "/web/say", url.Values{"csrf": {burst.csrf()}, "text": {"hei"}})
		if res.StatusCode == http.StatusTooManyRequests {
			refused++
		}
	}
	if refused != 7 {
		t.Fatalf("the burst had %d of 10 posts refused, want 7 (session limit 3)", refused)
	}
	other := r.browser(t)
	other.get("/web/")
	for i := range 2 {
		other.say("hei")
		if strings.Contains(other.last, "Vent et minutt") {
			t.Fatalf("another resident's post %d refused: the burst's refused posts counted against the address", i+1)
		}
	}
}
