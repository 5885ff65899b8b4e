package main

import (
	"bufio"
	"context"
	"fmt"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/askerkommune/temaplanbot/bot"
	"github.com/askerkommune/temaplanbot/internal/catalog"
	"github.com/askerkommune/temaplanbot/internal/mongodb/mongodbtest"
)

// realisticInputs is mongodbtest.Realistic (residents coming back at
// spread-out times, a long tail, evening peaks) over 90 days up to end,
// with its plans mapped onto the catalogue's.
func realisticInputs(b testing.TB, n int, end time.Time) []bot.Submission {
	b.Helper()
	cat, err := catalog.Default()
	if err != nil {
		b.Fatal(err)
	}
	subs := mongodbtest.Realistic(n, 7, end.AddDate(0, 0, -90))
	for i := range subs {
		var k int
		fmt.Sscanf(subs[i].Plan, "plan%d", &k)
		subs[i].Plan = cat.Plans[k%len(cat.Plans)].ID
		if subs[i].Created.After(end) {
			subs[i].Created = end
		}
	}
	return subs
}

// writeImportCSV writes subs as an import file in the export's columns,
// with their author hashes when authors.
func writeImportCSV(b testing.TB, path string, subs []bot.Submission, authors bool) {
	b.Helper()
	f, err := os.Create(path)
	if err != nil {
		b.Fatal(err)
	}
	w := bufio.NewWriter(f)
	fmt.Fprint(w, "\ufeffplan;created;language;flags;text;author_hash\r\n")
	oslo, _ := time.LoadLocation("Europe/Oslo")
	for _, s := range subs {
		author := ""
		if authors {
			author = s.AuthorHash
		}
		fmt.Fprintf(w, "%s;%s;nb;%s;%s;%s\r\n", s.Plan, s.Created.In(oslo).Format("2006-01-02 15:04:05"),
			strings.Join(s.Flags, ","), s.Text, author)
	}
	if err := errorsJoin(w.Flush(), f.Close()); err != nil {
		b.Fatal(err)
	}
}

// importFile runs `temaplanbot import --source email file` on dir and
// returns how long it took.
func importFile(b testing.TB, dir, file string) time.Duration {
	b.Helper()
	env := map[string]string{"DATA_DIR": dir, "LANG": "en_US.UTF-8", "LOG_LEVEL": "warn"}
	var out, errOut strings.Builder
	start := time.Now()
	err := run(context.Background(), []string{"temaplanbot", "import", "--source", "email", "--max-size", "1GB", "--max-rows", "10000000", file},
		func(k string) string { return env[k] }, strings.NewReader(""), &out, &errOut)
	if err != nil {
		b.Fatalf("import: %v\n%s\n%s", err, out.String(), errOut.String())
	}
	return time.Since(start)
}
