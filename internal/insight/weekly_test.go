package insight

import (
	"bytes"
	"image/png"
	"strings"
	"testing"
	"time"

	"github.com/askerkommune/temaplanbot/bot"
	"github.com/askerkommune/temaplanbot/internal/locale"
)

func TestChartPerPlanAndPerTheme(t *testing.T) {
	loc, err := locale.Load()
	if err != nil {
		t.Fatal(err)
	}
	cat := defaultCatalog(t)
	tg := NewTagger(cat)
	// Monday 2 November 2026 is in ISO week 45.
	in := subs("klima", t0, "", "Flere ladestasjoner ved stasjonen", "Solceller på skolene", "Bussen går for sjelden")
	in = append(in, subs("klima", t0.Add(7*24*time.Hour), "", "Sykkelveier langs fjorden")...)
	all := append(in, subs("kultur", t0, "", "Flere konserter")...)

	a, ok := tg.Chart(loc, cat, all, bot.NB, time.UTC)
	if !ok {
		t.Fatal("no chart")
	}
	if _, err := png.Decode(bytes.NewReader(a.Data)); err != nil || a.Type != "image/png" || !strings.HasSuffix(a.Name, ".png") {
		t.Fatalf("attachment %s %s: %v", a.Name, a.Type, err)
	}
	for _, want := range []string{"klimaplanen: uke 45: 3, uke 46: 1", "kulturplanen: uke 45: 1, uke 46: 0"} {
		if !strings.Contains(a.Alt, want) || !strings.Contains(a.Fallback, want) {
			t.Errorf("alt %q / fallback %q lack %q", a.Alt, a.Fallback, want)
		}
	}
	a, ok = tg.Chart(loc, cat, in, bot.EN, time.UTC)
	if !ok || !strings.Contains(a.Alt, "Transport: week 45: 2, week 46: 1") || !strings.Contains(a.Alt, "Energy: week 45: 1") {
		t.Errorf("per theme, English: %q", a.Alt)
	}
	if _, ok := tg.Chart(loc, cat, nil, bot.NB, time.UTC); ok {
		t.Error("a chart of nothing")
	}
}
