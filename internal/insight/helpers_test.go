package insight

import (
	"fmt"
	"os"
	"strings"
	"testing"

	"github.com/askerkommune/temaplanbot/bot"
	"github.com/askerkommune/temaplanbot/internal/catalog"
)

// readTSV reads a tab-separated file, skipping blank lines and # comments.
func readTSV(t testing.TB, path string) [][]string {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	var rows [][]string
	for _, line := range strings.Split(string(data), "\n") {
		if strings.TrimSpace(line) == "" || strings.HasPrefix(line, "#") {
			continue
		}
		rows = append(rows, strings.Split(line, "\t"))
	}
	return rows
}

// defaultCatalog is the embedded plan catalogue.
func defaultCatalog(t testing.TB) *bot.Catalog {
	t.Helper()
	cat, err := catalog.Default()
	if err != nil {
		t.Fatal(err)
	}
	return cat
}

// explain lists which words of text voted for which of plan's themes.
func explain(tg *Tagger, plan, text string) string {
	pt := tg.plans[plan]
	if pt == nil {
		return ""
	}
	var b strings.Builder
	for _, w := range words(text, tg.stop) {
		pt.vocab.lookup(w, tg.known.Knows, func(k string, hs []hit) {
			b.WriteString(" " + w + "->" + k + ":")
			for _, h := range hs {
				b.WriteString(fmt.Sprintf("%s=%.2f,", pt.themes[h.theme].Key, h.weight))
			}
		})
	}
	return b.String()
}
