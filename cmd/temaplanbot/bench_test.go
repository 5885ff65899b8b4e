package main

import (
	"bufio"
	"os"
	"strings"
	"testing"

	"github.com/askerkommune/temaplanbot/bot"
	"github.com/askerkommune/temaplanbot/internal/catalog"
	"github.com/askerkommune/temaplanbot/internal/locale"
)

// BenchmarkStartup measures what `ask` does before the first answer:
// parse and validate the catalogue, load the locales, build the matcher.
func BenchmarkStartup(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		cat, err := catalog.Default()
		if err != nil {
			b.Fatal(err)
		}
		if _, err := locale.Load(); err != nil {
			b.Fatal(err)
		}
		_ = understander(cat)
	}
}

// BenchmarkAsk measures one whole answer (understand + compose + localize)
// per question over the labelled question set.
func BenchmarkAsk(b *testing.B) {
	qs := labelledQuestions(b)
	a, _ := benchAnswerer(b)
	b.ReportAllocs()
	b.ResetTimer()
	i := 0
	for b.Loop() {
		_ = a.Ask(qs[i%len(qs)])
		i++
	}
}

func labelledQuestions(b *testing.B) []string {
	f, err := os.Open("../../bot/nlu/testdata/questions.tsv")
	if err != nil {
		b.Fatal(err)
	}
	defer f.Close()
	var qs []string
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		line := sc.Text()
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		q, _, _ := strings.Cut(line, "\t")
		qs = append(qs, q)
	}
	if len(qs) < 100 {
		b.Fatalf("only %d questions", len(qs))
	}
	return qs
}

// benchAnswerer is the answerer over the default catalogue and the locale
// files, as the ask command builds it, and that catalogue.
func benchAnswerer(b *testing.B) (*bot.Answerer, *bot.Catalog) {
	b.Helper()
	cat, err := catalog.Default()
	if err != nil {
		b.Fatal(err)
	}
	loc, err := locale.Load()
	if err != nil {
		b.Fatal(err)
	}
	return bot.NewAnswerer(bot.AnswererConfig{Catalog: bot.CatalogFunc(func() *bot.Catalog { return cat }),
		Localizer: loc, NewUnderstander: understander}), cat
}
