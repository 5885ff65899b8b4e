package nlu_test

import (
	"runtime"
	"strings"
	"testing"

	"github.com/askerkommune/temaplanbot/bot/nlu"
)

// BenchmarkUnderstand measures one question, cycling through the labelled
// set.
func BenchmarkUnderstand(b *testing.B) {
	m := nlu.New(defaultCatalog(b))
	rows := loadRows(b, "testdata/questions.tsv")
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		m.Understand(rows[i%len(rows)].question)
	}
}

// BenchmarkNew measures start-up: building the index from the catalogue.
func BenchmarkNew(b *testing.B) {
	c := defaultCatalog(b)
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		nlu.New(c)
	}
}

// BenchmarkNearestPlans measures one autocomplete query.
func BenchmarkNearestPlans(b *testing.B) {
	m := nlu.New(defaultCatalog(b))
	qs := []string{"kli", "kultur", "barnehagepl", "eldr", "water", "digitaliseringsplan"}
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		m.NearestPlans(qs[i%len(qs)], 5)
	}
}

// TestIndexSize reports the heap the built index keeps and fails above
// 1 MB.
func TestIndexSize(t *testing.T) {
	c := defaultCatalog(t)
	var before, after runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&before)
	m := nlu.New(c)
	runtime.GC()
	runtime.ReadMemStats(&after)
	size := int64(after.HeapAlloc) - int64(before.HeapAlloc)
	runtime.KeepAlive(m)
	t.Logf("index size: about %d KB", size/1024)
	if size > 1<<20 {
		t.Errorf("index keeps %d bytes, want under 1 MB", size)
	}
}

// BenchmarkUnderstandLong measures a message at the input limit (4000
// characters of mixed words), the worst case an adapter can send.
func BenchmarkUnderstandLong(b *testing.B) {
	m := nlu.New(defaultCatalog(b))
	words := []string{"klimaplanen", "skolebarnehagekapasitetsplanleggingsarbeidet", "hvordan", "innspil",
		"xqzvbnmasdfghjklpoiuytrewq", "the", "kultur", "naeringsliv", "🤔", "idretsplanen"}
	var sb strings.Builder
	for i := 0; sb.Len() < 4000; i++ {
		sb.WriteString(words[i%len(words)])
		sb.WriteByte(' ')
	}
	text := sb.String()
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		m.Understand(text)
	}
}
