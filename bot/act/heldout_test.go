package act_test

import (
	"bufio"
	"os"
	"strings"
	"testing"

	"github.com/askerkommune/temaplanbot/bot/act"
)

// TestHeldOut scores the committed model on turns it was never trained on
// (testdata/acts_heldout.tsv); it fails when a retraining makes the model
// generalise worse than the floor.
func TestHeldOut(t *testing.T) {
	m, err := act.Default()
	if err != nil {
		t.Fatal(err)
	}
	f, err := os.Open("testdata/acts_heldout.tsv")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	right, total := 0, 0
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		a, text, ok := strings.Cut(sc.Text(), "\t")
		if !ok || strings.HasPrefix(a, "#") {
			continue
		}
		total++
		if got, _ := m.Best(text); got == act.Act(a) {
			right++
		} else {
			t.Logf("%q: %s, labelled %s", text, got, a)
		}
	}
	if total < 100 || float64(right) < 0.85*float64(total) {
		t.Errorf("held-out turns: %d/%d right, want at least 85%% of at least 100", right, total)
	}
}
