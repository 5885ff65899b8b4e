package nlu_test

import (
	"testing"
	"unicode/utf8"

	"github.com/askerkommune/temaplanbot/bot"
	"github.com/askerkommune/temaplanbot/bot/nlu"
)

// FuzzUnderstand checks that any text gives a valid understanding: no
// panic, a known intent, a plan that is "" or a catalogue id, a supported
// language and a score in [0,1]; and that Normalize is idempotent and
// NearestPlans returns catalogue ids only.
func FuzzUnderstand(f *testing.F) {
	for _, s := range []string{
		"", " ", "?", "hei", "Hva er formålet med klimaplanen?", "når starter klima??",
		"idrettsplanen", "barnehageplanens", "naering", "I'd like to suggest something",
		"a\u030a", "A\u030aA\u030a", "ÆØÅ æøå", "ﬁ", "İstanbul", "ǅ", "🤔👍🏽", "\x00\xff",
		"hei\u200bhei", "e\u0301", "skole- og barnehagekapasitet", "covid-19 10. juni 2020",
		"heeeeei", "aaaa", "oeoe", "kulturtilbudetsplanensplanen",
	} {
		f.Add(s)
	}
	c := defaultCatalog(f)
	m := nlu.New(c)
	intents := map[bot.Intent]bool{}
	for _, i := range bot.Intents {
		intents[i] = true
	}
	f.Fuzz(func(t *testing.T, s string) {
		n := nlu.Normalize(s)
		if n2 := nlu.Normalize(n); n2 != n {
			t.Fatalf("Normalize not idempotent: %q -> %q -> %q", s, n, n2)
		}
		if utf8.ValidString(s) && !utf8.ValidString(n) {
			t.Fatalf("Normalize(%q) = %q is not valid UTF-8", s, n)
		}
		u := m.Understand(s)
		if !intents[u.Intent] {
			t.Fatalf("Understand(%q): unknown intent %q", s, u.Intent)
		}
		if _, ok := c.Plan(u.Plan); u.Plan != "" && !ok {
			t.Fatalf("Understand(%q): plan %q not in the catalogue", s, u.Plan)
		}
		if u.Lang != bot.NB && u.Lang != bot.EN {
			t.Fatalf("Understand(%q): lang %q", s, u.Lang)
		}
		if u.Score < 0 || u.Score > 1 {
			t.Fatalf("Understand(%q): score %v", s, u.Score)
		}
		for _, id := range m.NearestPlans(s, 3) {
			if _, ok := c.Plan(id); !ok {
				t.Fatalf("NearestPlans(%q): %q not in the catalogue", s, id)
			}
		}
	})
}
