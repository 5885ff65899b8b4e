package act

import (
	"math"
	"testing"
)

// TestHashedMatchesFeatures checks that reading a turn through hashed
// features gives the probabilities of the features as strings.
func TestHashedMatchesFeatures(t *testing.T) {
	m, err := Default()
	if err != nil {
		t.Fatal(err)
	}
	for _, text := range []string{"", "ja", "Jeg vil endre teksten!", "kan du svare på engelsk?", "a", "plan: 3 ÆØÅ æøå 🦠 x"} {
		a, b := m.probsText(text), m.probs(Features(text))
		for i := range a {
			if math.Abs(a[i]-b[i]) > 1e-12 {
				t.Fatalf("%q: class %d: %v vs %v", text, i, a[i], b[i])
			}
		}
	}
}

// BenchmarkBest is the cost of one turn's act.
func BenchmarkBest(b *testing.B) {
	m, err := Default()
	if err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	for b.Loop() {
		m.Best("ja, det ser veldig bra ut, du kan sende det inn")
	}
}
