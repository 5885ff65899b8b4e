package main

import (
	"bufio"
	"context"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
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

// BenchmarkScale seeds the embedded default with inputs through `import`
// and measures what residents and staff do, so that a cost growing with
// what is stored shows as a difference between the sizes: a resident's
// save (the store's part: the rate-limit count and the insert, p99 in
// ms), "my input", a digest run over the last day, and `export --format
// csv` in a child process (rows/s and its peak memory). Sizes 200 and
// 2,000 always; 10,000 and 100,000 with TEMAPLANBOT_BENCH_100K=1.
//
//	go test -run '^$' -bench BenchmarkScale -benchtime 3x ./cmd/temaplanbot/
//	TEMAPLANBOT_BENCH_100K=1 go test -run '^$' -bench BenchmarkScale -benchtime 3x -timeout 60m ./cmd/temaplanbot/
//
// save and mine take 200 samples per iteration and report percentiles over
// all; digest and export report per run (ns/op) and their medians.
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
	end     time.Time // the newest input's time
	authors int
	saves   int // saves and digest channels so far (benchmarks run again with -count)
	digests int
}

// seedScale writes n inputs as CSV (the export's columns, with author
// hashes: five inputs per resident, spread over a year up to an hour ago,
// in time order like real input) and imports them.
func seedScale(b *testing.B, n int) *scale {
	b.Helper()
	sc := &scale{n: n, dir: mongodbtest.Dir(b), end: time.Now().Add(-time.Hour).Truncate(time.Minute), authors: max(n/5, 1)}
	file := filepath.Join(b.TempDir(), "seed.csv")
	f, err := os.Create(file)
	if err != nil {
		b.Fatal(err)
	}
	w := bufio.NewWriter(f)
	fmt.Fprint(w, "\ufeffplan;created;language;flags;text;author_hash\r\n")
	cat, err := catalog.Default()
	if err != nil {
		b.Fatal(err)
	}
	oslo, _ := time.LoadLocation("Europe/Oslo")
	for i := range n {
		at := sc.at(i)
		flags := ""
		if i%97 == 0 {
			flags = bot.FlagProfanity
		}
		fmt.Fprintf(w, "%s;%s;nb;%s;Innspill nummer %s om %s: flere sykkelveier, benker og trær langs veien til skolen, og bedre lys om kvelden.;%s\r\n",
			cat.Plans[i%len(cat.Plans)].ID, at.In(oslo).Format("2006-01-02 15:04"), flags, wordsOf(i), cat.Plans[i%len(cat.Plans)].ID, authorOf(i/5))
	}
	if err := errorsJoin(w.Flush(), f.Close()); err != nil {
		b.Fatal(err)
	}
	start := time.Now()
	env := map[string]string{"DATA_DIR": sc.dir, "LANG": "en_US.UTF-8", "LOG_LEVEL": "warn"}
	var out, errOut strings.Builder
	err = run(context.Background(), []string{"temaplanbot", "import", "--source", "email", file},
		func(k string) string { return env[k] }, strings.NewReader(""), &out, &errOut)
	if err != nil {
		b.Fatalf("import: %v\n%s\n%s", err, out.String(), errOut.String())
	}
	b.Logf("seeded %d inputs by import in %v (%.0f rows/s): %s", n, time.Since(start).Round(time.Millisecond),
		float64(n)/time.Since(start).Seconds(), strings.TrimSpace(out.String()))
	return sc
}

// seedSpan is the time the seeded inputs spread over.
const seedSpan = 365 * 24 * time.Hour

// digestNew is how many inputs a measured digest covers.
const digestNew = 200

// at is when seeded input i was created (the last one at sc.end).
func (sc *scale) at(i int) time.Time {
	return sc.end.Add(-seedSpan + time.Duration(int64(seedSpan)/int64(sc.n)*int64(i+1)))
}

// wordsOf spells i in letters (digits in a text could look like a phone number).
func wordsOf(i int) string {
	const letters = "abcdefghijklmnopqrstuvwxyz"
	s := ""
	for {
		s = string(letters[i%26]) + s
		if i /= 26; i == 0 {
			return s
		}
	}
}

func authorOf(i int) string { return fmt.Sprintf("%064x", i+1) }

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
// campaign hour (at most that many entries in one hour document; see
// keys.go). Saves without a time would all land in the current hour.
const saveEvery = 6 * time.Second

// samples is how many saves and "my input" reads one iteration measures
// (their percentiles are over all of them).
const samples = 200

// benchSave measures the store's part of a resident's save: the rate-limit
// count and the insert with its key documents, for seeded residents.
func (sc *scale) benchSave(b *testing.B) {
	s := sc.open(b)
	ctx := context.Background()
	var lat []time.Duration
	cpu := processCPU()
	for b.Loop() {
		for range samples {
			i := sc.saves
			sc.saves++
			author := authorOf(i * 7919 % sc.authors)
			start := time.Now()
			if _, err := s.CountSubmissionsSince(ctx, author, time.Now().Add(-time.Hour)); err != nil {
				b.Fatal(err)
			}
			_, created, err := s.AddSubmission(ctx, bot.Submission{Ref: fmt.Sprintf("INN-B%05d", i%100000), Plan: "klima",
				Text: "Et nytt innspill under måling.", Lang: bot.NB, Platform: bot.PlatformSlack, AuthorHash: author,
				EventID: fmt.Sprintf("bench-%d-%d", sc.n, i), Created: sc.end.Add(time.Duration(i) * saveEvery)})
			if err != nil || !created {
				b.Fatalf("add: created=%v err=%v", created, err)
			}
			lat = append(lat, time.Since(start))
		}
	}
	reportPercentiles(b, lat)
	b.ReportMetric(float64(processCPU()-cpu)/float64(len(lat))/1e6, "cpu-ms/save")
}

// benchMine measures "my input" for seeded residents.
func (sc *scale) benchMine(b *testing.B) {
	s := sc.open(b)
	ctx := context.Background()
	var lat []time.Duration
	i := 0
	cpu := processCPU()
	for b.Loop() {
		for range samples {
			start := time.Now()
			subs, err := s.SubmissionsBy(ctx, authorOf(i*7919%sc.authors))
			if err != nil || len(subs) == 0 {
				b.Fatalf("mine: %d, %v", len(subs), err)
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
		if err := s.Subscribe(ctx, bot.Subscription{Kind: bot.SubDigest, Target: prev, Lang: bot.NB, Created: sc.at(sc.n - digestNew)}); err != nil {
			b.Fatal(err)
		}
		b.StartTimer()
		if rep, err := sched.RunDigests(ctx); err != nil || rep.Sent != 1 {
			b.Fatalf("digest: %+v, %v", rep, err)
		}
	}
	b.ReportMetric(float64(rec.chars)/float64(max(rec.posts, 1)), "chars/post")
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
