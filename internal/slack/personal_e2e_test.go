package slack

import (
	"context"
	"strings"
	"testing"

	"github.com/askerkommune/temaplanbot/bot"
	"github.com/askerkommune/temaplanbot/internal/apptest"
)

// Personal data written the way people type it is refused before anything
// is stored, in the resident's language (Slack locale), through the real
// engine and store.
func TestRealEngineRefusesSpokenPersonalDataInTheResidentsLanguage(t *testing.T) {
	app := apptest.New(t, apptest.Options{Inbox: true})
	h := newHarness(t, realEngine(t, app))
	h.api.setLocale("UEN", "en-US")
	h.api.setLocale("UNB", "nb-NO")
	tests := []struct{ user, text, want string }{
		{"UEN", "input klima More bike racks, call me on nine one two three four five six seven", "seems to contain a phone number"},
		{"UNB", "innspill klima Flere benker. Ring ni en to tre fire fem seks sju", "inneholde et telefonnummer"},
		{"UNB", "innspill klima Flere benker, skriv til kari krøll gmail punktum com", "inneholde en e-postadresse"},
		{"UEN", "input klima More benches, write to kari at gmail com", "seems to contain an e-mail address"},
		{"UNB", "innspill klima Født 12.03.1985, personnr 12345. Flere benker.", "inneholde et fødselsnummer"},
		{"UNB", "innspill klima Ring 9I2 34 567 om benkene", "inneholde et telefonnummer"},
	}
	for _, tt := range tests {
		r := h.slash(tt.text, tt.user, "C1")
		if r.code != 200 || !strings.Contains(r.body, tt.want) {
			t.Errorf("%q: %d %s, want %q", tt.text, r.code, r.body, tt.want)
		}
		h.slash("avbryt", tt.user, "C1")
	}
	if subs, err := app.Store.Submissions(context.Background(), bot.SubmissionQuery{}); err != nil || len(subs) != 0 {
		t.Fatalf("stored %d submissions (%v), want none", len(subs), err)
	}
}
