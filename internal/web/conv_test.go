package web

import (
	"fmt"
	"net/http"
	"net/http/httptest"
	"net/netip"
	"strings"
	"testing"
	"time"

	"github.com/askerkommune/temaplanbot/bot"
	"github.com/askerkommune/temaplanbot/internal/apptest"
)

func TestConversationsBounded(t *testing.T) {
	clock := apptest.NewClock(time.Date(2026, 12, 1, 12, 0, 0, 0, time.UTC))
	cs := newConversations(clock.Now)
	for i := range maxEntries {
		cs.add("a", []entry{{You: true, Text: fmt.Sprint("q", i)}, {Text: "svar"}}, nil, nil, false)
	}
	got, turn := cs.snapshot("a")
	if len(got) != maxEntries || turn != maxEntries || got[len(got)-1].ID != 2*maxEntries {
		t.Fatalf("%d entries, turn %d, last id %d", len(got), turn, got[len(got)-1].ID)
	}
	if got[0].Text != fmt.Sprint("q", maxEntries/2) {
		t.Errorf("oldest kept %q: the oldest entries should go first", got[0].Text)
	}
	clock.Advance(convIdle + time.Second)
	if got, _ := cs.snapshot("a"); got != nil {
		t.Errorf("an idle conversation is still shown: %d entries", len(got))
	}
	cs.add("b", []entry{{You: true}}, nil, map[string]string{"confirm:": "Send"}, false)
	if cs.label("b", "confirm:") != "Send" || cs.label("b", "cancel:") != "" || cs.label("c", "confirm:") != "" {
		t.Error("button labels are not kept per conversation")
	}
}

func TestConversationsMakeRoom(t *testing.T) {
	clock := apptest.NewClock(time.Date(2026, 12, 1, 12, 0, 0, 0, time.UTC))
	cs := newConversations(clock.Now)
	for i := range maxConvs + 10 {
		cs.add(fmt.Sprint(i), []entry{{You: true}}, nil, nil, false)
	}
	if n := len(cs.m); n > maxConvs {
		t.Fatalf("%d conversations kept, at most %d", n, maxConvs)
	}
}

func TestLimiter(t *testing.T) {
	clock := apptest.NewClock(time.Date(2026, 12, 1, 12, 0, 0, 0, time.UTC))
	l := newLimiter(clock.Now)
	for i := range 3 {
		if !l.allow("k", 3) {
			t.Fatalf("post %d refused", i+1)
		}
	}
	if l.allow("k", 3) {
		t.Fatal("4th post in a minute allowed")
	}
	if !l.allow("other", 3) {
		t.Fatal("another key was limited")
	}
	clock.Advance(time.Minute)
	if !l.allow("k", 3) {
		t.Fatal("a new minute is still limited")
	}
}

func TestClientAddrBehindTrustedProxy(t *testing.T) {
	a := &Adapter{cfg: Config{TrustedProxies: []netip.Prefix{netip.MustParsePrefix("10.0.0.0/8"),
		netip.MustParsePrefix("::1/128")}}, ipKey: make([]byte, 32)}
	tests := []struct {
		remote, xff, want string
	}{
		{"203.0.113.9:5000", "198.51.100.1", "203.0.113.9"},           // not a proxy: its header is ignored
		{"10.1.2.3:5000", "198.51.100.1", "198.51.100.1"},             // from the proxy
		{"10.1.2.3:5000", "192.0.2.66, 198.51.100.1", "198.51.100.1"}, // a forged left entry is not used
		{"10.1.2.3:5000", "198.51.100.1, 10.9.9.9", "198.51.100.1"},   // two proxies
		{"10.1.2.3:5000", "", "10.1.2.3"},                             // no header
		{"10.1.2.3:5000", "not-an-ip", "10.1.2.3"},                    // garbage
		{"[::1]:5000", "2001:db8::7", "2001:db8::7"},                  // IPv6
		{"10.1.2.3:5000", "::ffff:198.51.100.1", "198.51.100.1"},      // mapped
	}
	for _, tc := range tests {
		r := httptest.NewRequest(http.MethodPost, "/web/say", nil)
		r.RemoteAddr = tc.remote
		if tc.xff != "" {
			r.Header.Set("X-Forwarded-For", tc.xff)
		}
		if got := a.clientAddr(r); got != tc.want {
			t.Errorf("%s with X-Forwarded-For %q: %s, want %s", tc.remote, tc.xff, got, tc.want)
		}
	}
}

func TestFoldLongAnswers(t *testing.T) {
	long := strings.Repeat("lang tekst ", 30) // 330 characters
	call := bot.Section{Body: "Vil du gi innspill? Skriv «innspill klima» og teksten din."}
	for _, tt := range []struct {
		name              string
		v                 replyView
		show, more, after int
	}{
		{"short", replyView{Sections: []bot.Section{{Title: "a", Body: "b"}, {Body: "c"}}}, 2, 0, 0},
		{"a plan: title, sections, the call to action after",
			replyView{Sections: []bot.Section{{Title: "Plan"}, {Title: "Formål", Body: long}, {Body: long}, {Body: long}, call}}, 2, 2, 1},
		{"little to hide: shown whole", replyView{Sections: []bot.Section{{Body: long}, {Body: strings.Repeat("kort ", 20)}, call}}, 3, 0, 0},
		{"long sections", replyView{Sections: []bot.Section{{Body: long}, {Body: long}, {Body: long}}}, 1, 2, 0},
		{"long text in lines", replyView{Text: long + "\n" + long}, 0, 1, 0},
		{"long text in one line", replyView{Text: long + long}, 0, 0, 0},
	} {
		t.Run(tt.name, func(t *testing.T) {
			v := tt.v
			v.fold()
			if len(v.Sections) != tt.show || len(v.More) != tt.more || len(v.After) != tt.after {
				t.Errorf("shows %d sections, %d behind read more, %d after; want %d, %d, %d",
					len(v.Sections), len(v.More), len(v.After), tt.show, tt.more, tt.after)
			}
		})
	}
}
