package nlu_test

import (
	"bufio"
	"fmt"
	"os"
	"strings"
	"testing"

	"github.com/askerkommune/temaplanbot/bot"
	"github.com/askerkommune/temaplanbot/bot/nlu"
	"github.com/askerkommune/temaplanbot/internal/catalog"
)

// row is one labelled question.
type row struct {
	line     int
	question string
	lang     bot.Lang
	intent   bot.Intent
	plan     string
}

// loadRows reads a labelled set: question, lang, intent, plan separated by
// tabs; blank lines and lines starting with # are skipped.
func loadRows(t testing.TB, path string) []row {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatalf("open %s: %v", path, err)
	}
	defer f.Close()
	var rows []row
	sc := bufio.NewScanner(f)
	for n := 1; sc.Scan(); n++ {
		line := sc.Text()
		if strings.TrimSpace(line) == "" || strings.HasPrefix(line, "#") {
			continue
		}
		cols := strings.Split(line, "\t")
		if len(cols) != 4 {
			t.Fatalf("%s:%d: want 4 tab-separated columns, got %d", path, n, len(cols))
		}
		r := row{line: n, question: cols[0], lang: bot.Lang(cols[1]), intent: bot.Intent(cols[2]), plan: cols[3]}
		if r.plan == "-" {
			r.plan = ""
		}
		rows = append(rows, r)
	}
	if err := sc.Err(); err != nil {
		t.Fatalf("read %s: %v", path, err)
	}
	return rows
}

func defaultCatalog(t testing.TB) *bot.Catalog {
	t.Helper()
	c, err := catalog.Default()
	if err != nil {
		t.Fatalf("default catalogue: %v", err)
	}
	return c
}

// checkSet runs every row of a labelled set through the matcher, prints
// every miss and fails when fewer than want of the rows get intent, plan
// and language all right.
func checkSet(t *testing.T, path string, want float64) {
	c := defaultCatalog(t)
	m := nlu.New(c)
	rows := loadRows(t, path)
	validateRows(t, c, rows)
	ok := 0
	for _, r := range rows {
		u := m.Understand(r.question)
		if u.Intent == r.intent && u.Plan == r.plan && u.Lang == r.lang {
			ok++
			continue
		}
		t.Logf("%s:%d miss %q\n\twant %s %s %q\n\tgot  %s %s %q", path, r.line, r.question,
			r.lang, r.intent, r.plan, u.Lang, u.Intent, u.Plan)
	}
	acc := float64(ok) / float64(len(rows))
	t.Logf("%s: %d/%d right (%.1f%%)", path, ok, len(rows), 100*acc)
	if acc < want {
		t.Errorf("%s: accuracy %.1f%%, want at least %.0f%%", path, 100*acc, 100*want)
	}
}

// validateRows checks the labels themselves: known languages, intents and
// plan ids.
func validateRows(t *testing.T, c *bot.Catalog, rows []row) {
	intents := map[bot.Intent]bool{}
	for _, i := range bot.Intents {
		intents[i] = true
	}
	for _, r := range rows {
		if r.lang != bot.NB && r.lang != bot.EN {
			t.Fatalf("line %d: bad lang %q", r.line, r.lang)
		}
		if !intents[r.intent] {
			t.Fatalf("line %d: bad intent %q", r.line, r.intent)
		}
		if _, ok := c.Plan(r.plan); r.plan != "" && !ok {
			t.Fatalf("line %d: bad plan %q", r.line, r.plan)
		}
	}
}

func TestLabelledQuestions(t *testing.T) {
	checkSet(t, "testdata/questions.tsv", 0.97)
}

func TestHeldOutQuestions(t *testing.T) {
	checkSet(t, "testdata/heldout.tsv", 0.92)
}

// TestExplain prints what the matcher makes of each line of the file named
// by NLU_EXPLAIN (a debugging aid; skipped by default).
func TestExplain(t *testing.T) {
	path := os.Getenv("NLU_EXPLAIN")
	if path == "" {
		t.Skip("set NLU_EXPLAIN=<file with one question a line> to print what the matcher makes of it")
	}
	m := nlu.New(defaultCatalog(t))
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	for _, q := range strings.Split(strings.TrimSpace(string(data)), "\n") {
		u := m.Understand(q)
		fmt.Printf("%-50q %s %-5v %-22s %-25s %.2f\n", q, u.Lang, u.LangSure, u.Intent, u.Plan, u.Score)
	}
}
