package main

import (
	"bufio"
	"context"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"syscall"
	"testing"
	"time"

	"github.com/askerkommune/temaplanbot/bot"
	"github.com/askerkommune/temaplanbot/internal/catalog"
	"github.com/askerkommune/temaplanbot/internal/locale"
	"github.com/askerkommune/temaplanbot/internal/mongodb"
	"github.com/askerkommune/temaplanbot/internal/mongodb/mongodbtest"
	"github.com/askerkommune/temaplanbot/internal/schedule"
)

// envBench100k turns on the 10,000 and 100,000 input runs of BenchmarkScale
// (seeding 100,000 takes minutes on a small machine).
const envBench100k = "TEMAPLANBOT_BENCH_100K"

// BenchmarkScale seeds the embedded default with realistic inputs
// (realisticInputs: 90 days, evening-heavy, half from residents who write
// once, half from returning residents with a long tail) through `import`
// and measures what residents and staff do, so that a cost growing with
// what is stored shows as a difference between the sizes: a resident's
// save (the store's part: the rate-limit count and the insert, p99 in ms),
// "my input" (its first page and the count), a digest run over the
// newest 200 inputs, a summary over everything (`digest --dry-run --since`
// in a child process: wall time and peak memory), and `export --format
// csv` in a child process (rows/s and its peak memory). Sizes 200 and
// 2,000 always; 10,000 and 100,000 with TEMAPLANBOT_BENCH_100K=1.
//
//	go test -run '^$' -bench BenchmarkScale -benchtime 3x ./cmd/temaplanbot/
//	TEMAPLANBOT_BENCH_100K=1 go test -run '^$' -bench BenchmarkScale -benchtime 3x -timeout 60m ./cmd/temaplanbot/
//
// save and mine take 200 samples per iteration and report percentiles over
// all; digest, summary and export report per run (ns/op) and their medians.
func BenchmarkScale(b *testing.B) {
	if mongodbtest.Real() {
		b.Skip("measures the embedded default")
	}
	sizes := []int{200, 2000}
	if os.Getenv(envBench100k) == "1" {
		sizes = []int{10000, 100000}
	}
	for _, n := range sizes {
		var sc *scale // seeded once, also when -count runs the sub-benchmarks again
		b.Run(fmt.Sprintf("inputs=%d", n), func(b *testing.B) {
			if sc == nil {
				sc = seedScale(b, n)
			}
			b.Run("digest", sc.benchDigest) // first: its window holds seeded input only
			b.Run("summary-all", sc.benchSummary)
			b.Run("save", sc.benchSave)
			b.Run("mine", sc.benchMine)
			b.Run("export-csv", sc.benchExport)
		})
	}
}

// scale is a seeded DATA_DIR.
type scale struct {
	n       int
	dir     string
	subs    []bot.Submission // as seeded, oldest first
	authors []string         // one entry per seeded input: picking one picks residents as often as they write
	saves   int              // saves and digest channels so far (benchmarks run again with -count)
	digests int
}

// seedScale imports n realistic inputs (with author hashes) up to an hour
// ago into a new DATA_DIR.
func seedScale(b *testing.B, n int) *scale {
	b.Helper()
	sc := &scale{n: n, dir: mongodbtest.Dir(b), subs: realisticInputs(b, n, time.Now().Add(-time.Hour).Truncate(time.Minute))}
	for _, s := range sc.subs {
		sc.authors = append(sc.authors, s.AuthorHash)
	}
	file := filepath.Join(b.TempDir(), "seed.csv")
	writeImportCSV(b, file, sc.subs, true)
	took := importFile(b, sc.dir, file)
	b.Logf("seeded %d realistic inputs by import in %v (%.0f rows/s)", n, took.Round(time.Millisecond), float64(n)/took.Seconds())
	return sc
}

// digestNew is how many inputs a measured digest covers.
const digestNew = 200

func errorsJoin(errs ...error) error {
	for _, err := range errs {
		if err != nil {
			return err
		}
	}
	return nil
}

// open opens the seeded store.
func (sc *scale) open(b *testing.B) *mongodb.Store {
	return mongodbtest.OpenConfig(b, mongodb.Config{DataDir: sc.dir})
}

// saveEvery spaces the measured saves' times: 600 an hour, a busy
// campaign hour.
const saveEvery = 6 * time.Second

// samples is how many saves and "my input" reads one iteration measures
// (their percentiles are over all of them).
const samples = 200

// benchSave measures the store's part of a resident's save: the rate-limit
// count and the insert, for seeded residents picked as often as they write.
func (sc *scale) benchSave(b *testing.B) {
	s := sc.open(b)
	ctx := context.Background()
	var lat []time.Duration
	cpu := processCPU()
	for b.Loop() {
		for range samples {
			i := sc.saves
			sc.saves++
			author := sc.authors[i*7919%len(sc.authors)]
			start := time.Now()
			if _, err := s.CountSubmissionsSince(ctx, author, time.Now().Add(-time.Hour)); err != nil {
				b.Fatal(err)
			}
			_, created, err := s.AddSubmission(ctx, bot.Submission{Ref: fmt.Sprintf("INN-B%05d", i%100000), Plan: "klima",
				Text: "Et nytt innspill under måling.", Lang: bot.NB, Platform: bot.PlatformSlack, AuthorHash: author,
				EventID: fmt.Sprintf("bench-%d-%d", sc.n, i), Created: sc.end().Add(time.Duration(i) * saveEvery)})
			if err != nil || !created {
				b.Fatalf("add: created=%v err=%v", created, err)
			}
			lat = append(lat, time.Since(start))
		}
	}
	reportPercentiles(b, lat)
	b.ReportMetric(float64(processCPU()-cpu)/float64(len(lat))/1e6, "cpu-ms/save")
}

// benchMine measures "my input" as the engine asks for it (the first page
// and the count) for seeded residents picked as often as they write, so
// the long tail's heaviest writers are asked for most.
func (sc *scale) benchMine(b *testing.B) {
	s := sc.open(b)
	ctx := context.Background()
	var lat []time.Duration
	i := 0
	cpu := processCPU()
	for b.Loop() {
		for range samples {
			start := time.Now()
			author := sc.authors[i*7919%len(sc.authors)]
			subs, _, err := s.SubmissionsPage(ctx, author, 0, 5)
			if err != nil || len(subs) == 0 {
				b.Fatalf("mine: %d, %v", len(subs), err)
			}
			if _, err := s.CountSubmissionsSince(ctx, author, time.Time{}); err != nil {
				b.Fatal(err)
			}
			lat = append(lat, time.Since(start))
			i++
		}
	}
	reportPercentiles(b, lat)
	b.ReportMetric(float64(processCPU()-cpu)/float64(len(lat))/1e6, "cpu-ms/read")
}

// benchDigest measures a digest run whose window holds the newest
// digestNew inputs (the same number at every size, so a cost that grows
// with what is stored shows): each iteration subscribes a fresh staff
// channel and runs the digests, which read the window and post one summary.
func (sc *scale) benchDigest(b *testing.B) {
	s := sc.open(b)
	ctx := context.Background()
	cat, err := catalog.Default()
	if err != nil {
		b.Fatal(err)
	}
	loc, err := locale.Load()
	if err != nil {
		b.Fatal(err)
	}
	var rec countingSender
	sched, err := schedule.New(schedule.Config{Store: s, Sender: &rec, Catalog: bot.CatalogFunc(func() *bot.Catalog { return cat }),
		Localizer: loc, Instance: "bench", Location: oslo(b)})
	if err != nil {
		b.Fatal(err)
	}
	var prev bot.Target
	for b.Loop() {
		b.StopTimer()
		if prev.Channel != "" {
			if err := s.Unsubscribe(ctx, bot.SubDigest, prev); err != nil {
				b.Fatal(err)
			}
		}
		prev = bot.Target{Platform: bot.PlatformSlack, Workspace: "T1", Channel: fmt.Sprintf("CBENCH%d", sc.digests)}
		sc.digests++
		if err := s.Subscribe(ctx, bot.Subscription{Kind: bot.SubDigest, Target: prev, Lang: bot.NB, Created: sc.subs[max(sc.n-digestNew, 0)].Created.Add(-time.Millisecond)}); err != nil {
			b.Fatal(err)
		}
		b.StartTimer()
		if rep, err := sched.RunDigests(ctx); err != nil || rep.Sent != 1 {
			b.Fatalf("digest: %+v, %v", rep, err)
		}
	}
	b.ReportMetric(float64(rec.chars)/float64(max(rec.posts, 1)), "chars/post")
}

func atoi(s string) int { n, _ := strconv.Atoi(s); return n }

// end is the newest seeded input's time.
func (sc *scale) end() time.Time { return sc.subs[len(sc.subs)-1].Created }

// benchSummary runs `temaplanbot digest --dry-run --since` over every
// seeded input as its own process and reports its wall time and peak
// memory.
func (sc *scale) benchSummary(b *testing.B) {
	since := sc.subs[0].Created.AddDate(0, 0, -1).Format(time.DateOnly)
	var rss []float64
	for b.Loop() {
		cmd := exec.Command(os.Args[0], "-test.run=^$")
		cmd.Env = append(os.Environ(), "TEMAPLANBOT_RUN_MAIN=1", "TEMAPLANBOT_ARGS=digest --dry-run --since "+since,
			"DATA_DIR="+sc.dir, "LOG_LEVEL=warn", "LANG=en_US.UTF-8")
		out, err := cmd.Output()
		if err != nil {
			b.Fatalf("digest --since: %v\n%s", err, out)
		}
		// Every seeded input but the few rows import kept once (the same
		// plan, second and text twice in the data).
		m := regexp.MustCompile(`(\d+) new submissions`).FindSubmatch(out)
		if m == nil || atoi(string(m[1])) < sc.n*99/100 {
			b.Fatalf("summary does not count the seeded %d inputs:\n%s", sc.n, out)
		}
		if ru, ok := cmd.ProcessState.SysUsage().(*syscall.Rusage); ok {
			rss = append(rss, float64(ru.Maxrss)/1024)
		}
	}
	b.ReportMetric(median(rss), "peak-MB")
}

func oslo(b *testing.B) *time.Location {
	l, err := time.LoadLocation("Europe/Oslo")
	if err != nil {
		b.Fatal(err)
	}
	return l
}

// countingSender counts the posts and their characters.
type countingSender struct{ posts, chars int }

func (c *countingSender) Send(_ context.Context, _ bot.Target, r bot.Reply) (string, error) {
	c.posts++
	c.chars += len([]rune(r.Text))
	return fmt.Sprint(c.posts), nil
}

// benchExport runs `temaplanbot export --format csv` as its own process
// (this test binary as the program) and reports rows/s and its peak memory.
func (sc *scale) benchExport(b *testing.B) {
	var rows, rss, cpu []float64
	for b.Loop() {
		cmd := exec.Command(os.Args[0], "-test.run=^$")
		cmd.Env = append(os.Environ(), "TEMAPLANBOT_RUN_MAIN=1", "TEMAPLANBOT_ARGS=export --format csv", "DATA_DIR="+sc.dir, "LOG_LEVEL=warn")
		out, err := cmd.StdoutPipe()
		if err != nil {
			b.Fatal(err)
		}
		start := time.Now()
		if err := cmd.Start(); err != nil {
			b.Fatal(err)
		}
		lines := countLines(out)
		if err := cmd.Wait(); err != nil {
			b.Fatal(err)
		}
		took := time.Since(start)
		if lines < sc.n {
			b.Fatalf("export wrote %d lines, want at least %d", lines, sc.n)
		}
		rows = append(rows, float64(lines-1)/took.Seconds())
		cpu = append(cpu, float64(cmd.ProcessState.UserTime()+cmd.ProcessState.SystemTime())/float64(time.Microsecond)/float64(lines-1))
		if ru, ok := cmd.ProcessState.SysUsage().(*syscall.Rusage); ok {
			rss = append(rss, float64(ru.Maxrss)/1024)
		}
	}
	b.ReportMetric(median(rows), "rows/s")
	b.ReportMetric(median(rss), "peak-MB")
	b.ReportMetric(median(cpu), "cpu-µs/row")
}

// processCPU is the CPU time this process (with its embedded database)
// has used, in nanoseconds: a figure a busy shared machine distorts less
// than wall time.
func processCPU() int64 {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return ru.Utime.Nano() + ru.Stime.Nano()
}

func countLines(r io.Reader) int {
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 64*1024), 1<<20)
	n := 0
	for sc.Scan() {
		n++
	}
	return n
}

func median(v []float64) float64 {
	if len(v) == 0 {
		return 0
	}
	v = slices.Clone(v)
	slices.Sort(v)
	return v[len(v)/2]
}

// reportPercentiles reports the median and the 99th percentile in ms.
func reportPercentiles(b *testing.B, lat []time.Duration) {
	if len(lat) == 0 {
		return
	}
	slices.Sort(lat)
	ms := func(d time.Duration) float64 { return float64(d) / float64(time.Millisecond) }
	b.ReportMetric(ms(lat[len(lat)/2]), "p50-ms")
	b.ReportMetric(ms(lat[min(len(lat)-1, len(lat)*99/100)]), "p99-ms")
}
