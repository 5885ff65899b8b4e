package main

import "testing"

// BenchmarkParse measures the understanding step alone (locale word lists,
// plan resolver, matcher) per question of the labelled set.
func BenchmarkParse(b *testing.B) {
	qs := labelledQuestions(b)
	a, cat := benchAnswerer(b)
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
