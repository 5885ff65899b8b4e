package main

import (
	"testing"

	"github.com/askerkommune/temaplanbot/bot"
	"github.com/askerkommune/temaplanbot/internal/catalog"
	"github.com/askerkommune/temaplanbot/internal/locale"
)

// BenchmarkParse measures the understanding step alone (locale word lists,
// plan resolver, matcher) per question of the labelled set.
func BenchmarkParse(b *testing.B) {
	qs := labelledQuestions(b)
	cat, err := catalog.Default()
	if err != nil {
		b.Fatal(err)
	}
	loc, err := locale.Load()
	if err != nil {
		b.Fatal(err)
	}
	a := bot.NewAnswerer(bot.AnswererConfig{Catalog: bot.CatalogFunc(func() *bot.Catalog { return cat }),
		Localizer: loc, NewUnderstander: understander})
	und := understander(cat)
	b.Run("understanding", func(b *testing.B) {
		b.ReportAllocs()
		i := 0
		for b.Loop() {
			_ = a.Parse(qs[i%len(qs)])
			i++
		}
	})
	b.Run("matcher", func(b *testing.B) {
		b.ReportAllocs()
		i := 0
		for b.Loop() {
			_ = und.Understand(qs[i%len(qs)])
			i++
		}
	})
}
