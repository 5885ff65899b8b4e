package apptest

import (
	"bufio"
	"os"
	"strings"
	"testing"
)

// TestLabelledSetsThroughUnderstanding runs the matcher's labelled and
// held-out question sets through the whole understanding step (locale word
// lists, plan resolver, matcher), as `ask --json` does: the word lists must
// not take questions away from the matcher.
func TestLabelledSetsThroughUnderstanding(t *testing.T) {
	app := New(t, Options{})
	a := app.Engine.Answerer()
	for _, c := range []struct {
		path string
		want float64
	}{{"../../bot/nlu/testdata/questions.tsv", 0.99}, {"../../bot/nlu/testdata/heldout.tsv", 0.97}} {
		f, err := os.Open(c.path)
		if err != nil {
			t.Fatal(err)
		}
		sc := bufio.NewScanner(f)
		total, ok := 0, 0
		for n := 1; sc.Scan(); n++ {
			line := sc.Text()
			if strings.TrimSpace(line) == "" || strings.HasPrefix(line, "#") {
				continue
			}
			cols := strings.Split(line, "\t")
			plan := cols[3]
			if plan == "-" {
				plan = ""
			}
			total++
			r := a.Ask(cols[0])
			if string(r.Intent) == cols[2] && r.Plan == plan && string(r.Lang) == cols[1] {
				ok++
				continue
			}
			t.Logf("%s:%d miss %q: want %s %s %q, got %s %s %q", c.path, n, cols[0], cols[1], cols[2], plan, r.Lang, r.Intent, r.Plan)
		}
		f.Close()
		t.Logf("%s: %d/%d right through the understanding step", c.path, ok, total)
		if float64(ok) < c.want*float64(total) {
			t.Errorf("%s: %d/%d right, want at least %.0f%%", c.path, ok, total, 100*c.want)
		}
	}
}
