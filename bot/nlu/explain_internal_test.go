package nlu

import (
	"fmt"
	"os"
	"strings"
	"testing"

	"github.com/askerkommune/temaplanbot/internal/catalog"
)

// TestAtoms prints how the matcher reads each word of the questions in
// NLU_ATOMS (one a line), for debugging; skipped by default.
func TestAtoms(t *testing.T) {
	qs := os.Getenv("NLU_ATOMS")
	if qs == "" {
		t.Skip("set NLU_ATOMS='question|question' to print how the matcher reads them")
	}
	c, err := catalog.Default()
	if err != nil {
		t.Fatal(err)
	}
	m := New(c)
	for _, q := range strings.Split(qs, "|") {
		var a analysis
		a.scores = make([]float32, len(m.ids))
		m.analyse(q, &a)
		fmt.Printf("%q cues=%s nb=%d en=%d q=%v unknown=%d\n", q, cueNames(a.cues), a.nb, a.en, a.question, a.unknown)
		for _, at := range a.atoms {
			desc := "?"
			if at.entry >= 0 {
				e := m.entries[at.entry]
				desc = cueNames(e.cues)
				for _, pw := range e.plans {
					desc += fmt.Sprintf(" %s:%.2f", m.ids[pw.plan], pw.w)
				}
			}
			fmt.Printf("   %-12s %-16s fuzzy=%v part=%v %s\n", a.toks[at.tok], at.key, at.fuzzy, at.part, desc)
		}
		for i, s := range a.scores {
			if s > 0 {
				fmt.Printf("   score %s %.2f\n", m.ids[i], s)
			}
		}
	}
}

func cueNames(c cue) string {
	names := []string{"purpose", "themes", "start", "when", "list", "which", "define", "about",
		"temaplan", "planword", "participate", "input", "opinion", "meeting", "corona", "help",
		"greet", "thanks", "info", "offtopic", "how", "what", "ask", "wish", "noanswer"}
	var out []string
	for i, n := range names {
		if c&(1<<i) != 0 {
			out = append(out, n)
		}
	}
	return strings.Join(out, ",")
}
