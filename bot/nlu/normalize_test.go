package nlu_test

import (
	"testing"

	"github.com/askerkommune/temaplanbot/bot"
	"github.com/askerkommune/temaplanbot/bot/nlu"
)

func TestNormalize(t *testing.T) {
	tests := []struct{ in, want string }{
		{"", ""},
		{"  Hei!!  ", "hei"},
		{"Hva er FORMÅLET med klimaplanen?", "hva er formålet med klimaplanen"},
		{"what's the plan's aim", "whats the plans aim"},
		{"Na\u030ar starter", "når starter"},         // a + combining ring above
		{"Café Über Öl Äpfel", "cafe uber øl æpfel"}, // accents go, ä/ö become æ/ø
		{"skole- og barnehagekapasitet", "skole og barnehagekapasitet"},
		{"hei👋🏽hei", "hei hei"},
		{"covid-19, 10. juni", "covid 19 10 juni"},
		{"soft\u00adhyphen zero\u200bwidth", "softhyphen zerowidth"},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			if got := nlu.Normalize(tt.in); got != tt.want {
				t.Errorf("Normalize(%q) = %q, want %q", tt.in, got, tt.want)
			}
		})
	}
}

func TestTokens(t *testing.T) {
	got := nlu.Tokens("Når starter klima??")
	want := []string{"når", "starter", "klima"}
	if len(got) != len(want) {
		t.Fatalf("Tokens = %q, want %q", got, want)
	}
	for i := range want {
		if got[i] != want[i] {
			t.Fatalf("Tokens = %q, want %q", got, want)
		}
	}
}

func TestStem(t *testing.T) {
	groups := [][]string{
		{"plan", "planen", "planer", "planene", "planens", "plans", "planar", "planane"},
		{"tema", "temaet", "temaer", "temaene"},
		{"start", "starter", "starten", "starts", "started", "starting"},
		{"barnehage", "barnehagen", "barnehager", "barnehagene"},
		{"theme", "themes"},
		{"activity", "activities"},
		{"meet", "meeting", "meetings"},
	}
	for _, g := range groups {
		t.Run(g[0], func(t *testing.T) {
			want := nlu.Stem(g[0])
			for _, w := range g[1:] {
				if got := nlu.Stem(w); got != want {
					t.Errorf("Stem(%q) = %q, want %q (as Stem(%q))", w, got, want, g[0])
				}
			}
		})
	}
	for _, w := range []string{"vits", "vite", "hus", "business", "a", ""} {
		if got := nlu.Stem(w); len(got) < min(len(w), 3) {
			t.Errorf("Stem(%q) = %q: too short", w, got)
		}
	}
	if nlu.Stem("vits") == nlu.Stem("vite") {
		t.Errorf("Stem merges vits and vite")
	}
}

// TestUnderstandLanguage checks the reply language and how sure the
// matcher is of it.
func TestUnderstandLanguage(t *testing.T) {
	m := nlu.New(defaultCatalog(t))
	tests := []struct {
		text string
		lang bot.Lang
		sure bool
	}{
		{"hei", bot.NB, true},
		{"hello", bot.EN, true},
		{"klima", bot.NB, false},
		{"kultur", bot.NB, false},
		{"plan", bot.NB, false},
		{"", bot.NB, false},
		{"🤔", bot.NB, false},
		{"Når starter klimaplanen?", bot.NB, true},
		{"Kva er føremålet med kulturplanen?", bot.NB, true},
		{"When does the climate plan start?", bot.EN, true},
		{"klimaplanen", bot.NB, true},
		{"citizenship plan", bot.EN, true}, // one English word, none Norwegian
		{"climate plan", bot.EN, true},
	}
	for _, tt := range tests {
		t.Run(tt.text, func(t *testing.T) {
			u := m.Understand(tt.text)
			if u.Lang != tt.lang || u.LangSure != tt.sure {
				t.Errorf("Understand(%q): lang %s sure %v, want %s sure %v", tt.text, u.Lang, u.LangSure, tt.lang, tt.sure)
			}
		})
	}
}

func TestNearestPlans(t *testing.T) {
	c := defaultCatalog(t)
	m := nlu.New(c)
	tests := []struct {
		text  string
		first string
	}{
		{"kli", "klima"},
		{"kultu", "kultur"},
		{"barnehagepl", "barnehage"},
		{"eldr", "eldre"},
		{"water", "vann"},
		{"digitaliseringsplan", "digitalisering"},
		{"klimmaplanenn", "klima"},
		{"sports", "fysisk-aktivitet"},
	}
	for _, tt := range tests {
		t.Run(tt.text, func(t *testing.T) {
			got := m.NearestPlans(tt.text, 3)
			if len(got) == 0 || got[0] != tt.first {
				t.Errorf("NearestPlans(%q) = %q, want %q first", tt.text, got, tt.first)
			}
			if len(got) > 3 {
				t.Errorf("NearestPlans(%q) gave %d plans, want at most 3", tt.text, len(got))
			}
		})
	}
	if got := m.NearestPlans("", 100); len(got) != len(c.Plans) || got[0] != c.Plans[0].ID {
		t.Errorf("NearestPlans(\"\") = %q, want all plans in catalogue order", got)
	}
	if got := m.NearestPlans("xqzvbn", 3); got != nil {
		t.Errorf("NearestPlans(nonsense) = %q, want nil", got)
	}
	if got := m.NearestPlans("klima", 0); got != nil {
		t.Errorf("NearestPlans(limit 0) = %q, want nil", got)
	}
}

// TestEmptyCatalog checks that a matcher without plans still classifies
// intents and never names a plan.
func TestEmptyCatalog(t *testing.T) {
	for _, c := range []*bot.Catalog{nil, {}} {
		m := nlu.New(c)
		if u := m.Understand("Hva er en temaplan?"); u.Intent != bot.IntentTemaplanAbout {
			t.Errorf("Understand: intent %s, want %s", u.Intent, bot.IntentTemaplanAbout)
		}
		if u := m.Understand("når starter klimaplanen"); u.Plan != "" {
			t.Errorf("Understand: plan %q from an empty catalogue", u.Plan)
		}
		if got := m.NearestPlans("klima", 3); got != nil {
			t.Errorf("NearestPlans = %q, want nil", got)
		}
	}
}

// TestCatalogAliases checks that plans are found by what the catalogue
// says, not only by the built-in hints: a plan with a made-up id and alias.
func TestCatalogAliases(t *testing.T) {
	c := &bot.Catalog{Plans: []bot.Plan{
		{ID: "sykkel", Name: bot.Text{bot.NB: "Temaplan for sykling", bot.EN: "Theme plan for cycling"},
			Aliases: bot.TextList{bot.NB: {"sykkelveier", "tråsykkel"}, bot.EN: {"bicycle lanes"}}},
		{ID: "bibliotek", Name: bot.Text{bot.NB: "Temaplan for bibliotek"}},
	}}
	m := nlu.New(c)
	tests := []struct {
		text   string
		intent bot.Intent
		plan   string
	}{
		{"når starter sykkelplanen?", bot.IntentPlanStart, "sykkel"},
		{"tråsykkelen", bot.IntentPlanInfo, "sykkel"},
		{"what are the themes of the bicycle lanes plan", bot.IntentPlanThemes, "sykkel"},
		{"formålet med bibliotekplanen", bot.IntentPlanPurpose, "bibliotek"},
	}
	for _, tt := range tests {
		t.Run(tt.text, func(t *testing.T) {
			u := m.Understand(tt.text)
			if u.Intent != tt.intent || u.Plan != tt.plan {
				t.Errorf("Understand(%q) = %s %q, want %s %q", tt.text, u.Intent, u.Plan, tt.intent, tt.plan)
			}
		})
	}
}
