package main

import (
	"fmt"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/askerkommune/temaplanbot/internal/mongodb/mongodbtest"
)

// BenchmarkImport imports the same realistic rows (realisticInputs:
// returning residents at spread-out times, a long tail, evening peaks)
// with and without author hashes, alternating, each into an empty
// DATA_DIR on the embedded default, and reports both rates and their
// ratio: a per-resident cost in the store would show as a ratio above 1.
// 10,000 rows; 100,000 with TEMAPLANBOT_BENCH_100K=1.
//
//	go test -run '^$' -bench BenchmarkImport -benchtime 3x ./cmd/temaplanbot/
func BenchmarkImport(b *testing.B) {
	if mongodbtest.Real() {
		b.Skip("measures the embedded default")
	}
	n := 10000
	if os.Getenv(envBench100k) == "1" {
		n = 100000
	}
	subs := realisticInputs(b, n, time.Now().Add(-time.Hour))
	files := map[bool]string{}
	for _, authors := range []bool{true, false} {
		files[authors] = filepath.Join(b.TempDir(), fmt.Sprintf("authors-%v.csv", authors))
		writeImportCSV(b, files[authors], subs, authors)
	}
	var with, without, cpu, cpuWithout []float64
	for b.Loop() {
		c := processCPU()
		with = append(with, float64(n)/importFile(b, mongodbtest.Dir(b), files[true]).Seconds())
		c2 := processCPU()
		cpu = append(cpu, float64(c2-c)/float64(n)/1e3)
		without = append(without, float64(n)/importFile(b, mongodbtest.Dir(b), files[false]).Seconds())
		cpuWithout = append(cpuWithout, float64(processCPU()-c2)/float64(n)/1e3)
	}
	b.ReportMetric(median(with), "rows/s")
	b.ReportMetric(median(without), "no-author-rows/s")
	b.ReportMetric(median(without)/median(with), "ratio")
	// CPU time per row (this process, embedded database included): what
	// a shared machine's load distorts least.
	b.ReportMetric(median(cpu), "cpu-µs/row")
	b.ReportMetric(median(cpuWithout), "no-author-cpu-µs/row")
}
