package insight

import (
	"fmt"
	"testing"
	"time"

	"github.com/askerkommune/temaplanbot/bot"
)

// subs makes submissions to plan, an hour apart, each by its own author
// unless author is set.
func subs(plan string, start time.Time, author string, texts ...string) []bot.Submission {
	out := make([]bot.Submission, len(texts))
	for i, text := range texts {
		a := author
		if a == "" {
			a = fmt.Sprintf("a%d-%s", i, plan)
		}
		out[i] = bot.Submission{Ref: fmt.Sprintf("INN-%s%03d", plan[:2], i), Plan: plan, Text: text,
			AuthorHash: a, Created: start.Add(time.Duration(i) * time.Hour)}
	}
	return out
}

var t0 = time.Date(2026, 11, 2, 8, 0, 0, 0, time.UTC)

func TestSummaryThemesAndDuplicates(t *testing.T) {
	tg := NewTagger(defaultCatalog(t))
	in := subs("klima", t0, "",
		"Flere ladestasjoner for elbil ved Asker stasjon",
		"Bussen fra Heggedal går for sjelden",
		"Solceller på alle kommunale bygg",
		"Trygge sykkelveier langs Slemmestadveien",
		"Stopp nedbyggingen av Semsmarka, bevar matjorda!",
		"Stopp nedbyggingen av Semsmarka. Bevar matjorda",
		"stopp nedbyggingen av semsmarka, bevar matjorda!!",
	)
	in = append(in, subs("kultur", t0, "", "Flere konserter i sentrum")...)
	s := tg.Summarize("klima", in)
	if s.Inputs != 7 || s.Points != 5 {
		t.Fatalf("inputs %d points %d, want 7 and 5", s.Inputs, s.Points)
	}
	if s.Themes[0].Key != "transport" || s.Themes[0].Points != 3 {
		t.Errorf("top theme %+v, want transport with 3 points", s.Themes[0])
	}
	if len(s.Dups) != 1 || s.Dups[0].Senders != 3 || s.Dups[0].Inputs != 3 {
		t.Errorf("dups %+v, want one group of 3 senders", s.Dups)
	}
	if len(s.Waves) != 0 {
		t.Errorf("waves %+v, want none below %d inputs", s.Waves, waveMin)
	}
}

func TestSummaryWave(t *testing.T) {
	tg := NewTagger(defaultCatalog(t))
	var in []bot.Submission
	for i := range 8 {
		text := "Nei til bomring rundt Asker sentrum! Det rammer familier som må kjøre."
		if i%2 == 1 {
			text += " Hilsen nabo"
		}
		in = append(in, subs("klima", t0.Add(time.Duration(i)*time.Minute), fmt.Sprintf("w%d", i%4), text)...)
	}
	s := tg.Summarize("klima", in)
	if len(s.Waves) != 1 || s.Waves[0].Count != 8 || s.Dups[0].Senders != 4 {
		t.Fatalf("waves %+v dups %+v, want one wave of 8 inputs from 4 senders", s.Waves, s.Dups)
	}
	// The same texts spread over weeks are a group, not a wave.
	for i := range in {
		in[i].Created = t0.Add(time.Duration(i) * 72 * time.Hour)
	}
	if s := tg.Summarize("klima", in); len(s.Waves) != 0 {
		t.Errorf("waves %+v, want none when spread out", s.Waves)
	}
}

func TestSummaryDiscoveredTopics(t *testing.T) {
	tg := NewTagger(defaultCatalog(t))
	in := subs("vann", t0, "",
		"Overvann flommer kjellerne i Vollen når det regner",
		"Kjelleren vår fikk overvann to ganger i høst",
		"Overvannet må ledes bort fra veiene",
		"Vannledningene i Heggedal er gamle og lekker",
		"Gamle vannledninger må skiftes før de sprekker",
		"Badevannet i fjorden er skittent etter kraftig regn",
		"Drikkevannet smaker klor",
	)
	s := tg.Summarize("vann", in)
	if !s.Discovered || len(s.Themes) < 2 {
		t.Fatalf("summary %+v, want discovered topics", s)
	}
	if s.Themes[0].Key != "topic:overvann" || s.Themes[0].Points != 3 {
		t.Errorf("first topic %+v, want overvann with 3", s.Themes[0])
	}
	for _, th := range s.Themes {
		t.Logf("%s %q %d", th.Key, th.Name[bot.NB], th.Points)
	}
}

// TestSummaryManyInputs runs the summary on enough input that its
// preparation runs on several goroutines (go test -race checks them).
func TestSummaryManyInputs(t *testing.T) {
	tg := NewTagger(defaultCatalog(t))
	in := manySubs(tg, "klima", benchTexts(t, "klima"), 3000)
	s := tg.Summarize("klima", in)
	if s.Inputs != 3000 || s.Points >= s.Inputs || len(s.Dups) == 0 || s.Dups[0].Senders < 10 {
		t.Errorf("inputs %d points %d dups %+v: want the campaign copies grouped", s.Inputs, s.Points, s.Dups)
	}
}
