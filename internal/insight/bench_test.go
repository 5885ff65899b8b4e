package insight

import (
	"context"
	"fmt"
	"math/rand/v2"
	"strings"
	"testing"
	"time"

	"github.com/askerkommune/temaplanbot/bot"
	"github.com/askerkommune/temaplanbot/internal/locale"
	"github.com/askerkommune/temaplanbot/internal/mongodb/mongodbtest"
)

// benchTexts are the development examples of plan (distinct texts).
func benchTexts(b testing.TB, plan string) []string {
	var out []string
	for _, r := range readTSV(b, "testdata/dev_themes.tsv") {
		if r[0] == plan {
			out = append(out, r[2])
		}
	}
	return out
}

// BenchmarkTagVsStoreWrite pairs the cost of tagging an input with the
// cost of storing one (the real store on the embedded server, majority +
// journal), in the same run: tag-share is tagging's share of a write.
func BenchmarkTagVsStoreWrite(b *testing.B) {
	store := mongodbtest.Open(b)
	tg := NewTagger(defaultCatalog(b))
	texts := benchTexts(b, "klima")
	ctx := context.Background()
	var tagTime, writeTime time.Duration
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		text := texts[i%len(texts)]
		start := time.Now()
		themes := tg.Tag("klima", text)
		tagTime += time.Since(start)
		start = time.Now()
		_, _, err := store.AddSubmission(ctx, bot.Submission{Ref: fmt.Sprintf("INN-B%05d", i), Plan: "klima", Text: text,
			AuthorHash: fmt.Sprintf("a%d", i%500), EventID: fmt.Sprintf("e%d", i), Platform: bot.PlatformSlack,
			Created: time.Now(), Status: bot.SubmissionNew, Themes: themes, ThemesVersion: tg.Version()})
		writeTime += time.Since(start)
		if err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(tagTime.Microseconds())/float64(b.N), "tag-µs/op")
	b.ReportMetric(float64(writeTime.Microseconds())/float64(b.N), "write-µs/op")
	b.ReportMetric(float64(tagTime)/float64(writeTime), "tag-share")
}

// manySubs makes n inputs to plan over 90 days, evening-heavy, from a long
// tail of residents. Each text is 6-25 words drawn from the words of the
// development examples (so texts differ as residents' do, and the tagger
// finds themes in most), and 3% are copies of five campaign texts. Themes
// are stored with them, as the engine stores them.
func manySubs(tg *Tagger, plan string, texts []string, n int) []bot.Submission {
	rng := rand.New(rand.NewPCG(1, 2))
	var vocab []string
	for _, t := range texts {
		vocab = append(vocab, strings.Fields(t)...)
	}
	campaigns := []string{
		"Nei til bomring rundt Asker sentrum! Det rammer familier som må kjøre til jobb.",
		"Bevar matjorda på Semsmarka for kommende generasjoner, stopp utbyggingen nå.",
		"Vi vil ha gratis buss for alle under 20 år i hele Asker kommune.",
		"Stopp hogsten i Vardåsen, skogen binder karbon og er viktig for friluftslivet.",
		"Lad elbilen gratis ved rådhuset - et enkelt klimatiltak kommunen kan gjøre i morgen.",
	}
	start := time.Date(2026, 9, 1, 0, 0, 0, 0, time.UTC)
	out := make([]bot.Submission, n)
	for i := range out {
		text := campaigns[rng.IntN(len(campaigns))]
		if rng.IntN(100) >= 3 {
			words := make([]string, 6+rng.IntN(20))
			for j := range words {
				words[j] = vocab[rng.IntN(len(vocab))]
			}
			text = strings.Join(words, " ")
		}
		day := rng.IntN(90)
		hour := 17 + rng.IntN(6) // evenings
		if rng.IntN(3) == 0 {
			hour = rng.IntN(24)
		}
		author := rng.IntN(20000)
		if rng.IntN(10) == 0 {
			author = rng.IntN(20) // a few write very often
		}
		out[i] = bot.Submission{Ref: fmt.Sprintf("INN-%06d", i), Plan: plan, Text: text, AuthorHash: fmt.Sprintf("a%d", author),
			Created: start.Add(time.Duration(day)*24*time.Hour + time.Duration(hour)*time.Hour + time.Duration(rng.IntN(3600))*time.Second),
			Status:  bot.SubmissionNew, Themes: tg.Tag(plan, text), ThemesVersion: tg.Version()}
	}
	return out
}

// BenchmarkSummary100k sums up 100,000 inputs to one plan and lays the
// summary out for Discord: the work the staff question does once the
// inputs are read (reading them is the store's; see BENCHMARKS.md).
func BenchmarkSummary100k(b *testing.B) {
	loc, err := locale.Load()
	if err != nil {
		b.Fatal(err)
	}
	cat := defaultCatalog(b)
	tg := NewTagger(cat)
	for _, plan := range []string{"klima", "vann"} {
		texts := benchTexts(b, "klima")
		subs := manySubs(tg, plan, texts, 100_000)
		b.Run(plan, func(b *testing.B) {
			for i := 0; i < b.N; i++ {
				s := tg.Summarize(plan, subs)
				secs := Render(loc, cat, s, Layout{Lang: bot.NB, Budget: 1900})
				if len(secs) < 3 || s.Inputs != len(subs) || len(s.Dups) == 0 {
					b.Fatalf("summary %d inputs, %d sections", s.Inputs, len(secs))
				}
			}
		})
	}
}
