package insight

import (
	"context"
	"fmt"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/askerkommune/temaplanbot/bot"
	"github.com/askerkommune/temaplanbot/bot/bottest"
	"github.com/askerkommune/temaplanbot/internal/locale"
)

type fixedCatalog struct{ cat *bot.Catalog }

func (f fixedCatalog) Catalog() *bot.Catalog { return f.cat }

// manyInputs stores the klima development examples (distinct texts) and a
// campaign text sent by ten residents within ten minutes.
func manyInputs(t *testing.T, store bot.Store) (distinct int) {
	t.Helper()
	var texts []string
	for _, r := range readTSV(t, "testdata/dev_themes.tsv") {
		if r[0] == "klima" {
			texts = append(texts, r[2])
		}
	}
	for range 10 {
		texts = append(texts, "Nei til nedbygging av Semsmarka! Bevar matjorda for kommende generasjoner.")
	}
	for i, text := range texts {
		_, _, err := store.AddSubmission(context.Background(), bot.Submission{Ref: fmt.Sprintf("INN-%06d", i),
			Plan: "klima", Text: text, AuthorHash: fmt.Sprintf("a%d", i), EventID: fmt.Sprintf("e%d", i),
			Platform: bot.PlatformSlack, Created: t0.Add(time.Duration(i) * time.Minute), Status: bot.SubmissionNew})
		if err != nil {
			t.Fatal(err)
		}
	}
	return len(texts) - 9
}

func TestServiceSummaryFitsPlatforms(t *testing.T) {
	loc, err := locale.Load()
	if err != nil {
		t.Fatal(err)
	}
	store := bottest.NewMem(time.Now)
	n := manyInputs(t, store)
	inputs, points := fmt.Sprint(n+9), fmt.Sprint(n)
	svc := NewService(fixedCatalog{defaultCatalog(t)}, store, loc, time.UTC)
	for _, tt := range []struct {
		lang   bot.Lang
		budget int
		want   []string
	}{
		{bot.NB, 2000, []string{"Hva folk sier om klimaplanen", inputs + " innspill", points + " ulike", "Transport: ", "10 avsendere", "Bølge"}},
		{bot.EN, 2000, []string{"What people are saying about the climate plan", inputs + " inputs", "Transport: ", "10 senders", "wave"}},
		{bot.NB, 300, []string{"Hva folk sier om klimaplanen", inputs + " innspill"}},
	} {
		secs, err := svc.Summary(context.Background(), "klima", t0.Add(-time.Hour), t0.Add(24*time.Hour), tt.lang, tt.budget)
		if err != nil {
			t.Fatal(err)
		}
		text := plain(secs)
		if n := utf8.RuneCountInString(text); n > tt.budget {
			t.Errorf("%s/%d: %d characters, over the budget", tt.lang, tt.budget, n)
		}
		for _, w := range tt.want {
			if !strings.Contains(text, w) {
				t.Errorf("%s/%d: no %q in\n%s", tt.lang, tt.budget, w, text)
			}
		}
	}
}

func plain(secs []bot.Section) string {
	var parts []string
	for _, s := range secs {
		parts = append(parts, s.Title+"\n"+s.Body)
	}
	return strings.Join(parts, "\n\n")
}

func TestServiceRetagsWhenThemesChange(t *testing.T) {
	cat := defaultCatalog(t)
	src := &fixedCatalog{cat}
	svc := NewService(src, bottest.NewMem(time.Now), nil, time.UTC)
	tags, v1 := svc.Tag("klima", "Solceller på taket")
	if len(tags) == 0 || tags[0] != "energi" {
		t.Fatalf("tags %v, want energi first", tags)
	}
	changed := cat.WithStarts(nil)
	changed.Plans = append([]bot.Plan(nil), changed.Plans...)
	for i, p := range changed.Plans {
		if p.ID == "vann" {
			changed.Plans[i].Themes = bot.TextList{bot.NB: {"overvann"}, bot.EN: {"surface water"}}
		}
	}
	src.cat = changed
	tags, v2 := svc.Tag("vann", "Overvannet renner inn i kjelleren")
	if v1 == v2 || len(tags) != 1 || tags[0] != "overvann" {
		t.Errorf("after a new theme: tags %v version %s (was %s), want overvann under a new version", tags, v2, v1)
	}
	stale := bot.Submission{Plan: "vann", Text: "Overvann i kjelleren", Themes: nil, ThemesVersion: v1}
	if got := svc.Tagger().TagsOf(stale); len(got) != 1 || got[0] != "overvann" {
		t.Errorf("stale stored tags were not recomputed: %v", got)
	}
}

// TestDigestReplySaysWhenPartial: a digest that read only the newest of its
// period's input says so above the themes.
func TestDigestReplySaysWhenPartial(t *testing.T) {
	loc, err := locale.Load()
	if err != nil {
		t.Fatal(err)
	}
	svc := NewService(fixedCatalog{defaultCatalog(t)}, nil, loc, time.UTC)
	in := subs("klima", t0, "", "Flere ladestasjoner ved stasjonen", "Solceller på skolene")
	r, ok := svc.DigestReply(in, 500, t0.Add(-time.Hour), t0.Add(24*time.Hour), bot.NB, 2000)
	if !ok || !strings.Contains(r.Text, "de 2 nyeste av 500 innspill") || len(r.Attachments) != 1 {
		t.Errorf("reply %q with %d attachments", r.Text, len(r.Attachments))
	}
	if r, _ := svc.DigestReply(in, 2, t0.Add(-time.Hour), t0.Add(24*time.Hour), bot.EN, 2000); strings.Contains(r.Text, "newest") {
		t.Errorf("a complete digest says it is partial: %q", r.Text)
	}
}
