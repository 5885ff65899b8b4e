package insight

import (
	"bytes"
	"slices"
	"testing"

	"github.com/askerkommune/temaplanbot/bot"
)

// TestDefaultModel checks that the committed model loads and is used for
// every plan with written themes (it was trained on the present themes).
func TestDefaultModel(t *testing.T) {
	m, err := DefaultModel()
	if err != nil {
		t.Fatal(err)
	}
	tg := NewTaggerWith(defaultCatalog(t), m)
	if len(tg.plans) == 0 {
		t.Fatal("no plan with written themes")
	}
	for id, pt := range tg.plans {
		if pt.model == nil {
			t.Errorf("plan %s: the committed model was not trained on its themes %v (run go generate ./internal/insight)", id, keys(pt.themes))
		}
	}
	if tg.Version() == NewTaggerWith(defaultCatalog(t), nil).Version() {
		t.Error("the model does not change the tags' version")
	}
}

// TestModelOnlyForItsThemes renames one of a plan's themes: that plan is
// then tagged by the word table alone, the others keep the model.
func TestModelOnlyForItsThemes(t *testing.T) {
	cat := defaultCatalog(t)
	m, err := DefaultModel()
	if err != nil {
		t.Fatal(err)
	}
	changed := *cat
	changed.Plans = slices.Clone(cat.Plans)
	for i, p := range changed.Plans {
		if p.ID == "klima" {
			themes := map[bot.Lang][]string{}
			for l, list := range p.Themes {
				themes[l] = slices.Clone(list)
			}
			themes[bot.NB][0] = "mobilitet"
			p.Themes = themes
			changed.Plans[i] = p
		}
	}
	tg := NewTaggerWith(&changed, m)
	if tg.plans["klima"].model != nil {
		t.Error("klima's themes changed, but the model trained on the old ones is used")
	}
	if tg.plans["kultur"].model == nil {
		t.Error("kultur's themes did not change, but its model is not used")
	}
	if got := tg.Tag("klima", "Flere ladestasjoner for elbil ved Asker stasjon"); len(got) == 0 || got[0] != "mobilitet" {
		t.Errorf("the table alone tags a charging station as %v, want mobilitet (the renamed transport theme)", got)
	}
}

// TestTrainSaveLoad trains twice with the same seed (the same bytes), and
// reads the saved model back to the same tags.
func TestTrainSaveLoad(t *testing.T) {
	cat := defaultCatalog(t)
	base := NewTaggerWith(cat, nil)
	var exs []Example
	for _, r := range readTSV(t, "testdata/dev_themes.tsv") {
		exs = append(exs, Example{Plan: r[0], Theme: r[1], Text: r[2]})
	}
	var a, b bytes.Buffer
	if err := Train(base, exs, TrainOptions{Seed: 7, Epochs: 5}).Save(&a); err != nil {
		t.Fatal(err)
	}
	if err := Train(base, exs, TrainOptions{Seed: 7, Epochs: 5}).Save(&b); err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(a.Bytes(), b.Bytes()) {
		t.Error("the same data and seed gave different models")
	}
	m, err := LoadModel(bytes.NewReader(a.Bytes()))
	if err != nil {
		t.Fatal(err)
	}
	tg := NewTaggerWith(cat, m)
	for _, e := range exs[:20] {
		if got := tg.Tag(e.Plan, e.Text); len(got) == 0 {
			t.Errorf("no theme for a training input: %s", e.Text)
		}
	}
	if _, err := LoadModel(bytes.NewReader(a.Bytes()[:a.Len()/2])); err == nil {
		t.Error("a truncated model file loaded without error")
	}
}

// TestHeldOutThemes scores the committed model on labelled inputs it was
// never trained on (testdata/heldout*_themes.tsv, pooled); it fails when a
// retraining or a change of the word table makes the tagger generalise
// worse than the floor.
func TestHeldOutThemes(t *testing.T) {
	tg := NewTagger(defaultCatalog(t))
	ok, n := 0, 0
	for _, f := range []string{"testdata/heldout_themes.tsv", "testdata/heldout5_themes.tsv", "testdata/heldout7_themes.tsv"} {
		rows := readTSV(t, f)
		right := 0
		for _, r := range rows {
			if got := tg.Tag(r[0], r[2]); len(got) > 0 && got[0] == r[1] {
				right++
			} else {
				t.Logf("%s: want %s got %v: %s", f, r[1], got, r[2])
			}
		}
		t.Logf("%s: %d of %d", f, right, len(rows))
		ok, n = ok+right, n+len(rows)
	}
	if n < 200 || ok*100 < n*heldOutFloor {
		t.Errorf("held-out inputs: first theme right for %d of %d, want >= %d%% of at least 200", ok, n, heldOutFloor)
	}
}

// heldOutFloor is the least share (%) of held-out inputs whose first theme
// must be the label (sets 1, 5 and 7 with the final model: 207 of 223 =
// 92.8%, see BENCHMARKS.md, issue 23; the word table alone gets 187 = 83.9%).
const heldOutFloor = 90
