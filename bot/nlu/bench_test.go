package nlu_test

import (
	"os"
	"runtime"
	"strings"
	"testing"
	"time"

	"github.com/askerkommune/temaplanbot/bot"
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

// BenchmarkUnderstandFile is BenchmarkUnderstand over the lines of the
// file named by NLU_FILE (skipped when unset).
func BenchmarkUnderstandFile(b *testing.B) {
	path := os.Getenv("NLU_FILE")
	if path == "" {
		b.Skip("set NLU_FILE=<file with one question a line>")
	}
	data, err := os.ReadFile(path)
	if err != nil {
		b.Fatal(err)
	}
	lines := strings.Split(strings.TrimSpace(string(data)), "\n")
	m := nlu.New(defaultCatalog(b))
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		m.Understand(lines[i%len(lines)])
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

// TestThroughput understands every line of the file named by NLU_FILE
// (e.g. the 20,000 questions from internal/benchcmp's generator) and
// reports the time taken, start-up included, and the process's peak memory;
// skipped by default.
func TestThroughput(t *testing.T) {
	path := os.Getenv("NLU_FILE")
	if path == "" {
		t.Skip("set NLU_FILE=<file with one question a line> to measure throughput")
	}
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	start := time.Now()
	m := nlu.New(defaultCatalog(t))
	built := time.Now()
	lines := strings.Split(strings.TrimSpace(string(data)), "\n")
	counts := map[bot.Lang]int{}
	for _, q := range lines {
		counts[m.Understand(q).Lang]++
	}
	done := time.Now()
	status, _ := os.ReadFile("/proc/self/status")
	hwm := ""
	for _, l := range strings.Split(string(status), "\n") {
		if v, ok := strings.CutPrefix(l, "VmHWM:"); ok {
			hwm = strings.TrimSpace(v)
		}
	}
	t.Logf("%d questions %v: catalogue+index %v, understand %v (%.2f µs/question), total %v, peak RSS %s",
		len(lines), counts, built.Sub(start), done.Sub(built),
		float64(done.Sub(built).Microseconds())/float64(len(lines)), done.Sub(start), hwm)
}
